import Foundation
import HeraldCore
import LLM
import Records
import Storage

/// Informal names and statements for the tactic states herald augment made into theorems: each
/// asked with its parent theorem's statement and translation in the prompt
/// (`pipelines/prompts/tactic-state.md`), after the declarations (a state's parent must be
/// translated first). Outcomes go to the `augmentations` rows; endpoint failures are asked again
/// on a rerun, unusable answers only with `--retry-unusable`.
struct TacticStateTranslation {
  let translator: Translator
  let options: TranslateOptions

  /// The prompt file's name in the prompts folder.
  static let promptFile = "tactic-state.md"

  /// What one state needs from its parent.
  struct Parent {
    var statement: String
    var informalStatement: String
  }

  /// Translates every waiting state whose parent is translated; returns the counts.
  func run(_ connection: SQLiteConnection, runID: Int, progress: any ProgressSink) async throws
    -> TranslateReport.Augmented
  {
    var counts = TranslateReport.Augmented()
    let store = AugmentationStore(connection: connection)
    var states = try store.untranslatedTacticStates(retryUnusable: options.retryUnusable)
    // A shard takes the states of the theorems it takes (module filters were applied when the
    // states were made).
    if let shard = options.shard {
      states = states.filter { state in state.augmentation.parentName.map(shard.contains) ?? false }
    }
    guard !states.isEmpty else { return counts }
    let template = try ChatTemplate.load(path: options.prompts + "/" + Self.promptFile, required: "formal_statement")
    var parents: [String: Parent?] = [:]
    var work: [(state: AugmentationStore.Row, parent: Parent)] = []
    for state in states {
      guard let name = state.augmentation.parentName else { continue }
      if parents[name] == nil { parents[name] = try parent(name, connection) }
      guard let parent = parents[name] ?? nil else {
        counts.waiting += 1
        continue
      }
      work.append((state, parent))
    }
    progress.start(total: work.count, label: "translate tactic states")
    let translator = translator
    try await withThrowingTaskGroup(of: (AugmentationStore.Row, TranslationOutcome).self) { group in
      var next = 0
      var inFlight = 0
      while true {
        while inFlight < max(1, options.concurrency), next < work.count, !Task.isCancelled {
          let (state, parent) = work[next]
          next += 1
          inFlight += 1
          let messages = template.render([
            "parent_formal": parent.statement, "parent_informal_statement": parent.informalStatement,
            "step": String(state.augmentation.step ?? 0),
            "formal_statement": (state.statement ?? "") + " := sorry",
          ]).map { ChatMessage(role: $0.role, content: $0.content) }
          group.addTask { (state, try await translator.translate(name: state.name, messages: messages)) }
        }
        guard let (state, outcome) = try await group.next() else { break }
        inFlight -= 1
        let fault =
          outcome.status == .failed
          ? AugmentationStore.Fault(reason: outcome.reason ?? "failed", detail: outcome.detail ?? "no detail") : nil
        try store.recordInformalization(
          id: state.id, status: outcome.status.rawValue, reason: outcome.reason, informalName: outcome.informalName,
          informalStatement: outcome.informalStatement, rawAnswer: outcome.rawAnswer, attempts: outcome.attempts,
          model: translator.model, promptVersion: template.version, fault: fault, runID: runID)
        switch outcome.status {
        case .translated: counts.translated += 1
        case .abstained: counts.abstained += 1
        case .failed: counts.failed += 1
        }
        progress.advance(item: state.name)
      }
    }
    progress.finish()
    counts.waiting += work.count - counts.translated - counts.abstained - counts.failed
    return counts
  }

  /// The parent's statement and informal statement, when it is translated.
  private func parent(_ name: String, _ connection: SQLiteConnection) throws -> Parent? {
    let query = try connection.prepare(
      """
      SELECT coalesce(d.statement, s.name || ' : ' || s.type), t.informal_statement
      FROM translations t JOIN symbols s ON s.name = t.name LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE t.name = ?1 AND t.status = 'translated'
      """)
    try query.bind([.text(name)])
    defer { query.reset() }
    guard try query.step(), let statement = query.text(0), let informal = query.text(1) else { return nil }
    return Parent(statement: statement, informalStatement: informal)
  }
}
