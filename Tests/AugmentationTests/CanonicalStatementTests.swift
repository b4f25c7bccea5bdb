import Testing

@testable import Augmentation

/// The form states are compared in: binders, leading ∀ and top-level → flattened, then normalized.
@Suite struct CanonicalStatementTests {
  private func form(_ binders: [(String, String)] = [], _ conclusion: String) -> String {
    CanonicalStatement.normalized(binders: binders.map { (name: $0.0, type: $0.1) }, conclusion: conclusion)
  }

  @Test(arguments: [
    ([("g", "G")], "∀ (m n : ℕ), m = n", [("g", "G"), ("a", "ℕ"), ("b", "ℕ")], "a = b"),
    (
      [], "∀ {α : Type u} [inst : Monoid α] (e : α), (∀ (a : α), e * a = a) → e = 1",
      [("α", "Type u"), ("inst", "Monoid α"), ("e", "α"), ("h", "∀ (a : α), e * a = a")], "e = 1"
    ),
    ([], "p ∨ q →\n    q ∨ p", [("h", "p ∨ q")], "q ∨ p"),
    ([], "∀ ⦃x y⦄, x = y", [("a", "_"), ("b", "_")], "a = b"),
    ([], "∀ x y, x = y", [("a", "_"), ("b", "_")], "a = b"),
    ([], "∀ [Group α], α = α", [("i", "Group α")], "α = α"),
  ])
  func theseStateTheSame(
    leftBinders: [(String, String)], left: String, rightBinders: [(String, String)], right: String
  ) {
    #expect(form(leftBinders, left) == form(rightBinders, right))
  }

  @Test(arguments: [
    ("a ↔ b → c", [("h", "a ↔ b")], "c"),
    ("(M →+ N) → P", [("f", "M")], "N) → P"),
    ("∃ x, p x → q", [("h", "∃ x, p x")], "q"),
    ("∀ x ∈ s, p x", [("x", "_"), ("h", "x ∈ s")], "p x"),
    ("(fun x => x → x) = id", [("h", "fun x => x")], "x) = id"),
    ("a = b → c", [("h", "a = b")], "d"),
  ])
  func theseDoNot(conclusion: String, binders: [(String, String)], other: String) {
    #expect(form([], conclusion) != form(binders, other))
  }

  @Test func outerParenthesesOfABinderTypeDoNotCount() {
    #expect(form([("h", "(a = b)")], "c") == form([("h", "a = b")], "c"))
  }

  @Test func aBundledMapArrowIsNotAnImplication() {
    #expect(form([], "M →+ N") == form([], "M →+ N"))
    #expect(!form([], "f : M →+ N").contains("_anonymous"))
  }
}
