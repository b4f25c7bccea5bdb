import Foundation
import Testing

@testable import Storage

/// The name indexes a bulk extract builds after its inserts, and the version 4 → 5 upgrade that
/// made that possible.
@Suite struct NameIndexesTests {
  private func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("herald-names-\(UUID().uuidString)")
      .appendingPathComponent("db.sqlite").path
  }

  private func indexes(_ connection: SQLiteConnection) throws -> Set<String> {
    let query = try connection.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('symbols', 'declarations')")
    var names: Set<String> = []
    while try query.step() { names.insert(query.text(0) ?? "") }
    return names
  }

  /// Adds a module with one declaration per name and a symbol for each; returns the module's id.
  @discardableResult
  private func addModule(_ connection: SQLiteConnection, _ module: String, constants: [String]) throws -> Int {
    try connection.prepare(
      """
      INSERT INTO modules(name, output_fingerprint, imports, plugins, ingested_at)
      VALUES (?1, 'f', '[]', 'decl,sym', 'now')
      """
    ).run([.text(module)])
    let moduleID = Int(connection.lastInsertRowID)
    for (index, name) in constants.enumerated() {
      try connection.prepare(
        """
        INSERT INTO declarations(module_id, idx, name, kind, visibility, is_protected, compute_kind, is_generated,
          namespace, open_decls, var_decls, level_names, attributes)
        VALUES (?1, ?2, ?3, 'theorem', 'regular', 0, 'regular', 0, '', '[]', '[]', '[]', '[]')
        """
      ).run([.int(moduleID), .int(index), .text(name)])
      let declaration = Int(connection.lastInsertRowID)
      try connection.prepare(
        """
        INSERT INTO symbols(module_id, name, kind, type_fallback, is_prop, is_internal, declaration_id,
          type_references)
        VALUES (?1, ?2, 'theorem', 'True', 1, 0, ?3, '')
        """
      ).run([.int(moduleID), .text(name), .int(declaration)])
    }
    return moduleID
  }

  private func moduleNames(_ connection: SQLiteConnection) throws -> [String] {
    let query = try connection.prepare("SELECT name FROM modules ORDER BY id")
    var names: [String] = []
    while try query.step() { names.append(query.text(0) ?? "") }
    return names
  }

  @Test func whileDeferredNamesAreNotCheckedAndRestoreRemovesEachLaterDuplicate() throws {
    let connection = try HeraldDatabase.openForWriting(path: temporaryPath())
    try HeraldDatabase.setMeta(connection, "graph_state", "fresh")
    try NameIndexes.deferBuilding(connection)
    #expect(try NameIndexes.areDeferred(connection))
    #expect(try indexes(connection).isDisjoint(with: ["symbols_name", "declarations_name"]))
    #expect(try HeraldDatabase.meta(connection, "graph_state") == "stale")

    try addModule(connection, "A", constants: ["x", "a"])
    // B takes A's `x`: B is refused. C takes B's `y` only: with B gone, C keeps it.
    try addModule(connection, "B", constants: ["b", "x", "y"])
    try addModule(connection, "C", constants: ["c", "y"])
    // D defines `d` twice: it collides with itself.
    try addModule(connection, "D", constants: ["d", "d"])
    try addModule(connection, "E", constants: ["e"])

    let removals = try NameIndexes.restore(connection, provenanceID: nil)
    #expect(removals.map(\.module) == ["B", "D"])
    #expect(removals.map(\.constant) == ["x", "d"])
    #expect(removals.map(\.otherModule) == ["A", "D"])
    #expect(removals.map(\.declarations) == [3, 2])
    #expect(removals.map(\.symbols) == [3, 2])
    #expect(try moduleNames(connection) == ["A", "C", "E"])
    #expect(try connection.scalarInt("SELECT count(*) FROM symbols") == 5)
    #expect(try connection.scalarInt("SELECT count(*) FROM declarations") == 5)

    let failures = try FailureLog.all(connection, stage: "extract")
    #expect(failures.map(\.item).sorted() == ["B", "D"])
    #expect(failures.allSatisfy { $0.reason == "duplicate_constant" && $0.detail.contains("--force") })
    #expect(failures.first { $0.item == "B" }?.detail.contains("constant x is also defined by module A") == true)

    #expect(try !NameIndexes.areDeferred(connection))
    #expect(try indexes(connection).isSuperset(of: ["symbols_name", "declarations_name"]))
    #expect(throws: StorageError.self) { try addModule(connection, "F", constants: ["a"]) }
    // Nothing is owed any more: a second restore changes nothing.
    #expect(try NameIndexes.restore(connection, provenanceID: nil).isEmpty)
  }

  @Test func restoreWithoutDuplicatesOnlyBuildsTheIndexes() throws {
    let connection = try HeraldDatabase.openForWriting(path: temporaryPath())
    try NameIndexes.deferBuilding(connection)
    try addModule(connection, "A", constants: ["x"])
    try addModule(connection, "B", constants: ["y"])
    #expect(try NameIndexes.restore(connection, provenanceID: nil).isEmpty)
    #expect(try moduleNames(connection) == ["A", "B"])
    #expect(try FailureLog.all(connection, stage: "extract").isEmpty)
    let plan = try connection.prepare("EXPLAIN QUERY PLAN SELECT id FROM symbols WHERE name = 'x'")
    var details: [String] = []
    while try plan.step() { details.append(plan.text(3) ?? "") }
    #expect(details.contains { $0.contains("symbols_name") })
  }

  /// A version-4 file (symbols with a column `UNIQUE`, foreign keys inside the module) is rebuilt
  /// in place: rows kept, uniqueness by index, the module-to-rows cascade intact.
  @Test func upgradesAVersionFourDatabaseKeepingItsRows() throws {
    let path = temporaryPath()
    do {
      let connection = try HeraldDatabase.openForWriting(path: path)
      try connection.execute("PRAGMA foreign_keys = OFF")
      try connection.execute(
        """
        DROP TABLE symbols;
        DROP TABLE declarations;
        CREATE TABLE declarations(
          id INTEGER PRIMARY KEY,
          module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
          idx INTEGER NOT NULL, ctor_idx INTEGER,
          parent_id INTEGER REFERENCES declarations(id) ON DELETE CASCADE,
          name TEXT NOT NULL, kind TEXT NOT NULL, visibility TEXT NOT NULL, is_protected INTEGER NOT NULL,
          compute_kind TEXT NOT NULL, is_generated INTEGER NOT NULL, docstring TEXT, signature TEXT, type TEXT,
          value TEXT, statement TEXT, text TEXT, ref_start INTEGER, ref_stop INTEGER, value_start INTEGER,
          namespace TEXT NOT NULL, open_decls TEXT NOT NULL, var_decls TEXT NOT NULL, level_names TEXT NOT NULL,
          attributes TEXT NOT NULL
        );
        CREATE INDEX declarations_module ON declarations(module_id, idx);
        CREATE INDEX declarations_name ON declarations(name);
        CREATE TABLE symbols(
          id INTEGER PRIMARY KEY,
          module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
          name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, type_full TEXT, type_readable TEXT,
          type_fallback TEXT NOT NULL,
          type TEXT GENERATED ALWAYS AS (coalesce(type_readable, type_full, type_fallback)) VIRTUAL,
          is_prop INTEGER NOT NULL, is_internal INTEGER NOT NULL,
          declaration_id INTEGER REFERENCES declarations(id) ON DELETE SET NULL,
          type_references TEXT NOT NULL, value_references TEXT
        );
        CREATE INDEX symbols_module ON symbols(module_id);
        """)
      try connection.execute("PRAGMA foreign_keys = ON")
      let module = try addModule(connection, "M", constants: ["M.t", "M.u"])
      try connection.prepare(
        """
        INSERT INTO declarations(module_id, idx, ctor_idx, parent_id, name, kind, visibility, is_protected,
          compute_kind, is_generated, namespace, open_decls, var_decls, level_names, attributes)
        VALUES (?1, 0, 0, 1, 'M.t.mk', 'constructor', 'regular', 0, 'regular', 0, 'M', '[]', '[]', '[]', '[]')
        """
      ).run([.int(module)])
      try connection.execute(
        """
        INSERT INTO tactic_steps(declaration_id, ord, depth, tactic, syntax_kind, goals_before, goals_after,
          names_used) VALUES (1, 0, 0, 'simp', 'Lean.Parser.Tactic.simp', '[]', '[]', '[]')
        """)
      try HeraldDatabase.setMeta(connection, "schema_version", "4")
    }
    let upgraded = try HeraldDatabase.openExisting(path: path)
    #expect(try HeraldDatabase.meta(upgraded, "schema_version") == String(Schema.version))
    #expect(try upgraded.scalarInt("PRAGMA foreign_keys") == 1)
    #expect(try upgraded.scalarInt("SELECT count(*) FROM declarations") == 3)
    #expect(try upgraded.scalarText("SELECT name FROM declarations WHERE parent_id = 1") == "M.t.mk")
    #expect(try upgraded.scalarText("SELECT type FROM symbols WHERE name = 'M.u'") == "True")
    #expect(try upgraded.scalarInt("SELECT declaration_id FROM symbols WHERE name = 'M.u'") == 2)
    #expect(try indexes(upgraded).isSuperset(of: ["symbols_name", "symbols_module", "declarations_name"]))
    #expect(throws: StorageError.self) {
      try upgraded.execute(
        """
        INSERT INTO symbols(module_id, name, kind, type_fallback, is_prop, is_internal, type_references)
        VALUES (1, 'M.t', 'theorem', 'True', 1, 0, '')
        """)
    }
    #expect(
      try upgraded.scalarText("SELECT group_concat(\"table\") FROM pragma_foreign_key_list('symbols')") == "modules")
    #expect(
      try upgraded.scalarText("SELECT group_concat(\"table\") FROM pragma_foreign_key_list('declarations')")
        == "modules")
    #expect(
      try upgraded.scalarText("SELECT group_concat(\"table\") FROM pragma_foreign_key_list('tactic_steps')")
        == "declarations")
    // Deleting the module still takes every row of it along.
    try upgraded.execute("DELETE FROM modules WHERE name = 'M'")
    #expect(try upgraded.scalarInt("SELECT count(*) FROM declarations") == 0)
    #expect(try upgraded.scalarInt("SELECT count(*) FROM symbols") == 0)
    #expect(try upgraded.scalarInt("SELECT count(*) FROM tactic_steps") == 0)
  }
}
