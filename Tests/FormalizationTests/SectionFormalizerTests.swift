import Foundation
import HeraldTestSupport
import LLM
import LeanREPL
import LoopbackHTTP
import Records
import Sections
import Testing

@testable import Formalization

/// The feedback loop: candidates from a scripted loopback model, compiled by the fake REPL,
/// repaired on errors, judged, and written into the file.
@Suite struct SectionFormalizerTests {
  static let prompts = SampleDatabase.packageRoot.appendingPathComponent("pipelines/prompts").path

  /// Three items: a definition, a lemma using it (and referring to it), a theorem.
  static let section = ParsedSection(
    format: .latex, title: "Doubling", number: "1", label: "sec-double", introduction: "",
    items: [
      SectionItem(
        index: 1, kind: .definition, label: "def-double", number: "1.1", title: nil,
        text: "The double of a natural number $n$ is $2n$.", references: [], proof: nil),
      SectionItem(
        index: 2, kind: .lemma, label: "lem-even", number: "1.2", title: nil,
        text: "The double (Definition \\ref{def-double}) of $n$ is even.", references: ["def-double"],
        proof: "It is $2 \\cdot n$."),
      SectionItem(
        index: 3, kind: .theorem, label: "thm-hard", number: "1.3", title: "Hard", text: "Every number is odd.",
        references: [], proof: nil),
    ], unknownMacros: [], warnings: [])

  /// What the scripted model answers: by the prompt and the item in the request.
  static func answer(_ request: String, judge: String = "same") -> ScriptedResponse {
    // The item is in the real request, after the prompt's demonstration.
    let item = request.components(separatedBy: "in the same way").dropFirst().joined(separator: "in the same way")
    let body = request
    let fence = "```lean\n"
    if body.contains("Prove this theorem") {
      if body.contains("Lean reports these errors") {
        return .completion(fence + "theorem double_even (n : ℕ) : Even (double n) := by\n  exact ⟨n, by omega⟩\n```")
      }
      return .completion(fence + "theorem double_even (n : ℕ) : Even (double n) := by\n  FAKE_ERROR\n```")
    }
    if body.contains("Translate this declaration") {
      return .completion(
        "**Informal name:** Read back\n**Informal statement:**\nThe statement, read back.\n"
          + "**End of informal statement**")
    }
    if body.contains("Statement A (the original text)") {
      return .completion("No differences.\n||\(judge)||")
    }
    if item.contains("Item (definition 1.1)") {
      return .completion(fence + "def double (n : ℕ) : ℕ := 2 * n\n```")
    }
    if item.contains("Item (lemma 1.2)") {
      if body.contains("Lean reports these errors") {
        return .completion(fence + "theorem double_even (n : ℕ) : Even (double n) := by\n  simp\n```")
      }
      return .completion(fence + "theorem double_even (n : ℕ) : Even (FAKE_ERROR n) := by\n  simp\n```")
    }
    if item.contains("Item (theorem 1.3)") {
      return .completion(fence + "theorem all_odd (n : ℕ) : Odd (FAKE_ERROR n) := by\n  simp\n```")
    }
    return .failure(500, message: "unexpected prompt")
  }

  static func role(_ server: LoopbackServer, database: String, stage: String) throws -> ModelRole {
    try LoopbackModel.role(server, database: database, stage: stage)
  }

  /// Formalizes `section` against `server`, with the fake REPL unless `lean` is false.
  static func run(
    _ server: LoopbackServer, lean: Bool = true, section: ParsedSection = section,
    database: String? = nil, configure: (inout SectionSettings) -> Void = { _ in }
  ) async throws -> (lean: String, report: SectionReport, log: [String]) {
    var path = database
    if path == nil { path = try await SampleDatabase.fresh("herald-section") }
    let database = path ?? ""

    let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
    var settings = SectionSettings()
    settings.prompts = prompts
    settings.samples = 2
    settings.repairRounds = 1
    configure(&settings)
    let configuration = REPLConfiguration(
      command: [SampleDatabase.product("fake-repl")], projectDirectory: folder.path, workers: 1)
    let pool = lean ? REPLPool(configuration) : nil
    let checker = StatementChecker(
      lean: pool, configuration: lean ? configuration : nil, policy: .asWritten,
      cache: try CompileCache(path: database))
    let formalizer = SectionFormalizer(
      section: section, source: "notes/doubling.tex", settings: settings,
      prompts: try SectionPrompts.load(from: settings.prompts),
      formalizer: try role(server, database: database, stage: "section"),
      backTranslator: try role(server, database: database, stage: "section_back"),
      judge: try role(server, database: database, stage: "section_judge"), checker: checker, retrieval: nil)
    var log: [String] = []
    let result = try await formalizer.run(output: "out/doubling.lean") { log.append($0) }
    await pool?.shutdown()
    return (result.lean, result.report, log)
  }

  @Test func anErrorIsRepairedANeverCompilingItemIsCommentedOutAndLaterPromptsSeeEarlierLean() async throws {
    let server = try LoopbackServer { Self.answer($0.body) }
    defer { server.stop() }
    let (lean, report, log) = try await Self.run(server)
    #expect(report.items.map(\.status) == [.accepted, .accepted, .rejected])
    // The lemma's first candidate failed to compile and its repair was accepted.
    let lemma = report.items[1]
    #expect(lemma.candidates.map(\.compile) == ["lean_error", "sorry"])
    #expect(lemma.candidates[0].errors.first?.contains("unsolved goals") == true)
    #expect(lemma.candidates[1].round == 1)
    #expect(lemma.candidates[1].verdict == "same")
    #expect(lemma.name == "double_even")
    #expect(lemma.context.earlier == ["def-double"])
    #expect(lemma.context.referenced == ["def-double"])
    // The theorem never compiled: both samples, each with one repair, then commented out.
    let theorem = report.items[2]
    #expect(theorem.candidates.count == 4)
    #expect(theorem.candidates.allSatisfy { $0.compile == "lean_error" })
    #expect(theorem.reason?.contains("unsolved goals") == true)
    // The file: code for the accepted items, a comment for the rejected one.
    #expect(
      lean.contains("/-- Definition 1.1 (def-double): The double of a natural number $n$ is $2n$. -/\ndef double"))
    #expect(lean.contains("theorem double_even (n : ℕ) : Even (double n) := by sorry"))
    #expect(lean.contains("/- Theorem 1.3 [Hard] (thm-hard): Every number is odd."))
    let commented = lean.components(separatedBy: "/- Theorem 1.3").last ?? ""
    #expect(commented.contains("theorem all_odd (n : ℕ) : Odd (FAKE_ERROR n) := by sorry\n-/"))
    // The lemma's prompt showed the accepted definition and the referenced item.
    let lemmaPrompt = server.requests.map(\.body).first { $0.contains("Item (lemma 1.2)") } ?? ""
    #expect(lemmaPrompt.contains("Earlier items of the section, already formalized:"))
    #expect(lemmaPrompt.contains("def double (n : ℕ) : ℕ := 2 * n"))
    #expect(lemmaPrompt.contains("Items this one refers to:"))
    // The item's reference reads as the item's number.
    #expect(lemmaPrompt.contains("Item (lemma 1.2): The double (Definition 1.1) of $n$ is even."))
    // The repair request carried Lean's error.
    let repair = server.requests.map(\.body).first { $0.contains("Lean reports these errors") } ?? ""
    #expect(repair.contains("unsolved goals"))
    #expect(log.count == 3)
    #expect(report.statuses == ["accepted": 2, "rejected": 1])
    #expect(report.lean != nil)
  }

  @Test func aRerunAsksAndCompilesNothingNewAndWritesTheSameFile() async throws {
    let server = try LoopbackServer { Self.answer($0.body) }
    defer { server.stop() }
    let database = try await SampleDatabase.fresh("herald-section-rerun")
    let first = try await Self.run(server, database: database)
    let sent = server.requests.count
    #expect(first.report.llmRequestsSent == sent)
    let second = try await Self.run(server, database: database)
    // The answers and the compile results are in the database: nothing is asked again.
    #expect(server.requests.count == sent)
    #expect(second.report.llmRequestsSent == 0)
    #expect(second.report.cacheHits == sent + first.report.cacheHits)
    #expect(second.lean == first.lean)
    #expect(second.report.items.map(\.status) == first.report.items.map(\.status))
  }

  @Test func aCandidateJudgedDifferentIsNotAccepted() async throws {
    let server = try LoopbackServer { Self.answer($0.body, judge: "different") }
    defer { server.stop() }
    let (lean, report, _) = try await Self.run(
      server,
      section: ParsedSection(
        format: .latex, title: "Doubling", number: nil, label: nil, introduction: "",
        items: [Self.section.items[0]], unknownMacros: [], warnings: []))
    #expect(report.items.map(\.status) == [.rejected])
    #expect(report.items[0].candidates.count == 2)
    #expect(report.items[0].reason?.contains("the judge said different") == true)
    #expect(lean.contains("/- Definition 1.1 (def-double)"))
  }

  @Test func withoutAREPLEveryItemIsNotCompiledAndStillWritten() async throws {
    let server = try LoopbackServer { Self.answer($0.body) }
    defer { server.stop() }
    let (lean, report, log) = try await Self.run(server, lean: false)
    #expect(report.items.map(\.status) == [.notCompiled, .notCompiled, .notCompiled])
    #expect(report.items.allSatisfy { $0.candidates.allSatisfy { $0.compile == "not_run" } })
    #expect(report.lean == nil)
    #expect(lean.contains("-- herald: not compiled"))
    #expect(lean.contains("def double (n : ℕ) : ℕ := 2 * n"))
    #expect(log.first?.contains("no Lean REPL is configured") == true)
  }

  @Test func withoutAREPLAnItemWithoutUsableLeanIsNotCompiledTooAndAComment() async throws {
    let server = try LoopbackServer { request in
      request.body.contains("Formalize this item") ? .completion("Prose only.") : Self.answer(request.body)
    }
    defer { server.stop() }
    let (lean, report, _) = try await Self.run(server, lean: false) { $0.samples = 1 }
    #expect(report.items.map(\.status) == [.notCompiled, .notCompiled, .notCompiled])
    #expect(report.items[0].reason?.hasPrefix("no Lean REPL is configured; no usable Lean in 1 answer(s)") == true)
    #expect(report.items[0].candidates.first?.rawAnswer == "Prose only.")
    #expect(lean.contains("/- Definition 1.1 (def-double)"))
    #expect(!lean.contains("def double"))
  }

  @Test func unusableAnswersLeaveACommentAndTheirProblem() async throws {
    let server = try LoopbackServer { request in
      request.body.contains("Formalize this item")
        ? .completion("The double of n is two times n, obviously.") : Self.answer(request.body)
    }
    defer { server.stop() }
    let (lean, report, _) = try await Self.run(server) { $0.samples = 1 }
    #expect(report.items.map(\.status) == [.noCandidate, .noCandidate, .noCandidate])
    #expect(report.items[0].reason?.contains("no Lean declaration") == true)
    #expect(lean.contains("/- Definition 1.1 (def-double)"))
    #expect(report.faults.isEmpty)
  }

  @Test func anEndpointFailureIsAFaultAndTheRunGoesOn() async throws {
    let server = try LoopbackServer { _ in .failure(503, message: "overloaded") }
    defer { server.stop() }
    let (_, report, log) = try await Self.run(server)
    #expect(report.items.count == 3)
    #expect(report.items.allSatisfy { $0.status == .noCandidate })
    #expect(report.items[0].reason?.contains("the endpoint failed") == true)
    #expect(report.items[0].candidates.first?.fault?.isEmpty == false)
    #expect(report.everyItemFaulted)
    #expect(report.faults.values.reduce(0, +) == 3)
    #expect(log.count == 3)
  }

  @Test func proofsAreKeptOnlyWhenTheyCompileWithoutSorry() async throws {
    let server = try LoopbackServer { Self.answer($0.body) }
    defer { server.stop() }
    let (lean, report, _) = try await Self.run(server) { $0.prove = true }
    let lemma = report.items[1]
    #expect(lemma.proof?.status == .proved)
    #expect(lemma.proof?.attempts.map(\.compile) == ["lean_error", "ok"])
    #expect(lean.contains("theorem double_even (n : ℕ) : Even (double n) := by\n  exact ⟨n, by omega⟩"))
    #expect(!lean.contains("theorem double_even (n : ℕ) : Even (double n) := by sorry"))
    #expect(report.proved == 1)
    // The definition is not proved; the rejected theorem is never asked.
    #expect(report.items[0].proof == nil)
    #expect(report.items[2].proof == nil)
  }

  @Test func aProofThatChangesTheStatementIsNotKept() async throws {
    let server = try LoopbackServer { request in
      request.body.contains("Prove this theorem")
        ? .completion("```lean\ntheorem double_even (n : ℕ) : True := by\n  trivial\n```") : Self.answer(request.body)
    }
    defer { server.stop() }
    let (lean, report, _) = try await Self.run(server) { $0.prove = true }
    let proof = try #require(report.items[1].proof)
    #expect(proof.status == .failed)
    #expect(proof.attempts.first?.problem == "the theorem's statement differs from the one to prove")
    #expect(proof.attempts.first?.rawAnswer?.contains(": True := by") == true)
    #expect(lean.contains("theorem double_even (n : ℕ) : Even (double n) := by sorry"))
    #expect(report.proved == 0)
  }

  @Test func aSmallBudgetCutsTheContextAndSaysSo() async throws {
    let server = try LoopbackServer { Self.answer($0.body) }
    defer { server.stop() }
    let (_, report, _) = try await Self.run(server) { $0.contextCharacters = 40 }
    #expect(report.items[1].context.truncation?.contains("left out") == true)
    // The item's text and two repair rounds' allowance take the whole budget.
    #expect(report.warnings.contains { $0.contains("Lemma 1.2") && $0.contains("cut to 0 characters") })
  }
}
