import Foundation
import Storage

/// Completed chat responses stored in SQLite by request key, so reruns send no HTTP requests.
///
/// The actor owns its own connection (SQLite connections are not `Sendable`), which may point
/// at the herald database itself or a separate file; the table is created when missing. Rows
/// hold the canonical request body, which contains no credentials, and the response as
/// canonical JSON.
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
  private let connection: SQLiteConnection

  /// Opens (creating when needed) the cache at `path`.
  public init(path: String) throws(LLMError) {
    self.path = path
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
    do {
      try connection.prepare(
        "INSERT OR REPLACE INTO llm_cache(key, model, request, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"
      ).run([.text(key), .text(model), .text(body), .text(response.json), .text(Timestamp.now())])
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
    do {
      return try connection.scalarInt("SELECT count(*) FROM llm_cache") ?? 0
    } catch {
      throw .cache(path: path, reason: Self.reason(error))
    }
  }
}
