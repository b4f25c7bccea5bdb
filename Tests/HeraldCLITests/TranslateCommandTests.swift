import CSQLite
import Foundation
import HeraldTestSupport
import LoopbackHTTP
import Testing

@testable import HeraldCLI

/// `herald run` and `herald translate` as a user runs them: a pipeline file, the sample's
/// recorded analyzer output, and an OpenAI-compatible endpoint (a loopback server answering in
/// the marker format).
@Suite struct TranslateCommandTests {
  private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  private static let sample = packageRoot.appendingPathComponent("pipelines/sample")

  private func temporary() -> URL { temporaryFolder("herald-translate") }

  private func herald(_ arguments: [String]) async -> Invocation { await Invocation.run(arguments) }

  /// A server answering every request well, naming the declaration from its prompt.
  /// A model answering translate's and validate's prompts well.
  private static func goodServer(delay: Duration = .zero) throws -> LoopbackServer {
    try LoopbackServer { request in .completion(ScriptedAnswers.answer(to: request.body), delay: delay) }
  }

  private func pipeline(in folder: URL, server: LoopbackServer, keyVariable: String) throws -> String {
    let text = """
      {
        "name": "test",
        "database": "out/test.sqlite",
        "extract": {"analyzer_output": "\(Self.sample.path)/analyzer-output", "source_root": "\(Self.sample.path)"},
        "llm": {"provider": "openai", "model": "test-model", "base_url": "\(server.baseURL)",
                "api_key_env": "\(keyVariable)", "concurrency": 3, "max_attempts": 2},
        "translate": {"prompts": "\(Self.packageRoot.path)/pipelines/prompts",
                      "examples": "\(Self.packageRoot.path)/pipelines/examples", "max_answers": 2}
      }
      """
    let path = folder.appendingPathComponent("pipeline.json").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func runExtractsAndTranslatesThenARerunSendsNothingAndTheKeyIsNeverWritten() async throws {
    let folder = temporary()
    let server = try Self.goodServer()
    defer { server.stop() }
    let variable = "HERALD_TEST_KEY_\(UUID().uuidString.prefix(8))"
    let secret = "sk-test-\(UUID().uuidString)"
    setenv(variable, secret, 1)
    defer { unsetenv(variable) }
    let file = try pipeline(in: folder, server: server, keyVariable: variable)

    let first = await herald(["run", file, "--json"])
    #expect(first.status == 0, "\(first.stderr)")
    let summary = try json(first.stdout)
    let extract = try #require(summary["extract"] as? [String: Any])
    let translate = try #require(summary["translate"] as? [String: Any])
    #expect(extract["ingested"] as? Int == 10)
    let selected = try #require(translate["selected"] as? Int)
    #expect(selected > 30)
    #expect(translate["translated"] as? Int == selected)
    // Validate asks a back-translation and a verdict per record (no Lean REPL: not_run, never passed).
    let validate = try #require(summary["validate"] as? [String: Any])
    let records = try #require(validate["selected"] as? Int)
    #expect(records > 30 && records <= selected)
    #expect(validate["not_run"] as? Int == records)
    #expect(validate["passed"] as? Int == 0)
    #expect(validate["llm_requests_sent"] as? Int == 2 * records)
    #expect(summary["llm_requests_sent"] as? Int == selected + 2 * records)
    #expect(summary["cache_hits"] as? Int == 0)
    #expect((summary["prompt_tokens"] as? Int ?? 0) > 0)
    #expect(summary["database"] as? String == folder.appendingPathComponent("out/test.sqlite").path)
    // The key went to the server, and nowhere else.
    #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer " + secret })

    let second = await herald(["run", file, "--json"])
    #expect(second.status == 0)
    let again = try json(second.stdout)
    #expect(again["llm_requests_sent"] as? Int == 0)
    #expect((again["translate"] as? [String: Any])?["skipped"] as? Int == selected)
    #expect((again["extract"] as? [String: Any])?["skipped"] as? Int == 10)
    #expect((again["validate"] as? [String: Any])?["skipped"] as? Int == records)
    #expect(server.requests.count == selected + 2 * records)

    let people = await herald(["translate", "--pipeline", file])
    #expect(people.stdout.contains("\(selected) already done"))
    for output in [first.stdout, first.stderr, second.stdout, second.stderr, people.stdout, people.stderr] {
      #expect(!output.contains(secret))
    }
    // Nothing written (database, dataset) holds the key.
    let out = folder.appendingPathComponent("out").path
    let files = FileManager.default.enumerator(atPath: out)?.allObjects.compactMap { $0 as? String } ?? []
    #expect(files.contains("test-dataset/manifest.json"))
    for name in files {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &isFolder), !isFolder.boolValue
      else { continue }
      let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
      #expect(bytes.range(of: Data(secret.utf8)) == nil, "the key is in \(name)")
    }
  }

  @Test func anUnreachableEndpointExitsOneWithTheRemedy() async throws {
    let folder = temporary()
    let database = folder.appendingPathComponent("d.sqlite").path
    let extract = await herald([
      "extract", "--from-analyzer-output", Self.sample.path + "/analyzer-output", "--db", database, "--quiet",
    ])
    #expect(extract.status == 0)
    let closed = try LoopbackServer.closedPort()
    defer { closed.release() }
    let port = closed.port
    let result = await herald([
      "translate", "--db", database, "--base-url", "http://127.0.0.1:\(port)/v1", "--model", "m", "--concurrency", "1",
      "--pipeline", try pipeline(in: folder, server: try Self.goodServer(), keyVariable: "UNSET_VARIABLE"),
    ])
    #expect(result.status == 1)
    #expect(result.stdout.contains("stopped early"))
    #expect(result.stdout.contains("rerun"))
    #expect(result.stderr.contains("Cannot reach http://127.0.0.1:\(port)"))
  }

  @Test func usageErrorsNameTheOption() async throws {
    let noDatabase = await herald(["translate"])
    #expect(noDatabase.status == 64)
    #expect(noDatabase.stderr.contains("--db"))
    let badShard = await herald(["translate", "--db", "x.sqlite", "--shard", "3/2"])
    #expect(badShard.status == 64)
    #expect(badShard.stderr.contains("0 <= I < N"))
    let missing = await herald(["run", temporary().appendingPathComponent("none.json").path])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("cannot be read"))
  }

  @Test func pipelineFilesResolvePathsAndRejectTyposAndWrongTypes() throws {
    let folder = "/srv/pipelines"
    let config = try PipelineConfig.parse(
      Data(
        #"{"database": "../out/m.sqlite", "extract": {"project": "mathlib", "jobs": 8}, "llm": {"provider": "local"}}"#
          .utf8), path: "p.json", folder: folder)
    #expect(config.database == "/srv/out/m.sqlite")
    #expect(config.extract?.input == .project(root: "/srv/pipelines/mathlib"))
    #expect(config.extract?.jobs == 8)
    #expect(config.llm.venv == "/srv/pipelines/.venv-model")
    #expect(config.translate.prompts == "/srv/pipelines/prompts")
    #expect(config.translate.database == "/srv/out/m.sqlite")

    let cases: [(String, String)] = [
      (#"{"database": "d", "translat": {}}"#, "unknown key \"translat\""),
      (#"{"database": "d", "llm": {"concurrency": true}}"#, "\"concurrency\" must be a whole number"),
      (#"{"database": "d", "llm": {"concurrency": 2.5}}"#, "\"concurrency\" must be a whole number"),
      (#"{"database": "d", "llm": {"provider": "openai"}}"#, "needs \"model\""),
      (#"{"database": "d", "llm": {"provider": "vllm"}}"#, "\"local\" or \"openai\""),
      (#"{"database": "d", "extract": {}}"#, "exactly one of"),
      (#"{"extract": {}}"#, "\"database\" is required"),
      (#"{"database": "d""#, "not valid JSON"),
    ]
    for (text, message) in cases {
      do {
        _ = try PipelineConfig.parse(Data(text.utf8), path: "p.json", folder: folder)
        Issue.record("accepted \(text)")
      } catch {
        #expect("\(error)".contains(message), "\(text): \(error)")
        #expect("\(error)".contains("p.json"))
      }
    }
  }

  /// The sample extracted into a fresh database, and a herald binary translating it through
  /// `server` at `concurrency`, as a separate process (so that it can be sent SIGINT).
  private func interruptibleTranslation(server: LoopbackServer, concurrency: Int) async throws -> (
    database: String, launch: (Pipe?) throws -> Process
  ) {
    let herald = try InterruptedRunTests.product("herald")
    let database = temporary().appendingPathComponent("d.sqlite").path
    let extract = await self.herald([
      "extract", "--from-analyzer-output", Self.sample.path + "/analyzer-output", "--db", database, "--quiet",
    ])
    #expect(extract.status == 0)
    let launch = { (output: Pipe?) throws -> Process in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: herald)
      process.arguments = [
        "translate", "--db", database, "--base-url", server.baseURL, "--model", "m", "--concurrency",
        String(concurrency), "--quiet", "--json",
      ]
      process.currentDirectoryURL = Self.packageRoot
      process.standardOutput = output ?? FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    return (database, launch)
  }

  /// Waits until `database` holds `count` translations, then interrupts `process` like Ctrl-C.
  private func interrupt(_ process: Process, after count: Int, in database: String) async throws {
    while try InterruptedRunTests.count(database, "SELECT count(*) FROM translations") < count {
      try await Task.sleep(for: .milliseconds(20))
    }
    kill(process.processIdentifier, SIGINT)
    await exited(process)
  }

  private static let unitCount =
    "SELECT count(*) FROM levels l JOIN symbols s ON s.id = l.symbol_id WHERE s.is_internal = 0"

  @Test func ctrlCWritesTheAnswersAndOutcomesHeldInBatches() async throws {
    // Slow enough answers that the run is still going when the interrupt comes, however busy
    // the machine (at 150 ms a loaded machine saw the run end first).
    let server = try Self.goodServer(delay: .milliseconds(400))
    defer { server.stop() }
    // At 8 in flight, answers are cached in batches of 64 and outcomes committed in pairs.
    let (database, launch) = try await interruptibleTranslation(server: server, concurrency: 8)
    let first = try launch(nil)
    try await interrupt(first, after: 6, in: database)
    #expect(first.terminationStatus == 130)
    let kept = try InterruptedRunTests.count(database, "SELECT count(*) FROM translations")
    #expect(kept >= 6)
    // Far fewer than a batch of 64 answers had come: only the interrupt wrote them.
    #expect(try InterruptedRunTests.count(database, "SELECT count(*) FROM llm_cache") >= kept)
    let sentBefore = server.requests.count

    let output = Pipe()
    let second = try launch(output)
    let report = output.fileHandleForReading.readDataToEndOfFile()
    await exited(second)
    #expect(second.terminationStatus == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
    let total = try InterruptedRunTests.count(database, Self.unitCount)
    #expect(try InterruptedRunTests.count(database, "SELECT count(*) FROM translations") == total)
    // Nothing finished is asked again: each missing declaration is one request or one cached answer.
    let hits = json["cache_hits"] as? Int ?? -1
    #expect(server.requests.count - sentBefore + hits == total - kept)
  }

  @Test func ctrlCKeepsFinishedDeclarationsAndARerunSendsOnlyTheRest() async throws {
    let server = try Self.goodServer(delay: .milliseconds(150))
    defer { server.stop() }
    let (database, launch) = try await interruptibleTranslation(server: server, concurrency: 1)
    let first = try launch(nil)
    try await interrupt(first, after: 4, in: database)
    #expect(first.terminationStatus == 130)
    let kept = try InterruptedRunTests.count(database, "SELECT count(*) FROM translations")
    let sentBefore = server.requests.count
    #expect(kept >= 4 && sentBefore <= kept + 1)

    let second = try launch(nil)
    await exited(second)
    #expect(second.terminationStatus == 0)
    let total = try InterruptedRunTests.count(database, Self.unitCount)
    #expect(try InterruptedRunTests.count(database, "SELECT count(*) FROM translations") == total)
    #expect(server.requests.count - sentBefore == total - kept)
  }
}
