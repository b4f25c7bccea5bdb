import Foundation
import HeraldCore
import Storage
import Testing

@testable import Extraction

/// A first ingest builds the name indexes after its inserts (`NameIndexes`); what it stores, and
/// how it treats two modules that define the same constant, must not differ from a module-by-module
/// ingest.
@Suite struct BulkIngestTests {
  private func run(_ folder: URL, database: URL, bulk: Bool, jobs: Int = 2) async throws -> ExtractReport {
    var options = ExtractOptions(
      input: .analyzerOutput(directory: folder.path, sourceRoot: nil), database: database.path)
    options.jobs = jobs
    options.bulkFromModules = bulk ? 1 : Int.max
    return try await ExtractStage(options: options).run(progress: SilentProgress())
  }

  /// The real Example output as module `Example`, and its exact copy as module `Twin`: the two
  /// define the same constants. `Other` is a copy moved into a namespace of its own.
  private func twinFolder() throws -> URL {
    let folder = TestSupport.temporaryDirectory("twins")
    for plugin in ["decl", "sym", "elab"] {
      let text = try String(
        contentsOf: TestSupport.realOutput.appendingPathComponent("Example.\(plugin).json"), encoding: .utf8)
      try Data(text.utf8).write(to: folder.appendingPathComponent("Example.\(plugin).json"))
      try Data(text.utf8).write(to: folder.appendingPathComponent("Twin.\(plugin).json"))
      let moved =
        plugin == "elab" ? text : text.replacingOccurrences(of: "\"name\":[\"", with: "\"name\":[\"Other\",\"")
      try Data(moved.utf8).write(to: folder.appendingPathComponent("Other.\(plugin).json"))
    }
    return folder
  }

  private func rows(_ connection: SQLiteConnection, _ sql: String) throws -> [String] {
    let query = try connection.prepare(sql)
    var rows: [String] = []
    while try query.step() {
      rows.append((0..<query.columnCount).map { query.text($0) ?? "NULL" }.joined(separator: "|"))
    }
    return rows
  }

  private func nameIndexes(_ connection: SQLiteConnection) throws -> [String] {
    try rows(
      connection,
      "SELECT name FROM sqlite_master WHERE name IN ('symbols_name', 'declarations_name') ORDER BY name")
  }

  @Test func aBulkIngestStoresWhatAModuleByModuleIngestStores() async throws {
    let folder = TestSupport.temporaryDirectory("bulk-sample")
    let bulk = folder.appendingPathComponent("bulk.sqlite")
    let single = folder.appendingPathComponent("single.sqlite")
    let bulkReport = try await run(TestSupport.sampleOutput, database: bulk, bulk: true, jobs: 1)
    let singleReport = try await run(TestSupport.sampleOutput, database: single, bulk: false, jobs: 1)
    #expect(bulkReport.ingested == singleReport.ingested)
    #expect(bulkReport.ingested > 5)
    #expect(bulkReport.declarations == singleReport.declarations)
    #expect(bulkReport.symbols == singleReport.symbols)
    #expect(bulkReport.tacticSteps == singleReport.tacticSteps)
    #expect(bulkReport.graphEdges == singleReport.graphEdges)
    #expect(bulkReport.maxLevel == singleReport.maxLevel)

    let a = try HeraldDatabase.openExisting(path: bulk.path)
    let b = try HeraldDatabase.openExisting(path: single.path)
    for sql in [
      "SELECT m.name, d.idx, d.ctor_idx, d.name, d.kind, d.signature, d.value FROM declarations d "
        + "JOIN modules m ON m.id = d.module_id ORDER BY m.name, d.idx, d.ctor_idx",
      "SELECT s.name, s.kind, s.type, s.is_internal, d.name FROM symbols s "
        + "LEFT JOIN declarations d ON d.id = s.declaration_id ORDER BY s.name",
      "SELECT d.name, t.ord, t.tactic, t.goals_before FROM tactic_steps t JOIN declarations d ON d.id = t.declaration_id "
        + "ORDER BY d.name, t.ord",
      "SELECT s.name, l.level, l.type_level, l.component_size FROM levels l JOIN symbols s ON s.id = l.symbol_id "
        + "ORDER BY s.name",
    ] {
      #expect(try rows(a, sql) == rows(b, sql), "\(sql)")
    }
    #expect(try nameIndexes(a) == ["declarations_name", "symbols_name"])
    #expect(try HeraldDatabase.meta(a, "name_indexes") == nil)
    #expect(try HeraldDatabase.meta(a, "graph_state") == "fresh")
  }

  /// Whichever twin is written second is refused, in both modes, with the same reason; the totals
  /// count only what stayed.
  @Test(arguments: [false, true])
  func aConstantDefinedByTwoModulesFailsTheOneWrittenLater(bulk: Bool) async throws {
    let folder = try twinFolder()
    let database = folder.appendingPathComponent("herald.sqlite")
    let report = try await run(folder, database: database, bulk: bulk)
    #expect(report.modules == 3)
    #expect(report.ingested == 2)
    #expect(report.failed == 1)
    #expect(report.failuresByReason == ["duplicate_constant": 1])
    #expect(report.declarations == 2 * 27)
    #expect(report.symbols == 2 * 73)

    let connection = try HeraldDatabase.openExisting(path: database.path)
    let stored = try rows(connection, "SELECT name FROM modules ORDER BY name")
    #expect(stored.count == 2)
    #expect(stored.contains("Other"))
    let failures = try FailureLog.all(connection, stage: "extract")
    #expect(failures.count == 1)
    let failure = try #require(failures.first)
    let kept = try #require(stored.first { $0 != "Other" })
    #expect(Set([failure.item, kept]) == ["Example", "Twin"])
    #expect(failure.reason == "duplicate_constant")
    #expect(failure.detail.contains("is also defined by module \(kept)"))
    #expect(failure.detail.contains(bulk ? "its rows were removed" : "its earlier rows, if any, were kept"))
    #expect(try connection.scalarInt("SELECT count(*) FROM symbols") == 2 * 73)
    #expect(try connection.scalarInt("SELECT count(*) FROM declarations") == 2 * 27)
    #expect(try nameIndexes(connection) == ["declarations_name", "symbols_name"])

    // The refused module is retried by the next run, and refused again: the kept one stays.
    let rerun = try await run(folder, database: database, bulk: bulk)
    #expect(rerun.skipped == 2)
    #expect(rerun.failed == 1)
    #expect(try rows(connection, "SELECT name FROM modules ORDER BY name") == stored)
  }

  /// A bulk run killed after its inserts leaves the indexes owed; the next graph pass (here
  /// `herald graph`'s) builds them, refusing a duplicate that slipped in meanwhile.
  @Test func theNextGraphPassFinishesAKilledBulkIngest() async throws {
    let folder = try twinFolder()
    try FileManager.default.removeItem(at: folder.appendingPathComponent("Twin.sym.json"))
    let database = folder.appendingPathComponent("herald.sqlite")
    _ = try await run(folder, database: database, bulk: true)
    let connection = try HeraldDatabase.openExisting(path: database.path)
    #expect(try rows(connection, "SELECT name FROM modules ORDER BY name") == ["Example", "Other"])

    // The state a kill leaves: indexes dropped, graph stale, and a later module with a constant
    // of Example's.
    try NameIndexes.deferBuilding(connection)
    try connection.execute(
      """
      INSERT INTO modules(name, output_fingerprint, imports, plugins, ingested_at)
      VALUES ('Late', 'f', '[]', 'sym', 'now');
      INSERT INTO symbols(module_id, name, kind, type_fallback, is_prop, is_internal, type_references)
      SELECT (SELECT id FROM modules WHERE name = 'Late'), name, kind, type_fallback, is_prop, is_internal, ''
      FROM symbols WHERE module_id = (SELECT id FROM modules WHERE name = 'Example') LIMIT 1;
      """)
    let summary = try GraphSummary.load(connection)
    #expect(summary.modules == 2)
    #expect(try rows(connection, "SELECT name FROM modules ORDER BY name") == ["Example", "Other"])
    #expect(
      try FailureLog.all(connection, stage: "extract").contains {
        $0.item == "Late" && $0.reason == "duplicate_constant"
      })
    #expect(try nameIndexes(connection) == ["declarations_name", "symbols_name"])
    #expect(try HeraldDatabase.meta(connection, "graph_state") == "fresh")
  }
}
