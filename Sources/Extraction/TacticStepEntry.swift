/// One tactic step of a declaration's proof, picked from the elaboration trees.
public struct TacticStepEntry: Sendable, Hashable {
  /// Index of the declaration (in the `-d` array) whose proof holds this step.
  public var declarationIndex: Int
  /// Position among the declaration's steps, in source order.
  public var order: Int
  /// 0 at top level, one more inside each `·`, `case` or nested tactic block.
  public var depth: Int
  /// The tactic as written.
  public var tactic: String
  /// The syntax kind (`Lean.Parser.Tactic.rwSeq`).
  public var syntaxKind: String
  /// Where the tactic is in the source.
  public var range: Range<Int>?
  /// Goals before the step, as JSON (the goal shape of docs/database.md).
  public var goalsBefore: String
  /// Goals after the step, as JSON; `[]` when the step closed everything.
  public var goalsAfter: String
  /// Identifiers written in the tactic, as a JSON array.
  public var namesUsed: String
  /// Lemmas `simp`-like tactics used, as a JSON array, or `nil`.
  public var usedTheorems: String?
}
