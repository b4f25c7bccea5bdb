import Foundation
import LeanREPL
import Testing

@testable import HeraldCLI

/// `herald lean check` against the fake REPL: text and JSON output, JSONL batches, the
/// pipeline file's `lean` section, usage errors, and no REPL configured.
@Suite struct LeanCommandTests {
  private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The built `fake-repl`, next to the test bundle or in `.build/debug`.
  private static let fakeREPL: String = {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      products, products.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug"),
    ]
    return candidates.map { $0.appendingPathComponent("fake-repl").path }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    } ?? "fake-repl"
  }()

  private func herald(_ arguments: [String]) async -> Invocation { await Invocation.run(arguments) }

  /// A Lean file with `text` in a new folder.
  private func leanFile(_ text: String, in folder: URL) throws -> String {
    let path = folder.appendingPathComponent("Check.lean").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  private func jsonObjects(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test func anErrorIsPrintedAtItsPlaceInTheFileAndFailsTheCheck() async throws {
    let folder = temporaryFolder("herald-lean")
    let file = try leanFile("import Mathlib.Tactic\n\ntheorem t : True := by\n  FAKE_ERROR\n", in: folder)
    let result = await herald(["lean", "check", file, "--project", folder.path, "--repl", Self.fakeREPL])
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("\(file):3:4: error: unsolved goals\n⊢ False\n\(file): lean_error (fails"))
  }

  @Test func aPassingFileExitsZeroAndAProofCheckRejectsSorry() async throws {
    let folder = temporaryFolder("herald-lean")
    let file = try leanFile("theorem t : True := by sorry\n", in: folder)
    let statement = await herald(["lean", "check", file, "--repl", Self.fakeREPL])
    #expect(statement.status == 0, "\(statement.stdout)\(statement.stderr)")
    #expect(statement.stdout.contains("warning: declaration uses `sorry`"))
    #expect(statement.stdout.contains(": sorry (passes as a statement check"))
    let proof = await herald(["lean", "check", file, "--repl", Self.fakeREPL, "--proof", "--json"])
    #expect(proof.status == 1)
    let object = try #require(try jsonObjects(proof.stdout).first)
    #expect(object["outcome"] as? String == "sorry")
    #expect(object["passed"] as? Bool == false)
    #expect(object["mode"] as? String == "proof")
  }

  @Test func withoutAREPLNothingPassesAndTheRemedyIsShown() async throws {
    let folder = temporaryFolder("herald-lean")
    let file = try leanFile("theorem t : True := trivial\n", in: folder)
    let result = await herald(["lean", "check", file])
    #expect(result.status == 1)
    #expect(result.stdout.contains("not_run"))
    #expect(result.stdout.contains("--project DIR"))
    #expect(!result.stdout.contains("passes"))
    let lines = folder.appendingPathComponent("checks.jsonl").path
    try #"{"id": 1, "code": "theorem t : True := trivial"}"#.write(toFile: lines, atomically: true, encoding: .utf8)
    let batch = await herald(["lean", "check", "--jsonl", lines, "--json"])
    #expect(batch.status == 1)
    #expect(try jsonObjects(batch.stdout).first?["outcome"] as? String == "not_run")
    #expect(batch.stderr.contains("no Lean REPL is configured"))
  }

  @Test func aMissingProjectNamesTheSetting() async throws {
    let folder = temporaryFolder("herald-lean")
    let file = try leanFile("def x := 1\n", in: folder)
    let result = await herald(["lean", "check", file, "--project", "/nonexistent/herald-lean-project"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("repl_error"))
    #expect(result.stdout.contains("lean.project"))
  }

  @Test(arguments: [
    (["lean", "chek", "x.lean"], "did you mean 'check'?"),
    (["lean", "check"], "give a Lean FILE"),
    (["lean", "check", "x.lean", "--jsonl", "y.jsonl"], "not both"),
    (["lean", "check", "x.lean", "--lean-workers", "0"], "--lean-workers"),
    (["lean", "check", "x.lean", "--timeout", "soon"], "--timeout"),
    (["lean", "check", "x.lean", "--repl", " "], "--repl needs a command"),
    (["lean", "check", "x.lean", "--proff"], "did you mean '--proof'?"),
  ])
  func usageErrorsExit64WithTheHint(arguments: [String], hint: String) async {
    let result = await herald(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.contains(hint), "\(result.stderr)")
    #expect(result.stderr.contains("See 'herald lean --help'."))
  }

  @Test func aJSONLBatchReusesHeadersAndReportsBadLines() async throws {
    let folder = temporaryFolder("herald-lean")
    let log = folder.appendingPathComponent("requests.log").path
    var lines: [String] = []
    for index in 0..<12 {
      let header = index % 2 == 0 ? "import A" : "import B"
      lines.append(#"{"id": \#(index), "code": "\#(header)\ntheorem t\#(index) : True := trivial"}"#)
    }
    lines += ["not json", #"{"id": "no-code"}"#, #"{"id": "p", "code": "theorem p : True := sorry", "mode": "proof"}"#]
    let input = folder.appendingPathComponent("checks.jsonl").path
    try lines.joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
    let result = await herald([
      "lean", "check", "--jsonl", input, "--json", "--lean-workers", "2", "--repl", "\(Self.fakeREPL) --log \(log)",
    ])
    #expect(result.status == 1)
    let objects = try jsonObjects(result.stdout)
    #expect(objects.count == 16)
    let results = objects.dropLast()
    #expect(Set(results.compactMap { $0["id"] as? Int }) == Set(0..<12))
    #expect(results.filter { $0["outcome"] as? String == "ok" }.count == 12)
    #expect(results.filter { $0["outcome"] as? String == "not_run" }.count == 2)
    #expect(results.first { $0["id"] as? String == "p" }?["outcome"] as? String == "sorry")
    let summary = try #require(objects.last?["summary"] as? [String: Any])
    #expect(summary["checks"] as? Int == 15)
    #expect(summary["passed"] as? Int == 12)
    let pool = try #require(summary["pool"] as? [String: Any])
    // At most one import per header per worker.
    let perHeader = try #require(pool["header_elaborations_per_header"] as? [String: Int])
    #expect(Set(perHeader.keys) == ["import A", "import B", ""] && perHeader.values.allSatisfy { $0 <= 2 })
    let elaborations = try #require(pool["header_elaborations"] as? Int)
    #expect(elaborations == perHeader.values.reduce(0, +))
    let logged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    #expect(logged.filter { $0.contains("\theader\t") }.count == elaborations)
  }

  @Test func theFreshModeStartsOneREPLPerCheck() async throws {
    let folder = temporaryFolder("herald-lean")
    let input = folder.appendingPathComponent("checks.jsonl").path
    try (0..<5).map { #"{"id": \#($0), "code": "import A\ndef x\#($0) := 1"}"# }.joined(separator: "\n")
      .write(toFile: input, atomically: true, encoding: .utf8)
    let result = await herald(["lean", "check", "--jsonl", input, "--json", "--fresh", "--repl", Self.fakeREPL])
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try #require(try jsonObjects(result.stdout).last?["summary"] as? [String: Any])
    let pool = try #require(summary["pool"] as? [String: Any])
    #expect(pool["processes_started"] as? Int == 5)
    #expect(pool["header_elaborations"] as? Int == 5)
    #expect(summary["fresh_process_per_check"] as? Bool == true)
  }

  @Test func thePipelinesLeanSectionConfiguresTheREPLAndTheHeaderPolicy() async throws {
    let folder = temporaryFolder("herald-lean")
    let log = folder.appendingPathComponent("requests.log").path
    let pipeline = folder.appendingPathComponent("pipeline.json").path
    try """
    {"database": "out.sqlite",
     "lean": {"project": ".", "repl": ["\(Self.fakeREPL)", "--log", "\(log)"], "workers": 1, "timeout": 5,
              "header": "import Mathlib\\nset_option autoImplicit false"}}
    """.write(toFile: pipeline, atomically: true, encoding: .utf8)
    let first = try leanFile("import Mathlib.Tactic\ntheorem t : True := trivial\n", in: folder)
    let result = await herald(["lean", "check", first, "--pipeline", pipeline])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    // The override replaced the file's import: the header sent is the pipeline's.
    let logged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    #expect(logged.map { $0.split(separator: "\t")[1] } == ["header", "body"])
  }

  @Test func theLeanSectionIsReadAndCheckedLikeTheOthers() throws {
    func parse(_ lean: String) throws -> PipelineConfig {
      try PipelineConfig.parse(
        Data(#"{"database": "db.sqlite", "lean": \#(lean)}"#.utf8), path: "p.json", folder: "/work/pipes")
    }
    let config = try parse(
      #"{"project": "../mathlib", "repl": "bin/repl --flag", "workers": 3, "timeout": 60, "header_timeout": 900, "#
        + #""header": "import Mathlib", "max_commands": 500, "max_rss_mb": 8192, "memory_limit_mb": 16384}"#)
    let lean = try #require(config.lean)
    #expect(lean.projectDirectory == "/work/mathlib")
    #expect(lean.command == ["/work/pipes/bin/repl", "--flag"])
    #expect(lean.workers == 3 && lean.commandTimeout == 60 && lean.headerTimeout == 900)
    #expect(lean.maxCommandsPerWorker == 500)
    #expect(lean.maxResidentBytes == 8192 << 20)
    #expect(lean.addressSpaceLimit == 16384 << 20)
    #expect(config.headerPolicy == .literal("import Mathlib"))
    let defaults = try #require(try parse(#"{"project": "/p", "header": "as-written"}"#).lean)
    #expect(defaults.command == ["lake", "exe", "repl"])
    #expect(try parse(#"{"project": "/p"}"#).headerPolicy == .asWritten)
    #expect(try PipelineConfig.parse(Data(#"{"database": "d"}"#.utf8), path: "p", folder: "/").lean == nil)
    for (bad, reason) in [
      (#"{"project": "/p", "repl_cmd": "x"}"#, "unknown key \"repl_cmd\""),
      (#"{"repl": "lake exe repl"}"#, "needs \"project\""),
      (#"{"project": "/p", "workers": 0}"#, "\"workers\""),
      (#"{"project": "/p", "repl": []}"#, "must name a command"),
      (#"{"project": "/p", "repl": [1]}"#, "list of strings"),
    ] {
      #expect {
        try parse(bad)
      } throws: { error in
        "\(error)".contains(reason)
      }
    }
  }
}
