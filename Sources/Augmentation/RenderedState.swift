/// What `StateRenderer` made of one proof state: a standalone theorem, or why there is none.
public enum RenderedState: Sendable, Hashable {
  case theorem(RenderedTheorem)
  case skipped(SkipReason)

  /// The theorem, when one was rendered.
  public var theorem: RenderedTheorem? {
    if case .theorem(let theorem) = self { return theorem }
    return nil
  }

  /// The reason, when the state was skipped.
  public var skipReason: SkipReason? {
    if case .skipped(let reason) = self { return reason }
    return nil
  }
}

/// A proof state written as a Lean theorem that stands alone (given its module's imports):
/// `theorem Sample.foo.state_3 (m n : Nat) [inst : Monoid α] : let k := m + n; k = n + m := sorry`.
public struct RenderedTheorem: Sendable, Hashable {
  /// The declaration, on one line, ending with `:= sorry`.
  public var declaration: String
  /// Universe names the declaration mentions, in order of first appearance: the file must
  /// declare them (`universe u v`), since Mathlib turns auto-bound universes off.
  public var universes: [String]
  /// The statement in the form states are compared in (see `CanonicalStatement`): binders and
  /// leading `∀`/`→` of the conclusion flattened, bound names numbered, white space normalized.
  public var normalizedStatement: String
  /// The hypothesis names that were replaced, from the printed name (`x✝`, `inst✝¹`) to the one
  /// the declaration uses.
  public var renames: [String: String]

  /// A rendered theorem from its parts.
  public init(declaration: String, universes: [String], normalizedStatement: String, renames: [String: String] = [:]) {
    self.declaration = declaration
    self.universes = universes
    self.normalizedStatement = normalizedStatement
    self.renames = renames
  }
}
