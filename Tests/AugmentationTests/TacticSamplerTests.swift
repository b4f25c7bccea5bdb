import Testing

@testable import Augmentation

/// Deduplication and sampling: duplicates out, a budget per theorem, far-apart states, a seed.
@Suite struct TacticSamplerTests {
  /// Candidates of `parent` whose normal forms are `statements`, at ords 0, 1, 2, ….
  private func candidates(_ parent: String, _ statements: [String]) -> [TacticCandidate] {
    statements.enumerated().map { ord, statement in
      TacticCandidate(
        parent: parent, module: "M", ord: ord, depth: 0, goalIndex: 0, name: "\(parent).state_\(ord)",
        declaration: "theorem \(parent).state_\(ord) : \(statement) := sorry", universes: [],
        normalizedStatement: statement)
    }
  }

  private func distinct(_ count: Int) -> [String] { (0..<count).map { "p\($0)" } }

  @Test func duplicatesWithinATheoremAndTheParentsStatementAreDropped() {
    var sampler = TacticSampler(perTheorem: 10)
    let selection = sampler.select(
      candidates("T", ["parent", "a", "b", "a", "parent", "c"]), parent: "T", parentStatements: ["parent"])
    #expect(selection.sampled.map(\.normalizedStatement) == ["a", "b", "c"])
    #expect(selection.sameAsParent == 2)
    #expect(selection.duplicates == 1)
    #expect(selection.overBudget == 0)
  }

  @Test func theSameStateFromTwoTheoremsIsOneCandidate() {
    var sampler = TacticSampler(perTheorem: 10)
    _ = sampler.select(candidates("A", ["x", "y"]), parent: "A", parentStatements: [])
    let second = sampler.select(candidates("B", ["y", "z"]), parent: "B", parentStatements: [])
    #expect(second.sampled.map(\.normalizedStatement) == ["z"])
    #expect(second.duplicates == 1)
  }

  @Test func aStateLeftOutOfOneTheoremCanStillBeAnothers() {
    var sampler = TacticSampler(perTheorem: 1, seed: 3)
    let first = sampler.select(candidates("A", ["x", "y"]), parent: "A", parentStatements: [])
    let left = Set(["x", "y"]).subtracting(first.sampled.map(\.normalizedStatement))
    let second = sampler.select(candidates("B", Array(left)), parent: "B", parentStatements: [])
    #expect(second.sampled.map(\.normalizedStatement) == Array(left))
  }

  @Test(arguments: [0, 1, 2, 3, 7])
  func theBudgetIsRespected(budget: Int) {
    var sampler = TacticSampler(perTheorem: budget, seed: 11)
    let selection = sampler.select(candidates("T", distinct(20)), parent: "T", parentStatements: [])
    #expect(selection.sampled.count == budget)
    #expect(selection.overBudget == 20 - budget)
    #expect(selection.sampled.map(\.ord) == selection.sampled.map(\.ord).sorted())
  }

  @Test func fewerStatesThanTheBudgetAreAllKept() {
    var sampler = TacticSampler(perTheorem: 5)
    #expect(sampler.select(candidates("T", distinct(3)), parent: "T", parentStatements: []).sampled.count == 3)
  }

  @Test func theSameSeedGivesTheSameChoice() {
    func run(_ seed: UInt64) -> [[Int]] {
      var sampler = TacticSampler(perTheorem: 2, seed: seed)
      return (0..<50).map { theorem in
        sampler.select(
          candidates("T\(theorem)", distinct(30).map { "\(theorem)-\($0)" }), parent: "T\(theorem)",
          parentStatements: []
        )
        .sampled.map(\.ord)
      }
    }
    #expect(run(7) == run(7))
    #expect(run(7) != run(8))
  }

  @Test(arguments: [2, 3, 4])
  func theStatesKeptAreFarApart(budget: Int) {
    // One state drawn from each of `budget` equal stretches: never two from one stretch.
    let count = 24
    for seed in UInt64(0)..<200 {
      var sampler = TacticSampler(perTheorem: budget, seed: seed)
      let ords = sampler.select(candidates("T", distinct(count)), parent: "T", parentStatements: []).sampled.map(\.ord)
      let stretches = ords.map { $0 * budget / count }
      #expect(stretches == Array(0..<budget), "seed \(seed): \(ords)")
    }
  }

  @Test func everyStateOfAStretchCanBeDrawn() {
    var drawn: Set<Int> = []
    for seed in UInt64(0)..<300 {
      drawn.formUnion(TacticSampler.spread(count: 10, keeping: 2, seed: seed, parent: "T"))
    }
    #expect(drawn == Set(0..<10))
  }

  @Test func theDrawDependsOnTheTheoremNotOnWhatCameBefore() {
    var alone = TacticSampler(perTheorem: 2, seed: 5)
    var after = TacticSampler(perTheorem: 2, seed: 5)
    _ = after.select(candidates("Other", ["q", "r", "s"]), parent: "Other", parentStatements: [])
    let statements = distinct(12)
    #expect(
      alone.select(candidates("T", statements), parent: "T", parentStatements: []).sampled
        == after.select(candidates("T", statements), parent: "T", parentStatements: []).sampled)
  }

  @Test func splitMixIsTheReferenceSequence() {
    // The first outputs for seed 0 (Vigna's reference implementation of SplitMix64).
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
  }
}
