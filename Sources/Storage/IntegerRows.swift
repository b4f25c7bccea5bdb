/// Inserts rows of integers into one table, many rows per statement step: in inserts of a million
/// narrow rows (the dependency graph's), stepping a statement once per row cost about as much as
/// the B-tree work itself.
public struct IntegerRows {
  private let connection: SQLiteConnection
  private let table: String
  private let columns: [String]
  private let rowsPerStep: Int
  private let full: SQLiteStatement
  /// The values of the rows not inserted yet, row after row.
  private var pending: [Int] = []

  /// Rows go into `columns` of `table` (names as written in SQL), `rowsPerStep` at a time.
  public init(
    _ connection: SQLiteConnection, table: String, columns: [String], rowsPerStep: Int = 64
  ) throws(StorageError) {
    precondition(!columns.isEmpty && rowsPerStep > 0)
    self.connection = connection
    self.table = table
    self.columns = columns
    self.rowsPerStep = rowsPerStep
    full = try connection.prepare(Self.insert(into: table, columns: columns, rows: rowsPerStep))
    pending.reserveCapacity(rowsPerStep * columns.count)
  }

  /// Adds the next value of the current row (columns in order); a full batch of rows is inserted.
  public mutating func add(_ value: Int) throws(StorageError) {
    pending.append(value)
    if pending.count == rowsPerStep * columns.count {
      try insert(pending, with: full)
      pending.removeAll(keepingCapacity: true)
    }
  }

  /// Inserts the rows added since the last full batch.
  public mutating func finish() throws(StorageError) {
    guard !pending.isEmpty else { return }
    precondition(pending.count % columns.count == 0, "IntegerRows.finish with a row half added")
    let rows = pending.count / columns.count
    try insert(pending, with: connection.prepare(Self.insert(into: table, columns: columns, rows: rows)))
    pending.removeAll(keepingCapacity: true)
  }

  private func insert(_ values: [Int], with statement: SQLiteStatement) throws(StorageError) {
    for (offset, value) in values.enumerated() {
      try statement.bind(int: value, at: Int32(offset + 1))
    }
    try statement.step()
  }

  private static func insert(into table: String, columns: [String], rows: Int) -> String {
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    return "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES "
      + Array(repeating: row, count: rows).joined(separator: ", ")
  }
}
