/// Failures of the database layer, each with the remedy a person needs.
public enum StorageError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The file could not be opened as a database.
  case cannotOpen(path: String, message: String)
  /// The file exists but was written by another schema version.
  case schemaMismatch(path: String, found: Int, expected: Int)
  /// The file is an SQLite database but not one of herald's.
  case notHeraldDatabase(path: String)
  /// A statement failed.
  case sqlite(code: Int32, message: String, sql: String)
  /// The file has this herald's schema version but lacks one of its tables.
  case incomplete(path: String, table: String)
  /// The database was expected to exist (a read-only command) but does not.
  case missing(path: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let message):
      return "cannot open database '\(path)': \(message). Check the path and that its folder is writable."
    case .schemaMismatch(let path, let found, let expected):
      return "database '\(path)' has schema version \(found) but this herald needs version \(expected); "
        + "move it aside and re-run 'herald extract' with a new --db (the analyzer cache is reused)."
    case .notHeraldDatabase(let path):
      return "'\(path)' is an SQLite database but not a herald database; choose another --db path."
    case .sqlite(let code, let message, let sql):
      let head = sql.split(separator: "\n").first.map(String.init) ?? sql
      return "SQLite error \(code): \(message) (in: \(head.prefix(80)))"
    case .incomplete(let path, let table):
      return "database '\(path)' lacks the table '\(table)' (it was written by a development build of herald); "
        + "move it aside and re-run 'herald extract' with a new --db (the analyzer cache is reused)."
    case .missing(let path):
      return "database '\(path)' does not exist; run 'herald extract' first to create it."
    }
  }
}
