import Foundation
import HeraldCore
import Storage
import Testing

@testable import Extraction

/// `extract --from-analyzer-output`: ingesting files computed elsewhere, and every kind of bad file.
@Suite struct ExtractStageOutputTests {
  /// A folder of analyzer output: the real Example module copied under several module names, its
  /// constants moved into a namespace named after the copy (names are unique in a Lean environment).
  private func outputFolder(modules: [String]) throws -> URL {
    let folder = TestSupport.temporaryDirectory("output")
    for module in modules {
      for plugin in ["decl", "sym", "elab"] {
        var text = try String(
          contentsOf: TestSupport.realOutput.appendingPathComponent("Example.\(plugin).json"), encoding: .utf8)
        if module != "Example", plugin != "elab" {
          text = text.replacingOccurrences(of: "\"name\":[\"", with: "\"name\":[\"\(module)\",\"")
        }
        try Data(text.utf8).write(to: folder.appendingPathComponent("\(module).\(plugin).json"))
      }
    }
    return folder
  }

  private func run(_ folder: URL, database: URL, force: Bool = false) async throws -> ExtractReport {
    var options = ExtractOptions(
      input: .analyzerOutput(directory: folder.path, sourceRoot: nil), database: database.path)
    options.force = force
    options.jobs = 2
    return try await ExtractStage(options: options).run(progress: SilentProgress())
  }

  private func failures(_ database: URL) throws -> [FailureRecord] {
    try FailureLog.all(try HeraldDatabase.openExisting(path: database.path), stage: "extract")
  }

  @Test func ingestsTheRealFixtureAndSkipsItWhenUnchanged() async throws {
    let folder = try outputFolder(modules: ["Example"])
    let database = folder.appendingPathComponent("herald.sqlite")
    let first = try await run(folder, database: database)
    #expect(first.ingested == 1)
    #expect(first.failed == 0)
    #expect(first.symbols == 73)
    #expect(first.declarations == 27)
    let second = try await run(folder, database: database)
    #expect(second.skipped == 1)
    #expect(second.ingested == 0)
    let forced = try await run(folder, database: database, force: true)
    #expect(forced.ingested == 1)
    let connection = try HeraldDatabase.openExisting(path: database.path)
    #expect(try connection.scalarInt("SELECT count(*) FROM declarations") == 27)
    #expect(try connection.scalarInt("SELECT count(*) FROM provenance WHERE finished_at IS NOT NULL") == 3)
    let analyzer = try connection.scalarText("SELECT analyzer FROM provenance ORDER BY id LIMIT 1")
    #expect(analyzer?.hasPrefix("analyzer-output:") == true)
  }

  /// One damaged module per fault; the others still go in and each fault is a named failure row.
  @Test func everyDamagedFileBecomesAFailureRowAndTheRunGoesOn() async throws {
    let folder = try outputFolder(modules: ["Good", "Truncated", "Empty", "NotUTF8", "Garbage", "Shape", "NoSym"])
    let decl = try TestSupport.bytes(folder.appendingPathComponent("Truncated.decl.json"))
    try Data(decl.prefix(decl.count / 2)).write(to: folder.appendingPathComponent("Truncated.decl.json"))
    try Data().write(to: folder.appendingPathComponent("Empty.elab.json"))
    var broken = try TestSupport.bytes(folder.appendingPathComponent("NotUTF8.decl.json"))
    let quote = try #require(broken.firstIndex(of: UInt8(ascii: "h")))
    broken[quote] = 0xFF
    try Data(broken).write(to: folder.appendingPathComponent("NotUTF8.decl.json"))
    try Data("not json at all\n".utf8).write(to: folder.appendingPathComponent("Garbage.sym.json"))
    let shape = try String(contentsOf: folder.appendingPathComponent("Shape.decl.json"), encoding: .utf8)
      .replacingOccurrences(of: "\"name\":[\"Shape\",\"eq_trans_sym\"]", with: "\"name\":[true]")
    try Data(shape.utf8).write(to: folder.appendingPathComponent("Shape.decl.json"))
    try FileManager.default.removeItem(at: folder.appendingPathComponent("NoSym.sym.json"))

    let database = folder.appendingPathComponent("herald.sqlite")
    let report = try await run(folder, database: database)
    #expect(report.modules == 7)
    #expect(report.ingested == 1)
    #expect(report.failed == 6)
    let rows = Dictionary(uniqueKeysWithValues: try failures(database).map { ($0.item, $0) })
    #expect(rows["Truncated"]?.reason == "malformed_json")
    #expect(rows["Truncated"]?.file == "Truncated.decl.json")
    #expect(rows["Empty"]?.reason == "malformed_json")
    #expect(rows["Empty"]?.file == "Empty.elab.json")
    #expect(rows["NotUTF8"]?.reason == "invalid_utf8")
    #expect(rows["Garbage"]?.reason == "malformed_json")
    #expect(rows["Shape"]?.reason == "unexpected_shape")
    #expect(rows["Shape"]?.codingPath == "[1].name")
    #expect(rows["NoSym"]?.reason == "missing_output")
    #expect(rows["NoSym"]?.detail.contains("-s") == true)
    #expect(rows.values.allSatisfy { $0.detail.count > 20 && $0.severity == .error })
    #expect(
      report.failuresByReason == ["malformed_json": 3, "invalid_utf8": 1, "unexpected_shape": 1, "missing_output": 1])

    // Nothing of a failed module reached the tables.
    let connection = try HeraldDatabase.openExisting(path: database.path)
    #expect(try connection.scalarInt("SELECT count(*) FROM modules") == 1)

    // Repair one file: the rerun retries only the failed modules and clears the repaired one's row.
    try Data(decl).write(to: folder.appendingPathComponent("Truncated.decl.json"))
    let rerun = try await run(folder, database: database)
    #expect(rerun.skipped == 1)
    #expect(rerun.ingested == 1)
    #expect(rerun.failed == 5)
    #expect(try failures(database).contains { $0.item == "Truncated" } == false)
  }

  @Test func aFailedRewriteKeepsTheModulesEarlierRows() async throws {
    let folder = try outputFolder(modules: ["Example"])
    let database = folder.appendingPathComponent("herald.sqlite")
    _ = try await run(folder, database: database)
    try Data("[{\"kind\":".utf8).write(to: folder.appendingPathComponent("Example.sym.json"))
    let report = try await run(folder, database: database)
    #expect(report.failed == 1)
    let connection = try HeraldDatabase.openExisting(path: database.path)
    #expect(try connection.scalarInt("SELECT count(*) FROM symbols") == 73)
  }

  @Test func slicesExactTextsFromSourcesWhenGiven() async throws {
    let folder = try outputFolder(modules: ["Example"])
    let sources = TestSupport.temporaryDirectory("sources")
    // A stand-in source whose bytes at the theorem's ranges hold the real text (the fixture ships no
    // .lean file): padding with multi-byte characters checks that ranges count bytes, not characters.
    var bytes = [UInt8](repeating: UInt8(ascii: " "), count: 3000)
    let padding = Array("α".utf8)
    for offset in stride(from: 0, to: 360, by: 2) { bytes[offset] = padding[0]; bytes[offset + 1] = padding[1] }
    let theorem = Array(
      "theorem eq_trans_sym {a b c : α} : a = b → b = c → c = a := by\n  intro h₁ h₂\n  rw [h₁, h₂]".utf8)
    #expect(theorem.count == 468 - 365)
    bytes.replaceSubrange(365..<468, with: theorem)
    try Data(bytes).write(to: sources.appendingPathComponent("Example.lean"))
    let database = folder.appendingPathComponent("herald.sqlite")
    var options = ExtractOptions(
      input: .analyzerOutput(directory: folder.path, sourceRoot: sources.path), database: database.path)
    options.jobs = 1
    _ = try await ExtractStage(options: options).run(progress: SilentProgress())
    let connection = try HeraldDatabase.openExisting(path: database.path)
    let statement = try connection.scalarText("SELECT statement FROM declarations WHERE name = 'eq_trans_sym'")
    #expect(statement == "theorem eq_trans_sym {a b c : α} : a = b → b = c → c = a")
    let value = try connection.scalarText("SELECT value FROM declarations WHERE name = 'eq_trans_sym'")
    #expect(value == ":= by\n  intro h₁ h₂\n  rw [h₁, h₂]")
    let step = try connection.scalarText(
      "SELECT tactic FROM tactic_steps t JOIN declarations d ON d.id = t.declaration_id WHERE d.name = 'eq_trans_sym' AND ord = 1"
    )
    #expect(step == "rw [h₁, h₂]")
    #expect(try connection.scalarText("SELECT source_hash FROM modules")?.count == 64)
  }

  @Test func aMissingFolderIsASetupError() async throws {
    let folder = TestSupport.temporaryDirectory("missing").appendingPathComponent("nope")
    await #expect(throws: ExtractionError.noAnalyzerOutput(path: folder.path)) {
      _ = try await run(folder, database: folder.deletingLastPathComponent().appendingPathComponent("x.sqlite"))
    }
  }
}
