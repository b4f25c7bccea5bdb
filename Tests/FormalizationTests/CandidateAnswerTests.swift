import Testing

@testable import Formalization

/// Reading the Lean a model wrote for an item.
@Suite struct CandidateAnswerTests {
  @Test(arguments: [
    (
      "```lean\ntheorem foo (n : ℕ) : n + 0 = n := by\n  simp\n```", CandidateAnswer.Form.statement,
      "theorem foo (n : ℕ) : n + 0 = n := by sorry", "foo"
    ),
    (
      "Here:\n```lean\nimport Mathlib\nset_option autoImplicit true\nopen Nat\nlemma bar {a : ℕ} (h : a = {x := 1}.x) : a = 1 := h\n```",
      .statement, "open Nat\ntheorem bar {a : ℕ} (h : a = {x := 1}.x) : a = 1 := by sorry", "bar"
    ),
    ("theorem baz : True", .statement, "theorem baz : True := by sorry", "baz"),
    (
      "```lean\ndef double (n : ℕ) : ℕ := 2 * n\n#eval double 2\n```", .definition, "def double (n : ℕ) : ℕ := 2 * n",
      "double"
    ),
    (
      "```lean\nstructure Point where\n  x : ℕ\n  y : ℕ\n```", .definition, "structure Point where\n  x : ℕ\n  y : ℕ",
      "Point"
    ),
    (
      "```lean\ntheorem t (n : ℕ) : n = n := by\n  rfl\n```", .proof, "theorem t (n : ℕ) : n = n := by\n  rfl", "t"
    ),
  ])
  func usableAnswersGiveTheirCodeAndName(
    _ answer: String, _ form: CandidateAnswer.Form, _ code: String, _ name: String
  ) {
    #expect(CandidateAnswer.parse(answer, form: form) == .code(code, name: name))
  }

  @Test(arguments: [
    ("```lean\n<Lean code>\n```", CandidateAnswer.Form.statement, "placeholder"),
    ("I think the answer is that n is even.", .statement, "no Lean declaration"),
    ("```lean\ntheorem foo : True := trivial\n```", .definition, "declares a `theorem`"),
    ("```lean\ndef foo : ℕ := 1\n```", .statement, "declares a `def`"),
    ("```lean\ndef foo : ℕ\n```", .definition, "no body"),
    ("```lean\ntheorem t : 1 = 1 := by sorry\n```", .proof, "uses sorry"),
    ("```lean\ntheorem t : 1 = 1\n```", .proof, "no proof"),
  ])
  func unusableAnswersSayWhatIsWrong(_ answer: String, _ form: CandidateAnswer.Form, _ problem: String) {
    guard case .unparseable(let found) = CandidateAnswer.parse(answer, form: form) else {
      Issue.record("expected a problem for \(answer)")
      return
    }
    #expect(found.contains(problem))
  }

  @Test func theCorrectionRepeatsTheProblemAndTheForm() {
    let correction = CandidateAnswer.correction(for: "it uses sorry", form: .proof)
    #expect(correction.contains("it uses sorry"))
    #expect(correction.contains("without `sorry`"))
  }
}
