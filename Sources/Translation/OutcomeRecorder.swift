import Foundation

/// Commits the translate stage's outcomes in small batches: at most `batch` outcomes, and none
/// older than `maximumAge`, wait for their commit.
///
/// Every commit by one SQLite connection discards the page caches of the others on the same
/// file (the retrieval index's and the request cache's), and at hundreds of outcomes a second
/// those re-reads were the largest cost of a large run. What waits is at risk only if herald is
/// killed outright (a run stopped by Ctrl-C or by an error commits it first), and then only
/// `batch - 1` outcomes. Reads see waiting outcomes, so a dependent's prompt shows a
/// translation before its commit.
final class OutcomeRecorder {
  let store: TranslationStore
  let batch: Int
  let maximumAge: Duration
  private var waiting: [(outcome: TranslationOutcome, origin: TranslationStore.Origin)] = []
  private var waitingTranslations: [String: (name: String, statement: String)] = [:]
  private var oldest: ContinuousClock.Instant?

  init(store: TranslationStore, batch: Int, maximumAge: Duration = .milliseconds(100)) {
    self.store = store
    self.batch = max(1, batch)
    self.maximumAge = maximumAge
  }

  /// Outcomes not yet committed.
  var uncommitted: Int { waiting.count }

  /// Records `outcome`; commits the batch when it is full or its oldest outcome is too old.
  func add(_ outcome: TranslationOutcome, _ origin: TranslationStore.Origin) throws {
    waiting.append((outcome, origin))
    if outcome.status == .translated, let name = outcome.informalName, let statement = outcome.informalStatement {
      waitingTranslations[outcome.name] = (name, statement)
    }
    let now = ContinuousClock.now
    if oldest == nil { oldest = now }
    if waiting.count >= batch || now - (oldest ?? now) >= maximumAge { try flush() }
  }

  /// Commits every waiting outcome in one transaction.
  func flush() throws {
    guard !waiting.isEmpty else { return }
    try store.record(waiting)
    waiting.removeAll(keepingCapacity: true)
    waitingTranslations.removeAll(keepingCapacity: true)
    oldest = nil
  }

  /// The informal name and statement of `name`, committed or waiting.
  func translation(of name: String) -> (name: String, statement: String)? {
    if let waiting = waitingTranslations[name] { return waiting }
    return (try? store.translation(of: name)) ?? nil
  }
}
