/// What one pass of the tactic augmentation found, rendered and kept: a funnel that closes
/// (`states = rendered + skipped`, `rendered = sameAsParent + duplicates + overBudget + sampled`).
public struct AugmentReport: Sendable, Codable, Hashable {
  /// Modules read.
  public var modules = 0
  /// Theorems read (declarations of kind `theorem`, not generated).
  public var theorems = 0
  /// Theorems with at least one tactic step.
  public var theoremsWithTacticProofs = 0
  /// Theorems without any (term-mode proofs).
  public var termProofs = 0
  /// Tactic steps read.
  public var steps = 0
  /// Goals before those steps: the proof states considered.
  public var states = 0
  /// States written as theorems.
  public var rendered = 0
  /// States not written, by `SkipReason` code.
  public var skipped: [String: Int] = [:]
  /// Rendered states equal to their theorem's own statement.
  public var sameAsParent = 0
  /// Rendered states equal to an earlier state of their theorem or to one kept for an earlier
  /// theorem.
  public var duplicates = 0
  /// Distinct states left out by the per-theorem budget.
  public var overBudget = 0
  /// States kept: the candidates.
  public var sampled = 0
  /// The budget per theorem.
  public var perTheorem = 0
  /// The seed.
  public var seed: UInt64 = 0
  /// Wall time since the source was opened (until the last batch was pulled).
  public var seconds = 0.0

  /// An empty report.
  public init() {}

  /// Adds one skipped state.
  mutating func skip(_ reason: SkipReason) {
    skipped[reason.code, default: 0] += 1
  }

  enum CodingKeys: String, CodingKey {
    case modules, theorems, steps, states, rendered, skipped, duplicates, sampled, seed, seconds
    case theoremsWithTacticProofs = "theorems_with_tactic_proofs"
    case termProofs = "term_proofs"
    case sameAsParent = "same_as_parent"
    case overBudget = "over_budget"
    case perTheorem = "per_theorem"
  }
}
