import CSQLite
import Foundation

/// A single SQLite connection with a statement cache.
///
/// Not `Sendable`: a connection belongs to one task or actor at a time, as SQLite's
/// multi-thread mode requires.
public final class SQLiteConnection {
  /// The raw handle, owned by this object.
  let handle: OpaquePointer
  /// Where the database lives (`:memory:` for an in-memory one).
  public let path: String
  private var cache: [String: SQLiteStatement] = [:]
  /// The closure `observeLog` installed, kept alive for as long as SQLite may call it.
  private var logObserver: LogObserver?

  /// Whether the connection was opened read-only.
  public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

  /// Opens (creating when allowed) a database file.
  public init(path: String, readOnly: Bool = false, create: Bool = true) throws(StorageError) {
    var raw: OpaquePointer?
    var flags = SQLITE_OPEN_NOMUTEX
    if readOnly {
      flags |= SQLITE_OPEN_READONLY
    } else {
      flags |= SQLITE_OPEN_READWRITE
      if create { flags |= SQLITE_OPEN_CREATE }
    }
    let status = sqlite3_open_v2(path, &raw, flags, nil)
    guard status == SQLITE_OK, let raw else {
      let message = raw.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      if let raw { sqlite3_close_v2(raw) }
      throw .cannotOpen(path: path, message: message)
    }
    self.handle = raw
    self.path = path
    sqlite3_extended_result_codes(raw, 1)
    // Another connection holding the write lock (herald's stages and caches each have one) keeps
    // it for well under a millisecond, so wait in short steps: SQLite's own busy_timeout sleeps
    // up to 100 ms between tries, which stalled every writer behind it. Gives up after ~30 s.
    sqlite3_busy_handler(
      raw,
      { _, tries in
        if tries < 500 {
          usleep(200)
        } else if tries < 3_500 {
          usleep(10_000)
        } else {
          return 0
        }
        return 1
      }, nil)
  }

  deinit {
    if logObserver != nil { sqlite3_wal_hook(handle, nil, nil) }
    cache.removeAll()
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements that return no rows.
  public func execute(_ sql: String) throws(StorageError) {
    var error: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(handle, sql, nil, nil, &error)
    if status != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
      sqlite3_free(error)
      throw .sqlite(code: status, message: message, sql: sql)
    }
  }

  /// A prepared statement for `sql`, reset and reused across calls.
  public func prepare(_ sql: String) throws(StorageError) -> SQLiteStatement {
    if let cached = cache[sql] {
      cached.reset()
      return cached
    }
    let statement = try SQLiteStatement(connection: self, sql: sql)
    cache[sql] = statement
    return statement
  }

  /// Runs `body` inside `BEGIN … COMMIT`, so that all its reads see one snapshot of the database
  /// while other connections write.
  public func readTransaction<T>(_ body: () throws -> T) throws -> T {
    try transaction(beginning: "BEGIN", body)
  }

  /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try transaction(beginning: "BEGIN IMMEDIATE", body)
  }

  private func transaction<T>(beginning begin: String, _ body: () throws -> T) throws -> T {
    try execute(begin)
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// Calls `observer` after every commit of this connection to a database in WAL mode, on the
  /// committing thread, with the number of frames the write-ahead log then holds; when it returns
  /// true, this connection then checkpoints the log (passively) before the commit returns.
  /// SQLite's automatic checkpoints stop (`PRAGMA wal_autocheckpoint` brings them back and removes
  /// the observer): the observer decides when to checkpoint, and can leave most of the copying to
  /// another connection, so that it never holds up this one's writes.
  public func observeLog(_ observer: @escaping @Sendable (_ frames: Int) -> Bool) {
    let box = LogObserver(observer)
    logObserver = box
    sqlite3_wal_hook(
      handle,
      { context, database, name, frames in
        guard let context else { return SQLITE_OK }
        if Unmanaged<LogObserver>.fromOpaque(context).takeUnretainedValue().call(Int(frames)) {
          // As SQLite's own automatic checkpoint does: a failure leaves the frames in the log.
          sqlite3_wal_checkpoint_v2(database, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
        return SQLITE_OK
      }, Unmanaged.passUnretained(box).toOpaque())
  }

  /// The rowid of the last inserted row.
  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Rows changed by the last statement.
  public var changes: Int { Int(sqlite3_changes(handle)) }

  /// The single integer a scalar query returns, or `nil` when it returns no row or NULL.
  public func scalarInt(_ sql: String, _ arguments: [SQLiteValue] = []) throws(StorageError) -> Int? {
    let statement = try prepare(sql)
    defer { statement.reset() }
    try statement.bind(arguments)
    guard try statement.step(), !statement.isNull(0) else { return nil }
    return statement.int(0)
  }

  /// The single text a scalar query returns, or `nil`.
  public func scalarText(_ sql: String, _ arguments: [SQLiteValue] = []) throws(StorageError) -> String? {
    let statement = try prepare(sql)
    defer { statement.reset() }
    try statement.bind(arguments)
    guard try statement.step() else { return nil }
    return statement.text(0)
  }

  /// The message of the last error on this connection.
  var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A log observer in a class, so that SQLite can hold a pointer to it.
private final class LogObserver {
  let call: @Sendable (Int) -> Bool

  init(_ call: @escaping @Sendable (Int) -> Bool) {
    self.call = call
  }
}

/// A value bound to a statement parameter.
public enum SQLiteValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  case null
  case int(Int)
  case double(Double)
  case text(String)

  public init(stringLiteral value: String) { self = .text(value) }
  public init(integerLiteral value: Int) { self = .int(value) }

  /// `.text` for a string, `.null` for `nil`.
  public static func optional(_ text: String?) -> SQLiteValue { text.map { .text($0) } ?? .null }
  /// `.int` for a number, `.null` for `nil`.
  public static func optional(_ number: Int?) -> SQLiteValue { number.map { .int($0) } ?? .null }
  /// 1 or 0.
  public static func bool(_ value: Bool) -> SQLiteValue { .int(value ? 1 : 0) }
}
