import Foundation
import HeraldCore
import Storage

/// Reads what export needs from the database: every translated declaration in a stable order
/// (module name, source order, name), turned into a statement record or an exclusion.
struct StatementSource {
  /// What one translated declaration became.
  enum Candidate {
    case record(StatementRecord)
    case excluded(name: String, module: String, reason: ExclusionReason)
  }

  let connection: SQLiteConnection

  /// Translated declarations per module, for planning shards before the records are built.
  func translatedPerModule() throws -> [String: Int] {
    let query = try connection.prepare(
      """
      SELECT m.name, count(*) FROM translations t JOIN symbols s ON s.name = t.name
      JOIN modules m ON m.id = s.module_id WHERE t.status = 'translated' GROUP BY m.name
      """)
    var counts: [String: Int] = [:]
    while try query.step() { counts[query.text(0) ?? ""] = query.int(1) }
    return counts
  }

  /// Declarations that are left out before any record is built, by reason: units never
  /// translated, translations the model abstained from or that failed, and translations whose
  /// declaration is gone from the database.
  func exclusionsBeforeRecords() throws -> [ExclusionReason: Int] {
    var counts: [ExclusionReason: Int] = [:]
    let statuses = try connection.prepare("SELECT status, count(*) FROM translations GROUP BY status")
    while try statuses.step() {
      switch statuses.text(0) {
      case "abstained": counts[.abstained] = statuses.int(1)
      case "failed": counts[.translationFailed] = statuses.int(1)
      default: break
      }
    }
    counts[.notTranslated] = try connection.scalarInt(
      """
      SELECT count(*) FROM levels l JOIN symbols s ON s.id = l.symbol_id
      LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE s.is_internal = 0 AND coalesce(d.is_generated, 0) = 0
        AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.name = s.name)
      """)
    counts[.notInDatabase] = try connection.scalarInt(
      """
      SELECT count(*) FROM translations t WHERE t.status = 'translated'
        AND NOT EXISTS (SELECT 1 FROM symbols s WHERE s.name = t.name)
      """)
    return counts.filter { $0.value > 0 }
  }

  /// Calls `body` with each translated declaration, in order.
  func forEachCandidate(_ body: (Candidate) throws -> Void) throws {
    let query = try connection.prepare(
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
    var module = ModuleContext(id: -1, name: "", imports: [], origin: nil, toolchain: nil)
    var origins = OriginCache(connection: connection)
    while try query.step() {
      let name = query.text(0) ?? ""
      if query.int(21) != module.id {
        let origin = query.isNull(24) ? nil : try origins.origin(query.int(24))
        module = ModuleContext(
          id: query.int(21), name: query.text(22) ?? "", imports: Self.list(query.text(23)), origin: origin,
          toolchain: query.text(25))
      }
      let symbolKind = query.text(9) ?? ""
      let type = query.text(10) ?? ""
      let hasDeclaration = !query.isNull(11)
      let promptStatement = hasDeclaration ? (query.text(13) ?? "") : "\(name) : \(type)"
      guard Self.statementHash(promptStatement) == query.text(6) else {
        try body(.excluded(name: name, module: module.name, reason: .staleTranslation))
        continue
      }
      let formal: FormalStatement
      let kind: String
      if hasDeclaration {
        kind = query.text(12) ?? symbolKind
        formal = FormalStatement(
          imports: module.imports, universes: Self.list(query.text(19)), openLines: Self.list(query.text(17)),
          namespace: query.text(16) ?? "", variableLines: Self.list(query.text(18)),
          declaration: FormalStatement.declaration(
            kind: kind, statement: promptStatement, value: query.text(14), text: query.text(15),
            computeKind: query.text(20)))
      } else if symbolKind == "theorem", Self.isWritableName(name) {
        // A theorem no declaration command wrote (to_additive, alias, a mutual block): its type
        // is its statement, written with full names from the root.
        kind = symbolKind
        formal = FormalStatement(
          imports: module.imports, universes: UniverseNames.scan(type), openLines: [], namespace: "",
          variableLines: [], declaration: "theorem \(name) : \(type) := sorry")
      } else {
        try body(.excluded(name: name, module: module.name, reason: .noDeclarationCommand))
        continue
      }
      let translationOrigin = query.isNull(7) ? nil : try origins.origin(query.int(7))
      let record = StatementRecord(
        informalName: query.text(1) ?? "", informalStatement: query.text(2) ?? "", formalName: name,
        formalStatement: formal.text, kind: kind, module: module.name,
        dependencies: try dependencies(of: query.int(8), includingValue: kind != "theorem"),
        provenance: StatementRecord.Provenance(
          project: module.origin?.project.map { URL(fileURLWithPath: $0).lastPathComponent },
          gitRevision: module.origin?.gitRevision, leanToolchain: module.origin?.toolchain ?? module.toolchain,
          analyzer: module.origin?.analyzer,
          heraldVersion: translationOrigin?.heraldVersion ?? module.origin?.heraldVersion ?? HeraldVersion.string,
          model: query.text(3) ?? "", promptVersion: query.text(4) ?? "", createdAt: query.text(5) ?? ""))
      try body(.record(record))
    }
  }

  /// The names a unit depends on: to be stated, and also in its body when the record shows it.
  private func dependencies(of symbolID: Int, includingValue: Bool) throws -> [String] {
    let query = try connection.prepare(
      """
      SELECT t.name FROM dependencies d JOIN symbols t ON t.id = d.target_id
      WHERE d.source_id = ?1 AND (d.on_type = 1 OR ?2 = 1)
      """)
    try query.bind([.int(symbolID), .bool(includingValue)])
    var names: [String] = []
    while try query.step() { names.append(query.text(0) ?? "") }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The hash translate recorded for the statement it translated (FNV-1a, hex).
  static func statementHash(_ statement: String) -> String {
    String(StableHash.fnv1a64(statement), radix: 16)
  }

  /// Whether `name` can be written after `theorem` (private and numbered names cannot).
  static func isWritableName(_ name: String) -> Bool {
    !name.hasPrefix("_private.") && !name.split(separator: ".").contains { $0.allSatisfy(\.isNumber) }
  }

  /// A JSON array of strings stored in a column; `[]` without parsing, the common case.
  static func list(_ text: String?) -> [String] {
    guard let text, text != "[]" else { return [] }
    guard let document = try? JSONDocument(text: text) else { return [] }
    return document.root.elements.compactMap(\.string)
  }
}

/// The module of the current candidate, kept while the sorted rows stay in it.
private struct ModuleContext {
  var id: Int
  var name: String
  var imports: [String]
  var origin: OriginCache.Origin?
  var toolchain: String?
}

/// `provenance` rows by id, read once each.
private struct OriginCache {
  struct Origin {
    var project: String?
    var gitRevision: String?
    var toolchain: String?
    var analyzer: String?
    var heraldVersion: String
  }

  let connection: SQLiteConnection
  var rows: [Int: Origin] = [:]

  mutating func origin(_ id: Int) throws -> Origin? {
    if let known = rows[id] { return known }
    let query = try connection.prepare(
      "SELECT project, git_revision, toolchain, analyzer, herald_version FROM provenance WHERE id = ?1")
    try query.bind([.int(id)])
    defer { query.reset() }
    guard try query.step() else { return nil }
    let origin = Origin(
      project: query.text(0), gitRevision: query.text(1), toolchain: query.text(2), analyzer: query.text(3),
      heraldVersion: query.text(4) ?? HeraldVersion.string)
    rows[id] = origin
    return origin
  }
}
