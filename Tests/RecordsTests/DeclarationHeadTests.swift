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
    ("theorem abs_nonneg' (a : ℝ) : 0 ≤ |a| := abs_nonneg a", " (a : ℝ) : 0 ≤ |a|"),
    ("theorem t (a b : ℤ) (h : a ∣ b) : |a| ≤ |b| ∨ b = 0 := sorry", " (a b : ℤ) (h : a ∣ b) : |a| ≤ |b| ∨ b = 0"),
  ])
  func theSignatureEndsWhereTheValueStarts(_ declaration: String, _ expected: String) throws {
    #expect(try #require(DeclarationHead(declaration)).signature == expected[...])
  }

  @Test func universeParametersOfTheNameAreReadAndTerminationClausesDropped() throws {
    let head = try #require(DeclarationHead("theorem map_id.{u, v} {α : Type u} (f : α → β) : True := sorry"))
    #expect(head.universeParameters == ["u", "v"])
    #expect(DeclarationHead("theorem t : True")?.universeParameters == [])
    let recursive = try #require(
      DeclarationHead(
        "def ack : Nat → Nat → Nat\n  | 0, n => n + 1\n  | m + 1, 0 => ack m 1\n  | m + 1, n + 1 => ack m (ack (m + 1) n)\n"
          + "termination_by m n => (m, n)"))
    #expect(
      recursive.example
        == "example : Nat → Nat → Nat\n  | 0, n => n + 1\n  | m + 1, 0 => ack m 1\n  | m + 1, n + 1 => ack m (ack (m + 1) n)"
    )
    let decreasing = try #require(DeclarationHead("def f (n : Nat) : Nat := f (n / 2)\n  decreasing_by omega"))
    #expect(decreasing.example == "example (n : Nat) : Nat := f (n / 2)")
  }

  @Test func aStatementExampleDropsTheProof() throws {
    let head = try #require(DeclarationHead("theorem Nat.t (n : ℕ) : n + 0 = n := by\n  simp"))
    #expect(head.statementExample == "example (n : ℕ) : n + 0 = n := sorry")
  }
}

/// What the builder makes of a declaration that uses its own module.
@Suite struct ImportingOwnModuleTests {
  @Test func theModuleIsImportedAndTheNamesUniversesDeclared() {
    let formal = FormalStatement(
      imports: ["Sample.Basic"], universes: ["w"], openLines: [], namespace: "Sample", variableLines: [],
      declaration: "theorem map_id.{u} {α : Type u} (l : List α) : l.map id = l := sorry")
    let restated = StatementBuilder.importingOwnModule(formal, module: "Sample.Lists")
    #expect(restated.imports == ["Sample.Lists"])
    #expect(restated.universes == ["w", "u"])
    #expect(restated.declaration == "example {α : Type u} (l : List α) : l.map id = l := sorry")
  }
}
