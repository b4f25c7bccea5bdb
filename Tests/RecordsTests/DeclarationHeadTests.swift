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

/// The signature of a declaration and its statement as an example.
@Suite struct DeclarationSignatureTests {
  @Test(arguments: [
    ("theorem t (n : ℕ) : n + 0 = n := by simp", " (n : ℕ) : n + 0 = n"),
    ("theorem t (h : ∀ x, f x := 3) : True := trivial", " (h : ∀ x, f x := 3) : True"),
    ("lemma t {α} [Foo α] : ∃ x : α, x = x :=\n  ⟨_, rfl⟩", " {α} [Foo α] : ∃ x : α, x = x"),
    ("instance : Monoid Nat where\n  op := Nat.add", ": Monoid Nat"),
    ("def f : Nat → Nat\n  | 0 => 1\n  | n + 1 => f n", " : Nat → Nat"),
    ("theorem t : a ∣ b := sorry", " : a ∣ b"),
    ("theorem t : True", " : True"),
  ])
  func theSignatureEndsWhereTheValueStarts(_ declaration: String, _ expected: String) throws {
    #expect(try #require(DeclarationHead(declaration)).signature == expected[...])
  }

  @Test func aStatementExampleDropsTheProof() throws {
    let head = try #require(DeclarationHead("theorem Nat.t (n : ℕ) : n + 0 = n := by\n  simp"))
    #expect(head.statementExample == "example (n : ℕ) : n + 0 = n := sorry")
  }
}
