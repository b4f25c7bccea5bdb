import Storage
import Testing

@testable import Augmentation

/// Proof states written as theorems: goldens from real analyzer output, and the sanitizer's rules.
@Suite struct StateRendererTests {
  /// One golden: the goal step `ord` of `declaration` acts on, and what it renders to.
  struct Golden: Sendable, CustomTestStringConvertible {
    var declaration: String
    var ord: Int
    var expected: String
    var universes: [String] = []
    var testDescription: String { "\(declaration) step \(ord)" }
  }

  /// jixia's own output for its Example.lean (the `simp`, `rw`, `let`, `intro` and `induction` steps).
  static let realGoldens: [Golden] = [
    Golden(
      declaration: "simp_test", ord: 0,
      expected:
        "theorem simp_test.state_0 (x y z : Nat) (p : Nat → Prop) (h : p (x * y)) : p ((x + 0) * (0 + y * 1 + z * 0))"
        + " := sorry"),
    Golden(
      declaration: "rw_test", ord: 1,
      expected:
        "theorem rw_test.state_1 (x y z : Nat) (p : Nat → Prop) (h : p (x * y)) : p ((x + 0) * (0 + y * 1 + 0))"
        + " := sorry"),
    Golden(
      declaration: "rw_test", ord: 3,
      expected: "theorem rw_test.state_3 (x y z : Nat) (p : Nat → Prop) (h : p (x * y)) : p (x * (0 + y * 1)) := sorry"),
    Golden(
      declaration: "dsimp_test", ord: 1,
      expected:
        "theorem dsimp_test.state_1 (x y z : Nat) (p : Nat → Prop) (h : p (x * y)) : let h₁ : ∀ (n : Nat), n * 0 = 0 :="
        + " Nat.mul_zero; p ((x + 0) * (0 + y * 1 + z * 0)) := sorry"),
    Golden(
      declaration: "eq_trans_sym", ord: 0,
      expected: "theorem eq_trans_sym.state_0 (α : Type u) (a b c : α) : a = b → b = c → c = a := sorry",
      universes: ["u"]),
    Golden(
      declaration: "eq_trans_sym", ord: 1,
      expected: "theorem eq_trans_sym.state_1 (α : Type u) (a b c : α) (h₁ : a = b) (h₂ : b = c) : c = a := sorry",
      universes: ["u"]),
    Golden(
      declaration: "coe_test", ord: 0,
      expected: "theorem coe_test.state_0 (n : Nat) (h : n = 0) : (↑n : Int) = 0 := sorry"),
    Golden(
      declaration: "map_length", ord: 2,
      expected:
        "theorem map_length.state_2 (α : Type u) (f : α → α) (head : α) (tail : List α)"
        + " (ih : List.length (List.map f tail) = List.length tail) :"
        + " List.length (List.map f (head :: tail)) = List.length (head :: tail) := sorry",
      universes: ["u"]),
  ]

  @Test(arguments: realGoldens)
  func theRealFixturesStatesRenderAsTheGolden(_ golden: Golden) async throws {
    try await check(golden, in: try await AugmentationFixture.realConnection())
  }

  /// The bundled sample: an anonymous instance, a `let` with a hypothesis on it, fields named
  /// like the inaccessible variables.
  static let sampleGoldens: [Golden] = [
    Golden(
      declaration: "Sample.unit_unique", ord: 1,
      expected:
        "theorem Sample.unit_unique.state_1 (α : Type u) [inst : Sample.Monoid α] (e : α)"
        + " (h : ∀ (a : α), Sample.Monoid.op e a = a) (h₁ : Sample.Monoid.op e Sample.Monoid.unit = Sample.Monoid.unit)"
        + " : e = Sample.Monoid.unit := sorry",
      universes: ["u"]),
    Golden(
      declaration: "Sample.quadruple_eq", ord: 3,
      expected:
        "theorem Sample.quadruple_eq.state_3 (n : Nat) : let d : Nat := Sample.double n; ∀ (hd : d = 2 * n),"
        + " Sample.double d = 4 * n := sorry"),
    Golden(
      declaration: "Sample.Point.add_comm", ord: 1,
      expected:
        "theorem Sample.Point.add_comm.state_1 (q : Sample.Point) (x_1 y_1 : Nat) :"
        + " Sample.Point.add { x := x_1, y := y_1 } q = Sample.Point.add q { x := x_1, y := y_1 } := sorry"),
    Golden(
      declaration: "Sample.AddHom.comp", ord: 0,
      expected:
        "theorem Sample.AddHom.comp.state_0 (g f : Sample.AddHom) : ∀ (m n : Nat), Sample.AddHom.toFun g"
        + " (Sample.AddHom.toFun f (m + n)) = Sample.AddHom.toFun g (Sample.AddHom.toFun f m) + Sample.AddHom.toFun g"
        + " (Sample.AddHom.toFun f n) := sorry"),
  ]

  @Test(arguments: sampleGoldens)
  func theSamplesStatesRenderAsTheGolden(_ golden: Golden) async throws {
    try await check(golden, in: try await AugmentationFixture.sampleConnection())
  }

  private func check(_ golden: Golden, in connection: SQLiteConnection) async throws {
    let state = try #require(
      try AugmentationFixture.actedOnState(connection, declaration: golden.declaration, ord: golden.ord))
    let rendered = StateRenderer.render(
      state, name: "\(golden.declaration).state_\(golden.ord)", parent: golden.declaration)
    let theorem = try #require(rendered.theorem, "skipped: \(String(describing: rendered.skipReason))")
    #expect(theorem.declaration == golden.expected)
    #expect(theorem.universes == golden.universes)
  }

  @Test(arguments: [
    ("simp_test", 1, SkipReason.trivial),  // `assumption`: the goal is the hypothesis h
    ("cdot_test", 3, .trivial),  // `exact x` with x : A
    ("cdot_test", 4, .trivial),  // True
  ])
  func theRealFixturesClosingStatesAreTrivial(declaration: String, ord: Int, reason: SkipReason) async throws {
    let connection = try await AugmentationFixture.realConnection()
    let state = try #require(try AugmentationFixture.actedOnState(connection, declaration: declaration, ord: ord))
    #expect(StateRenderer.render(state, name: "t", parent: declaration) == .skipped(reason))
  }

  @Test func theInductionGoalsInaccessibleNamesAreRenamedInEveryType() async throws {
    let connection = try await AugmentationFixture.realConnection()
    let goals = try AugmentationFixture.goalsBefore(connection, declaration: "map_length", ord: 1)
    let cons = try #require(goals.first { $0.tag == "cons" })
    let theorem = try #require(StateRenderer.render(cons, name: "t", parent: "map_length").theorem)
    #expect(theorem.renames == ["head✝": "head", "tail✝": "tail"])
    #expect(!theorem.declaration.contains("✝"))
    #expect(!theorem.declaration.contains("cons"))
  }

  // MARK: Sanitizer rules

  typealias Hypothesis = ProofState.Hypothesis

  /// A state, a rendered declaration (name `t`) or a skip reason.
  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var hypotheses: [Hypothesis]
    var goal: String
    var isProp = true
    var expected: RenderedState
    var testDescription: String { label }
  }

  static func theorem(_ declaration: String) -> RenderedState {
    .theorem(RenderedTheorem(declaration: declaration, universes: [], normalizedStatement: ""))
  }

  static let cases: [Case] = [
    Case(
      label: "a dagger name gets its stem; x✝¹ is another word",
      hypotheses: [Hypothesis(name: "x✝¹", type: "Nat"), Hypothesis(name: "x✝", type: "Fin x✝¹")],
      goal: "x✝.val < x✝¹", expected: theorem("theorem t (x : Nat) (x_1 : Fin x) : x_1.val < x := sorry")),
    Case(
      label: "a shadowed hypothesis does not take the visible name",
      hypotheses: [
        Hypothesis(name: "h✝", type: "0 < n", isProp: true), Hypothesis(name: "h", type: "n < 5", isProp: true),
      ],
      goal: "0 < 5", expected: theorem("theorem t (h_1 : 0 < n) (h : n < 5) : 0 < 5 := sorry")),
    Case(
      label: "a fresh name never captures a name a type mentions",
      hypotheses: [Hypothesis(name: "a✝", type: "α")], goal: "f a a✝ = a",
      expected: theorem("theorem t (a_1 : α) : f a a_1 = a := sorry")),
    Case(
      label: "instances are instance-implicit with a fresh name, never grouped",
      hypotheses: [
        Hypothesis(name: "α", type: "Type", binder: .implicit),
        Hypothesis(name: "inst✝¹", type: "Group α", binder: .instImplicit),
        Hypothesis(name: "inst✝", type: "Group α", binder: .instImplicit),
        Hypothesis(name: "g", type: "α", binder: .strictImplicit),
      ],
      goal: "g * g⁻¹ = 1",
      expected: theorem("theorem t (α : Type) [inst : Group α] [inst_1 : Group α] (g : α) : g * g⁻¹ = 1 := sorry")),
    Case(
      label: "a named instance keeps its name",
      hypotheses: [Hypothesis(name: "hα", type: "Nonempty α", binder: .instImplicit)], goal: "∃ x : α, True",
      expected: theorem("theorem t [hα : Nonempty α] : ∃ x : α, True := sorry")),
    Case(
      label: "a let and what mentions it go in front of the conclusion, the rest stays a binder",
      hypotheses: [
        Hypothesis(name: "n", type: "Nat"),
        Hypothesis(name: "k", type: "Nat", value: "n + 1", isLet: true),
        Hypothesis(name: "hk", type: "k > n", isProp: true),
        Hypothesis(name: "m", type: "Nat"),
      ],
      goal: "k + m > n",
      expected: theorem("theorem t (n m : Nat) : let k : Nat := n + 1; ∀ (hk : k > n), k + m > n := sorry")),
    Case(
      label: "a let without its value is an ordinary binder",
      hypotheses: [Hypothesis(name: "k", type: "Nat", isLet: true)], goal: "k = k + 0",
      expected: theorem("theorem t (k : Nat) : k = k + 0 := sorry")),
    Case(
      label: "propositions stay explicit binders and share one when alike",
      hypotheses: [
        Hypothesis(name: "h₁", type: "a ≤ b", isProp: true), Hypothesis(name: "h₂", type: "a ≤ b", isProp: true),
      ],
      goal: "b ≥ a", expected: theorem("theorem t (h₁ h₂ : a ≤ b) : b ≥ a := sorry")),
    Case(
      label: "a multi-line type is put on one line",
      hypotheses: [Hypothesis(name: "h", type: "∀ (x : Nat),\n    x = x", isProp: true)], goal: "1 = 1 ∧\n  2 = 2",
      expected: theorem("theorem t (h : ∀ (x : Nat), x = x) : 1 = 1 ∧ 2 = 2 := sorry")),
    Case(
      label: "a name ending in ? is not a metavariable", hypotheses: [Hypothesis(name: "o", type: "Option Nat")],
      goal: "o.get? = none ∨ o.isSome",
      expected: theorem("theorem t (o : Option Nat) : o.get? = none ∨ o.isSome := sorry")),
    Case(
      label: "a daggered name bound inside a type is renamed there", hypotheses: [],
      goal: "∀ (a✝ : Nat), a✝ + 0 = a✝", expected: theorem("theorem t : ∀ (a : Nat), a + 0 = a := sorry")),
    Case(
      label: "?m", hypotheses: [Hypothesis(name: "x", type: "Nat")], goal: "x = ?m.12",
      expected: .skipped(.metavariables)),
    Case(
      label: "?u", hypotheses: [Hypothesis(name: "α", type: "Sort ?u.3")], goal: "True ∨ False",
      expected: .skipped(.metavariables)),
    Case(label: "?_", hypotheses: [], goal: "f ?_ = 0", expected: .skipped(.metavariables)),
    Case(label: "⋯", hypotheses: [], goal: "Fin.mk 3 ⋯ = 3", expected: .skipped(.elidedTerm)),
    Case(label: "…", hypotheses: [], goal: "f (g (h …)) = 0", expected: .skipped(.elidedTerm)),
    Case(
      label: "_auto✝", hypotheses: [Hypothesis(name: "h", type: "autoParam (0 < n) _auto✝")], goal: "0 < n + 1",
      expected: .skipped(.auxiliaryConstant)),
    Case(
      label: "the theorem itself", hypotheses: [Hypothesis(name: "t", type: "∀ n, n = n")], goal: "0 = 0 ∧ 1 = 1",
      expected: .skipped(.recursiveReference)),
    Case(
      label: "a dotted hypothesis", hypotheses: [Hypothesis(name: "Foo.bar", type: "Nat")], goal: "Foo.bar = 1",
      expected: .skipped(.recursiveReference)),
    Case(label: "an empty goal", hypotheses: [], goal: "  ", expected: .skipped(.emptyGoal)),
    Case(
      label: "an empty hypothesis type", hypotheses: [Hypothesis(name: "x", type: "")], goal: "x = x + 0",
      expected: .skipped(.unreadable)),
    Case(label: "a data goal", hypotheses: [], goal: "ℕ", isProp: false, expected: .skipped(.notAProposition)),
    Case(
      label: "an equation marked data is kept", hypotheses: [], goal: "List.length [] = 0", isProp: false,
      expected: theorem("theorem t : List.length [] = 0 := sorry")),
    Case(label: "True", hypotheses: [], goal: "True", expected: .skipped(.trivial)),
    Case(label: "a = a", hypotheses: [], goal: "f (x + 1) = f (x + 1)", expected: .skipped(.trivial)),
    Case(
      label: "a hypothesis's own type", hypotheses: [Hypothesis(name: "h", type: "p x", isProp: true)], goal: "p x",
      expected: .skipped(.trivial)),
    Case(
      label: "an equation inside is no equation", hypotheses: [], goal: "(a = a) = (b = b)",
      expected: theorem("theorem t : (a = a) = (b = b) := sorry")),
  ]

  @Test(arguments: cases)
  func sanitizerRules(_ rule: Case) {
    let state = ProofState(hypotheses: rule.hypotheses, goal: rule.goal, isProp: rule.isProp, tag: "succ")
    let rendered = StateRenderer.render(state, name: "t", parent: "t")
    switch (rendered, rule.expected) {
    case (.theorem(let theorem), .theorem(let expected)):
      #expect(theorem.declaration == expected.declaration)
    default:
      #expect(rendered == rule.expected)
    }
  }

  @Test func universesAreThoseTheDeclarationMentions() throws {
    let state = ProofState(
      hypotheses: [
        Hypothesis(name: "α", type: "Sort u_1", binder: .implicit),
        Hypothesis(name: "β", type: "Type (max u v)", binder: .implicit),
      ],
      goal: "Nonempty (α → β) ∨ True")
    let theorem = try #require(StateRenderer.render(state, name: "t").theorem)
    #expect(theorem.universes == ["u_1", "u", "v"])
  }

  @Test func theNormalFormIgnoresIntroAndNames() throws {
    let before = ProofState(
      hypotheses: [Hypothesis(name: "g", type: "G")], goal: "∀ (m n : ℕ), m + n = n + m → g = g ∨ m = n")
    let after = ProofState(
      hypotheses: [
        Hypothesis(name: "g✝", type: "G"), Hypothesis(name: "a", type: "ℕ"), Hypothesis(name: "b", type: "ℕ"),
        Hypothesis(name: "h", type: "a + b = b + a", isProp: true),
      ],
      goal: "g✝ = g✝ ∨ a = b")
    let first = try #require(StateRenderer.render(before, name: "one").theorem)
    let second = try #require(StateRenderer.render(after, name: "two").theorem)
    #expect(first.normalizedStatement == second.normalizedStatement)
  }
}
