import Foundation
import HeraldCore
import Storage

/// Reads the translated declarations in the stable order (module name, source order, name), a
/// batch at a time, with each one's module, provenance and dependencies.
///
/// Modules are walked by name and each one's declarations read by the module index, so that no
/// sort of every row (and its texts) is needed; a theorem's proof and whole command text, which
/// its record does not use, are not read at all.
public final class StatementCursor {
  private let connection: SQLiteConnection
  private let modules: SQLiteStatement
  private let query: SQLiteStatement
  /// The augmented statements of a module, and one translated declaration by name (a parent).
  private let augmentedQuery: SQLiteStatement
  private let parentQuery: SQLiteStatement
  private var inModule = false
  private var inAugmented = false
  private var module = ""
  private var moduleID = 0
  private var moduleToolchain: String?
  private var imports: [String] = []
  private var moduleOrigin: StatementRow.Origin?
  /// The dependencies of the current module's units, by symbol id, read once per module.
  private var moduleDependencies: [Int: [Dependency]] = [:]
  /// `provenance` rows by id, read once each.
  private var origins: [Int: StatementRow.Origin] = [:]
  private var isExhausted = false
  /// Where verdicts are looked up; nil when there are none (no lookup per record then).
  private let verdicts: ValidationStore?
  /// The last text read from each repeating column, by `RepeatingColumn`.
  private var lastTexts = ["", "", "[]", "[]", "[]", ""]

  /// Columns whose text usually repeats from row to row (the scope of a namespace, the model).
  private enum RepeatingColumn: Int {
    case model, promptVersion, openDecls, varDecls, levelNames, namespace

    /// What a NULL stands for (the columns are NOT NULL in the schema).
    var defaultText: String {
      switch self {
      case .openDecls, .varDecls, .levelNames: "[]"
      default: ""
      }
    }

    /// The column's index in the query.
    var index: Int32 {
      switch self {
      case .model: 3
      case .promptVersion: 4
      case .namespace: 16
      case .openDecls: 17
      case .varDecls: 18
      case .levelNames: 19
      }
    }
  }

  /// A cursor over the translated declarations of `connection`.
  public init(connection: SQLiteConnection) throws {
    self.connection = connection
    let store = ValidationStore(connection: connection)
    verdicts = try store.isEmpty() ? nil : store
    modules = try connection.prepare("SELECT id, name, imports, provenance_id, toolchain FROM modules ORDER BY name")
    query = try connection.prepare(
      Self.translatedSelect + " WHERE s.module_id = ?1 AND t.status = 'translated'"
        + " ORDER BY coalesce(d.idx, 2147483647), t.name")
    parentQuery = try connection.prepare(Self.translatedSelect + " WHERE t.name = ?1 AND t.status = 'translated'")
    augmentedQuery = try connection.prepare(
      """
      SELECT a.id, a.kind, a.parent, a.name, a.step, a.depth, a.strategy, a.language, a.statement, a.universes,
        a.source_hash, a.informal_name, a.informal_statement, a.model, a.prompt_version, a.created_at
      FROM augmentations a JOIN symbols s ON s.name = a.parent
      WHERE s.module_id = ?1 AND a.status = 'translated'
      ORDER BY a.parent, a.kind, coalesce(a.step, -1), coalesce(a.goal, 0), coalesce(a.strategy, ''),
        coalesce(a.language, '')
      """)
  }

  /// The columns of a translated declaration, as `row(from:)` reads them.
  private static let translatedSelect = """
    SELECT t.name, t.informal_name, t.informal_statement, t.model, t.prompt_version, t.created_at,
      t.statement_hash, t.provenance_id, s.id, s.kind, CASE WHEN d.id IS NULL THEN s.type END, d.id, d.kind,
      d.statement, CASE WHEN d.kind != 'theorem' THEN d.value END, CASE WHEN d.kind != 'theorem' THEN d.text END,
      d.namespace, d.open_decls, d.var_decls, d.level_names, d.compute_kind
    FROM symbols s JOIN translations t ON t.name = s.name LEFT JOIN declarations d ON d.id = s.declaration_id
    """

  /// The next `limit` declarations at most; empty at the end.
  public func next(_ limit: Int) throws -> [StatementRow] {
    var rows: [StatementRow] = []
    rows.reserveCapacity(limit)
    while rows.count < limit, !isExhausted {
      guard inModule else {
        try enterNextModule()
        continue
      }
      if !inAugmented {
        // A finished statement is reset, and stepping it again would start over.
        if try query.step() {
          rows.append(try row(from: query))
          continue
        }
        inAugmented = true
        augmentedQuery.reset()
        try augmentedQuery.bind([.int(moduleID)])
      }
      guard try augmentedQuery.step() else {
        inModule = false
        continue
      }
      if let row = try augmentedRow() { rows.append(row) }
    }
    return rows
  }

  /// The translated declaration `statement` is on.
  private func row(from statement: SQLiteStatement) throws -> StatementRow {
    let symbolKind = statement.text(9) ?? ""
    let declaration =
      statement.isNull(11)
      ? nil
      : StatementRow.Declaration(
        kind: statement.text(12) ?? symbolKind, statement: statement.text(13) ?? "", value: statement.text(14),
        text: statement.text(15), namespace: repeated(.namespace, statement),
        openDecls: repeated(.openDecls, statement), varDecls: repeated(.varDecls, statement),
        levelNames: repeated(.levelNames, statement), computeKind: statement.text(20))
    let kind = declaration?.kind ?? symbolKind
    let (dependencies, usesOwnModule) = dependencies(of: statement.int(8), includingValue: kind != "theorem")
    let name = statement.text(0) ?? ""
    return StatementRow(
      name: name, informalName: statement.text(1) ?? "", informalStatement: statement.text(2) ?? "",
      model: repeated(.model, statement), promptVersion: repeated(.promptVersion, statement),
      createdAt: statement.text(5) ?? "", statementHash: statement.text(6) ?? "", symbolKind: symbolKind,
      type: statement.text(10) ?? "", declaration: declaration, module: module, imports: imports,
      moduleOrigin: moduleOrigin, moduleToolchain: moduleToolchain,
      translationOrigin: statement.isNull(7) ? nil : try origin(statement.int(7)),
      dependencies: dependencies, usesOwnModule: usesOwnModule,
      verdict: try verdict(recordID: StatementRecord.id(formalName: name)))
  }

  /// The augmented statement `augmentedQuery` is on, made from its parent's row; nil when the
  /// parent is no longer translated.
  private func augmentedRow() throws -> StatementRow? {
    let statement = augmentedQuery
    let parent = statement.text(2) ?? ""
    parentQuery.reset()
    try parentQuery.bind([.text(parent)])
    defer { parentQuery.reset() }
    guard try parentQuery.step() else { return nil }
    var row = try row(from: parentQuery)
    guard let kind = Augmentation.Kind(rawValue: statement.text(1) ?? "") else { return nil }
    let id = statement.text(0) ?? ""
    let augmentation = Augmentation(
      kind: kind, parentName: parent, step: statement.isNull(4) ? nil : statement.int(4),
      depth: statement.isNull(5) ? nil : statement.int(5),
      strategy: statement.text(6).flatMap(Augmentation.Strategy.init(rawValue:)), language: statement.text(7))
    let currentSource =
      kind == .tactic
      ? Augmentation.sourceHash(parentStatement: row.promptStatement)
      : Augmentation.sourceHash(
        parentStatement: row.promptStatement, informalName: row.informalName,
        informalStatement: row.informalStatement)
    row.augmented = StatementRow.Augmented(
      id: id, augmentation: augmentation, name: statement.text(3) ?? parent, statement: statement.text(8),
      universes: StatementBuilder.list(statement.text(9) ?? "[]"),
      isCurrent: currentSource == (statement.text(10) ?? ""))
    row.informalName = statement.text(11) ?? ""
    row.informalStatement = statement.text(12) ?? ""
    row.model = statement.text(13) ?? row.model
    row.promptVersion = statement.text(14) ?? row.promptVersion
    row.createdAt = statement.text(15) ?? row.createdAt
    row.verdict = try verdict(recordID: id)
    return row
  }

  /// The text of `column` in the current row of `statement`: the previous row's string when the
  /// bytes are the same, so that no new string is made for what repeats.
  private func repeated(_ column: RepeatingColumn, _ statement: SQLiteStatement) -> String {
    var previous = lastTexts[column.rawValue]
    let same = statement.withBytes(column.index) { bytes in
      previous.withUTF8 { old in
        old.count == bytes.count && (old.isEmpty || memcmp(old.baseAddress!, bytes.baseAddress!, old.count) == 0)
      }
    }
    if same { return previous }
    let text = statement.text(column.index) ?? column.defaultText
    lastTexts[column.rawValue] = text
    return text
  }

  /// The verdict stored for the record `recordID`, if any.
  private func verdict(recordID: String) throws -> StatementRow.StoredVerdict? {
    guard let verdicts, let found = try verdicts.verdict(recordID: recordID) else { return nil }
    return StatementRow.StoredVerdict(recordHash: found.recordHash, status: found.status, json: found.validation)
  }

  /// Moves to the next module by name and starts reading its declarations.
  private func enterNextModule() throws {
    guard try modules.step() else {
      isExhausted = true
      return
    }
    let id = modules.int(0)
    moduleID = id
    module = modules.text(1) ?? ""
    imports = StatementBuilder.list(modules.text(2) ?? "[]")
    moduleOrigin = modules.isNull(3) ? nil : try origin(modules.int(3))
    moduleToolchain = modules.text(4)
    moduleDependencies = try dependencies(ofModule: id)
    query.reset()
    try query.bind([.int(id)])
    inModule = true
    inAugmented = false
  }

  /// One edge of a unit: the target's name, whether stating the unit needs it, and whether the
  /// target is declared in the unit's own module.
  private struct Dependency {
    var name: String
    var onType: Bool
    var sameModule: Bool
  }

  /// The names a unit depends on (to be stated, and also in its body when the record shows it),
  /// and whether one of them is declared in the unit's own module.
  private func dependencies(of symbolID: Int, includingValue: Bool) -> ([String], Bool) {
    let edges = (moduleDependencies[symbolID] ?? []).filter { includingValue || $0.onType }
    return (edges.map(\.name).sorted(by: CodePointOrder.precedes), edges.contains { $0.sameModule })
  }

  /// The dependencies of every unit of a module (one query per module rather than per unit).
  private func dependencies(ofModule id: Int) throws -> [Int: [Dependency]] {
    let query = try connection.prepare(
      """
      SELECT d.source_id, t.name, d.on_type, t.module_id = ?1 FROM symbols s
      JOIN dependencies d ON d.source_id = s.id JOIN symbols t ON t.id = d.target_id WHERE s.module_id = ?1
      """)
    try query.bind([.int(id)])
    var edges: [Int: [Dependency]] = [:]
    while try query.step() {
      edges[query.int(0), default: []].append(
        Dependency(name: query.text(1) ?? "", onType: query.int(2) != 0, sameModule: query.int(3) != 0))
    }
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
