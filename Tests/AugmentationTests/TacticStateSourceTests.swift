import HeraldTestSupport
import Storage
import Testing

@testable import Augmentation

/// The whole pass over a database: every state counted once, candidates deterministic.
@Suite struct TacticStateSourceTests {
  private func collect(_ connection: SQLiteConnection, _ configure: (inout AugmentOptions) -> Void = { _ in })
    throws -> (candidates: [TacticCandidate], report: AugmentReport)
  {
    var options = AugmentOptions()
    configure(&options)
    return try TacticStateSource.collect(connection: connection, options: options)
  }

  /// The funnel closes: every state is rendered or skipped, every rendered one dropped or kept.
  private func expectClosedFunnel(_ report: AugmentReport) {
    #expect(report.states == report.rendered + report.skipped.values.reduce(0, +))
    #expect(report.rendered == report.sameAsParent + report.duplicates + report.overBudget + report.sampled)
    #expect(report.theorems == report.theoremsWithTacticProofs + report.termProofs)
  }

  @Test func theSampleIsCountedWhole() async throws {
    let (candidates, report) = try collect(try await AugmentationFixture.sampleConnection())
    expectClosedFunnel(report)
    #expect(report.modules == 10)
    #expect(report.theorems == 27)
    #expect(report.theoremsWithTacticProofs == 24)
    #expect(report.steps == 76)
    #expect(report.states == 83)
    #expect(report.skipped == ["not_acted_on": 4, "trivial": 1])
    #expect(report.sampled == candidates.count)
    #expect(Dictionary(grouping: candidates, by: \.parent).values.allSatisfy { $0.count <= 2 })
    for candidate in candidates {
      #expect(candidate.declaration.hasPrefix("theorem \(candidate.name) "))
      #expect(candidate.declaration.hasSuffix(" := sorry"))
      #expect(candidate.name.hasPrefix(candidate.parent + ".state_\(candidate.ord)"))
      #expect(!candidate.declaration.contains("✝") && !candidate.declaration.contains("?m"))
    }
    #expect(Set(candidates.map(\.normalizedStatement)).count == candidates.count)
  }

  @Test func theRealFixturesCandidatesAreTheGolden() async throws {
    let (candidates, report) = try collect(try await AugmentationFixture.realConnection())
    expectClosedFunnel(report)
    #expect(
      candidates.map(\.name) == [
        "dsimp_test.state_1", "rw_test.state_1", "rw_test.state_3", "rcases_test.state_1", "rcases_test.state_2",
        "cdot_test.state_1", "map_length.state_2", "map_length.state_3",
      ])
    // The state before the first step of a `by` proof is the theorem's statement: never kept.
    #expect(!candidates.contains { $0.ord == 0 && $0.depth == 0 })
    #expect(report.skipped["not_acted_on"] == 2)
  }

  @Test func theSameSeedGivesTheSameCandidatesAndAnotherMayNot() async throws {
    let connection = try await AugmentationFixture.sampleConnection()
    let first = try collect(connection) { $0.seed = 0 }.candidates
    #expect(try collect(connection) { $0.seed = 0 }.candidates == first)
    let others = try (1...8).map { seed in try collect(connection) { $0.seed = UInt64(seed) }.candidates }
    #expect(others.contains { $0 != first })
  }

  @Test(arguments: [0, 1, 3])
  func theBudgetPerTheoremHolds(budget: Int) async throws {
    let (candidates, report) = try collect(try await AugmentationFixture.sampleConnection()) {
      $0.perTheorem = budget
    }
    expectClosedFunnel(report)
    #expect(Dictionary(grouping: candidates, by: \.parent).values.allSatisfy { $0.count <= budget })
    #expect(report.perTheorem == budget)
  }

  @Test func modulesAndLimitSelectTheorems() async throws {
    let connection = try await AugmentationFixture.sampleConnection()
    let logic = try collect(connection) { $0.modulePrefixes = ["Sample.Logic"] }
    #expect(logic.report.modules == 1)
    #expect(logic.candidates.allSatisfy { $0.module == "Sample.Logic" })
    #expect(!logic.candidates.isEmpty)
    let limited = try collect(connection) { $0.limit = 5 }
    #expect(limited.report.theorems == 5)
  }

  @Test func smallBatchesGiveWhatOnePassGives() async throws {
    let connection = try await AugmentationFixture.sampleConnection()
    let whole = try collect(connection).candidates
    let source = try TacticStateSource(connection: connection)
    var pulled: [TacticCandidate] = []
    while case let batch = try source.next(1), !batch.isEmpty { pulled += batch }
    #expect(pulled == whole)
  }

  @Test func brokenStoredGoalsAreCountedNotFatal() async throws {
    let path = try await SampleDatabase.fresh("herald-augment")
    let connection = try HeraldDatabase.openExisting(path: path)
    let theoremSteps =
      "SELECT t.id FROM tactic_steps t JOIN declarations d ON d.id = t.declaration_id WHERE d.kind = 'theorem'"
    try connection.execute(
      """
      UPDATE tactic_steps SET goals_before = 'not json' WHERE id = (SELECT min(id) FROM (\(theoremSteps)));
      UPDATE tactic_steps SET goals_before = '[{"tag":"x"},{"type":"?m.3 = 1","acted_on":true}]'
        WHERE id = (SELECT max(id) FROM (\(theoremSteps)));
      """)
    let (_, report) = try collect(connection)
    expectClosedFunnel(report)
    #expect(report.skipped["unreadable"] == 2)
    #expect(report.skipped["metavariables"] == 1)
  }
}
