import Foundation
import HeraldCore
import Testing

@testable import Augmentation

/// A candidate's name, hash and JSON shape.
@Suite struct TacticCandidateTests {
  @Test(arguments: [
    ("Sample.foo", 3, 0, "Sample.foo.state_3"),
    ("Sample.foo", 3, 2, "Sample.foo.state_3_2"),
    ("_private.Mathlib.Order.Basic.0.Nat.bar", 0, 0, "Nat.bar.state_0"),
  ])
  func stateNames(parent: String, ord: Int, goal: Int, name: String) {
    #expect(TacticCandidate.name(parent: parent, ord: ord, goalIndex: goal) == name)
  }

  @Test func theHashIsTheStableHashOfTheNormalForm() throws {
    let candidate = TacticCandidate(
      parent: "P", module: "M", ord: 1, depth: 0, goalIndex: 0, name: "P.state_1",
      declaration: "theorem P.state_1 : True := sorry",
      universes: ["u"], normalizedStatement: "True")
    #expect(candidate.statementHash == StableHash.fnv1a64("True"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(candidate)) as? [String: Any])
    #expect(
      Set(json.keys) == [
        "parent", "module", "ord", "depth", "goal_index", "name", "declaration", "universes", "normalized_statement",
      ])
  }
}
