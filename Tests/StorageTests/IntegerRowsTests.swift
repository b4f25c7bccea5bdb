import Testing

@testable import Storage

/// `IntegerRows`: rows of integers inserted many to a statement step, the last partial batch by
/// `finish`.
@Suite struct IntegerRowsTests {
  private func rows(_ connection: SQLiteConnection) throws -> [[Int]] {
    let query = try connection.prepare("SELECT a, b, c FROM t ORDER BY rowid")
    var result: [[Int]] = []
    while try query.step() { result.append([query.int(0), query.int(1), query.int(2)]) }
    return result
  }

  @Test(arguments: [0, 1, 3, 4, 7, 9])
  func everyRowArrivesInOrderWhateverTheCount(count: Int) throws {
    let connection = try SQLiteConnection(path: ":memory:")
    try connection.execute("CREATE TABLE t(a INTEGER, b INTEGER, c INTEGER)")
    var writer = try IntegerRows(connection, table: "t", columns: ["a", "b", "c"], rowsPerStep: 3)
    let expected = (0..<count).map { [$0, -$0, Int.max - $0] }
    for row in expected {
      for value in row { try writer.add(value) }
    }
    // Full batches are in before `finish`; the rest only after it.
    #expect(try rows(connection) == Array(expected.prefix(count / 3 * 3)))
    try writer.finish()
    #expect(try rows(connection) == expected)
    try writer.finish()
    #expect(try rows(connection).count == count)
  }

  @Test func aRefusedBatchThrowsWithTheStatement() throws {
    let connection = try SQLiteConnection(path: ":memory:")
    try connection.execute("CREATE TABLE t(a INTEGER PRIMARY KEY, b INTEGER, c INTEGER)")
    var writer = try IntegerRows(connection, table: "t", columns: ["a", "b", "c"], rowsPerStep: 2)
    for value in [1, 0, 0] { try writer.add(value) }
    var thrown: StorageError?
    do {
      for value in [1, 0, 0] { try writer.add(value) }
    } catch {
      thrown = error
    }
    guard case .sqlite(_, let message, let sql) = thrown else {
      Issue.record("expected an SQLite error, got \(String(describing: thrown))")
      return
    }
    #expect(message.contains("UNIQUE"))
    #expect(sql.hasPrefix("INSERT INTO t(a, b, c) VALUES (?, ?, ?), (?, ?, ?)"))
    #expect(try rows(connection).isEmpty)
  }
}
