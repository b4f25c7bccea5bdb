import Testing

@testable import Records

/// Declarations restated as examples.
@Suite struct DeclarationHeadTests {
  @Test(arguments: [
    ("theorem unit_unique (e : α) : e = Monoid.unit := sorry", "example (e : α) : e = Monoid.unit := sorry"),
    ("lemma Nat.foo {n : ℕ} : n ≤ n := sorry", "example {n : ℕ} : n ≤ n := sorry"),
    ("def double (n : Nat) : Nat := n + n", "example (n : Nat) : Nat := n + n"),
    ("noncomputable def inv (x : ℝ) : ℝ := x⁻¹", "noncomputable example (x : ℝ) : ℝ := x⁻¹"),
    ("abbrev Pos := { n : Nat // 0 < n }", "example := { n : Nat // 0 < n }"),
    ("instance : Monoid Nat where\n  op := Nat.add", "example : Monoid Nat where\n  op := Nat.add"),
    ("instance instMonoidNat : Monoid Nat := ⟨Nat.add⟩", "example : Monoid Nat := ⟨Nat.add⟩"),
    ("instance (priority := 100) toFoo [Bar α] : Foo α := ⟨⟩", "example [Bar α] : Foo α := ⟨⟩"),
    ("instance [Bar α] : Foo α := ⟨⟩", "example [Bar α] : Foo α := ⟨⟩"),
    ("theorem «weird name» (p : Prop) : p → p := sorry", "example (p : Prop) : p → p := sorry"),
    (
      "theorem map_id.{u} {α : Type u} (l : List α) : l.map id = l := sorry",
      "example {α : Type u} (l : List α) : l.map id = l := sorry"
    ),
    ("axiom choice' : Nonempty Nat", "example : Nonempty Nat := sorry"),
    ("def f : Nat → Nat\n  | 0 => 1\n  | n + 1 => f n", "example : Nat → Nat\n  | 0 => 1\n  | n + 1 => f n"),
    ("@[simp] protected theorem Foo.bar : True := sorry", "example : True := sorry"),
  ])
  func restatedAsAnExample(_ declaration: String, _ expected: String) throws {
    let head = try #require(DeclarationHead(declaration))
    #expect(head.example == expected)
  }

  @Test(arguments: [
    "structure Point where\n  x : Nat", "inductive Color | red | green", "class Monoid (α : Type) where",
    "theorem", "#check Nat", "",
  ])
  func declarationsThatDeclareSeveralConstantsAreNotRestated(_ declaration: String) {
    #expect(DeclarationHead(declaration) == nil)
  }

  @Test func theNameAndKeywordAreRead() throws {
    let head = try #require(DeclarationHead("theorem Sample.le_refl' (n : ℕ) : n ≤ n := sorry"))
    #expect(head.keyword == "theorem")
    #expect(head.name == "Sample.le_refl'")
    #expect(DeclarationHead("instance : Foo := ⟨⟩")?.name == nil)
  }
}
