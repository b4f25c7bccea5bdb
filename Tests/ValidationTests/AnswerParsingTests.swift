import Records
import Testing

@testable import Validation

/// Back-translators' and judges' answers read strictly.
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

@Suite struct JudgeAnswerTests {
  @Test(arguments: [
    (
      "Both state m + 1 ≤ n ↔ m < n.\n||same||", RecordValidation.Verdict.same,
      "Both state m + 1 ≤ n ↔ m < n." as String?
    ),
    ("A has a hypothesis h that B lacks. || different ||", .different, "A has a hypothesis h that B lacks."),
    ("||SAME||", .same, nil),
  ])
  func theVerdictAndReasonAreRead(_ answer: String, _ verdict: RecordValidation.Verdict, _ reason: String?) {
    #expect(JudgeAnswer.parse(answer) == .verdict(verdict, reason: reason))
  }

  @Test func theLastVerdictCountsNotAQuotedFormat() {
    let answer = "I must end with ||same|| or ||different||. B drops the hypothesis.\n||different||"
    guard case .verdict(let verdict, _) = JudgeAnswer.parse(answer) else {
      Issue.record("no verdict")
      return
    }
    #expect(verdict == .different)
  }

  @Test(arguments: ["They are the same.", "||maybe||", "same", "|same|", ""])
  func answersWithoutAVerdictAreUnparseable(_ answer: String) {
    #expect(JudgeAnswer.parse(answer) == .unparseable(problem: "no verdict ||same|| or ||different|| in the answer"))
  }
}

@Suite struct StatementNormalizerTests {
  @Test(arguments: [
    ("theorem t (m n : ℕ) : m + 1 ≤ n ↔ m < n := sorry", "example (a b : ℕ) : a + 1 ≤ b ↔ a < b := sorry"),
    ("theorem t : ∀ x : ℝ, x ^ 2 ≥ 0", "example : ∀ y : ℝ, y^2 ≥ 0 := by positivity"),
    ("theorem t {α} [inst : Group α] (g : α) : g * g⁻¹ = 1", "example {β} [i : Group β] (h : β) : h*h⁻¹ = 1"),
    ("theorem t (h : 0 < x) : 0 < x.succ", "example (hx : 0 < x) : 0 < x.succ"),
    ("theorem t (s : Set ℕ) (hs : s.Nonempty) : True", "example (t : Set ℕ) (ht : t.Nonempty) : True"),
    ("theorem t : ∃ n, n > 0 -- positive", "example : ∃ m, m > 0 /- a comment -/"),
  ])
  func statementsEqualUpToBoundNamesAndSpaceAreTheSame(_ a: String, _ b: String) {
    #expect(
      StatementNormalizer.sameStatement(a, b),
      "\(StatementNormalizer.normalized(declaration: a)) vs \(StatementNormalizer.normalized(declaration: b))")
  }

  @Test(arguments: [
    ("theorem t (m n : ℕ) : m + 1 ≤ n ↔ m < n", "example (m n : ℕ) : m + 1 < n ↔ m < n"),
    ("theorem t (m n : ℕ) : m ≤ n", "example (n m : ℕ) : n ≤ n"),
    ("theorem t {m : ℕ} : m = m", "example (m : ℕ) : m = m"),
    ("theorem t (x : ℝ) : f x = 0", "example (x : ℝ) : g x = 0"),
    ("theorem t (h : a < b) : b > a", "example : b > a"),
  ])
  func differentStatementsAreNot(_ a: String, _ b: String) {
    #expect(!StatementNormalizer.sameStatement(a, b))
  }
}
