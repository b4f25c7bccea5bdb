import Testing

@testable import Records

/// Statements compared up to bound names and white space.
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

/// The exact normal forms: tokens, bound names, comments, escapes.
@Suite struct StatementNormalFormTests {
  @Test(arguments: [
    ("∀ (x y : ℕ), x ≤ y", "∀ ( _b0 _b1 : ℕ ) , _b0 ≤ _b1"),
    ("a<=b -- a comment\n  + c", "a < = b + c"),
    ("/- outer /- inner -/ still -/ h.le x₁", "h.le x₁"),
    ("fun h => h.1 + 2.5", "fun _b0 = > _b0.1 + 2.5"),
    ("∃! n, n = «weird name».x", "∃! _b0 , _b0 = «weird name».x"),
    ("λ x, f x", "λ _b0 , f _b0"),
    ("{a b} → a", "{ _b0 _b1 } → _b0"),
    ("[inst : Group α] (g : α)", "[ _b0 : Group α ] ( _b1 : α )"),
    ("(f x)", "( f x )"),
    ("«unclosed", "«unclosed"),
    ("x\u{00A0}y", "x y"),
  ])
  func normalFormIs(_ text: String, _ expected: String) {
    #expect(StatementNormalizer.normalized(text) == expected)
  }
}
