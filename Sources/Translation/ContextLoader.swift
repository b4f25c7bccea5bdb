import Storage

/// Assembles a declaration's `TranslationContext` from the extract database.
public struct ContextLoader {
  /// How many dependencies a prompt lists before it says how many it left out.
  public var maxDependencies = 12
  /// How many characters of a definition's body a prompt shows.
  public var maxDefinitionLength = 1500
  let connection: SQLiteConnection

  /// A loader over `connection`.
  public init(connection: SQLiteConnection) {
    self.connection = connection
  }

  /// The formal statement of the graph unit `symbolID` (as its prompt would show it).
  public func statement(symbolID: Int) throws -> String? {
    try connection.scalarText(
      """
      SELECT coalesce(d.statement, s.name || ' : ' || s.type)
      FROM symbols s LEFT JOIN declarations d ON d.id = s.declaration_id WHERE s.id = ?1
      """, [.int(symbolID)])
  }

  /// The context of the graph unit `symbolID`; `informal` gives the translation of a name
  /// when it has one (dependencies are translated first, so theirs usually exist).
  public func context(
    symbolID: Int, examples: [TranslationContext.Example] = [],
    informal: (String) -> (name: String, statement: String)? = { _ in nil }
  ) throws -> TranslationContext? {
    let row = try connection.prepare(
      """
      SELECT s.name, s.kind, s.type, d.kind, d.docstring, d.statement, d.value, d.module_id, d.idx, m.docstring
      FROM symbols s JOIN modules m ON m.id = s.module_id LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE s.id = ?1
      """)
    try row.bind([.int(symbolID)])
    guard try row.step() else { return nil }
    let name = row.text(0) ?? ""
    let kind = row.text(3) ?? row.text(1) ?? "theorem"
    let statement = row.text(5) ?? "\(name) : \(row.text(2) ?? "")"
    let value = row.text(6)
    let moduleID = row.isNull(7) ? nil : row.int(7)
    let index = row.isNull(8) ? nil : row.int(8)
    var context = TranslationContext(
      symbolID: symbolID, formalName: name, formalStatement: statement, formalDefinition: nil, kind: kind,
      docstring: row.text(4), headStatement: row.text(9), neighbours: [], dependencies: [], omittedDependencies: 0,
      examples: examples)
    row.reset()
    if PromptTemplate.Family.of(kind: kind) != .theorem, let value {
      context.formalDefinition =
        value.count > maxDefinitionLength ? String(value.prefix(maxDefinitionLength)) + " …(cut)" : value
    }
    func related(_ name: String, _ statement: String, onType: Bool = false) -> TranslationContext.Related {
      let translation = informal(name)
      return TranslationContext.Related(
        name: name, statement: statement, informalName: translation?.name, informalStatement: translation?.statement,
        onType: onType)
    }
    if let moduleID, let index {
      let neighbours = try connection.prepare(
        """
        SELECT name, statement FROM declarations
        WHERE module_id = ?1 AND ctor_idx IS NULL AND is_generated = 0 AND idx BETWEEN ?2 - 2 AND ?2 + 2 AND idx != ?2
        ORDER BY idx
        """)
      try neighbours.bind([.int(moduleID), .int(index)])
      while try neighbours.step() {
        context.neighbours.append(related(neighbours.text(0) ?? "", neighbours.text(1) ?? ""))
      }
    }
    let dependencies = try connection.prepare(
      """
      SELECT t.name, coalesce(d.statement, t.name || ' : ' || t.type), dep.on_type
      FROM dependencies dep JOIN symbols t ON t.id = dep.target_id LEFT JOIN declarations d ON d.id = t.declaration_id
      WHERE dep.source_id = ?1
      """)
    try dependencies.bind([.int(symbolID)])
    var found: [TranslationContext.Related] = []
    while try dependencies.step() {
      found.append(related(dependencies.text(0) ?? "", dependencies.text(1) ?? "", onType: dependencies.int(2) != 0))
    }
    // Most relevant first: needed to state it, then named in its statement, then by name
    // (whether each is named is looked up once, not at every comparison of the sort).
    let ranked = found.map { item in
      (item: item, named: statement.contains(item.name.split(separator: ".").last.map(String.init) ?? item.name))
    }.sorted { left, right in
      if left.item.onType != right.item.onType { return left.item.onType }
      if left.named != right.named { return left.named }
      return left.item.name < right.item.name
    }
    context.dependencies = ranked.prefix(maxDependencies).map(\.item)
    context.omittedDependencies = max(0, found.count - maxDependencies)
    return context
  }
}
