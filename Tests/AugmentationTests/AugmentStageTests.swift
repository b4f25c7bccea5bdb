import Foundation
import HeraldCore
import HeraldTestSupport
import LLM
import LeanREPL
import LoopbackHTTP
import Records
import Storage
import Testing

@testable import Augmentation

/// The augment stage on the translated sample, against a loopback model and the fake REPL.
@Suite struct AugmentStageTests {
  static let prompts = SampleDatabase.packageRoot.appendingPathComponent("pipelines/prompts").path

  static func server(
    _ answer: @escaping @Sendable (String) -> ScriptedResponse = {
      .completion(ScriptedAnswers.answer(to: $0))
    }
  ) throws -> LoopbackServer {
    try LoopbackServer { request in answer(request.body) }
  }

  static func role(_ server: LoopbackServer, database: String, stage: String) throws -> ModelRole {
    try LoopbackModel.role(server, database: database, stage: stage)
  }

  /// A pool of fake REPLs scripted by `rules`.
  static func pool(rules: String? = nil) throws -> (REPLPool, REPLConfiguration) {
    let folder = SampleDatabase.folder("herald-augment-repl")
    var command = [SampleDatabase.product("fake-repl")]
    if let rules {
      let path = folder.appendingPathComponent("rules.json").path
      try rules.write(toFile: path, atomically: true, encoding: .utf8)
      command += ["--rules", path]
    }
    let configuration = REPLConfiguration(command: command, projectDirectory: folder.path, workers: 2)
    return (REPLPool(configuration), configuration)
  }

  static func stage(
    _ database: String, server: LoopbackServer, pool: (REPLPool, REPLConfiguration)?,
    configure: (inout AugmentSettings) -> Void = { _ in }
  ) throws -> AugmentStage {
    var settings = AugmentSettings(database: database)
    settings.prompts = prompts
    configure(&settings)
    return AugmentStage(
      settings: settings,
      checker: StatementChecker(
        lean: pool?.0, configuration: pool?.1, policy: .asWritten, cache: try CompileCache(path: database)),
      rewriter: InformalRewriter(
        role: try role(server, database: database, stage: "rewrite"),
        templates: try InformalRewriter.templates(from: prompts)),
      explainer: try ProofExplainer.load(role: try role(server, database: database, stage: "explain"), from: prompts))
  }

  static func rows(_ database: String, kind: String) throws -> [(
    id: String, parent: String, status: String, outcome: String?
  )] {
    let connection = try HeraldDatabase.openExisting(path: database)
    let query = try connection.prepare(
      "SELECT id, parent, status, compile_outcome FROM augmentations WHERE kind = ?1 ORDER BY id")
    try query.bind([.text(kind)])
    var rows: [(String, String, String, String?)] = []
    while try query.step() {
      rows.append((query.text(0) ?? "", query.text(1) ?? "", query.text(2) ?? "", query.text(3)))
    }
    return rows
  }

  @Test func tacticStatesAreCompiledAndStoredRewritesAndProofsMadeAndARerunKeepsEverything() async throws {
    let database = try await SampleDatabase.translated()
    let server = try Self.server()
    defer { server.stop() }
    let pool = try Self.pool()
    let report = try await Self.stage(database, server: server, pool: pool).run(progress: SilentProgress())
    #expect(report.theorems > 10)
    #expect(report.tactic.made > 0)
    #expect(report.rendering?.sampled == report.tactic.made)
    #expect(report.compiles == report.tactic.made)
    let states = try Self.rows(database, kind: "tactic")
    #expect(states.count == report.tactic.made)
    #expect(states.allSatisfy { $0.status == "candidate" && $0.outcome == "sorry" })
    // One rewrite per theorem (the default mixture 1:2:1), each stored translated.
    #expect(report.informal.made == report.theorems)
    let rewrites = try Self.rows(database, kind: "informal")
    #expect(rewrites.count == report.theorems)
    #expect(rewrites.allSatisfy { $0.status == "translated" })
    let connection = try HeraldDatabase.openExisting(path: database)
    let languages =
      try connection.scalarInt(
        "SELECT count(*) FROM augmentations WHERE kind = 'informal' AND strategy = 'translate' AND language != 'en'")
      ?? 0
    #expect(
      languages
        == (try connection.scalarInt(
          "SELECT count(*) FROM augmentations WHERE kind = 'informal' AND strategy = 'translate'") ?? -1))
    // Proofs of the tactic proofs, with the steps' explanations as comments in the source.
    #expect(report.proofs.made > 0)
    #expect(report.termProofs >= 0)
    let commented = try #require(
      try connection.scalarText(
        "SELECT commented_proof FROM proofs WHERE status = 'explained' LIMIT 1"))
    #expect(commented.contains("-- This step moves the proof on."))
    #expect(try HeraldDatabase.meta(connection, Augmentation.mixtureKey) == "1:2:1")

    let requests = server.requests.count
    let again = try await Self.stage(database, server: server, pool: pool).run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(again.tactic.made == 0 && again.tactic.kept == report.tactic.made)
    #expect(again.informal.kept == report.informal.made && again.informal.made == 0)
    #expect(again.proofs.kept == report.proofs.made && again.proofs.made == 0)
    #expect(again.compiles == 0)
    #expect(server.requests.count == requests)
  }

  @Test func aStateThatDoesNotCompileIsRejectedWithLeansMessageAndWithoutAREPLStatesStayCandidates() async throws {
    let database = try await SampleDatabase.translated()
    let server = try Self.server()
    defer { server.stop() }
    let pool = try Self.pool(
      rules: #"{"rules": [{"match": "state_", "action": "error", "line": 1, "column": 0, "text": "type mismatch"}]}"#)
    let report = try await Self.stage(database, server: server, pool: pool) {
      $0.informal = false
      $0.proofs = false
    }.run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(report.tactic.rejected > 0 && report.tactic.made == 0)
    let connection = try HeraldDatabase.openExisting(path: database)
    #expect(try Self.rows(database, kind: "tactic").allSatisfy { $0.status == "rejected" })
    let failures = try connection.scalarInt(
      "SELECT count(*) FROM failures WHERE stage = 'augment' AND reason = 'not_compiled' AND detail LIKE '%type mismatch%'"
    )
    #expect(failures == report.tactic.rejected)

    let other = try await SampleDatabase.translated()
    let plain = try await Self.stage(other, server: server, pool: nil) {
      $0.informal = false
      $0.proofs = false
    }.run(progress: SilentProgress())
    #expect(plain.tactic.made > 0 && plain.compiles == 0 && plain.lean == nil)
    #expect(try Self.rows(other, kind: "tactic").allSatisfy { $0.status == "candidate" && $0.outcome == "not_run" })
  }

  @Test func unusableAnswersAreCountedWithTheirReasonAndRewritesInTheWrongLanguageRejected() async throws {
    let database = try await SampleDatabase.translated()
    // Every rewrite comes back in English, every explanation without markers.
    let server = try Self.server { body in
      switch ScriptedAnswers.prompt(in: body) {
      case .rewrite:
        return .completion(
          "**Informal name:** Same\n**Informal statement:**\nFor every natural number $n$ the claim holds, as said.\n"
            + "**End of informal statement**")
      case .explain: return .completion("The proof is easy.")
      default: return .completion(ScriptedAnswers.answer(to: body))
      }
    }
    defer { server.stop() }
    let report = try await Self.stage(database, server: server, pool: nil) {
      $0.tactic = false
      $0.mixture = AugmentSettings.Mixture(original: 1, tactic: 0, informal: 4)
      $0.limit = 3
    }.run(progress: SilentProgress())
    // Four rewrites a theorem (every strategy once): the translations fail the language check.
    #expect(report.informal.made + report.informal.failed == 12)
    #expect(report.informal.failed == 3)
    #expect(report.informal.reasons["unparseable"] == 3)
    #expect(report.proofs.failed > 0 && report.proofs.made == 0)
    let connection = try HeraldDatabase.openExisting(path: database)
    let detail =
      try connection.scalarText(
        "SELECT detail FROM failures WHERE stage = 'augment' AND item LIKE 'proof:%' LIMIT 1") ?? ""
    #expect(detail.contains("Informal proof"))
  }

  @Test func statesMadeWithoutAREPLAreCompiledOnceOneIsConfiguredAndKeepTheirTranslations() async throws {
    let database = try await SampleDatabase.translated()
    let server = try Self.server()
    defer { server.stop() }
    let made = try await Self.stage(database, server: server, pool: nil) {
      $0.informal = false
      $0.proofs = false
    }.run(progress: SilentProgress())
    #expect(made.tactic.made > 0)
    // As if translate had informalized them.
    let connection = try HeraldDatabase.openExisting(path: database)
    try connection.execute(
      "UPDATE augmentations SET status = 'translated', informal_name = 'Kept', informal_statement = 'Kept.'")
    // A REPL that rejects one state: the others compile and keep their texts.
    let first = try #require(try connection.scalarText("SELECT name FROM augmentations ORDER BY id LIMIT 1"))
    let pool = try Self.pool(
      rules: #"{"rules": [{"match": "\#(first) ", "action": "error", "line": 1, "column": 0, "text": "bad"}]}"#)
    let again = try await Self.stage(database, server: server, pool: pool) {
      $0.informal = false
      $0.proofs = false
    }.run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(again.tactic.kept == 0)
    #expect(again.compiles == made.tactic.made)
    #expect(again.tactic.rejected == 1)
    let rows = try Self.rows(database, kind: "tactic")
    #expect(rows.filter { $0.status == "rejected" }.count == 1)
    #expect(rows.filter { $0.status == "translated" }.allSatisfy { $0.outcome == "sorry" })
    #expect(
      try connection.scalarInt("SELECT count(*) FROM augmentations WHERE informal_name = 'Kept'") == rows.count)
    // A third run keeps everything: every state has Lean's verdict now.
    let third = try await Self.stage(database, server: server, pool: try Self.pool()) {
      $0.informal = false
      $0.proofs = false
    }.run(progress: SilentProgress())
    #expect(third.compiles == 0)
  }
}
