import Foundation
import HeraldTestSupport
import LoopbackHTTP
import Testing

@testable import HeraldCLI

/// `herald translate --section`, as a user runs it: parsing, the feedback loop against a
/// scripted model and the fake REPL, the files it writes, and its mistakes.
@Suite struct SectionTranslationTests {
  private func herald(_ arguments: [String]) async -> Invocation { await Invocation.run(arguments) }

  static let latex = #"""
    \documentclass{article}
    \newcommand{\N}{\mathbb{N}}
    \begin{document}
    \section{Doubling}\label{sec-double}
    We double numbers.
    \begin{definition}\label{def-double}
    The double of a natural number $n \in \N$ is $2n$.
    \end{definition}
    \begin{lemma}\label{lem-even}
    The double (Definition~\ref{def-double}) of $n$ is even.
    \end{lemma}
    \begin{proof}
    It is $2 \cdot n$.
    \end{proof}
    \end{document}
    """#

  /// A source file with `text` in a new folder.
  static func source(_ text: String = latex, name: String = "doubling.tex") throws -> URL {
    let folder = temporaryFolder("herald-section-cli")
    let file = folder.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  /// Answers by the prompt: the definition, a lemma that fails to compile until repaired, a
  /// back-translation and a verdict.
  static func server() throws -> LoopbackServer {
    try LoopbackServer { request in
      let body = request.body
      let item = body.components(separatedBy: "in the same way").dropFirst().joined()
      let fence = "```lean\n"
      if body.contains("Translate this declaration") {
        return .completion(
          "**Informal name:** Back\n**Informal statement:**\nThe double is even.\n**End of informal statement**")
      }
      if body.contains("Statement A (the original text)") { return .completion("None.\n||same||") }
      if item.contains("Item (definition") { return .completion(fence + "def double (n : ℕ) : ℕ := 2 * n\n```") }
      if item.contains("Item (lemma") {
        let type = body.contains("Lean reports these errors") ? "Even (double n)" : "Even (FAKE_ERROR n)"
        return .completion(fence + "theorem double_even (n : ℕ) : \(type) := by sorry\n```")
      }
      return .failure(500, message: "unexpected prompt")
    }
  }

  /// Translates the section of `source()` with `server` as the model into `Doubling.lean` beside
  /// it, on a fresh database, without a REPL; returns the run and the Lean file's path.
  private func translateDoubling(
    _ server: LoopbackServer, _ extra: [String] = []
  ) async throws -> (run: Invocation, out: String) {
    let file = try Self.source()
    let out = file.deletingLastPathComponent().appendingPathComponent("Doubling.lean").path
    let database = try await SampleDatabase.fresh("herald-section-cli")
    let run = await herald(
      [
        "translate", "--section", file.path, "--out", out, "--db", database, "--model", "m", "--base-url",
        server.baseURL,
      ] + extra)
    return (run, out)
  }

  @Test func aSectionBecomesALeanFileAndReportsWithCompileFeedback() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let file = try Self.source()
    let folder = file.deletingLastPathComponent()
    let out = folder.appendingPathComponent("lean/Doubling.lean").path
    let database = try await SampleDatabase.fresh("herald-section-cli")
    let run = await herald([
      "translate", "--section", file.path, "--out", out, "--db", database, "--model", "m", "--base-url",
      server.baseURL, "--lean-project", folder.path, "--repl", SampleDatabase.product("fake-repl"), "--json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let items = try #require(report["items"] as? [[String: Any]])
    #expect(items.map { $0["status"] as? String } == ["accepted", "accepted"])
    #expect(items.map { $0["label"] as? String } == ["def-double", "lem-even"])
    let lemmaCandidates = try #require(items[1]["candidates"] as? [[String: Any]])
    #expect(lemmaCandidates.map { $0["compile"] as? String } == ["lean_error", "sorry"])
    #expect((report["lean"] as? String)?.contains("fake-repl") == true)
    let lean = try String(contentsOfFile: out, encoding: .utf8)
    #expect(lean.hasPrefix("import Mathlib\n"))
    #expect(lean.contains("# 1 Doubling"))
    #expect(lean.contains("def double (n : ℕ) : ℕ := 2 * n"))
    #expect(lean.contains("theorem double_even (n : ℕ) : Even (double n) := by sorry"))
    #expect(lean.contains("\\mathbb{N}"), "the preamble's macro is expanded in the doc comment")
    let written = try String(
      contentsOfFile: folder.appendingPathComponent("lean/Doubling.report.json").path, encoding: .utf8)
    #expect(written.contains("\"status\" : \"accepted\""))
    let summary = try String(
      contentsOfFile: folder.appendingPathComponent("lean/Doubling.report.md").path, encoding: .utf8)
    #expect(summary.contains("| 2 | lemma 1.2 (lem-even) | accepted | 1 | 1 | same | `double_even` |"))

    // A rerun asks nothing: every answer is cached in the database.
    let sent = server.requests.count
    let again = await herald([
      "translate", "--section", file.path, "--out", out, "--db", database, "--model", "m", "--base-url",
      server.baseURL, "--lean-project", folder.path, "--repl", SampleDatabase.product("fake-repl"), "--quiet",
    ])
    #expect(again.status == 0)
    #expect(server.requests.count == sent)
    #expect(again.stdout.contains("accepted 2"))
    #expect(again.stdout.contains("0 requests sent"))
  }

  @Test func withoutAREPLTheFileIsWrittenAndEveryItemIsNotCompiled() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let (run, out) = try await translateDoubling(server)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("not_compiled 2"))
    #expect(run.stdout.contains("Lean: not configured"))
    #expect(run.stdout.contains("\"lean\" section"))
    let lean = try String(contentsOfFile: out, encoding: .utf8)
    #expect(lean.contains("-- herald: not compiled"))
  }

  @Test func parseOnlyListsTheItemsWithoutAModel() async throws {
    let file = try Self.source()
    let run = await herald(["translate", "--section", file.path, "--parse-only"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("latex section 1 Doubling (sec-double): 2 items"))
    #expect(run.stdout.contains("2. lemma 1.2 (lem-even) → def-double"))
    let json = await herald(["translate", "--section", file.path, "--parse-only", "--json"])
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((parsed["items"] as? [Any])?.count == 2)
  }

  @Test func aLabelThatDoesNotExistListsTheOnesThatDo() async throws {
    let file = try Self.source()
    let run = await herald(["translate", "--section", file.path, "--label", "sec-nope", "--parse-only"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("sec-nope"))
    #expect(run.stderr.contains("sec-double"))
  }

  @Test(arguments: [
    (["translate", "--db", "x.sqlite", "--label", "a"], "--label is an option of translate --section SOURCE"),
    (["translate", "--section", "s.tex", "--db", "x.sqlite"], "needs --out FILE.lean"),
    (["translate", "--section", "s.tex", "--out", "x.txt", "--db", "x.sqlite"], "--out names a .lean file"),
    (["translate", "--section", "s.tex", "--out", "x.lean"], "give --db PATH"),
    (["translate", "--section", "s.tex", "--label", "a", "--number", "1", "--parse-only"], "not both"),
    (["translate", "--section", "s.tex", "--format", "pdf", "--parse-only"], "latex or html"),
    (["translate", "--section", "s.tex", "--limit", "3", "--parse-only"], "--limit is not an option"),
  ])
  func usageMistakesExit64WithTheRemedy(_ arguments: [String], _ message: String) async {
    let run = await herald(arguments)
    #expect(run.status == 64)
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  @Test func anUnwritableOutIsReportedBeforeAnyRequest() async throws {
    let server = try Self.server()
    defer { server.stop() }
    let file = try Self.source()
    let blocker = file.deletingLastPathComponent().appendingPathComponent("blocker")
    try "not a folder".write(to: blocker, atomically: true, encoding: .utf8)
    let database = try await SampleDatabase.fresh("herald-section-cli")
    let run = await herald([
      "translate", "--section", file.path, "--out", blocker.appendingPathComponent("x.lean").path, "--db", database,
      "--model", "m", "--base-url", server.baseURL,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("cannot create the folder of --out"))
    #expect(server.requests.isEmpty)
  }

  @Test func anEndpointThatAnswersNothingIsAnErrorAndTheReportsAreStillWritten() async throws {
    let server = try LoopbackServer { _ in .failure(503, message: "down") }
    defer { server.stop() }
    let (run, out) = try await translateDoubling(server, ["--quiet"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("the endpoint failed for every item"))
    #expect(FileManager.default.fileExists(atPath: out))
  }

  @Test func aMissingFileIsAClearError() async {
    let run = await herald(["translate", "--section", "/nonexistent/notes.tex", "--parse-only"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("cannot read the section file '/nonexistent/notes.tex'"))
  }
}
