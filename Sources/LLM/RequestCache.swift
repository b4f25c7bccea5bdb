import Foundation
import Storage

/// Completed chat responses stored in SQLite by request key, so reruns send no HTTP requests.
///
/// The actor owns its own connection (SQLite connections are not `Sendable`), which may point
/// at the herald database itself or a separate file; the table is created when missing. Rows
/// hold the canonical request body, which contains no credentials, and the response as
/// canonical JSON.
///
/// New rows are written in batches of `batchSize` (one transaction each, not one per answer:
/// the commits of a busy stage cost more than everything else it stores); `flush()` writes the
/// rest, and the stages call it when they end. Lookups see rows not yet written. Should herald
/// be killed between two batches, the answers of the last batch are asked again only for
/// declarations whose outcome was not recorded either (the stages record outcomes at once).
public actor RequestCache {
  /// The table, created when missing; keys are SHA-256 hex digests of canonical request bodies.
  public static let tableSQL = """
    CREATE TABLE IF NOT EXISTS llm_cache(
      key TEXT PRIMARY KEY,
      model TEXT NOT NULL,
      request TEXT NOT NULL,
      response TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    """

  /// Where the cache lives (`:memory:` for a private in-memory one).
  public nonisolated let path: String
  /// How many new rows are kept before they are written together.
  public nonisolated let batchSize: Int
  private let connection: SQLiteConnection
  /// Rows not yet written (written when the cache goes away, should no one flush them).
  private let pending: PendingCacheRows

  /// Opens (creating when needed) the cache at `path`.
  public init(path: String, batchSize: Int = 64) throws(LLMError) {
    self.path = path
    self.batchSize = max(1, batchSize)
    do {
      if path != ":memory:" && !path.isEmpty {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      }
      let connection = try SQLiteConnection(path: path)
      // Other stages may write the same file through their own connections: SQLiteConnection
      // waits for the lock (in short steps) rather than failing.
      if path != ":memory:" {
        _ = try connection.scalarText("PRAGMA journal_mode = WAL")
        // As every herald connection: a commit does not wait for the disk (a cache row lost to a
        // power cut is asked again). FULL made each stored answer an fsync of the shared WAL.
        try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384;")
      }
      try Self.createTable(on: connection)
      self.connection = connection
      self.pending = PendingCacheRows(connection: connection)
    } catch {
      throw .cache(path: path, reason: Self.reason(error))
    }
  }

  /// Creates the cache table on a connection the caller owns (e.g. the herald database's).
  public static func createTable(on connection: SQLiteConnection) throws(StorageError) {
    try connection.execute(tableSQL)
  }

  /// The stored response for `key`; nil when absent or when the row no longer decodes (it will be replaced).
  public func response(forKey key: String) throws(LLMError) -> ChatResponse? {
    if let waiting = pending.byKey[key] { return waiting }
    let text: String?
    do {
      text = try connection.scalarText("SELECT response FROM llm_cache WHERE key = ?1", [.text(key)])
    } catch {
      throw .cache(path: path, reason: Self.reason(error))
    }
    guard let text else { return nil }
    return try? ChatResponse(body: Data(text.utf8), source: "the cache")
  }

  /// Stores `response` as the answer to `request`, replacing any earlier row for the same key.
  public func store(_ response: ChatResponse, for request: ChatRequest) throws(LLMError) {
    try store(response, key: request.cacheKey, model: request.model, body: request.body)
  }

  /// Stores `response` under `key`, the SHA-256 of the canonical request `body` (given when the
  /// caller has them already).
  public func store(_ response: ChatResponse, key: String, model: String, body: String) throws(LLMError) {
    pending.append(key: key, model: model, body: body, response: response)
    if pending.rows.count >= batchSize { try flush() }
  }

  /// Writes the rows not yet written, in one transaction.
  public func flush() throws(LLMError) {
    do {
      try pending.write()
    } catch {
      throw .cache(path: path, reason: Self.reason(error))
    }
  }

  /// The short cause of a storage failure, without StorageError's own remedy sentence.
  private static func reason(_ error: any Error) -> String {
    switch error as? StorageError {
    case .cannotOpen(_, let message): return message
    case .sqlite(let code, let message, _): return "SQLite error \(code): \(message)"
    default: return String(describing: error)
    }
  }

  /// Rows stored.
  public func count() throws(LLMError) -> Int {
    try flush()
    do {
      return try connection.scalarInt("SELECT count(*) FROM llm_cache") ?? 0
    } catch {
      throw .cache(path: path, reason: Self.reason(error))
    }
  }
}

/// The cache rows not yet written, and the connection they go to. A class of its own so that
/// what is left is written when the cache goes away (an actor's deinit cannot use its connection).
private final class PendingCacheRows {
  typealias Row = (key: String, model: String, body: String, response: ChatResponse, created: String)

  let connection: SQLiteConnection
  private(set) var rows: [Row] = []
  private(set) var byKey: [String: ChatResponse] = [:]

  init(connection: SQLiteConnection) {
    self.connection = connection
  }

  func append(key: String, model: String, body: String, response: ChatResponse) {
    rows.append((key, model, body, response, Timestamp.now()))
    byKey[key] = response
  }

  /// Writes every row in one transaction; on failure they stay, to be tried again.
  func write() throws {
    guard !rows.isEmpty else { return }
    try connection.transaction {
      let insert = try connection.prepare(
        "INSERT OR REPLACE INTO llm_cache(key, model, request, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      for row in rows {
        try insert.run([
          .text(row.key), .text(row.model), .text(row.body), .text(row.response.json), .text(row.created),
        ])
      }
    }
    rows.removeAll(keepingCapacity: true)
    byKey.removeAll(keepingCapacity: true)
  }

  deinit {
    // An error has nowhere to go here; the answers would be asked again.
    try? write()
  }
}
