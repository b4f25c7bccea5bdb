import HeraldCore
import Storage

/// Rebuilds `dependencies`, `levels` and `symbols.unit_id` from every module's references.
///
/// Runs over the whole database after ingestion, so an edge into a module ingested later is
/// never lost (LeanSearch inserted edges per module and dropped those).
public enum GraphBuilder {
  /// Version of the unit and edge rules; a graph built under other rules counts as stale.
  public static let rulesVersion = "2"

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

  private struct SymbolRow {
    var id: Int
    var name: String
    var kind: String
    var module: Int
    var hasDeclaration: Bool
    var isInternal: Bool
  }

  /// Recomputes the graph in one transaction and marks it fresh. Output of notation and macro
  /// commands (generated declarations) is treated like internal names: never a unit.
  public static func rebuild(_ connection: SQLiteConnection) throws -> Result {
    var rows: [SymbolRow] = []
    var indexByHash: [UInt64: Int32] = [:]
    let query = try connection.prepare(
      """
      SELECT s.id, s.name, s.kind, s.module_id, s.declaration_id IS NOT NULL,
        s.is_internal OR coalesce(d.is_generated, 0)
      FROM symbols s LEFT JOIN declarations d ON d.id = s.declaration_id ORDER BY s.id
      """)
    while try query.step() {
      let name = query.text(1) ?? ""
      indexByHash[fnv1a(name)] = Int32(rows.count)
      rows.append(
        SymbolRow(
          id: query.int(0), name: name, kind: query.text(2) ?? "", module: query.int(3),
          hasDeclaration: query.int(4) != 0, isInternal: query.int(5) != 0))
    }
    let units = assignUnits(rows, indexByHash: indexByHash)
    rows = rows.map { row in
      var copy = row
      copy.name = ""
      return copy
    }

    // Edges, packed as source << 33 | target << 2 | flags so that sorting groups them.
    var packed: [UInt64] = []
    let references = try connection.prepare(
      "SELECT type_references, value_references FROM symbols ORDER BY id")
    var position = 0
    while try references.step() {
      let unit = units.unitOf[position]
      defer { position += 1 }
      guard unit >= 0 else { continue }
      let member = Int(unit) != position
      let structural = rows[position].kind == "constructor" || units.isStructuralMember[position]
      for column in Int32(0)...1 {
        references.withBytes(column) { bytes in
          guard let base = bytes.baseAddress, bytes.count > 0 else { return }
          var start = 0
          for offset in 0...bytes.count where offset == bytes.count || base[offset] == 10 {
            defer { start = offset + 1 }
            guard offset > start else { continue }
            let hash = fnv1a(UnsafeBufferPointer(start: base + start, count: offset - start))
            guard let target = indexByHash[hash] else { continue }
            let targetUnit = units.unitOf[Int(target)]
            guard targetUnit >= 0, targetUnit != unit else { continue }
            let onType = column == 0 && (!member || structural)
            packed.append(UInt64(unit) << 33 | UInt64(targetUnit) << 2 | (onType ? 1 : 2))
          }
        }
      }
    }
    packed.sort()
    var edges: [(Int32, Int32, UInt8)] = []
    for value in packed {
      let source = Int32(truncatingIfNeeded: value >> 33)
      let target = Int32(truncatingIfNeeded: (value >> 2) & 0x7FFF_FFFF)
      let flags = UInt8(value & 3)
      if let last = edges.last, last.0 == source, last.1 == target {
        edges[edges.count - 1].2 |= flags
      } else {
        edges.append((source, target, flags))
      }
    }
    packed = []
    let full = DependencyGraph(nodeCount: rows.count, edges: edges.map { ($0.0, $0.1) })
    let typeOnly = DependencyGraph(nodeCount: rows.count, edges: edges.filter { $0.2 & 1 != 0 }.map { ($0.0, $0.1) })
    let fullComponents = full.components()
    let typeComponents = typeOnly.components()

    var smallestID = [Int](repeating: Int.max, count: fullComponents.sizes.count)
    for (index, row) in rows.enumerated() where Int(units.unitOf[index]) == index {
      let component = Int(fullComponents.componentOf[index])
      smallestID[component] = min(smallestID[component], row.id)
    }
    var result = Result(units: 0, edges: edges.count, cycles: 0, maxLevel: 0)
    try connection.transaction {
      try connection.execute("DELETE FROM dependencies; DELETE FROM levels;")
      let setUnit = try connection.prepare("UPDATE symbols SET unit_id = ?1 WHERE id = ?2")
      for (index, row) in rows.enumerated() {
        let unit = units.unitOf[index]
        try setUnit.run([unit >= 0 ? .int(rows[Int(unit)].id) : .null, .int(row.id)])
      }
      let insertEdge = try connection.prepare(
        "INSERT INTO dependencies(source_id, target_id, on_type, on_value) VALUES (?1, ?2, ?3, ?4)")
      for (source, target, flags) in edges {
        try insertEdge.run([
          .int(rows[Int(source)].id), .int(rows[Int(target)].id), .bool(flags & 1 != 0), .bool(flags & 2 != 0),
        ])
      }
      let insertLevel = try connection.prepare(
        "INSERT INTO levels(symbol_id, component, component_size, type_level, level) VALUES (?1, ?2, ?3, ?4, ?5)")
      for (index, row) in rows.enumerated() where Int(units.unitOf[index]) == index {
        let component = Int(fullComponents.componentOf[index])
        let size = Int(fullComponents.sizes[component])
        let level = Int(fullComponents.levels[component])
        let typeLevel = Int(typeComponents.levels[Int(typeComponents.componentOf[index])])
        try insertLevel.run([.int(row.id), .int(smallestID[component]), .int(size), .int(typeLevel), .int(level)])
        result.units += 1
        result.maxLevel = max(result.maxLevel, level)
      }
      result.cycles =
        fullComponents.sizes.enumerated().filter { $0.element > 1 && smallestID[$0.offset] != Int.max }
        .count
      try HeraldDatabase.setMeta(connection, "graph_state", "fresh")
      try HeraldDatabase.setMeta(connection, "graph_rules", rulesVersion)
    }
    return result
  }

  /// FNV-1a over UTF-8 bytes: names are looked up by hash so the graph pass need not keep
  /// every name in memory (a 64-bit collision among a million names is about 1 in 10^7).
  private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return hash
  }

  private static func fnv1a(_ text: String) -> UInt64 {
    var text = text
    return text.withUTF8 { fnv1a($0) }
  }

  private struct Units {
    var unitOf: [Int32]
    var isStructuralMember: [Bool]
  }

  /// Which symbol stands for each symbol in the graph: constructors, recursors and generated
  /// members of an inductive type go to the type; internal auxiliaries (`foo.match_1`,
  /// `foo.eq_1`) go to their nearest existing ancestor; the rest stand for themselves.
  private static func assignUnits(_ rows: [SymbolRow], indexByHash: [UInt64: Int32]) -> Units {
    let unresolved: Int32 = -2
    var unitOf = [Int32](repeating: unresolved, count: rows.count)
    var structural = [Bool](repeating: false, count: rows.count)
    func lookup(_ name: LeanName) -> Int32? {
      guard !name.isAnonymous else { return nil }
      return indexByHash[fnv1a(name.dotted)]
    }
    func resolve(_ index: Int) -> Int32 {
      if unitOf[index] != unresolved { return unitOf[index] }
      let row = rows[index]
      let name = LeanName(dotted: row.name)
      // Internal names without an owner in the database (equation lemmas of imported
      // definitions, private matchers) are not part of the graph at all.
      var unit: Int32 = row.isInternal ? -1 : Int32(index)
      if let parent = lookup(name.parent), rows[Int(parent)].module == row.module {
        let parentIsType = rows[Int(parent)].kind == "inductive"
        if row.kind == "constructor" || row.kind == "recursor" || (parentIsType && !row.hasDeclaration) {
          unit = resolve(Int(parent))
          structural[index] = parentIsType
        } else if row.isInternal {
          unit = resolve(Int(parent))
        }
      } else if row.isInternal {
        var ancestor = name.parent
        while !ancestor.isAnonymous {
          if let found = lookup(ancestor), rows[Int(found)].module == row.module {
            unit = resolve(Int(found))
            break
          }
          ancestor = ancestor.parent
        }
      }
      unitOf[index] = unit
      return unit
    }
    for index in rows.indices { _ = resolve(index) }
    return Units(unitOf: unitOf, isStructuralMember: structural)
  }
}
