import HeraldCore
import ProcessRunner
import Storage

/// Rebuilds `dependencies`, `levels` and `symbol_units` from every module's references.
///
/// Runs over the whole database after ingestion, so an edge into a module ingested later is
/// never lost (LeanSearch inserted edges per module and dropped those). Memory stays small at
/// Mathlib scale: names are kept only as 64-bit hashes, and edges are deduplicated module by
/// module before they are kept.
public enum GraphBuilder {
  /// Version of the unit and edge rules; a graph built under other rules counts as stale.
  public static let rulesVersion = "3"

  /// Whether the stored graph is missing, stale after ingestion, or built under other rules.
  public static func needsRebuild(_ connection: SQLiteConnection) throws -> Bool {
    try HeraldDatabase.meta(connection, "graph_state") != "fresh"
      || HeraldDatabase.meta(connection, "graph_rules") != rulesVersion
  }

  /// What one rebuild produced.
  public struct Result: Sendable, Equatable {
    /// Translatable units (graph nodes).
    public var units: Int
    /// Edges between units.
    public var edges: Int
    /// Components with more than one unit.
    public var cycles: Int
    /// The highest level.
    public var maxLevel: Int
  }

  /// What the unit rules need to know of every symbol, in compact columns.
  private struct SymbolTable {
    var ids: [Int] = []
    var modules: [Int32] = []
    /// 1 inductive, 2 constructor, 3 recursor, 0 anything else.
    var kinds: [UInt8] = []
    var hasDeclaration: [Bool] = []
    var isInternal: [Bool] = []
    /// Hash of each name's parent (0 for a root name).
    var parents: [UInt64] = []
    /// Hashes of the further ancestors (grandparent first) of internal names only, the only ones
    /// whose owner may sit more than one level up: `deeper[deeperStart[i]..<deeperStart[i + 1]]`.
    var deeper: [UInt64] = []
    var deeperStart: [Int32] = [0]
    var indexByHash: [UInt64: Int32] = [:]

    var count: Int { ids.count }

    func lookup(_ hash: UInt64) -> Int32? { indexByHash[hash] }
  }

  /// Recomputes the graph in one transaction and marks it fresh. Output of notation and macro
  /// commands (generated declarations) is treated like internal names: never a unit.
  ///
  /// Reads and writes happen in one `BEGIN IMMEDIATE` transaction: a concurrent extract cannot
  /// change the symbols between the passes, and a graph is never marked fresh over newer modules.
  public static func rebuild(_ connection: SQLiteConnection) throws -> Result {
    try connection.transaction { try rebuildInTransaction(connection) }
  }

  private static func rebuildInTransaction(_ connection: SQLiteConnection) throws -> Result {
    var table = try loadSymbols(connection)
    let units = assignUnits(table)
    table.parents = []
    table.deeper = []
    table.deeperStart = []
    table.hasDeclaration = []
    table.isInternal = []
    // Graph nodes are the units only, numbered densely, so that the component walk's arrays
    // are as small as the graph.
    var dense = [Int32](repeating: -1, count: table.count)
    var unitSymbols: [Int32] = []
    for index in 0..<table.count where Int(units.unitOf[index]) == index {
      dense[index] = Int32(unitSymbols.count)
      unitSymbols.append(Int32(index))
    }
    let edges = try collectEdges(connection, table: table, units: units, dense: dense)
    table.indexByHash = [:]
    table.modules = []
    table.kinds = []
    // What the passes above held goes back to the system before the component walk allocates.
    ProcessMemory.releaseFreeMemory()
    let nodeCount = unitSymbols.count
    let fullComponents = DependencyGraph(nodeCount: nodeCount, sortedPackedEdges: edges, keep: { _ in true })
      .components()
    let typeComponents = DependencyGraph(nodeCount: nodeCount, sortedPackedEdges: edges, keep: { $0 & 1 != 0 })
      .components()

    var smallestID = [Int](repeating: Int.max, count: fullComponents.sizes.count)
    for node in 0..<nodeCount {
      let component = Int(fullComponents.componentOf[node])
      smallestID[component] = min(smallestID[component], table.ids[Int(unitSymbols[node])])
    }
    var result = Result(units: nodeCount, edges: edges.count, cycles: 0, maxLevel: 0)
    do {
      // The target index is rebuilt after the bulk insert, which is much faster than updating it.
      try connection.execute(
        """
        DELETE FROM dependencies; DELETE FROM levels; DELETE FROM symbol_units;
        DROP INDEX IF EXISTS dependencies_target;
        """)
      let insertUnit = try connection.prepare("INSERT INTO symbol_units(symbol_id, unit_id) VALUES (?1, ?2)")
      for index in 0..<table.count where units.unitOf[index] >= 0 {
        try insertUnit.run([.int(table.ids[index]), .int(table.ids[Int(units.unitOf[index])])])
      }
      let insertEdge = try connection.prepare(
        "INSERT INTO dependencies(source_id, target_id, on_type, on_value) VALUES (?1, ?2, ?3, ?4)")
      for value in edges {
        let (source, target, flags) = unpack(value)
        try insertEdge.run([
          .int(table.ids[Int(unitSymbols[Int(source)])]), .int(table.ids[Int(unitSymbols[Int(target)])]),
          .bool(flags & 1 != 0), .bool(flags & 2 != 0),
        ])
      }
      try connection.execute("CREATE INDEX dependencies_target ON dependencies(target_id)")
      let insertLevel = try connection.prepare(
        "INSERT INTO levels(symbol_id, component, component_size, type_level, level) VALUES (?1, ?2, ?3, ?4, ?5)")
      for node in 0..<nodeCount {
        let component = Int(fullComponents.componentOf[node])
        let level = Int(fullComponents.levels[component])
        let typeLevel = Int(typeComponents.levels[Int(typeComponents.componentOf[node])])
        try insertLevel.run([
          .int(table.ids[Int(unitSymbols[node])]), .int(smallestID[component]),
          .int(Int(fullComponents.sizes[component])), .int(typeLevel), .int(level),
        ])
        result.maxLevel = max(result.maxLevel, level)
      }
      result.cycles = fullComponents.sizes.filter { $0 > 1 }.count
      try HeraldDatabase.setMeta(connection, "graph_state", "fresh")
      try HeraldDatabase.setMeta(connection, "graph_rules", rulesVersion)
    }
    return result
  }

  // MARK: Symbols

  private static func loadSymbols(_ connection: SQLiteConnection) throws -> SymbolTable {
    var table = SymbolTable()
    // Sized up front: growing by doubling would briefly hold two copies of each column.
    let expected = try connection.scalarInt("SELECT count(*) FROM symbols") ?? 0
    table.ids.reserveCapacity(expected)
    table.modules.reserveCapacity(expected)
    table.kinds.reserveCapacity(expected)
    table.hasDeclaration.reserveCapacity(expected)
    table.isInternal.reserveCapacity(expected)
    table.parents.reserveCapacity(expected)
    table.deeperStart.reserveCapacity(expected + 1)
    table.indexByHash.reserveCapacity(expected)
    let query = try connection.prepare(
      """
      SELECT s.id, s.name, s.kind, s.module_id, s.declaration_id IS NOT NULL,
        s.is_internal OR coalesce(d.is_generated, 0)
      FROM symbols s LEFT JOIN declarations d ON d.id = s.declaration_id ORDER BY s.id
      """)
    var chain: [UInt64] = []
    while try query.step() {
      let index = Int32(table.count)
      table.ids.append(query.int(0))
      chain.removeAll(keepingCapacity: true)
      let fullHash = query.withBytes(1) { name in ancestorHashes(of: name, into: &chain) }
      table.parents.append(chain.first ?? 0)
      let isInternal = query.int(5) != 0
      if isInternal, chain.count > 1 { table.deeper.append(contentsOf: chain.dropFirst()) }
      table.deeperStart.append(Int32(table.deeper.count))
      table.indexByHash[fullHash] = index
      let kind = query.withBytes(2) { bytes in
        switch String(decoding: bytes, as: UTF8.self) {
        case "inductive": return UInt8(1)
        case "constructor": return 2
        case "recursor": return 3
        default: return 0
        }
      }
      table.kinds.append(kind)
      table.modules.append(Int32(truncatingIfNeeded: query.int(3)))
      table.hasDeclaration.append(query.int(4) != 0)
      table.isInternal.append(isInternal)
    }
    return table
  }

  /// Hashes `name` (a dotted name) with FNV-1a and puts the hashes of its proper prefixes
  /// ending before a top-level `.` into `chain`, nearest ancestor first; returns the hash of the
  /// whole name. Since FNV-1a is incremental, one pass over the bytes gives every prefix's hash.
  private static func ancestorHashes(of name: UnsafeBufferPointer<UInt8>, into chain: inout [UInt64]) -> UInt64 {
    var hash: UInt64 = fnvOffset
    var depth = 0
    var previous: UInt8 = 0
    for byte in name {
      // « is C2 AB and » is C2 BB in UTF-8: dots inside them belong to the component.
      if previous == 0xC2 && byte == 0xAB { depth += 1 }
      if previous == 0xC2 && byte == 0xBB { depth = max(0, depth - 1) }
      if byte == 46 && depth == 0 { chain.append(hash) }
      hash ^= UInt64(byte)
      hash &*= fnvPrime
      previous = byte
    }
    chain.reverse()
    return hash
  }

  // MARK: Units

  private struct Units {
    var unitOf: [Int32]
    var isStructuralMember: [Bool]
  }

  /// Which symbol stands for each symbol in the graph: constructors, recursors and generated
  /// members of an inductive type go to the type; internal auxiliaries (`foo.match_1`,
  /// `foo.eq_1`) go to their nearest existing ancestor in the same module; internal names
  /// with no owner there (equation lemmas of imported definitions) are not in the graph (-1).
  private static func assignUnits(_ table: SymbolTable) -> Units {
    let unresolved: Int32 = -2
    var unitOf = [Int32](repeating: unresolved, count: table.count)
    var structural = [Bool](repeating: false, count: table.count)
    func resolve(_ index: Int) -> Int32 {
      if unitOf[index] != unresolved { return unitOf[index] }
      var unit: Int32 = table.isInternal[index] ? -1 : Int32(index)
      let parentHash = table.parents[index]
      if parentHash != 0, let parent = table.lookup(parentHash),
        table.modules[Int(parent)] == table.modules[index]
      {
        let parentIsType = table.kinds[Int(parent)] == 1
        let kind = table.kinds[index]
        if kind == 2 || kind == 3 || (parentIsType && !table.hasDeclaration[index]) {
          unit = resolve(Int(parent))
          structural[index] = parentIsType
        } else if table.isInternal[index] {
          unit = resolve(Int(parent))
        }
      } else if table.isInternal[index] {
        for hash in table.deeper[Int(table.deeperStart[index])..<Int(table.deeperStart[index + 1])] {
          if let found = table.lookup(hash), table.modules[Int(found)] == table.modules[index] {
            unit = resolve(Int(found))
            break
          }
        }
      }
      unitOf[index] = unit
      return unit
    }
    for index in 0..<table.count { _ = resolve(index) }
    return Units(unitOf: unitOf, isStructuralMember: structural)
  }

  // MARK: Edges

  /// Edges between units (as dense node numbers), deduplicated and sorted, packed as
  /// `source << 33 | target << 2 | flags` (flag 1: needed to state the source, flag 2: used by
  /// its value).
  private static func collectEdges(
    _ connection: SQLiteConnection, table: SymbolTable, units: Units, dense: [Int32]
  ) throws -> [UInt64] {
    var edges: [UInt64] = []
    // Units never span modules and a module's symbols have consecutive ids, so deduplicating
    // module by module finds every duplicate while holding only one module's edges.
    var moduleEdges: [UInt64: UInt64] = [:]
    var currentModule: Int32 = -1
    func flush() {
      for (key, flags) in moduleEdges { edges.append(key | flags) }
      moduleEdges.removeAll(keepingCapacity: true)
    }
    let references = try connection.prepare("SELECT type_references, value_references FROM symbols ORDER BY id")
    var position = 0
    while try references.step() {
      defer { position += 1 }
      if position < table.count, table.modules[position] != currentModule {
        flush()
        currentModule = table.modules[position]
      }
      guard position < table.count else { break }
      let unit = units.unitOf[position]
      guard unit >= 0 else { continue }
      let member = Int(unit) != position
      let structural = table.kinds[position] == 2 || units.isStructuralMember[position]
      for column in Int32(0)...1 {
        references.withBytes(column) { bytes in
          guard let base = bytes.baseAddress, bytes.count > 0 else { return }
          var hash = fnvOffset
          for offset in 0...bytes.count {
            guard offset < bytes.count, base[offset] != 10 else {
              defer { hash = fnvOffset }
              guard hash != fnvOffset, let target = table.lookup(hash) else { continue }
              let targetUnit = units.unitOf[Int(target)]
              guard targetUnit >= 0, targetUnit != unit else { continue }
              let onType = column == 0 && (!member || structural)
              let key = UInt64(dense[Int(unit)]) << 33 | UInt64(dense[Int(targetUnit)]) << 2
              moduleEdges[key, default: 0] |= onType ? 1 : 2
              continue
            }
            hash ^= UInt64(base[offset])
            hash &*= fnvPrime
          }
        }
      }
    }
    flush()
    edges.sort()
    return edges
  }

  private static func unpack(_ value: UInt64) -> (Int32, Int32, UInt8) {
    (Int32(truncatingIfNeeded: value >> 33), Int32(truncatingIfNeeded: (value >> 2) & 0x7FFF_FFFF), UInt8(value & 3))
  }

  /// FNV-1a over UTF-8 bytes: names are looked up by hash so the graph pass need not keep every
  /// name in memory (a 64-bit collision among a million names is about 1 in 10^7).
  private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let fnvPrime: UInt64 = 0x100_0000_01b3
}
