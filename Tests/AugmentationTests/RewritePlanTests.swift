import Records
import Testing

@testable import Augmentation

/// Which rewrites a theorem gets.
@Suite struct RewritePlanTests {
  @Test func oneRewritePerTheoremTakesEveryStrategyInTurnAndTheSameSeedTheSameOnes() {
    let plan = RewritePlan(ratio: 1, seed: 7, languages: ["zh", "fr", "ru"])
    let names = (0..<200).map { "Lib.theorem_\($0)" }
    let rewrites = names.map { plan.rewrites(of: $0) }
    #expect(rewrites.allSatisfy { $0.count == 1 })
    let strategies = Set(rewrites.compactMap { $0.first?.strategy })
    #expect(strategies == Set(Augmentation.Strategy.allCases))
    for rewrite in rewrites.flatMap({ $0 }) {
      #expect(
        rewrite.strategy == .translate ? ["zh", "fr", "ru"].contains(rewrite.language) : rewrite.language == "en")
    }
    #expect(names.map { plan.rewrites(of: $0).map(\.strategy) } == rewrites.map { $0.map(\.strategy) })
    let other = RewritePlan(ratio: 1, seed: 8, languages: ["zh", "fr", "ru"])
    #expect(names.map { other.rewrites(of: $0).map(\.strategy) } != rewrites.map { $0.map(\.strategy) })
  }

  @Test(arguments: [(0.0, 0.0), (0.5, 0.5), (2.0, 2.0), (1.5, 1.5)])
  func theNumberOfRewritesFollowsTheRatioOnAverage(_ ratio: Double, _ expected: Double) {
    let plan = RewritePlan(ratio: ratio, seed: 1, languages: [])
    let counts = (0..<2000).map { plan.rewrites(of: "T\($0)").count }
    let mean = Double(counts.reduce(0, +)) / Double(counts.count)
    #expect(abs(mean - expected) < 0.05)
    // Several rewrites of one theorem use different strategies.
    #expect(
      (0..<200).allSatisfy {
        Set(plan.rewrites(of: "T\($0)").map(\.strategy)).count == plan.rewrites(of: "T\($0)").count
      })
  }
}

/// Proof explainers' answers read strictly.
@Suite struct ProofAnswerTests {
  @Test func stepsAndTheProofAreRead() {
    let answer = """
      **Step 1:** Let $m$ and $n$ be natural numbers.
      **Step 2:** Rewriting with commutativity, the two sides agree.
      **Informal proof:**
      Let $m, n \\in \\mathbb{N}$. By commutativity of addition, $m + n = n + m$.
      **End of informal proof**
      """
    #expect(
      ProofAnswer.parse(answer, steps: 2)
        == .explained(
          steps: ["Let $m$ and $n$ be natural numbers.", "Rewriting with commutativity, the two sides agree."],
          proof: "Let $m, n \\in \\mathbb{N}$. By commutativity of addition, $m + n = n + m$."))
  }

  @Test(arguments: [
    ("**Step 1:** x\n**Informal proof:**\nIt holds.", 1, "not closed"),
    ("**Step 1:** x\nIt holds.\n**End of informal proof**", 1, "no **Informal proof:** marker"),
    ("**Step 1:** x\n**Informal proof:**\nIt holds.\n**End of informal proof**", 2, "no **Step 2:** line"),
    ("**Step 1:**\n**Informal proof:**\nIt holds.\n**End of informal proof**", 1, "explanation of step 1 is empty"),
    ("**Step 1:** x\n**Informal proof:**\n<the proof in LaTeX>\n**End of informal proof**", 1, "placeholders"),
    ("**Step 1:** x\n**Informal proof:**\n对任意自然数，这个结论显然成立，证明完毕。\n**End of informal proof**", 1, "not in English"),
  ])
  func unusableAnswersSayWhat(_ answer: String, _ steps: Int, _ problem: String) {
    guard case .unparseable(let found) = ProofAnswer.parse(answer, steps: steps) else {
      Issue.record("parsed")
      return
    }
    #expect(found.contains(problem), "\(found)")
  }
}

/// Explanations as comments in the theorem's source.
@Suite struct CommentedProofTests {
  @Test func eachStepGetsItsCommentAboveItsLineIndentedLikeIt() {
    let text = "theorem t (m n : ℕ) : m + n = n + m := by\n  intro\n  rw [Nat.add_comm]"
    let intro = Array(text.utf8).count - Array("intro\n  rw [Nat.add_comm]".utf8).count
    let rewrite = Array(text.utf8).count - Array("rw [Nat.add_comm]".utf8).count
    let commented = CommentedProof.text(
      text,
      steps: [
        .init(offset: intro, explanation: "Introduce\nthe numbers."),
        .init(offset: rewrite, explanation: "Swap the sum."),
        .init(offset: 10_000, explanation: "out of range"),
      ])
    #expect(
      commented == """
        theorem t (m n : ℕ) : m + n = n + m := by
          -- Introduce the numbers.
          intro
          -- Swap the sum.
          rw [Nat.add_comm]
        """)
  }
}

/// The notes of the tactic families a proof uses.
@Suite struct TacticGuideTests {
  @Test func onlyTheFamiliesUsedAreShownInTheGuidesOrder() {
    let guide = TacticGuide.parse(
      "### intro intros\nIntroduces.\n### simp dsimp\nSimplifies.\n### omega\nArithmetic.\n")
    #expect(guide.families.map(\.names) == [["intro", "intros"], ["simp", "dsimp"], ["omega"]])
    #expect(
      guide.notes(for: ["omega", "simp only [foo]", "simp?"]) == "### simp dsimp\nSimplifies.\n### omega\nArithmetic.")
    #expect(guide.notes(for: ["exact h"]) == "(no notes for these tactics)")
    #expect(TacticGuide.keyword(of: "· rw [h]") == "rw")
    #expect(guide.version.count == 16)
  }

  @Test func theBundledGuideCoversTheIssuesFamilies() throws {
    let path = String(#filePath.split(separator: "/Tests/")[0]) + "/pipelines/prompts/tactic-guide.md"
    let guide = try TacticGuide.load(path: "/" + path.drop { $0 == "/" })
    let names = Set(guide.families.flatMap(\.names))
    for tactic in [
      "intro", "rw", "simp", "exact", "apply", "induction", "cases", "constructor", "linarith", "omega", "calc",
    ] {
      #expect(names.contains(tactic), "\(tactic)")
    }
  }
}
