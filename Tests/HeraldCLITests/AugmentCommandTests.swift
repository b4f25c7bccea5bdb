import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCLI

/// `herald augment --tactic --render-only` on the extracted sample, as a user runs it.
@Suite struct AugmentCommandTests {
  private func herald(_ arguments: [String]) async -> Invocation { await Invocation.run(arguments) }

  private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func renderOnlyPrintsTheCountsAndWritesNothing() async throws {
    let database = try await SampleDatabase.fresh("herald-augment-cli")
    let before = try Data(contentsOf: URL(fileURLWithPath: database))
    let run = await herald(["augment", "--db", database, "--tactic", "--render-only", "--json", "--show", "2"])
    #expect(run.status == 0, "\(run.stderr)")
    let report = try json(run.stdout)
    for key in [
      "states", "rendered", "skipped", "duplicates", "same_as_parent", "over_budget", "sampled", "theorems",
      "theorems_with_tactic_proofs", "term_proofs", "seconds", "steps", "modules",
    ] {
      #expect(report[key] != nil, "missing key \(key)")
    }
    #expect(report["theorems"] as? Int == 27)
    #expect(report["states"] as? Int == 83)
    let sampled = try #require(report["sampled"] as? Int)
    #expect(sampled > 0 && sampled <= 2 * 24)
    let shown = try #require(report["candidates"] as? [[String: Any]])
    #expect(shown.count == 2)
    let declaration = try #require(shown.first?["declaration"] as? String)
    #expect(declaration.hasPrefix("theorem Sample."))
    #expect(declaration.hasSuffix(":= sorry"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)

    let again = await herald(["augment", "--db", database, "--tactic", "--render-only", "--json"])
    var first = report
    var second = try json(again.stdout)
    first["seconds"] = nil
    first["candidates"] = nil
    second["seconds"] = nil
    #expect(NSDictionary(dictionary: first) == NSDictionary(dictionary: second))
  }

  @Test func theTextSummaryNamesTheFunnel() async throws {
    let database = try await SampleDatabase.fresh("herald-augment-cli")
    let run = await herald([
      "augment", "--db", database, "--tactic", "--render-only", "--per-theorem", "1", "--seed", "4", "--module",
      "Sample.Logic", "--show", "1",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("augment (render only): 3 theorems in 1 module ("))
    #expect(run.stdout.contains("at most 1 per theorem, seed 4"))
    #expect(run.stdout.contains("\n  theorem Sample.Logic."))
  }

  @Test(arguments: [
    (["augment", "--db", "x.sqlite", "--render-only"], "give it with --tactic alone"),
    (["augment", "--db", "x.sqlite", "--tactic", "--proofs", "--render-only"], "give it with --tactic alone"),
    (["augment", "--db", "x.sqlite", "--show", "3"], "--show goes with --render-only"),
    (["augment", "--db", "x.sqlite", "--mixture", "1:2"], "--mixture takes original:tactic:informal"),
    (["augment", "--db", "x.sqlite", "--languages", "z1"], "--languages takes codes"),
    (["augment", "--db", "x.sqlite", "--repl", "lake exe repl"], "--repl needs a Lean project"),
    (["augment", "--tactic", "--render-only"], "--db"),
    (["augment", "--db", "x.sqlite", "--tactic", "--render-only", "--per-theorem", "-1"], "--per-theorem"),
    (["augment", "--db", "x.sqlite", "--tactic", "--render-only", "--seed", "x"], "--seed"),
  ])
  func usageErrorsExitSixtyFour(arguments: [String], message: String) async {
    let result = await herald(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: "))
    #expect(result.stderr.contains(message))
    #expect(result.stderr.contains("See 'herald augment --help'."))
  }

  @Test func aMissingDatabaseIsARuntimeErrorWithTheRemedy() async {
    let missing = temporaryFolder("herald-augment-cli").appendingPathComponent("none.sqlite").path
    let result = await herald(["augment", "--db", missing, "--tactic", "--render-only"])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("Error: "))
    #expect(result.stderr.contains("herald extract"))
  }
}
