import Storage
import Testing

@testable import Augmentation

/// The sample's `Sample.Tactics` module, whose proof states hold what the renderer repairs:
/// anonymous instances (`inst✝`, `inst✝¹`), inaccessible names from `intro _` and `cases`, a
/// shadowed `h`, a `let` with its value, and steps facing two goals.
@Suite struct SampleTacticsTests {
  /// One goal of one step and the theorem it renders to.
  struct Golden: Sendable, CustomTestStringConvertible {
    var declaration: String
    var ord: Int
    var goal = 0
    var expected: String
    var universes: [String] = []
    var renames: [String: String] = [:]
    var testDescription: String { "\(declaration) step \(ord) goal \(goal)" }
  }

  static let goldens: [Golden] = [
    // `[Monoid α]` is the instance `inst✝`; `intro _` names the element `a✝`.
    Golden(
      declaration: "Sample.unit_op_op_unit", ord: 1,
      expected:
        "theorem Sample.unit_op_op_unit.state_1 (α : Type u) [inst : Sample.Monoid α] (a : α) :"
        + " Sample.Monoid.op (Sample.Monoid.op Sample.Monoid.unit a) Sample.Monoid.unit = a := sorry",
      universes: ["u"], renames: ["inst✝": "inst", "a✝": "a"]),
    Golden(
      declaration: "Sample.unit_op_op_unit", ord: 2,
      expected:
        "theorem Sample.unit_op_op_unit.state_2 (α : Type u) [inst : Sample.Monoid α] (a : α) :"
        + " Sample.Monoid.op Sample.Monoid.unit a = a := sorry",
      universes: ["u"], renames: ["inst✝": "inst", "a✝": "a"]),
    // Two anonymous instances, printed `inst✝¹` and `inst✝`; each `·` acts on the goal it focuses.
    Golden(
      declaration: "Sample.add_comm_both", ord: 1,
      expected:
        "theorem Sample.add_comm_both.state_1 (α : Type u) [inst : Add α] [inst_1 : Mul α]"
        + " (comm : ∀ (a b : α), a + b = b + a) (x y : α) : x * y + y * x = y * x + x * y := sorry",
      universes: ["u"], renames: ["inst✝¹": "inst", "inst✝": "inst_1"]),
    Golden(
      declaration: "Sample.add_comm_both", ord: 3,
      expected:
        "theorem Sample.add_comm_both.state_3 (α : Type u) [inst : Add α] [inst_1 : Mul α]"
        + " (comm : ∀ (a b : α), a + b = b + a) (x y : α) : x + y = y + x := sorry",
      universes: ["u"], renames: ["inst✝¹": "inst", "inst✝": "inst_1"]),
    // `let m := n + 1` goes in front of the conclusion, before and after `show` uses it.
    Golden(
      declaration: "Sample.succ_le_double", ord: 1,
      expected:
        "theorem Sample.succ_le_double.state_1 (n : Nat) : let m : Nat := n + 1; n + 1 ≤ Sample.double (n + 1)"
        + " := sorry"),
    Golden(
      declaration: "Sample.succ_le_double", ord: 2,
      expected: "theorem Sample.succ_le_double.state_2 (n : Nat) : let m : Nat := n + 1; m ≤ Sample.double m := sorry"),
    // `intro h; intro h`: the first `h` is printed `h✝` and must not take the name `h`.
    Golden(
      declaration: "Sample.double_eq_of_le_of_ge", ord: 2,
      expected:
        "theorem Sample.double_eq_of_le_of_ge.state_2 (m n : Nat) (h_1 : m ≤ n) (h : n ≤ m) :"
        + " Sample.double m = Sample.double n := sorry",
      renames: ["h✝": "h_1"]),
    Golden(
      declaration: "Sample.double_eq_of_le_of_ge", ord: 3,
      expected:
        "theorem Sample.double_eq_of_le_of_ge.state_3 (m n : Nat) (h_1 : m ≤ n) (h : n ≤ m) : m + m = n + n := sorry",
      renames: ["h✝": "h_1"]),
    // `all_goals omega` acts on both goals `cases h` left (tags `inl`, `inr`, dropped), each with `h✝`.
    Golden(
      declaration: "Sample.le_of_lt_or_eq", ord: 2, goal: 0,
      expected: "theorem Sample.le_of_lt_or_eq.state_2 (m n : Nat) (h : m < n) : m ≤ n := sorry",
      renames: ["h✝": "h"]),
    Golden(
      declaration: "Sample.le_of_lt_or_eq", ord: 2, goal: 1,
      expected: "theorem Sample.le_of_lt_or_eq.state_2_1 (m n : Nat) (h : m = n) : m ≤ n := sorry",
      renames: ["h✝": "h"]),
  ]

  @Test(arguments: goldens)
  func theStatesRenderAsTheGolden(_ golden: Golden) async throws {
    let connection = try await AugmentationFixture.sampleConnection()
    let goals = try AugmentationFixture.goalsBefore(connection, declaration: golden.declaration, ord: golden.ord)
    try #require(goals.indices.contains(golden.goal), "step \(golden.ord) has \(goals.count) goals")
    let state = goals[golden.goal]
    #expect(state.actedOn)
    let name = TacticCandidate.name(parent: golden.declaration, ord: golden.ord, goalIndex: golden.goal)
    let rendered = StateRenderer.render(state, name: name, parent: golden.declaration)
    let theorem = try #require(rendered.theorem, "skipped: \(String(describing: rendered.skipReason))")
    #expect(theorem.declaration == golden.expected)
    #expect(theorem.universes == golden.universes)
    #expect(theorem.renames == golden.renames)
  }

  @Test func theStatesKeepTheNamesLeanPrinted() async throws {
    let connection = try await AugmentationFixture.sampleConnection()
    func names(_ declaration: String, _ ord: Int, goal: Int = 0) throws -> [String] {
      let goals = try AugmentationFixture.goalsBefore(connection, declaration: declaration, ord: ord)
      return goals.indices.contains(goal) ? goals[goal].hypotheses.map(\.name) : []
    }
    #expect(try names("Sample.unit_op_op_unit", 2) == ["α", "inst✝", "a✝"])
    #expect(try names("Sample.add_comm_both", 1) == ["α", "inst✝¹", "inst✝", "comm", "x", "y"])
    #expect(try names("Sample.double_eq_of_le_of_ge", 2) == ["m", "n", "h✝", "h"])
    #expect(try names("Sample.le_of_lt_or_eq", 2, goal: 1) == ["m", "n", "h✝"])
    let instances = try AugmentationFixture.goalsBefore(connection, declaration: "Sample.add_comm_both", ord: 1)
      .first?.hypotheses.filter { $0.binder == .instImplicit }.map(\.type)
    #expect(instances == ["Add α", "Mul α"])
    let local = try AugmentationFixture.goalsBefore(connection, declaration: "Sample.succ_le_double", ord: 2)
      .first?.hypotheses.last
    #expect(local == ProofState.Hypothesis(name: "m", type: "Nat", value: "n + 1", isLet: true))
  }

  /// What `herald augment --tactic` keeps of the module with the default budget (2 per theorem):
  /// one state per feature, and both goals of the `all_goals` step.
  @Test func theModulesCandidatesAreTheGolden() async throws {
    var options = AugmentOptions()
    options.modulePrefixes = ["Sample.Tactics"]
    let (candidates, report) = try TacticStateSource.collect(
      connection: try await AugmentationFixture.sampleConnection(), options: options)
    #expect(
      candidates.map(\.name) == [
        "Sample.unit_op_op_unit.state_2", "Sample.add_comm_both.state_1", "Sample.add_comm_both.state_3",
        "Sample.succ_le_double.state_1", "Sample.succ_le_double.state_2", "Sample.double_eq_of_le_of_ge.state_3",
        "Sample.le_of_lt_or_eq.state_2", "Sample.le_of_lt_or_eq.state_2_1",
      ])
    let split = candidates.filter { $0.parent == "Sample.le_of_lt_or_eq" }
    #expect(split.map(\.ord) == [2, 2])
    #expect(split.map(\.goalIndex) == [0, 1])
    #expect(candidates.allSatisfy { !$0.declaration.contains("✝") })
    #expect(report.theorems == 5 && report.theoremsWithTacticProofs == 5)
    #expect(report.steps == 19)
    #expect(report.states == 21)
    #expect(report.rendered == 20)
    // The `right` goal the first `·` leaves alone is rendered at the second `·` (step 3) instead.
    #expect(report.skipped == ["not_acted_on": 1])
    // The states before and just after `intro` restate the theorem; the steps inside `·` blocks
    // and under `all_goals` repeat the state of the step around them.
    #expect(report.sameAsParent == 9)
    #expect(report.duplicates == 3)
    #expect(report.overBudget == 0)
    #expect(report.sampled == 8)
  }

  @Test func theGoalABulletLeavesWaitsForItsOwnStep() async throws {
    let connection = try await AugmentationFixture.sampleConnection()
    let goals = try AugmentationFixture.goalsBefore(connection, declaration: "Sample.add_comm_both", ord: 1)
    #expect(goals.map(\.tag) == ["left", "right"])
    #expect(goals.map(\.actedOn) == [true, false])
    let later = try AugmentationFixture.goalsBefore(connection, declaration: "Sample.add_comm_both", ord: 3)
    #expect(later.map(\.tag) == ["right"])
    #expect(later.first?.actedOn == true)
  }
}
