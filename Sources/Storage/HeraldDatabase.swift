import Foundation

/// Opens herald databases: applies the connection settings, creates the schema in a new file and
/// refuses a file written by another schema version.
public enum HeraldDatabase {
  /// Opens `path` for writing, creating the file and its schema when absent.
  public static func openForWriting(path: String) throws(StorageError) -> SQLiteConnection {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if !FileManager.default.fileExists(atPath: directory) {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw .cannotOpen(path: path, message: "cannot create folder '\(directory)': \(error.localizedDescription)")
      }
    }
    let connection = try SQLiteConnection(path: path)
    try prepare(connection, createIfEmpty: true)
    return connection
  }

  /// Opens an existing database; a missing file is an error with the remedy.
  public static func openExisting(path: String, readOnly: Bool = false) throws(StorageError) -> SQLiteConnection {
    guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
    let connection = try SQLiteConnection(path: path, readOnly: readOnly, create: false)
    try prepare(connection, createIfEmpty: false)
    return connection
  }

  /// An in-memory database with the schema, for tests and scratch work.
  public static func inMemory() throws(StorageError) -> SQLiteConnection {
    let connection = try SQLiteConnection(path: ":memory:")
    try prepare(connection, createIfEmpty: true)
    return connection
  }

  private static func prepare(_ connection: SQLiteConnection, createIfEmpty: Bool) throws(StorageError) {
    let path = connection.path
    // A file that is not SQLite fails on the first read, so probe before touching settings.
    let tables: Int
    do {
      tables = try connection.scalarInt("SELECT count(*) FROM sqlite_master") ?? 0
    } catch {
      throw .cannotOpen(path: path, message: "not an SQLite database (\(error))")
    }
    if tables == 0 {
      guard createIfEmpty else { throw .notHeraldDatabase(path: path) }
      try connection.execute(Schema.pragmas)
      try connection.execute("BEGIN IMMEDIATE")
      do {
        try connection.execute(Schema.statements)
        try connection.execute(
          "INSERT INTO herald_meta(key, value) VALUES ('schema_version', '\(Schema.version)'),"
            + " ('graph_state', 'stale')")
        try connection.execute("COMMIT")
      } catch {
        try? connection.execute("ROLLBACK")
        throw error
      }
      return
    }
    let hasMeta =
      try connection.scalarInt(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'herald_meta'") ?? 0
    guard hasMeta == 1 else { throw .notHeraldDatabase(path: path) }
    var found = Int(try connection.scalarText("SELECT value FROM herald_meta WHERE key = 'schema_version'") ?? "") ?? -1
    if found < Schema.version, !connection.isReadOnly, Schema.migrations[found] != nil {
      try upgrade(connection, from: found)
      found = Schema.version
    }
    guard found == Schema.version else {
      throw .schemaMismatch(path: path, found: found, expected: Schema.version)
    }
    // A file of the right version but missing a table came from a development build.
    let query = try connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    var present: Set<String> = []
    while try query.step() { present.insert(query.text(0) ?? "") }
    if let missing = Schema.tableNames.first(where: { !present.contains($0) }) {
      throw .incomplete(path: path, table: missing)
    }
    try connection.execute(Schema.pragmas)
  }

  /// Applies the migrations from `version` up to the current one in one transaction, with
  /// foreign keys off so that a migration can rebuild a table that others reference; the keys
  /// are checked before the commit.
  private static func upgrade(_ connection: SQLiteConnection, from version: Int) throws(StorageError) {
    try connection.execute("PRAGMA foreign_keys = OFF")
    defer { try? connection.execute("PRAGMA foreign_keys = ON") }
    try connection.execute("BEGIN IMMEDIATE")
    do throws(StorageError) {
      var current = version
      while current < Schema.version {
        guard let statements = Schema.migrations[current] else {
          throw .schemaMismatch(path: connection.path, found: version, expected: Schema.version)
        }
        try connection.execute(statements)
        current += 1
      }
      try setMeta(connection, "schema_version", String(Schema.version))
      if let table = try connection.scalarText("SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1") {
        throw .sqlite(code: 19, message: "the upgrade left rows of \(table) without their parent", sql: "")
      }
      try connection.execute("COMMIT")
    } catch {
      try? connection.execute("ROLLBACK")
      throw error
    }
  }

  /// Reads a `herald_meta` value.
  public static func meta(_ connection: SQLiteConnection, _ key: String) throws(StorageError) -> String? {
    try connection.scalarText("SELECT value FROM herald_meta WHERE key = ?1", [.text(key)])
  }

  /// Writes a `herald_meta` value.
  public static func setMeta(_ connection: SQLiteConnection, _ key: String, _ value: String) throws(StorageError) {
    try connection.prepare("INSERT OR REPLACE INTO herald_meta(key, value) VALUES (?1, ?2)")
      .run([.text(key), .text(value)])
  }
}
