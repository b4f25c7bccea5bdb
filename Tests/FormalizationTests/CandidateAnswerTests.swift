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
    // Match cases and `deriving` at the margin continue a definition; `open … in` is dropped.
    (
      "```lean\nopen Nat in\nopen Function\ndef f : ℕ → ℕ\n| 0 => 1\n| n + 1 => f n\nderiving instance Repr\n```",
      .definition, "open Function\ndef f : ℕ → ℕ\n| 0 => 1\n| n + 1 => f n\nderiving instance Repr", "f"
    ),
    // An unfenced answer that runs on: the declaration ends at the next line at the left margin.
    (
      "def hom (G H : Type) : Type :=\n  G → H\nTheorem hom is a map := By the definition.\nsample.even: theorem even",
      .definition, "def hom (G H : Type) : Type :=\n  G → H", "hom"
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
    ("```lean\ndef d (n : ℕ) : ℕ := by sorry\n```", .definition, "the definition's body is sorry"),
    ("```lean\ndef d : IO Unit := IO.Process.exit 0\n```", .definition, "runs code"),
    ("```lean\ntheorem t : True := by\n  run_tac pure ()\n```", .proof, "runs code"),
    // Prose around fences is not read as Lean.
    ("theorem prose : True\n```lean\n<Lean code>\n```", .statement, "placeholder"),
  ])
  func unusableAnswersSayWhatIsWrong(_ answer: String, _ form: CandidateAnswer.Form, _ problem: String) {
    guard case .unparseable(let found) = CandidateAnswer.parse(answer, form: form) else {
      Issue.record("expected a problem for \(answer)")
      return
    }
    #expect(found.contains(problem))
  }

  @Test func anAnswerCopyingTheDemonstrationIsNotACandidate() {
    let demonstrated = CandidateAnswer.demonstratedNames([
      "```lean\ntheorem IsEvenNat.add_two {n : ℕ} (h : IsEvenNat n) : IsEvenNat (n + 2) := by sorry\n```"
    ])
    #expect(demonstrated == ["IsEvenNat.add_two"])
    let copied = CandidateAnswer.parse(
      "```lean\ntheorem IsEvenNat.add_two {n : ℕ} : True := by sorry\n```", form: .statement,
      demonstrated: demonstrated)
    #expect(
      copied
        == .unparseable(
          problem: "it copies the example of the prompt (`IsEvenNat.add_two`) instead of formalizing the item"))
    let own = CandidateAnswer.parse(
      "```lean\ntheorem ker_normal : True := by sorry\n```", form: .statement, demonstrated: demonstrated)
    #expect(own == .code("theorem ker_normal : True := by sorry", name: "ker_normal"))
  }

  @Test func theCorrectionRepeatsTheProblemAndTheForm() {
    let correction = CandidateAnswer.correction(for: "it uses sorry", form: .proof)
    #expect(correction.contains("it uses sorry"))
    #expect(correction.contains("without `sorry`"))
  }
}
