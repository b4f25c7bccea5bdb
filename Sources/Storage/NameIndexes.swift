/// The two indexes on names, `symbols_name` (unique) and `declarations_name`, which a bulk extract
/// builds once after its inserts instead of updating them during them.
///
/// Every module adds its names all over both indexes, so each commit rewrote pages across them:
/// on a Mathlib-size first ingest they were more than a third of what the writer wrote. While
/// they are deferred, `herald_meta.name_indexes` is `deferred` (set in the transaction that drops
/// them, together with a stale graph), and every path that makes the graph fresh builds them
/// first: a run killed in between leaves a consistent database that the next graph pass finishes.
///
/// Without the unique index a duplicate constant cannot fail its module's insert, so `restore`
/// finds duplicates itself and removes the module that was written later, as the insert would
/// have refused it.
public enum NameIndexes {
  /// A module removed because an earlier module defines one of its constants.
  public struct Removal: Sendable, Equatable {
    /// The module removed.
    public var module: String
    /// One of its constants that the other module defines.
    public var constant: String
    /// The module that keeps the constant (the module itself when it defines the name twice).
    public var otherModule: String
    /// What the module had stored, so that a run's totals can be corrected.
    public var declarations: Int
    public var symbols: Int
    public var steps: Int

    /// The failure row recorded for it.
    public var failure: FailureRecord {
      NameIndexes.failure(module: module, constant: constant, otherModule: otherModule, rowsKept: false)
    }
  }

  private static let metaKey = "name_indexes"
  private static let createUnique = "CREATE UNIQUE INDEX symbols_name ON symbols(name)"
  private static let createDeclarationNames = "CREATE INDEX IF NOT EXISTS declarations_name ON declarations(name)"

  /// Whether the indexes are waiting to be built.
  public static func areDeferred(_ connection: SQLiteConnection) throws(StorageError) -> Bool {
    try HeraldDatabase.meta(connection, metaKey) == "deferred"
  }

  /// Drops both indexes, recording that they are owed, in one transaction.
  public static func deferBuilding(_ connection: SQLiteConnection) throws {
    try connection.transaction {
      try connection.execute("DROP INDEX IF EXISTS symbols_name; DROP INDEX IF EXISTS declarations_name")
      try HeraldDatabase.setMeta(connection, metaKey, "deferred")
      try HeraldDatabase.setMeta(connection, "graph_state", "stale")
    }
  }

  /// Builds the indexes when they are deferred, first removing every module that defines a
  /// constant an earlier module (lower id, written first) already defines, with a failure row
  /// (`duplicate_constant`) for each. Nothing happens when they are not deferred.
  @discardableResult
  public static func restore(_ connection: SQLiteConnection, provenanceID: Int? = nil) throws -> [Removal] {
    guard try areDeferred(connection) else { return [] }
    return try connection.transaction {
      var removals: [Removal] = []
      while true {
        do {
          try connection.execute(createUnique)
          break
        } catch StorageError.sqlite(let code, _, _) where code & 0xff == 19 {
          let found = try duplicates(connection)
          // Each pass removes at least one module, so the loop ends.
          guard !found.isEmpty else { throw StorageError.sqlite(code: code, message: "no duplicate found", sql: "") }
          for removal in found {
            removals.append(try remove(removal, connection, provenanceID: provenanceID))
          }
        }
      }
      try connection.execute(createDeclarationNames)
      try connection.prepare("DELETE FROM herald_meta WHERE key = ?1").run([.text(metaKey)])
      return removals
    }
  }

  /// The failure row of a module refused (`rowsKept`: its insert failed, so its earlier rows
  /// stayed) or removed for defining `constant`, which `otherModule` defines.
  public static func failure(module: String, constant: String, otherModule: String, rowsKept: Bool) -> FailureRecord {
    FailureRecord(
      stage: "extract", item: module, reason: "duplicate_constant",
      detail: duplicateDetail(constant: constant, otherModule: otherModule)
        + (rowsKept ? "; its earlier rows, if any, were kept." : "; its rows were removed."))
  }

  /// Why a module cannot define `constant`, with the remedy.
  public static func duplicateDetail(constant: String, otherModule: String) -> String {
    "constant \(constant) is also defined by module \(otherModule); two modules cannot define the same name "
      + "(was a module renamed? re-run with --force after removing the stale one)"
  }

  /// The modules to remove, walking modules in the order they were written: a module loses when
  /// a module kept before it, or the module itself, already defines one of its names.
  private static func duplicates(_ connection: SQLiteConnection) throws -> [Removal] {
    let query = try connection.prepare(
      """
      SELECT s.module_id, m.name, s.name FROM symbols s JOIN modules m ON m.id = s.module_id
      WHERE s.name IN (SELECT name FROM symbols GROUP BY name HAVING count(*) > 1)
      ORDER BY s.module_id, s.name
      """)
    var rows: [(module: Int, moduleName: String, constant: String)] = []
    while try query.step() {
      rows.append((query.int(0), query.text(1) ?? "", query.text(2) ?? ""))
    }
    var owner: [String: String] = [:]
    var removals: [Removal] = []
    var start = 0
    while start < rows.count {
      var end = start
      while end < rows.count && rows[end].module == rows[start].module { end += 1 }
      let module = rows[start].moduleName
      var conflict: (constant: String, other: String)?
      for index in start..<end {
        let constant = rows[index].constant
        if let other = owner[constant] {
          conflict = (constant, other)
        } else if index > start && rows[index - 1].constant == constant {
          conflict = (constant, module)
        }
        if conflict != nil { break }
      }
      if let conflict {
        removals.append(
          Removal(
            module: module, constant: conflict.constant, otherModule: conflict.other, declarations: 0, symbols: 0,
            steps: 0))
      } else {
        for index in start..<end { owner[rows[index].constant] = module }
      }
      start = end
    }
    return removals
  }

  /// Deletes the module's rows (its declarations, symbols and steps with it) and records why;
  /// returns the removal with what the module had stored.
  private static func remove(
    _ removal: Removal, _ connection: SQLiteConnection, provenanceID: Int?
  ) throws -> Removal {
    var counted = removal
    let module: [SQLiteValue] = [.text(removal.module)]
    counted.declarations =
      try connection.scalarInt(
        "SELECT count(*) FROM declarations d JOIN modules m ON m.id = d.module_id WHERE m.name = ?1", module) ?? 0
    counted.symbols =
      try connection.scalarInt(
        "SELECT count(*) FROM symbols s JOIN modules m ON m.id = s.module_id WHERE m.name = ?1", module) ?? 0
    counted.steps =
      try connection.scalarInt(
        """
        SELECT count(*) FROM tactic_steps t JOIN declarations d ON d.id = t.declaration_id
        JOIN modules m ON m.id = d.module_id WHERE m.name = ?1
        """, module) ?? 0
    try connection.prepare("DELETE FROM modules WHERE name = ?1").run(module)
    try FailureLog.replace(
      connection, stage: "extract", item: removal.module, with: [counted.failure],
      provenanceID: provenanceID)
    return counted
  }
}
