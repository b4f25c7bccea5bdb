import Foundation
import Testing

@testable import Storage

/// Opening, creating and refusing databases.
@Suite struct HeraldDatabaseTests {
  private func temporaryPath(_ name: String = "db.sqlite") -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-storage-\(UUID().uuidString)")
    return folder.appendingPathComponent(name).path
  }

  @Test func createsTheSchemaWithItsVersionInWALMode() throws {
    let path = temporaryPath()
    let connection = try HeraldDatabase.openForWriting(path: path)
    #expect(try HeraldDatabase.meta(connection, "schema_version") == String(Schema.version))
    #expect(try HeraldDatabase.meta(connection, "graph_state") == "stale")
    #expect(try connection.scalarText("PRAGMA journal_mode") == "wal")
    #expect(try connection.scalarInt("PRAGMA foreign_keys") == 1)
    let query = try connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    var tables: [String] = []
    while try query.step() { tables.append(query.text(0) ?? "") }
    #expect(
      tables == [
        "augmentations", "compile_results", "declarations", "dependencies", "failures", "herald_meta", "levels",
        "line_states", "modules", "proofs", "provenance", "symbol_units", "symbols", "tactic_steps", "translations",
        "validations",
      ])
  }

  @Test func refusesAnotherSchemaVersionWithTheRemedy() throws {
    let path = temporaryPath()
    let connection = try HeraldDatabase.openForWriting(path: path)
    try HeraldDatabase.setMeta(connection, "schema_version", "0")
    #expect(throws: StorageError.schemaMismatch(path: path, found: 0, expected: Schema.version)) {
      _ = try HeraldDatabase.openExisting(path: path)
    }
    let message = StorageError.schemaMismatch(path: path, found: 0, expected: Schema.version).description
    #expect(message.contains("--db"))
  }

  @Test func upgradesAVersionOneDatabaseKeepingItsRows() throws {
    let path = temporaryPath()
    do {
      // A version-1 file: the extract tables only.
      let connection = try HeraldDatabase.openForWriting(path: path)
      try connection.execute(
        "DROP TABLE translations; DROP TABLE validations; DROP TABLE compile_results; DROP TABLE augmentations; "
          + "DROP TABLE proofs")
      try HeraldDatabase.setMeta(connection, "schema_version", "1")
      try HeraldDatabase.setMeta(connection, "marker", "kept")
    }
    do {
      let readOnly = try? HeraldDatabase.openExisting(path: path, readOnly: true)
      #expect(readOnly == nil, "a read-only open cannot upgrade and must refuse")
    }
    let upgraded = try HeraldDatabase.openExisting(path: path)
    #expect(try HeraldDatabase.meta(upgraded, "schema_version") == String(Schema.version))
    #expect(try HeraldDatabase.meta(upgraded, "marker") == "kept")
    #expect(try upgraded.scalarInt("SELECT count(*) FROM translations") == 0)
    #expect(try upgraded.scalarInt("SELECT count(*) FROM validations") == 0)
  }

  @Test func upgradesAVersionTwoDatabaseKeepingItsTranslations() throws {
    let path = temporaryPath()
    do {
      // A version-2 file: extract and translate tables, with a translation.
      let connection = try HeraldDatabase.openForWriting(path: path)
      try connection.execute(
        "DROP TABLE validations; DROP TABLE compile_results; DROP TABLE augmentations; DROP TABLE proofs")
      try connection.execute(
        """
        INSERT INTO translations(name, status, attempts, model, prompt_family, prompt_version, statement_hash,
          component_size, created_at) VALUES ('A.b', 'translated', 1, 'm', 'theorem', 'v', 'h', 1, 'now')
        """)
      try HeraldDatabase.setMeta(connection, "schema_version", "2")
    }
    let upgraded = try HeraldDatabase.openExisting(path: path)
    #expect(try HeraldDatabase.meta(upgraded, "schema_version") == String(Schema.version))
    #expect(try upgraded.scalarInt("SELECT count(*) FROM translations") == 1)
    #expect(try upgraded.scalarInt("SELECT count(*) FROM validations") == 0)
    #expect(try upgraded.scalarInt("SELECT count(*) FROM compile_results") == 0)
  }

  @Test func refusesAForeignSQLiteDatabaseAndAFileThatIsNotSQLite() throws {
    let path = temporaryPath()
    try FileManager.default.createDirectory(
      atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    let foreign = try SQLiteConnection(path: path)
    try foreign.execute("CREATE TABLE notes(text TEXT)")
    #expect(throws: StorageError.notHeraldDatabase(path: path)) { _ = try HeraldDatabase.openForWriting(path: path) }

    let textPath = temporaryPath("notes.txt")
    try FileManager.default.createDirectory(
      atPath: URL(fileURLWithPath: textPath).deletingLastPathComponent().path, withIntermediateDirectories: true)
    try "just some text, long enough to look like a header of something".write(
      toFile: textPath, atomically: true, encoding: .utf8)
    #expect(throws: StorageError.self) { _ = try HeraldDatabase.openForWriting(path: textPath) }
  }

  @Test func refusesADatabaseThatLacksATableWithTheRemedy() throws {
    let path = temporaryPath()
    let connection = try HeraldDatabase.openForWriting(path: path)
    try connection.execute("DROP TABLE levels")
    #expect(throws: StorageError.incomplete(path: path, table: "levels")) {
      _ = try HeraldDatabase.openExisting(path: path)
    }
    #expect(Schema.tableNames.count == 16)
  }

  @Test func aMissingDatabaseIsAnErrorForReaders() {
    let path = temporaryPath()
    #expect(throws: StorageError.missing(path: path)) { _ = try HeraldDatabase.openExisting(path: path) }
  }

  @Test func aFailedTransactionLeavesNothingBehind() throws {
    let connection = try HeraldDatabase.inMemory()
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try connection.transaction {
        try connection.prepare(
          "INSERT INTO modules(name, output_fingerprint, imports, plugins, ingested_at) VALUES ('M', '', '[]', '', '')"
        ).run([])
        throw Boom()
      }
    }
    #expect(try connection.scalarInt("SELECT count(*) FROM modules") == 0)
  }

  @Test func bindsAndReadsBackEveryValueKind() throws {
    let connection = try SQLiteConnection(path: ":memory:")
    try connection.execute("CREATE TABLE t(a, b, c, d)")
    try connection.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)").run([
      .int(42), .double(2.5), .text("α ≤ β ✝"), .null,
    ])
    let row = try connection.prepare("SELECT a, b, c, d FROM t")
    #expect(try row.step())
    #expect(row.int(0) == 42)
    #expect(row.double(1) == 2.5)
    #expect(row.text(2) == "α ≤ β ✝")
    #expect(row.isNull(3))
    #expect(try row.step() == false)
  }
}
