import Storage

/// The figures `herald graph` prints: sizes, kinds, levels, cycles and the deepest chain.
public struct GraphSummary: Sendable, Codable, Equatable {
  /// A strongly connected component with more than one unit.
  public struct Component: Sendable, Codable, Equatable {
    /// Units in it.
    public var size: Int
    /// Its level.
    public var level: Int
    /// Up to ten member names, sorted.
    public var members: [String]
  }

  public var modules = 0
  public var declarations = 0
  public var symbols = 0
  /// Graph units (translatable nodes).
  public var units = 0
  public var edges = 0
  /// Edges needed to state the source (type edges).
  public var typeEdges = 0
  public var maxLevel = 0
  public var maxTypeLevel = 0
  /// Units per level (level as a string key, for JSON).
  public var levels: [String: Int] = [:]
  /// Units per type level.
  public var typeLevels: [String: Int] = [:]
  /// Declaration rows per kind.
  public var kinds: [String: Int] = [:]
  /// Tactic steps stored.
  public var tacticSteps = 0
  /// Failed items (errors) over all stages.
  public var failures = 0
  /// Failed items by `stage:reason`.
  public var failuresByReason: [String: Int] = [:]
  /// The largest components.
  public var largestComponents: [Component] = []
  /// A longest dependency chain, from the deepest unit down to level 0.
  public var deepestChain: [String] = []

  enum CodingKeys: String, CodingKey {
    case modules, declarations, symbols, units, edges, levels, kinds, failures
    case typeEdges = "type_edges"
    case maxLevel = "max_level"
    case maxTypeLevel = "max_type_level"
    case typeLevels = "type_levels"
    case tacticSteps = "tactic_steps"
    case failuresByReason = "failures_by_reason"
    case largestComponents = "largest_components"
    case deepestChain = "deepest_chain"
  }

  /// Reads the summary, rebuilding the graph first when ingestion made it stale.
  public static func load(_ connection: SQLiteConnection, top: Int = 5) throws -> GraphSummary {
    if try GraphBuilder.needsRebuild(connection) {
      _ = try GraphBuilder.rebuild(connection)
    }
    var summary = GraphSummary()
    summary.modules = try connection.scalarInt("SELECT count(*) FROM modules") ?? 0
    summary.declarations = try connection.scalarInt("SELECT count(*) FROM declarations") ?? 0
    summary.symbols = try connection.scalarInt("SELECT count(*) FROM symbols") ?? 0
    summary.units = try connection.scalarInt("SELECT count(*) FROM levels") ?? 0
    summary.edges = try connection.scalarInt("SELECT count(*) FROM dependencies") ?? 0
    summary.typeEdges = try connection.scalarInt("SELECT count(*) FROM dependencies WHERE on_type = 1") ?? 0
    summary.maxLevel = try connection.scalarInt("SELECT max(level) FROM levels") ?? 0
    summary.maxTypeLevel = try connection.scalarInt("SELECT max(type_level) FROM levels") ?? 0
    summary.tacticSteps = try connection.scalarInt("SELECT count(*) FROM tactic_steps") ?? 0
    summary.levels = try histogram(connection, "SELECT level, count(*) FROM levels GROUP BY level")
    summary.typeLevels = try histogram(connection, "SELECT type_level, count(*) FROM levels GROUP BY type_level")
    summary.kinds = try histogram(connection, "SELECT kind, count(*) FROM declarations GROUP BY kind")
    summary.failuresByReason = try FailureLog.errorCounts(connection)
    summary.failures = summary.failuresByReason.values.reduce(0, +)

    let components = try connection.prepare(
      """
      SELECT component, component_size, level FROM levels WHERE component_size > 1
      GROUP BY component ORDER BY component_size DESC, component LIMIT ?1
      """)
    try components.bind([.int(top)])
    var found: [(Int, Int, Int)] = []
    while try components.step() { found.append((components.int(0), components.int(1), components.int(2))) }
    for (component, size, level) in found {
      let members = try connection.prepare(
        "SELECT s.name FROM levels l JOIN symbols s ON s.id = l.symbol_id WHERE l.component = ?1 ORDER BY s.name LIMIT 10"
      )
      try members.bind([.int(component)])
      var names: [String] = []
      while try members.step() { names.append(members.text(0) ?? "") }
      summary.largestComponents.append(Component(size: size, level: level, members: names))
    }
    summary.deepestChain = try deepestChain(connection)
    return summary
  }

  private static func histogram(_ connection: SQLiteConnection, _ sql: String) throws -> [String: Int] {
    let query = try connection.prepare(sql)
    var result: [String: Int] = [:]
    while try query.step() { result[query.text(0) ?? ""] = query.int(1) }
    return result
  }

  /// Walks from a deepest unit to a dependency one level lower, down to level 0.
  private static func deepestChain(_ connection: SQLiteConnection) throws -> [String] {
    let start = try connection.prepare(
      "SELECT l.symbol_id, l.level, s.name FROM levels l JOIN symbols s ON s.id = l.symbol_id ORDER BY l.level DESC, s.name LIMIT 1"
    )
    guard try start.step() else { return [] }
    var current = start.int(0)
    var level = start.int(1)
    var chain = [start.text(2) ?? ""]
    start.reset()
    let next = try connection.prepare(
      """
      SELECT d.target_id, s.name FROM dependencies d JOIN levels l ON l.symbol_id = d.target_id
      JOIN symbols s ON s.id = d.target_id WHERE d.source_id = ?1 AND l.level = ?2 ORDER BY s.name LIMIT 1
      """)
    while level > 0 {
      next.reset()
      try next.bind([.int(current), .int(level - 1)])
      guard try next.step() else { break }
      current = next.int(0)
      chain.append(next.text(1) ?? "")
      next.reset()
      level -= 1
    }
    return chain
  }
}
