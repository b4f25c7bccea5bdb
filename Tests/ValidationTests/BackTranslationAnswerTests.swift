import Records
import Testing

@testable import Validation

/// Back-translators' answers read strictly.
@Suite struct BackTranslationAnswerTests {
  @Test func aFencedTheoremBecomesAnExampleProvedBySorry() {
    let answer = """
      Here is the statement:
      ```lean
      import Mathlib
      open Nat

      theorem succ_le_of_lt (m n : ℕ) (h : m < n) : m + 1 ≤ n := by
        omega
      ```
      """
    #expect(
      BackTranslationAnswer.parse(answer)
        == .statement(
          text: "open Nat\nexample (m n : ℕ) (h : m < n) : m + 1 ≤ n := sorry",
          declaration: "example (m n : ℕ) (h : m < n) : m + 1 ≤ n := sorry"))
  }

  @Test func anUnfencedAnswerAndACutOffFenceAreRead() {
    #expect(
      BackTranslationAnswer.parse("lemma foo : 1 + 1 = 2 := rfl\nThis holds by computation.")
        == .statement(text: "example : 1 + 1 = 2 := sorry", declaration: "example : 1 + 1 = 2 := sorry"))
    #expect(
      BackTranslationAnswer.parse("```lean\ntheorem t (x : ℝ) : x ^ 2 ≥ 0 := by\n  positivity")
        == .statement(text: "example (x : ℝ) : x ^ 2 ≥ 0 := sorry", declaration: "example (x : ℝ) : x ^ 2 ≥ 0 := sorry")
    )
  }

  @Test func aDefinitionKeepsItsBody() {
    #expect(
      BackTranslationAnswer.parse("```lean\ndef double (n : ℕ) : ℕ := 2 * n\n```")
        == .statement(text: "example (n : ℕ) : ℕ := 2 * n", declaration: "example (n : ℕ) : ℕ := 2 * n"))
  }

  @Test(arguments: [
    ("The statement says that every number is even.", "holds no Lean declaration"),
    ("```lean\ntheorem <name> <binders> : <statement> := by sorry\n```", "placeholders"),
    ("```lean\ntheorem := by sorry\n```", "no name or no statement"),
    ("", "holds no Lean declaration"),
  ])
  func answersWithoutAStatementAreUnparseable(_ answer: String, _ problem: String) {
    guard case .unparseable(let found) = BackTranslationAnswer.parse(answer) else {
      Issue.record("parsed: \(answer)")
      return
    }
    #expect(found.contains(problem))
    #expect(BackTranslationAnswer.correction(for: found).contains(found))
  }

  @Test func onlyTheFirstDeclarationIsTaken() {
    let answer = "```lean\ntheorem a : True := trivial\n\ntheorem b : False := sorry\n#check a\n```"
    #expect(
      BackTranslationAnswer.parse(answer)
        == .statement(text: "example : True := sorry", declaration: "example : True := sorry"))
  }
}
