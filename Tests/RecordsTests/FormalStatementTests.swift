import Testing

@testable import Records

/// The standalone Lean text of a record.
@Suite struct FormalStatementTests {
  @Test func aTheoremInANamespaceWithScopeStandsAlone() {
    let statement = FormalStatement(
      imports: ["Init", "Sample.Order", "Mathlib.Data.Nat.Basic"], universes: ["u"],
      openLines: ["open Nat", "open scoped Sample", "open scoped Sample.Algebra", "open scoped Real"],
      namespace: "Sample.Algebra", variableLines: ["variable {α : Type u}", "variable [Monoid α]"],
      declaration: FormalStatement.declaration(
        kind: "theorem", statement: "theorem unit_unique (e : α) : e = Monoid.unit", value: ":= by\n  simp",
        text: nil, computeKind: "regular"))
    #expect(
      statement.text == """
        import Sample.Order
        import Mathlib.Data.Nat.Basic

        universe u

        open Nat
        open scoped Real

        namespace Sample.Algebra

        variable {α : Type u}
        variable [Monoid α]

        theorem unit_unique (e : α) : e = Monoid.unit := sorry

        end Sample.Algebra

        """)
  }

  @Test func atTheRootOnlyTheDeclarationAndImportsRemain() {
    let statement = FormalStatement(
      imports: ["Init"], universes: [], openLines: [], namespace: "", variableLines: [],
      declaration: "theorem t : True := sorry")
    #expect(statement.text == "theorem t : True := sorry\n")
  }

  @Test(arguments: [
    ("open scoped Sample", "Sample", true),
    ("open scoped Sample", "Sample.Logic", true),
    ("open scoped Sample.Logic", "Sample.Logic", true),
    ("open scoped Sam", "Sample", false),
    ("open Sample", "Sample", false),
    ("open scoped Sample.Logic", "Sample", false),
    ("open scoped Sample", "", false),
  ])
  func onlyOpenScopedLinesTheNamespaceImpliesAreDropped(_ line: String, _ namespace: String, _ implied: Bool) {
    #expect(FormalStatement.isImplied(line, byNamespace: namespace) == implied)
  }

  @Test func definitionsKeepTheirBodyWithTheSourcesSpacing() {
    let arms = FormalStatement.declaration(
      kind: "definition", statement: "def triple : Nat → Nat", value: "| 0 => 0\n  | n + 1 => triple n + 3",
      text: "/-- Three times. -/\ndef triple : Nat → Nat\n  | 0 => 0\n  | n + 1 => triple n + 3", computeKind: "regular"
    )
    #expect(arms == "def triple : Nat → Nat\n  | 0 => 0\n  | n + 1 => triple n + 3")
    let instance = FormalStatement.declaration(
      kind: "instance", statement: "instance : Monoid Nat", value: "where\n  op := Nat.add", text: nil,
      computeKind: "regular")
    #expect(instance == "instance : Monoid Nat where\n  op := Nat.add")
    let structure = FormalStatement.declaration(
      kind: "structure", statement: "structure Point where\n  x : Nat", value: nil, text: nil, computeKind: "regular")
    #expect(structure == "structure Point where\n  x : Nat")
  }

  @Test func noncomputableIsRestoredBecauseItDecidesWhetherTheFileCompiles() {
    let definition = FormalStatement.declaration(
      kind: "definition", statement: "def choice : Nat", value: ":= Classical.choice ⟨0⟩", text: nil,
      computeKind: "noncomputable")
    #expect(definition == "noncomputable def choice : Nat := Classical.choice ⟨0⟩")
  }
}

/// Sections and namespaces around a declaration.
@Suite struct FormalStatementSectionTests {
  @Test func aDefinitionIsWrittenInANoncomputableSectionInsideItsNamespace() {
    var statement = FormalStatement(
      imports: ["Mathlib.Data.Real.Basic"], universes: [], openLines: [], namespace: "Sample",
      variableLines: ["variable (x : ℝ)"], declaration: "def half : ℝ := x / 2")
    statement.noncomputableSection = true
    #expect(
      statement.text == """
        import Mathlib.Data.Real.Basic

        namespace Sample

        noncomputable section

        variable (x : ℝ)

        def half : ℝ := x / 2

        end

        end Sample

        """)
  }

  @Test func aStructureRestatedGetsANamespaceOfItsOwnAndATheoremBecomesAnExample() {
    let structure = FormalStatement(
      imports: ["Sample.Basic"], universes: [], openLines: [], namespace: "Sample", variableLines: [],
      declaration: "structure Point where\n  x : Nat")
    #expect(
      structure.restated.text == """
        import Sample.Basic

        namespace Sample

        namespace HeraldRestated

        structure Point where
          x : Nat

        end HeraldRestated

        end Sample

        """)
    let theorem = FormalStatement(
      imports: [], universes: [], openLines: [], namespace: "", variableLines: [],
      declaration: "theorem t.{u} (α : Sort u) : α → α := sorry")
    #expect(theorem.restated.declaration == "example (α : Sort u) : α → α := sorry")
    #expect(theorem.restated.universes == ["u"])
    #expect(theorem.restated.restated == theorem.restated)
  }
}
