import Foundation
import HeraldCore
import LoopbackHTTP
import Testing

@testable import HeraldCLI

/// `herald export` and the export at the end of `herald run`, as a user runs them.
@Suite struct ExportCommandTests {
  private func herald(_ arguments: [String]) async -> Invocation { await Invocation.run(arguments) }

  private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func runEndsWithExportIntoThePipelinesFolderAndARerunWritesTheSameBytes() async throws {
    let folder = temporaryFolder("herald-export-cli")
    let server = try TranslatedSample.server()
    defer { server.stop() }
    let file = try TranslatedSample.pipeline(
      in: folder, server: server,
      export: #"{"out": "out/dataset", "val_fraction": 0.3, "test_fraction": 0.3, "seed": 5, "shards": 2}"#)
    let run = await herald(["run", file, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try json(run.stdout)
    let export = try #require(summary["export"] as? [String: Any])
    #expect(summary["export_error"] == nil)
    let records = try #require(export["records"] as? Int)
    let translated = try #require((summary["translate"] as? [String: Any])?["translated"] as? Int)
    #expect(records > 30 && records <= translated)
    let out = folder.appendingPathComponent("out/dataset").path
    #expect(export["output"] as? String == out)
    let manifest = try json(String(contentsOfFile: out + "/manifest.json", encoding: .utf8))
    #expect(manifest["records"] as? Int == records)
    let files = TranslatedSample.files(out)
    #expect(files.keys.contains("README.md"))
    #expect(files.keys.contains { $0.hasPrefix("messages/data/train-00000-of-0000") })
    let herald = files.filter { $0.key.hasPrefix("herald/data/") }.values
    let lines = herald.map { String(decoding: $0, as: UTF8.self).split(separator: "\n").count }.reduce(0, +)
    #expect(lines == records)
    // The run validated before exporting: every record carries its verdict (no REPL here, so
    // not_run for its compile checks, never passed).
    for data in herald {
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let validation = try #require(try json(String(line))["validation"] as? [String: Any])
        #expect(validation["validated_at"] is String)
        #expect(validation["status"] as? String == "not_run")
        #expect((validation["compile"] as? [String: Any])?["outcome"] as? String == "not_run")
      }
    }
    #expect((manifest["funnel"] as? [String: Any])?["validated"] as? Int == records)

    let second = await self.herald(["run", file, "--json"])
    #expect(second.status == 0)
    #expect(TranslatedSample.files(out) == files)
  }

  @Test func withoutAnExportSectionRunWritesEveryViewNextToTheDatabase() async throws {
    let (folder, text) = try await TranslatedSample.shared.value
    let summary = try json(text)
    let out = folder.appendingPathComponent("out/test-dataset").path
    #expect((summary["export"] as? [String: Any])?["output"] as? String == out)
    let views = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.contains(".") }.sorted()
    #expect(views == ["herald", "messages", "prompt-completion", "schemas"])
  }

  @Test func exportPrintsASummaryOrJSONAndNamesWhatItLeftOut() async throws {
    let database = try await TranslatedSample.translatedDatabase()
    let out = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("other").path
    let people = await herald(["export", "--db", database, "--out", out, "--view", "messages", "--quiet"])
    #expect(people.status == 0, "\(people.stderr)")
    #expect(people.stdout.hasPrefix("export: "))
    #expect(people.stdout.contains("lines by view: messages "))
    #expect(people.stdout.contains("left out: no_declaration_command"))
    let machine = await herald([
      "export", "--db", database, "--out", out, "--view", "herald", "--view", "prompt-completion", "--json",
    ])
    #expect(machine.status == 0)
    let report = try json(machine.stdout)
    #expect((report["rows_by_view"] as? [String: Int])?.keys.sorted() == ["herald", "prompt-completion"])
    #expect(report["failed"] as? Int == 0)
    #expect(FileManager.default.fileExists(atPath: out + "/prompt-completion/data"))
    #expect(!FileManager.default.fileExists(atPath: out + "/messages/data/train-00000-of-00001.jsonl"))
  }

  @Test(arguments: [
    (["export", "--db", "d.sqlite"], "missing required option '--out"),
    (["export", "--db", "d.sqlite", "--out", "o", "--view", "mesages"], "did you mean 'messages'"),
    (["export", "--db", "d.sqlite", "--out", "o", "--shards", "0"], "'--shards'"),
    (["export", "--db", "d.sqlite", "--out", "o", "--val-fraction", "0.6", "--test-fraction", "0.5"], "add up"),
    (["export", "--db", "d.sqlite", "--out", "o", "--test-fraction", "1.5"], "'--test-fraction'"),
    (["export", "--db", "d.sqlite", "--out", "o", "--seed", "-1"], "'--seed'"),
  ])
  func usageErrorsExit64WithUsageAndTheHelpHint(_ arguments: [String], _ message: String) async {
    let result = await herald(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: "))
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.contains("Usage: herald export --db PATH --out DIR"))
    #expect(result.stderr.contains("See 'herald export --help'."))
  }

  @Test func helpDescribesViewsLayoutAndTheMissingDatabaseIsARuntimeError() async {
    let help = await herald(["export", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("prompt-completion"))
    #expect(help.stdout.contains("DIR/<view>/data/<split>-00000-of-0000N.jsonl"))
    let missing = temporaryFolder("herald-export-cli").appendingPathComponent("none.sqlite").path
    let result = await herald(["export", "--db", missing, "--out", temporaryFolder("herald-export-cli").path])
    #expect(result.status == 1)
    #expect(result.stderr == "Error: database '\(missing)' does not exist; run 'herald extract' first to create it.\n")
  }

  @Test func pipelineExportSectionsAreCheckedLikeTheOthers() throws {
    let config = try PipelineConfig.parse(
      Data(
        #"{"name": "mathlib", "database": "../out/m.sqlite", "export": {"views": ["messages"], "seed": 3}}"#.utf8),
      path: "p.json", folder: "/srv/pipelines")
    #expect(config.export.outputDirectory == "/srv/out/m-dataset")
    #expect(config.export.name == "mathlib")
    #expect(config.export.views == [.messages])
    #expect(config.export.split.seed == 3)
    let cases: [(String, String)] = [
      (#"{"database": "d", "export": {"output": "x"}}"#, "unknown key \"output\""),
      (#"{"database": "d", "export": {"views": ["chat"]}}"#, "\"chat\""),
      (#"{"database": "d", "export": {"views": []}}"#, "at least one view"),
      (#"{"database": "d", "export": {"shards": 0}}"#, "\"shards\""),
      (#"{"database": "d", "export": {"val_fraction": 0.7, "test_fraction": 0.7}}"#, "add up"),
    ]
    for (text, message) in cases {
      do {
        _ = try PipelineConfig.parse(Data(text.utf8), path: "p.json", folder: "/srv")
        Issue.record("accepted \(text)")
      } catch {
        #expect("\(error)".contains(message), "\(text): \(error)")
      }
    }
  }
}
