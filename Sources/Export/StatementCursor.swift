import HeraldCore
import Storage

/// Reads the translated declarations in the stable order (module name, source order, name), a
/// batch at a time, with each one's module, provenance and dependencies.
final class StatementCursor {
  private let connection: SQLiteConnection
  private let query: SQLiteStatement
  private var moduleID = -1
  private var module = ""
  private var imports: [String] = []
  private var moduleOrigin: StatementRow.Origin?
  /// The dependencies of the current module's units, by symbol id, read once per module.
  private var moduleDependencies: [Int: [(name: String, onType: Bool)]] = [:]
  /// `provenance` rows by id, read once each.
  private var origins: [Int: StatementRow.Origin] = [:]
  private var isExhausted = false

  init(connection: SQLiteConnection) throws {
    self.connection = connection
    query = try connection.prepare(
      """
      SELECT t.name, t.informal_name, t.informal_statement, t.model, t.prompt_version, t.created_at,
        t.statement_hash, t.provenance_id, s.id, s.kind, s.type, d.id, d.kind, d.statement, d.value, d.text,
        d.namespace, d.open_decls, d.var_decls, d.level_names, d.compute_kind, m.id, m.name, m.imports,
        m.provenance_id, m.toolchain
      FROM translations t JOIN symbols s ON s.name = t.name JOIN modules m ON m.id = s.module_id
      LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE t.status = 'translated'
      ORDER BY m.name, coalesce(d.idx, 2147483647), t.name
      """)
  }

  /// The next `limit` declarations at most; empty at the end.
  func next(_ limit: Int) throws -> [StatementRow] {
    var rows: [StatementRow] = []
    guard !isExhausted else { return rows }
    rows.reserveCapacity(limit)
    while rows.count < limit {
      // A finished statement is reset, and stepping it again would start over.
      guard try query.step() else {
        isExhausted = true
        break
      }
      if query.int(21) != moduleID {
        moduleID = query.int(21)
        module = query.text(22) ?? ""
        imports = StatementBuilder.list(query.text(23) ?? "[]")
        moduleOrigin = query.isNull(24) ? nil : try origin(query.int(24))
        moduleDependencies = try dependencies(ofModule: moduleID)
      }
      let symbolKind = query.text(9) ?? ""
      let declaration =
        query.isNull(11)
        ? nil
        : StatementRow.Declaration(
          kind: query.text(12) ?? symbolKind, statement: query.text(13) ?? "", value: query.text(14),
          text: query.text(15), namespace: query.text(16) ?? "", openDecls: query.text(17) ?? "[]",
          varDecls: query.text(18) ?? "[]", levelNames: query.text(19) ?? "[]", computeKind: query.text(20))
      let kind = declaration?.kind ?? symbolKind
      rows.append(
        StatementRow(
          name: query.text(0) ?? "", informalName: query.text(1) ?? "", informalStatement: query.text(2) ?? "",
          model: query.text(3) ?? "", promptVersion: query.text(4) ?? "", createdAt: query.text(5) ?? "",
          statementHash: query.text(6) ?? "", symbolKind: symbolKind, type: query.text(10) ?? "",
          declaration: declaration, module: module, imports: imports, moduleOrigin: moduleOrigin,
          moduleToolchain: query.text(25),
          translationOrigin: query.isNull(7) ? nil : try origin(query.int(7)),
          dependencies: dependencies(of: query.int(8), includingValue: kind != "theorem")))
    }
    return rows
  }

  /// The names a unit depends on: to be stated, and also in its body when the record shows it.
  private func dependencies(of symbolID: Int, includingValue: Bool) -> [String] {
    let edges = moduleDependencies[symbolID] ?? []
    return edges.compactMap { includingValue || $0.onType ? $0.name : nil }.sorted(by: RecordValue.precedes)
  }

  /// The dependencies of every unit of a module (one query per module rather than per unit).
  private func dependencies(ofModule id: Int) throws -> [Int: [(name: String, onType: Bool)]] {
    let query = try connection.prepare(
      """
      SELECT d.source_id, t.name, d.on_type FROM symbols s JOIN dependencies d ON d.source_id = s.id
      JOIN symbols t ON t.id = d.target_id WHERE s.module_id = ?1
      """)
    try query.bind([.int(id)])
    var edges: [Int: [(name: String, onType: Bool)]] = [:]
    while try query.step() { edges[query.int(0), default: []].append((query.text(1) ?? "", query.int(2) != 0)) }
    return edges
  }

  private func origin(_ id: Int) throws -> StatementRow.Origin? {
    if let known = origins[id] { return known }
    let query = try connection.prepare(
      "SELECT project, git_revision, toolchain, analyzer, herald_version FROM provenance WHERE id = ?1")
    try query.bind([.int(id)])
    defer { query.reset() }
    guard try query.step() else { return nil }
    let origin = StatementRow.Origin(
      project: query.text(0), gitRevision: query.text(1), toolchain: query.text(2), analyzer: query.text(3),
      heraldVersion: query.text(4) ?? HeraldVersion.string)
    origins[id] = origin
    return origin
  }
}
