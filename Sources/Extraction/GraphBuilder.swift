import HeraldCore
import ProcessRunner
import Storage

/// Rebuilds `dependencies`, `levels` and `symbol_units` from every module's references.
///
/// Runs over the whole database after ingestion, so an edge into a module ingested later is
/// never lost (LeanSearch inserted edges per module and dropped those). Memory stays small at
/// Mathlib scale (about 30 bytes a symbol at the high point): names are kept only as 64-bit
/// hashes, ids and modules as runs, edges deduplicated module by module straight into one
/// compact adjacency list that both component walks share, and each structure is freed once
/// its last use is over.
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
    /// Symbol ids, ascending (one run per stretch of consecutive ids).
    var ids = RunColumn(step: 1)
    /// Module ids (one run per module, since a module's symbols are written together).
    var modules = RunColumn(step: 0)
    /// Bits 0–1: 1 inductive, 2 constructor, 3 recursor, 0 anything else; then the flags below.
    var flags: [UInt8] = []
    var names = NameIndex()

    static let hasDeclaration: UInt8 = 4
    static let isInternal: UInt8 = 8
    static let isStructuralMember: UInt8 = 16

    var count: Int { flags.count }

    func kind(_ index: Int) -> UInt8 { flags[index] & 3 }
    func has(_ flag: UInt8, _ index: Int) -> Bool { flags[index] & flag != 0 }
  }

  /// Recomputes the graph in one transaction and marks it fresh. Output of notation and macro
  /// commands (generated declarations) is treated like internal names: never a unit.
  ///
  /// Reads and writes happen in one `BEGIN IMMEDIATE` transaction: a concurrent extract cannot
  /// change the symbols between the passes, and a graph is never marked fresh over newer modules.
  ///
  /// `precomputed` is the reading half done beforehand on another connection (`compute`); it is
  /// used only if no other connection has committed since `dataVersion` (this connection's
  /// `PRAGMA data_version` when it was started), checked inside the transaction.
  public static func rebuild(
    _ connection: SQLiteConnection, precomputed: Computed? = nil, dataVersion: Int? = nil
  ) throws -> Result {
    // A bulk extract killed before its end left the name indexes to build; a fresh graph implies them.
    try NameIndexes.restore(connection)
    // The pass reads and appends in order, so a small page cache does; the connection's own
    // size comes back afterwards.
    let cacheSize = try connection.scalarInt("PRAGMA cache_size") ?? -2000
    try connection.execute("PRAGMA cache_size = \(graphCacheSize); PRAGMA shrink_memory")
    defer { try? connection.execute("PRAGMA cache_size = \(cacheSize)") }
    return try connection.transaction {
      var computed = precomputed
      if computed != nil, try dataVersion == nil || connection.scalarInt("PRAGMA data_version") != dataVersion {
        computed = nil
      }
      return try store(connection, computed ?? compute(connection))
    }
  }

  /// The page cache during a rebuild, in SQLite's units (negative: KiB).
  private static let graphCacheSize = -4096

  /// The reading half of a rebuild: units, nodes and edges, from the symbols as `connection`
  /// sees them. Writes nothing, so it can run on a second connection while the writer works.
  public struct Computed: Sendable {
    fileprivate var ids: RunColumn
    fileprivate var nodeOf: [Int32]
    fileprivate var nodeSymbols: [Int32]
    fileprivate var graph: DependencyGraph
  }

  /// Reads the symbols and computes the graph's units, nodes and edges.
  public static func compute(_ connection: SQLiteConnection) throws -> Computed {
    var table = try loadSymbols(connection)
    var nodeOf = try assignUnits(connection, &table)
    // Graph nodes are the units only, numbered densely in symbol order, so that the walks'
    // arrays are as small as the graph.
    let nodeSymbols = numberNodes(&nodeOf)
    let graph = try collectEdges(connection, table: table, nodeOf: nodeOf, nodeSymbols: nodeSymbols)
    return Computed(ids: table.ids, nodeOf: nodeOf, nodeSymbols: nodeSymbols, graph: graph)
  }

  /// The writing half: replaces `dependencies`, `levels` and `symbol_units` and marks the graph fresh.
  private static func store(_ connection: SQLiteConnection, _ computed: consuming Computed) throws -> Result {
    let ids = computed.ids
    var nodeOf = computed.nodeOf
    let nodeSymbols = computed.nodeSymbols
    let graph = computed.graph
    computed = Computed(
      ids: RunColumn(step: 1), nodeOf: [], nodeSymbols: [], graph: DependencyGraph(nodeCount: 0, edges: []))
    ProcessMemory.releaseFreeMemory()
    let nodeCount = nodeSymbols.count
    var result = Result(units: nodeCount, edges: graph.edgeCount, cycles: 0, maxLevel: 0)

    // The target index is rebuilt after the bulk insert, which is much faster than updating it.
    try connection.execute(
      """
      DELETE FROM dependencies; DELETE FROM levels; DELETE FROM symbol_units;
      DROP INDEX IF EXISTS dependencies_target;
      """)
    // Over a million rows each: integers added one by one, with no array per row, many rows to
    // a statement step.
    var units = try IntegerRows(connection, table: "symbol_units", columns: ["symbol_id", "unit_id"])
    for index in 0..<nodeOf.count where nodeOf[index] >= 0 {
      try units.add(ids[index])
      try units.add(ids[Int(nodeSymbols[Int(nodeOf[index])])])
    }
    try units.finish()
    nodeOf = []
    var edges = try IntegerRows(
      connection, table: "dependencies", columns: ["source_id", "target_id", "on_type", "on_value"])
    for source in 0..<nodeCount {
      let sourceID = ids[Int(nodeSymbols[source])]
      for position in Int(graph.offsets[source])..<Int(graph.offsets[source + 1]) {
        let (target, flags) = graph.edge(at: position)
        try edges.add(sourceID)
        try edges.add(ids[Int(nodeSymbols[target])])
        try edges.add(flags & DependencyGraph.typeFlag != 0 ? 1 : 0)
        try edges.add(flags & DependencyGraph.valueFlag != 0 ? 1 : 0)
      }
    }
    try edges.finish()
    try connection.execute("CREATE INDEX dependencies_target ON dependencies(target_id)")
    ProcessMemory.releaseFreeMemory()

    // The type-only walk first, kept as one level per node; then the full walk.
    let typeLevels = levelPerNode(graph.components(mask: DependencyGraph.typeFlag))
    let full = graph.components()
    // Ids ascend with node numbers, so a component's smallest id is its first node's.
    var firstNode = [Int32](repeating: -1, count: full.sizes.count)
    var levels = try IntegerRows(
      connection, table: "levels", columns: ["symbol_id", "component", "component_size", "type_level", "level"])
    for node in 0..<nodeCount {
      let component = Int(full.componentOf[node])
      if firstNode[component] < 0 { firstNode[component] = Int32(node) }
      let level = Int(full.levels[component])
      try levels.add(ids[Int(nodeSymbols[node])])
      try levels.add(ids[Int(nodeSymbols[Int(firstNode[component])])])
      try levels.add(Int(full.sizes[component]))
      try levels.add(Int(typeLevels[node]))
      try levels.add(level)
      result.maxLevel = max(result.maxLevel, level)
    }
    try levels.finish()
    result.cycles = full.sizes.filter { $0 > 1 }.count
    try HeraldDatabase.setMeta(connection, "graph_state", "fresh")
    try HeraldDatabase.setMeta(connection, "graph_rules", rulesVersion)
    return result
  }

  /// Every node's level, reusing the walk's per-node array.
  private static func levelPerNode(_ components: consuming DependencyGraph.Components) -> [Int32] {
    var levels = components.componentOf
    components.componentOf = []
    for node in levels.indices { levels[node] = components.levels[Int(levels[node])] }
    return levels
  }

  // MARK: Symbols

  private static func loadSymbols(_ connection: SQLiteConnection) throws -> SymbolTable {
    var table = SymbolTable()
    // Sized up front: growing by doubling would briefly hold two copies of each column.
    let expected = try connection.scalarInt("SELECT count(*) FROM symbols") ?? 0
    table.flags.reserveCapacity(expected)
    var hashes: [UInt64] = []
    hashes.reserveCapacity(expected)
    let query = try connection.prepare(
      """
      SELECT s.id, s.name, s.kind, s.module_id, s.declaration_id IS NOT NULL,
        s.is_internal OR coalesce(d.is_generated, 0)
      FROM symbols s LEFT JOIN declarations d ON d.id = s.declaration_id ORDER BY s.id
      """)
    var chain: [UInt64] = []
    while try query.step() {
      table.ids.append(query.int(0))
      chain.removeAll(keepingCapacity: true)
      hashes.append(query.withBytes(1) { name in ancestorHashes(of: name, into: &chain) })
      let isInternal = query.int(5) != 0
      var flags = query.withBytes(2) { bytes in
        switch String(decoding: bytes, as: UTF8.self) {
        case "inductive": return UInt8(1)
        case "constructor": return 2
        case "recursor": return 3
        default: return 0
        }
      }
      if query.int(4) != 0 { flags |= SymbolTable.hasDeclaration }
      if isInternal { flags |= SymbolTable.isInternal }
      table.flags.append(flags)
      table.modules.append(query.int(3))
    }
    table.names = NameIndex(hashes: consume hashes)
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

  /// Which symbol stands for each symbol in the graph: constructors, recursors and generated
  /// members of an inductive type go to the type; internal auxiliaries (`foo.match_1`,
  /// `foo.eq_1`) go to their nearest existing ancestor in the same module; internal names
  /// with no owner there (equation lemmas of imported definitions) are not in the graph (-1).
  /// Marks the structural members (those that went to an inductive parent) in `table.flags`.
  ///
  /// Reads the names a second time rather than keeping their ancestors' hashes from the first
  /// read: with the index complete, each symbol's link (the ancestor it goes to, if any) is
  /// found at once and takes 4 bytes instead of 8 or more.
  private static func assignUnits(_ connection: SQLiteConnection, _ table: inout SymbolTable) throws -> [Int32] {
    // While linking: `unitOf[i]` is the symbol `i` goes to, or `noLink`.
    let noLink: Int32 = -2
    var unitOf = [Int32](repeating: noLink, count: table.count)
    let names = try connection.prepare("SELECT name FROM symbols ORDER BY id")
    var chain: [UInt64] = []
    var index = 0
    while try names.step(), index < table.count {
      defer { index += 1 }
      chain.removeAll(keepingCapacity: true)
      _ = names.withBytes(0) { name in ancestorHashes(of: name, into: &chain) }
      let isInternal = table.has(SymbolTable.isInternal, index)
      let parentHash = chain.first ?? 0
      if parentHash != 0, let parent = table.names.lookup(parentHash),
        table.modules[Int(parent)] == table.modules[index]
      {
        let parentIsType = table.kind(Int(parent)) == 1
        let kind = table.kind(index)
        if kind == 2 || kind == 3 || (parentIsType && !table.has(SymbolTable.hasDeclaration, index)) {
          unitOf[index] = parent
          if parentIsType { table.flags[index] |= SymbolTable.isStructuralMember }
        } else if isInternal {
          unitOf[index] = parent
        }
      } else if isInternal {
        // Owners may sit further up: the nearest ancestor in the same module.
        for hash in chain.dropFirst() {
          if let found = table.names.lookup(hash), table.modules[Int(found)] == table.modules[index] {
            unitOf[index] = found
            break
          }
        }
      }
    }
    // Resolving: a symbol goes where its link goes, else it is its own unit (none if internal).
    // Resolved entries are stored as `-3 - unit`, or -1 for none, and decoded at the end.
    func resolve(_ index: Int) -> Int32 {
      let entry = unitOf[index]
      if entry == -1 { return -1 }
      if entry <= -3 { return -3 - entry }
      let unit: Int32
      if entry >= 0 {
        unit = resolve(Int(entry))
      } else {
        unit = table.has(SymbolTable.isInternal, index) ? -1 : Int32(index)
      }
      unitOf[index] = unit < 0 ? -1 : -3 - unit
      return unit
    }
    for index in 0..<unitOf.count { _ = resolve(index) }
    for index in 0..<unitOf.count where unitOf[index] <= -3 { unitOf[index] = -3 - unitOf[index] }
    return unitOf
  }

  /// Numbers the units densely in symbol order, turning `unitOf` (each symbol's unit symbol, or
  /// -1) into each symbol's node (or -1) in place; returns every node's unit symbol.
  private static func numberNodes(_ unitOf: inout [Int32]) -> [Int32] {
    // A unit is its own unit. Units are first marked with `-3 - node`, so that their members
    // can read the node off them, and then given the node itself.
    var nodeSymbols: [Int32] = []
    for index in unitOf.indices where Int(unitOf[index]) == index {
      unitOf[index] = -3 - Int32(nodeSymbols.count)
      nodeSymbols.append(Int32(index))
    }
    for index in unitOf.indices where unitOf[index] >= 0 { unitOf[index] = -3 - unitOf[Int(unitOf[index])] }
    for node in nodeSymbols.indices { unitOf[Int(nodeSymbols[node])] = Int32(node) }
    return nodeSymbols
  }

  // MARK: Edges

  /// Edges between units (as node numbers), deduplicated, with their flags
  /// (`DependencyGraph.typeFlag`: needed to state the source, `valueFlag`: used by its value).
  private static func collectEdges(
    _ connection: SQLiteConnection, table: SymbolTable, nodeOf: [Int32], nodeSymbols: [Int32]
  ) throws -> DependencyGraph {
    var graph = DependencyGraph.Builder(nodeCount: nodeSymbols.count)
    // Units never span modules and a module's symbols have consecutive ids, so deduplicating
    // module by module finds every duplicate while holding only one module's edges; and since
    // nodes are numbered in symbol order, the modules' edges arrive sorted by source.
    var moduleEdges: [UInt64: UInt64] = [:]
    var sorted: [UInt64] = []
    func flush() {
      sorted.removeAll(keepingCapacity: true)
      for (key, flags) in moduleEdges { sorted.append(key | flags) }
      moduleEdges.removeAll(keepingCapacity: true)
      sorted.sort()
      for value in sorted {
        graph.append(
          source: Int(value >> 33), target: Int((value >> 2) & 0x7FFF_FFFF), flags: UInt8(value & 3))
      }
    }
    let references = try connection.prepare("SELECT type_references, value_references FROM symbols ORDER BY id")
    var position = 0
    var nextModule = 0
    while try references.step() {
      defer { position += 1 }
      guard position < table.count else { break }
      if position == nextModule {
        flush()
        nextModule = table.modules.runEnd(containing: position)
      }
      let unit = nodeOf[position]
      guard unit >= 0 else { continue }
      let member = Int(nodeSymbols[Int(unit)]) != position
      let structural = table.kind(position) == 2 || table.has(SymbolTable.isStructuralMember, position)
      for column in Int32(0)...1 {
        references.withBytes(column) { bytes in
          guard let base = bytes.baseAddress, bytes.count > 0 else { return }
          var hash = fnvOffset
          for offset in 0...bytes.count {
            guard offset < bytes.count, base[offset] != 10 else {
              defer { hash = fnvOffset }
              guard hash != fnvOffset, let target = table.names.lookup(hash) else { continue }
              let targetUnit = nodeOf[Int(target)]
              guard targetUnit >= 0, targetUnit != unit else { continue }
              let onType = column == 0 && (!member || structural)
              let key = UInt64(unit) << 33 | UInt64(targetUnit) << 2
              moduleEdges[key, default: 0] |= UInt64(onType ? DependencyGraph.typeFlag : DependencyGraph.valueFlag)
              continue
            }
            hash ^= UInt64(base[offset])
            hash &*= fnvPrime
          }
        }
      }
    }
    flush()
    return graph.finish()
  }

  /// FNV-1a over UTF-8 bytes: names are looked up by hash so the graph pass need not keep every
  /// name in memory (a 64-bit collision among a million names is about 1 in 10^7).
  fileprivate static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let fnvPrime: UInt64 = 0x100_0000_01b3
}

/// A column of integers stored as runs: row `i` of run `r` holds `values[r] + step * (i - starts[r])`.
/// Symbol ids (step 1) and module ids (step 0) come in few long runs, so such a column costs next
/// to nothing instead of 8 bytes a row; a column without runs costs 16 bytes a row.
struct RunColumn {
  /// Difference between consecutive rows within a run.
  let step: Int
  private var starts: [Int32] = []
  private var values: [Int] = []
  /// Number of rows.
  private(set) var count = 0

  init(step: Int) {
    self.step = step
  }

  mutating func append(_ value: Int) {
    if let last = values.last, let start = starts.last, value == last &+ step &* (count - Int(start)) {
      count += 1
      return
    }
    precondition(count < Int(Int32.max), "too many rows")
    starts.append(Int32(count))
    values.append(value)
    count += 1
  }

  /// The run holding row `index`.
  private func run(containing index: Int) -> Int {
    var low = 0
    var high = starts.count
    // The last run starting at or before `index`.
    while high - low > 1 {
      let middle = (low + high) / 2
      if Int(starts[middle]) <= index { low = middle } else { high = middle }
    }
    return low
  }

  subscript(index: Int) -> Int {
    let run = run(containing: index)
    return values[run] &+ step &* (index - Int(starts[run]))
  }

  /// The first row after the run holding `index`.
  func runEnd(containing index: Int) -> Int {
    let run = run(containing: index)
    return run + 1 < starts.count ? Int(starts[run + 1]) : count
  }
}

/// Symbol indices by the 64-bit hash of their name, in 12.5 bytes a symbol: the hashes are
/// grouped in place by their top bits (a bucket of about eight), with each one's symbol index
/// alongside; a lookup scans one bucket.
struct NameIndex {
  private var hashes: [UInt64] = []
  private var symbols: [Int32] = []
  /// Bucket `b` is `hashes[bucketStart[b]..<bucketStart[b + 1]]`.
  private var bucketStart: [Int32] = [0, 0]
  private var shift: UInt64 = 63

  init() {}

  /// Indexes `hashes` (symbol `i` has hash `hashes[i]`); when two symbols share a hash, the
  /// later one is found.
  init(hashes input: consuming [UInt64]) {
    var hashes = input
    precondition(hashes.count < Int(Int32.max), "too many symbols")
    let bits = max(1, (Int.bitWidth - max(1, hashes.count).leadingZeroBitCount) - 3)
    shift = UInt64(64 - bits)
    let bucketCount = 1 << bits
    var start = [Int32](repeating: 0, count: bucketCount + 1)
    for hash in hashes { start[Int(hash >> shift) + 1] += 1 }
    for bucket in 0..<bucketCount { start[bucket + 1] += start[bucket] }
    var symbols = [Int32](unsafeUninitializedCapacity: hashes.count) { buffer, count in
      for index in buffer.indices { buffer[index] = Int32(index) }
      count = buffer.count
    }
    // Each bucket is filled from its start: an element out of place is swapped into the next
    // free slot of its own bucket, which puts every element in place after one sweep.
    var next = start
    for bucket in 0..<bucketCount {
      let end = Int(start[bucket + 1])
      while Int(next[bucket]) < end {
        let slot = Int(next[bucket])
        let home = Int(hashes[slot] >> shift)
        if home == bucket {
          next[bucket] += 1
        } else {
          let other = Int(next[home])
          hashes.swapAt(slot, other)
          symbols.swapAt(slot, other)
          next[home] += 1
        }
      }
    }
    self.hashes = hashes
    self.symbols = symbols
    self.bucketStart = start
  }

  /// The index of the last symbol whose name has hash `hash`.
  func lookup(_ hash: UInt64) -> Int32? {
    guard !hashes.isEmpty else { return nil }
    let bucket = Int(hash >> shift)
    var found: Int32?
    for slot in Int(bucketStart[bucket])..<Int(bucketStart[bucket + 1]) where hashes[slot] == hash {
      found = max(found ?? symbols[slot], symbols[slot])
    }
    return found
  }
}
