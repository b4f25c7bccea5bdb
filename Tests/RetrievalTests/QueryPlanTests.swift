import Testing

@testable import Retrieval

/// Planning a query: rare terms ORed within the budget, common ones kept for conjunctions.
@Suite struct QueryPlanTests {
  @Test func keepsEveryTermThatFitsTheBudgetInQueryOrder() {
    let plan = QueryPlan([("c", 3), ("a", 1), ("b", 2)], documents: 100, budget: 10, maximumTerms: 8)
    #expect(plan.anyOf == ["c", "a", "b"])
    #expect(plan.conjunctions.isEmpty)
  }

  @Test func dropsAbsentTermsAndLeavesCommonOnesToConjunctions() {
    let plan = QueryPlan(
      [("a", 100), ("b", 5), ("c", 3_000), ("d", 0), ("e", 900)], documents: 10_000, budget: 200, maximumTerms: 8)
    #expect(plan.anyOf == ["a", "b"])
    // e × c: 10,000 × 0.09 × 0.3 = 270 expected matches, over the budget, so both are kept.
    #expect(plan.conjunctions.map(\.terms) == [["e", "c"], ["e"]])
    #expect(abs(plan.conjunctions[0].expectedMatches - 270) < 0.001)
    // Its cost is the rarer term's postings.
    #expect(plan.conjunctions.map(\.rarestFrequency) == [900, 900])
  }

  @Test func conjunctionsGrowUntilTheyFitAndStopAtFourTerms() {
    let terms = (0..<6).map { ("t\($0)", 500) }
    let plan = QueryPlan(terms, documents: 1_000, budget: 100, maximumTerms: 8)
    #expect(plan.anyOf.isEmpty)
    #expect(plan.conjunctions.map(\.terms.count) == [4, 3, 2, 1])
    #expect(plan.conjunctions[0].terms == ["t0", "t1", "t2", "t3"])
    let shorter = QueryPlan(terms, documents: 1_000, budget: 300, maximumTerms: 8)
    #expect(shorter.conjunctions.map(\.terms.count) == [2, 1])
  }

  @Test func capsTheNumberOfRareTerms() {
    let terms = (0..<10).map { ("t\($0)", 1) }
    let plan = QueryPlan(terms, documents: 1_000, budget: 100, maximumTerms: 3)
    #expect(plan.anyOf == ["t0", "t1", "t2"])
    #expect(plan.conjunctions.first?.terms == ["t3"])
  }
}
