import HeraldCore
import Storage
import Testing

@testable import Extraction

/// The graph pass over stored modules: units, attribution, cycles and both kinds of level.
@Suite struct GraphBuilderTests {
  /// A symbol with its references; `declared` adds a declaration command of the same name.
  private struct Constant {
    var name: String
    var kind = "theorem"
    var types: [String] = []
    var values: [String]? = []
    var declared = true
  }

  private func module(_ name: String, _ constants: [Constant]) -> ModuleAnalysis {
    let declarations = constants.filter(\.declared).map { constant in
      DeclarationEntry(
        kind: constant.kind == "inductive" ? "inductive" : constant.kind, name: LeanName(dotted: constant.name),
        isGenerated: false, refRange: nil, refText: nil, idRange: nil, signatureRange: nil, signatureText: nil,
        typeRange: nil, typeText: nil, valueRange: nil, valueText: nil, modifiersRange: nil, docString: nil,
        visibility: "regular", isProtected: false, computeKind: "regular", attributes: [], namespace: .anonymous,
        openDecls: [], varDecls: [], levelNames: [], constructors: [])
    }
    let symbols = constants.map { constant in
      SymbolEntry(
        name: LeanName(dotted: constant.name), kind: constant.kind, typeFull: "T", typeReadable: nil,
        typeFallback: "T", typeReferences: constant.types.sorted(), valueReferences: constant.values?.sorted(),
        isProp: constant.kind == "theorem")
    }
    return ModuleAnalysis(
      module: name, header: nil, declarations: declarations,
      texts: declarations.map { DeclarationText($0, source: nil) }, constructorTexts: declarations.map { _ in [] },
      symbols: symbols, steps: [], lineStates: [], plugins: [.declaration, .symbol], warnings: [])
  }

  private func store(_ modules: [ModuleAnalysis]) throws -> SQLiteConnection {
    let connection = try HeraldDatabase.inMemory()
    let writer = ModuleWriter(connection: connection)
    for analysis in modules {
      _ = try writer.write(analysis, record: ModuleRecord(outputFingerprint: "test"), provenanceID: nil)
    }
    _ = try GraphBuilder.rebuild(connection)
    return connection
  }

  private func level(_ connection: SQLiteConnection, _ name: String) throws -> (level: Int, type: Int)? {
    let query = try connection.prepare(
      "SELECT l.level, l.type_level FROM levels l JOIN symbols s ON s.id = l.symbol_id WHERE s.name = ?1")
    try query.bind([.text(name)])
    guard try query.step() else { return nil }
    defer { query.reset() }
    return (query.int(0), query.int(1))
  }

  private func unit(_ connection: SQLiteConnection, _ name: String) throws -> String? {
    try connection.scalarText(
      """
      SELECT u.name FROM symbols s LEFT JOIN symbol_units m ON m.symbol_id = s.id LEFT JOIN symbols u ON u.id = m.unit_id
      WHERE s.name = ?1
      """, [.text(name)])
  }

  @Test func keepsEdgesIntoAModuleIngestedLater() throws {
    // B is written before A although B depends on A.
    let b = module("B", [Constant(name: "lemmaB", types: ["defA", "Nat"], values: ["Eq.mpr"])])
    let a = module("A", [Constant(name: "defA", kind: "definition", types: ["Nat"], values: ["Nat.succ"])])
    let connection = try store([b, a])
    #expect(try level(connection, "defA")?.level == 0)
    #expect(try level(connection, "lemmaB")?.level == 1)
    #expect(try connection.scalarInt("SELECT count(*) FROM dependencies") == 1)
    #expect(try HeraldDatabase.meta(connection, "graph_state") == "fresh")
  }

  @Test func attributesConstructorsProjectionsAndMatchersToTheirOwner() throws {
    let connection = try store([
      module(
        "M",
        [
          Constant(name: "Point", kind: "inductive", types: [], values: nil),
          Constant(name: "Point.mk", kind: "constructor", types: ["Point", "Nat"], values: nil),
          Constant(name: "Point.x", kind: "definition", types: ["Point"], values: ["Point.rec"], declared: false),
          Constant(name: "Point.rec", kind: "recursor", types: ["Point"], values: nil, declared: false),
          Constant(name: "norm", kind: "definition", types: ["Point"], values: ["norm.match_1"]),
          Constant(name: "norm.match_1", kind: "definition", types: [], values: ["Point.x"], declared: false),
          Constant(name: "norm_nonneg", types: ["norm", "Point.mk"], values: ["List.map.eq_def"]),
          Constant(name: "List.map.eq_def", types: [], values: [], declared: false),
        ])
    ])
    #expect(try unit(connection, "Point.mk") == "Point")
    #expect(try unit(connection, "Point.x") == "Point")
    #expect(try unit(connection, "Point.rec") == "Point")
    #expect(try unit(connection, "norm.match_1") == "norm")
    #expect(try unit(connection, "List.map.eq_def") == nil)
    #expect(try level(connection, "Point")?.level == 0)
    #expect(try level(connection, "norm")?.level == 1)
    #expect(try level(connection, "norm_nonneg")?.level == 2)
    #expect(try level(connection, "Point.mk") == nil)
    #expect(try connection.scalarInt("SELECT count(*) FROM levels") == 3)
  }

  @Test func aMutualPairSharesALevelAndTypeLevelsIgnoreProofs() throws {
    let connection = try store([
      module(
        "M",
        [
          Constant(name: "isEven", kind: "definition", types: ["Nat"], values: ["isOdd"]),
          Constant(name: "isOdd", kind: "definition", types: ["Nat"], values: ["isEven"]),
          Constant(name: "helper", types: ["Nat"], values: []),
          Constant(name: "even_two", types: ["isEven"], values: ["helper", "isOdd"]),
        ])
    ])
    let even = try #require(try level(connection, "isEven"))
    let odd = try #require(try level(connection, "isOdd"))
    #expect(even.level == odd.level)
    #expect(even.level == 0)
    #expect(try connection.scalarInt("SELECT DISTINCT component_size FROM levels WHERE component_size > 1") == 2)
    let theorem = try #require(try level(connection, "even_two"))
    #expect(theorem.level == 1)
    #expect(theorem.type == 1)
    let onType = try connection.scalarInt(
      """
      SELECT d.on_type FROM dependencies d JOIN symbols s ON s.id = d.source_id JOIN symbols t ON t.id = d.target_id
      WHERE s.name = 'even_two' AND t.name = 'helper'
      """)
    #expect(onType == 0)
  }

  /// The stored graph with names for ids: edges, units, and per unit its levels, component size
  /// and the component's name.
  private func snapshot(_ connection: SQLiteConnection) throws -> [String] {
    var rows: [String] = []
    let queries = [
      """
      SELECT 'edge ' || s.name || ' ' || t.name || ' ' || d.on_type || d.on_value FROM dependencies d
      JOIN symbols s ON s.id = d.source_id JOIN symbols t ON t.id = d.target_id
      """,
      """
      SELECT 'unit ' || s.name || ' ' || u.name FROM symbol_units m
      JOIN symbols s ON s.id = m.symbol_id JOIN symbols u ON u.id = m.unit_id
      """,
      """
      SELECT 'level ' || s.name || ' ' || l.level || ' ' || l.type_level || ' ' || l.component_size || ' ' || c.name
      FROM levels l JOIN symbols s ON s.id = l.symbol_id JOIN symbols c ON c.id = l.component
      """,
    ]
    for sql in queries {
      let query = try connection.prepare(sql)
      while try query.step() { rows.append(query.text(0) ?? "") }
    }
    return rows.sorted()
  }

  private func chainModules(rewritingB: Bool) -> [ModuleAnalysis] {
    let a = module(
      "A",
      [
        Constant(name: "Tree", kind: "inductive", types: [], values: nil),
        Constant(name: "Tree.node", kind: "constructor", types: ["Tree", "Nat"], values: nil),
        Constant(name: "size", kind: "definition", types: ["Tree"], values: ["size.match_1", "count"]),
        Constant(name: "size.match_1", kind: "definition", types: ["Tree"], values: ["Tree.node"], declared: false),
        Constant(name: "count", kind: "definition", types: ["Tree"], values: ["size"]),
      ])
    let b = module(
      "B",
      [
        Constant(name: "size_pos", types: ["size", rewritingB ? "count" : "Tree"], values: ["size_pos.proof_1"]),
        Constant(name: "size_pos.proof_1", types: ["Nat"], values: ["Tree.node"], declared: false),
      ])
    let c = module("C", [Constant(name: "uses", types: ["size_pos"], values: ["count", "size.match_1"])])
    return [a, b, c]
  }

  @Test func aModuleWrittenAgainLeavesGapsInIdsAndTheSameGraphAsAFreshStore() throws {
    // B is written, then written again after C: its symbols get new, higher ids, and the ids
    // and module ids of the symbols are no longer consecutive.
    let modules = chainModules(rewritingB: true)
    let rewritten = try HeraldDatabase.inMemory()
    let writer = ModuleWriter(connection: rewritten)
    for analysis in chainModules(rewritingB: false) + [modules[1]] {
      _ = try writer.write(analysis, record: ModuleRecord(outputFingerprint: "test"), provenanceID: nil)
    }
    _ = try GraphBuilder.rebuild(rewritten)
    let fresh = try store(modules)
    let gaps = try rewritten.scalarInt("SELECT max(id) - min(id) + 1 - count(*) FROM symbols")
    #expect(gaps == 2)
    let stored = try snapshot(rewritten)
    #expect(stored == (try snapshot(fresh)))
    #expect(stored.contains("unit size.match_1 size"))
    #expect(stored.contains("edge size_pos count 10"))
    #expect(stored.contains("level size 1 1 2 size"))
    #expect(stored.contains("level count 1 1 2 size"))
    #expect(stored.contains("level uses 3 3 1 uses"))
  }

  /// Extract computes the graph on a second connection while its writer builds the name indexes.
  @Test func aGraphComputedElsewhereIsStoredOnlyIfNoOtherConnectionCommittedSince() throws {
    let path = TestSupport.temporaryDirectory().appendingPathComponent("graph.sqlite").path
    let writer = try HeraldDatabase.openForWriting(path: path)
    let side = try HeraldDatabase.openExisting(path: path)
    func write(_ analysis: ModuleAnalysis, on connection: SQLiteConnection) throws {
      _ = try ModuleWriter(connection: connection).write(
        analysis, record: ModuleRecord(outputFingerprint: "test"), provenanceID: nil)
    }
    func computed() throws -> (GraphBuilder.Computed, Int) {
      let version = try writer.scalarInt("PRAGMA data_version") ?? 0
      return (try side.readTransaction { try GraphBuilder.compute(side) }, version)
    }
    for analysis in chainModules(rewritingB: false) { try write(analysis, on: writer) }

    // Nothing changed since: what is stored is what a rebuild from scratch stores.
    let (first, version) = try computed()
    _ = try GraphBuilder.rebuild(writer, precomputed: first, dataVersion: version)
    let stored = try snapshot(writer)
    try HeraldDatabase.setMeta(writer, "graph_state", "stale")
    _ = try GraphBuilder.rebuild(writer)
    #expect(try snapshot(writer) == stored)
    #expect(stored.contains("level size 1 1 2 size"))

    // Another connection commits a module after the computation: it is computed again.
    let (second, secondVersion) = try computed()
    try write(module("E", [Constant(name: "lemmaC", types: ["size"])]), on: side)
    _ = try GraphBuilder.rebuild(writer, precomputed: second, dataVersion: secondVersion)
    #expect(try level(writer, "lemmaC")?.level == 2)

    // The writer's own commits do not change its data version, so a computation made before
    // one is stored as it is (which is why extract drops it after removing modules itself).
    let (third, thirdVersion) = try computed()
    try write(module("F", [Constant(name: "lemmaD", types: ["lemmaC"])]), on: writer)
    _ = try GraphBuilder.rebuild(writer, precomputed: third, dataVersion: thirdVersion)
    #expect(try level(writer, "lemmaD") == nil)
    #expect(try level(writer, "lemmaC")?.level == 2)
  }

  @Test func theConnectionKeepsItsPageCacheSize() throws {
    let connection = try HeraldDatabase.inMemory()
    try connection.execute("PRAGMA cache_size = -12345")
    _ = try GraphBuilder.rebuild(connection)
    #expect(try connection.scalarInt("PRAGMA cache_size") == -12345)
  }
}
