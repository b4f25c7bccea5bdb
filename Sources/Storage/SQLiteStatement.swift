import CSQLite

/// SQLite's "copy the bytes now" destructor, which Swift cannot spell as a constant.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement; rows are read with the typed column accessors after `step()`.
public final class SQLiteStatement {
  private let raw: OpaquePointer
  private unowned let connection: SQLiteConnection
  private let sql: String

  init(connection: SQLiteConnection, sql: String) throws(StorageError) {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v3(
      connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard status == SQLITE_OK, let statement else {
      throw .sqlite(code: status, message: connection.lastErrorMessage, sql: sql)
    }
    self.raw = statement
    self.connection = connection
    self.sql = sql
  }

  deinit { sqlite3_finalize(raw) }

  /// Resets the statement and clears its bindings.
  public func reset() {
    sqlite3_reset(raw)
    sqlite3_clear_bindings(raw)
  }

  /// Binds positional parameters `?1…?n`.
  public func bind(_ values: [SQLiteValue]) throws(StorageError) {
    for (offset, value) in values.enumerated() {
      try bind(value, at: Int32(offset + 1))
    }
  }

  /// Binds `values` to the parameters from `first` (1-based) on, leaving the others as they are.
  public func bind(_ values: [SQLiteValue], from first: Int32) throws(StorageError) {
    for (offset, value) in values.enumerated() {
      try bind(value, at: first + Int32(offset))
    }
  }

  /// Binds an integer parameter (1-based) without going through `SQLiteValue`, for bulk inserts
  /// of numbers (a statement stepped to its end is reset, and each parameter is bound again).
  public func bind(int value: Int, at index: Int32) throws(StorageError) {
    let status = sqlite3_bind_int64(raw, index, Int64(value))
    if status != SQLITE_OK {
      throw .sqlite(code: status, message: connection.lastErrorMessage, sql: sql)
    }
  }

  /// Binds one parameter (1-based).
  public func bind(_ value: SQLiteValue, at index: Int32) throws(StorageError) {
    let status: Int32
    switch value {
    case .null: status = sqlite3_bind_null(raw, index)
    case .int(let number): status = sqlite3_bind_int64(raw, index, Int64(number))
    case .double(let number): status = sqlite3_bind_double(raw, index, number)
    case .text(let text):
      var text = text
      status = text.withUTF8 { buffer in
        sqlite3_bind_text(
          raw, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
          Int32(buffer.count), transientDestructor)
      }
    }
    if status != SQLITE_OK {
      throw .sqlite(code: status, message: connection.lastErrorMessage, sql: sql)
    }
  }

  /// Advances to the next row; `false` when done.
  @discardableResult
  public func step() throws(StorageError) -> Bool {
    let status = sqlite3_step(raw)
    switch status {
    case SQLITE_ROW: return true
    case SQLITE_DONE:
      // Ends the statement's implicit read transaction right away.
      sqlite3_reset(raw)
      return false
    default:
      let message = connection.lastErrorMessage
      sqlite3_reset(raw)
      throw .sqlite(code: status, message: message, sql: sql)
    }
  }

  /// Binds, runs to completion and resets: for INSERT/UPDATE/DELETE.
  public func run(_ values: [SQLiteValue]) throws(StorageError) {
    reset()
    try bind(values)
    try step()
    sqlite3_reset(raw)
  }

  /// The number of columns a row of this statement has.
  public var columnCount: Int32 { sqlite3_column_count(raw) }

  /// Whether column `index` (0-based) is NULL in the current row.
  public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(raw, index) == SQLITE_NULL }

  /// Column `index` as an integer.
  public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(raw, index)) }

  /// Column `index` as a double.
  public func double(_ index: Int32) -> Double { sqlite3_column_double(raw, index) }

  /// Column `index` as text, or `nil` when NULL.
  public func text(_ index: Int32) -> String? {
    guard let pointer = sqlite3_column_text(raw, index) else { return nil }
    let count = Int(sqlite3_column_bytes(raw, index))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  /// Column `index` as raw UTF-8 bytes handed to `body` without copying (valid only inside it).
  public func withBytes<T>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    guard let pointer = sqlite3_column_text(raw, index) else {
      return body(UnsafeBufferPointer(start: nil, count: 0))
    }
    return body(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, index))))
  }
}
