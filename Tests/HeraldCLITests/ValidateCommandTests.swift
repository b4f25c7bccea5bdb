import Foundation
import HeraldTestSupport
import LoopbackHTTP
import Storage
import Testing

@testable import HeraldCLI

/// `herald validate` and the validate stage of `herald run`, as a user runs them.
@Suite struct ValidateCommandTests {
  private func herald(_ arguments: [String]) async -> Invocation { await Invocation.run(arguments) }

  private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  private static func goodServer() throws -> LoopbackServer {
    try LoopbackServer { request in .completion(ScriptedAnswers.answer(to: request.body)) }
  }

  @Test func withAREPLEveryRecordGetsAVerdictAndARerunKeepsThem() async throws {
    let database = try await TranslatedSample.translatedDatabase()
    let server = try Self.goodServer()
    defer { server.stop() }
    let project = temporaryFolder("herald-validate-project").path
    let arguments = [
      "validate", "--db", database, "--model", "test-model", "--base-url", server.baseURL, "--lean-project", project,
      "--repl", SampleDatabase.product("fake-repl"), "--lean-workers", "2",
    ]
    let first = await herald(arguments + ["--json"])
    #expect(first.status == 0, "\(first.stderr)")
    let report = try json(first.stdout)
    let selected = try #require(report["selected"] as? Int)
    #expect(selected > 30)
    #expect(report["passed"] as? Int == selected)
    #expect((report["lean"] as? String)?.contains("header: as-written") == true)
    #expect((report["header_elaborations"] as? Int ?? 0) > 0)
    let connection = try HeraldDatabase.openExisting(path: database)
    #expect(try connection.scalarInt("SELECT count(*) FROM validations WHERE status = 'passed'") == selected)

    let second = await herald(arguments + ["--quiet"])
    #expect(second.status == 0)
    #expect(second.stdout.contains("0 passed, 0 failed, 0 not run, \(selected) already validated"))
    #expect(second.stdout.contains("0 requests sent"))
    #expect(second.stdout.contains("SELECT name, status, reason FROM validations"))
  }

  @Test func withoutAREPLValidateSaysSoAndHowToConfigureOne() async throws {
    let database = try await TranslatedSample.translatedDatabase()
    let server = try Self.goodServer()
    defer { server.stop() }
    let run = await herald(["validate", "--db", database, "--model", "m", "--base-url", server.baseURL, "--limit", "2"])
    #expect(run.status == 0, "no REPL is a setting, not a fault")
    #expect(run.stdout.contains("0 passed, 0 failed, 2 not run"))
    #expect(run.stdout.contains("Lean: not configured, compile checks not run"))
    #expect(run.stdout.contains("\"lean\" section"))
    #expect(run.stdout.contains("not passed because: judged the same theorem, but the compile checks did not run 2"))
  }

  @Test func anUnreachableEndpointExitsOneWithTheFailureRowsAndStopsSending() async throws {
    let database = try await TranslatedSample.translatedDatabase()
    let closed = try LoopbackServer.closedPort()
    defer { closed.release() }
    let run = await herald([
      "validate", "--db", database, "--model", "m", "--base-url", "http://127.0.0.1:\(closed.port)/v1",
      "--concurrency", "1",
    ])
    #expect(run.status == 1)
    #expect(run.stdout.contains("failed by reason: unreachable 6"))
    #expect(run.stdout.contains("stopped early"))
    #expect(run.stdout.contains("WHERE stage = 'validate'"))
    let connection = try HeraldDatabase.openExisting(path: database)
    #expect(try connection.scalarInt("SELECT count(*) FROM failures WHERE stage = 'validate'") == 6)
  }

  @Test(arguments: [
    (["validate"], "give --db PATH"),
    (["validate", "--db", "x.sqlite", "--samples", "0"], "--samples"),
    (["validate", "--db", "x.sqlite", "--shard", "3/2"], "--shard takes I/N"),
    (["validate", "--db", "x.sqlite", "--header", " "], "--header needs a header"),
    (["validate", "--db", "x.sqlite", "--repl", "fake"], "--repl needs a Lean project"),
    (["validate", "--db", "x.sqlite", "--header", "import Mathlib"], "--header needs a Lean project"),
    (["validate", "--db", "x.sqlite", "--lean-workers", "2"], "--lean-workers needs a Lean project"),
    (["export", "--db", "x.sqlite", "--out", "o", "--require", "some"], "--require takes any or passed"),
  ])
  func usageErrorsExit64WithTheReason(_ arguments: [String], _ message: String) async {
    let run = await herald(arguments)
    #expect(run.status == 64, "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test func thePipelinesValidateSectionIsReadAndCheckedLikeTheOthers() throws {
    let folder = temporaryFolder("herald-validate-config")
    let text = """
      {"database": "db.sqlite", "llm": {"provider": "openai", "model": "main", "concurrency": 3},
       "validate": {"samples": 4, "max_tokens": 99, "prompts": "p",
                    "judge": {"model": "judge-model", "base_url": "http://judge:8000/v1", "api_key_env": "JUDGE_KEY"}}}
      """
    let config = try PipelineConfig.parse(Data(text.utf8), path: "p.json", folder: folder.path)
    #expect(config.validate.enabled)
    #expect(config.validate.options.samples == 4)
    #expect(config.validate.options.maxTokens == 99)
    #expect(config.validate.options.concurrency == 3)
    #expect(config.validate.options.prompts == folder.appendingPathComponent("p").path)
    #expect(config.validate.backTranslator == nil)
    #expect(
      config.validate.judge
        == ValidateSettings.RoleEndpoint(
          model: "judge-model", baseURL: "http://judge:8000/v1", apiKeyVariable: "JUDGE_KEY"))
    for (bad, message) in [
      (#"{"database": "d", "validate": {"sample": 2}}"#, "unknown key \"sample\" in \"validate\""),
      (#"{"database": "d", "validate": {"judge": {"base_url": "x"}}}"#, "\"validate.judge\" needs \"model\""),
      (#"{"database": "d", "validate": {"samples": 0}}"#, "\"samples\" must be a whole number from 1"),
    ] {
      #expect(throws: PipelineConfig.Invalid.self) { try PipelineConfig.parse(Data(bad.utf8), path: "p", folder: "/") }
      do {
        _ = try PipelineConfig.parse(Data(bad.utf8), path: "p", folder: "/")
      } catch {
        #expect("\(error)".contains(message), "\(error)")
      }
    }
  }
}
