/// Why a proof state was not rendered as a theorem: a short code (counted in reports) and one
/// sentence for people.
public enum SkipReason: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case unreadable
  case emptyGoal = "empty_goal"
  case notActedOn = "not_acted_on"
  case metavariables
  case elidedTerm = "elided_term"
  case auxiliaryConstant = "auxiliary_constant"
  case recursiveReference = "recursive_reference"
  case notAProposition = "not_a_proposition"
  case trivial

  /// The short code, as reports count it.
  public var code: String { rawValue }

  /// One sentence on what was found and why no statement is written.
  public var explanation: String {
    switch self {
    case .unreadable:
      "The stored goal is not a JSON goal object with a type (or its array is broken), so there is nothing to render."
    case .emptyGoal:
      "The goal's type is empty, so there is no conclusion to state."
    case .notActedOn:
      "The step does not act on this goal (one of several); it is rendered at the step that does."
    case .metavariables:
      "A type holds an unassigned metavariable (?m.12, ?u.3, ?_), which no statement can contain."
    case .elidedTerm:
      "Lean elided part of a term (⋯ for an omitted proof, … for a cut-off term), which cannot be parsed back."
    case .auxiliaryConstant:
      "A type names an auxiliary constant Lean prints with a dagger (such as an autoParam's _auto✝), which no name reaches."
    case .recursiveReference:
      "The context holds the theorem itself (a recursive proof's hypothesis) or a dotted name no binder can take."
    case .notAProposition:
      "The goal is data (a type such as ℕ, left by refine ⟨?_, ?_⟩), not a proposition, so no theorem states it."
    case .trivial:
      "The goal is True, an equation with identical sides, or one of its own hypotheses, so it says nothing."
    }
  }

  public static func < (a: SkipReason, b: SkipReason) -> Bool { a.rawValue < b.rawValue }
}
