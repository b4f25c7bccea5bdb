import Foundation
import Testing

@testable import HeraldCLI

/// `herald extract` and `herald graph` as a user runs them: the real command table, the real
/// fixture files, and the built `herald` executable for exit statuses.
@Suite struct ExtractCommandTests {
  private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  private static let realOutput = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/jixia-real").path

  private func temporary() -> URL { temporaryFolder("herald-cli") }

  private func herald(_ arguments: [String]) async -> Invocation { await Invocation.run(arguments) }

  @Test func extractThenGraphPrintJSONWithTheDocumentedKeys() async throws {
    let database = temporary().appendingPathComponent("h.sqlite").path
    let extract = await herald(["extract", "--from-analyzer-output", Self.realOutput, "--db", database, "--json"])
    #expect(extract.status == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(extract.stdout.utf8)) as? [String: Any])
    #expect(report["ingested"] as? Int == 1)
    #expect(report["failed"] as? Int == 0)
    #expect(report["symbols"] as? Int == 73)

    let graph = await herald(["graph", "--db", database, "--json"])
    #expect(graph.status == 0)
    let summary = try #require(try JSONSerialization.jsonObject(with: Data(graph.stdout.utf8)) as? [String: Any])
    for key in ["modules", "declarations", "symbols", "edges", "max_level", "levels", "failures"] {
      #expect(summary[key] != nil, "missing key \(key)")
    }
    #expect(summary["modules"] as? Int == 1)
    #expect(summary["declarations"] as? Int == 27)
    #expect(summary["failures"] as? Int == 0)
    let levels = try #require(summary["levels"] as? [String: Int])
    #expect(levels.values.reduce(0, +) == summary["units"] as? Int)
    #expect(summary["max_level"] as? Int == levels.keys.compactMap { Int($0) }.max())
  }

  @Test func aFailedModuleMakesTheRunExitOneWithASummaryNamingTheReason() async throws {
    let folder = temporary()
    for plugin in ["decl", "sym"] {
      try FileManager.default.copyItem(
        atPath: Self.realOutput + "/Example.\(plugin).json", toPath: folder.path + "/Example.\(plugin).json")
    }
    try Data("[{".utf8).write(to: folder.appendingPathComponent("Broken.decl.json"))
    try Data("[]".utf8).write(to: folder.appendingPathComponent("Broken.sym.json"))
    let database = folder.appendingPathComponent("h.sqlite").path
    let result = await herald(["extract", "--from-analyzer-output", folder.path, "--db", database, "--quiet"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("1 ingested"))
    #expect(result.stdout.contains("1 failed"))
    #expect(result.stdout.contains("malformed_json 1"))
    #expect(result.stderr.contains("failed: Broken [malformed_json]"))
  }

  @Test(arguments: [
    (["extract"], "give --project DIR or --from-analyzer-output DIR"),
    (["extract", "--project", "a", "--from-analyzer-output", "b"], "exclude each other"),
    (["extract", "--from-analyzer-output", "b"], "needs --db"),
    (["extract", "--project", "a", "--jobs", "0"], "--jobs"),
    (["extract", "--from-analyzer-output", "b", "--db", "x", "--lake", "l"], "goes with --project"),
    (["extract", "--project", "a", "--define", "oops"], "KEY=VALUE"),
    (["graph"], "--db"),
  ])
  func usageErrorsExitSixtyFourWithUsageAndHint(arguments: [String], message: String) async {
    let result = await herald(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: "))
    #expect(result.stderr.contains(message))
    #expect(result.stderr.contains("Usage: herald \(arguments[0])"))
    #expect(result.stderr.contains("See 'herald \(arguments[0]) --help'."))
  }

  @Test func runtimeFailuresExitOneWithTheRemedy() async {
    let missing = temporary().appendingPathComponent("none.sqlite").path
    let graph = await herald(["graph", "--db", missing])
    #expect(graph.status == 1)
    #expect(graph.stderr.contains("run 'herald extract' first"))
    let project = await herald(["extract", "--project", "/nonexistent/project", "--db", missing])
    #expect(project.status == 1)
    #expect(project.stderr.contains("does not exist"))
  }

  @Test func theBuiltExecutableReportsStatusesAndSuggestions() throws {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      products, products.deletingLastPathComponent(), Self.packageRoot.appendingPathComponent(".build/debug"),
    ]
    let executable = try #require(
      candidates.map { $0.appendingPathComponent("herald").path }.first {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    func run(_ arguments: [String]) throws -> (Int32, String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      let pipe = Pipe()
      process.standardError = pipe
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
    let typo = try run(["extrct"])
    #expect(typo.0 == 64)
    #expect(typo.1.contains("did you mean 'extract'?"))
    let option = try run(["extract", "--projetc", "x"])
    #expect(option.0 == 64)
    #expect(option.1.contains("did you mean '--project'?"))
    #expect(try run(["help", "extract"]).0 == 0)
  }
}
