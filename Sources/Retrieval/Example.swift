/// One hand-written pair of the example bank: a Lean declaration and its informal name and
/// LaTeX statement, written the way the translate stage should write them.
public struct Example: Sendable, Hashable {
  /// What kind of declaration an example shows.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case theorem, definition, instance, structure

    /// The Lean keywords a formal statement of this kind may start with.
    var keywords: [String] {
      switch self {
      case .theorem: return ["theorem", "lemma"]
      case .definition: return ["def", "abbrev", "noncomputable def"]
      case .instance: return ["instance", "noncomputable instance"]
      case .structure: return ["structure", "class", "inductive", "class inductive"]
      }
    }
  }

  /// Unique across the bank; the item under which the index stores the example.
  public var id: String
  public var kind: Kind
  /// The area of mathematics (`algebra`, `analysis`, …), free text in snake case.
  public var domain: String
  /// The declaration's full Lean name.
  public var formalName: String
  /// The Lean command without its proof (a definition may keep its body).
  public var formalStatement: String
  public var informalName: String
  /// The statement in prose with LaTeX mathematics.
  public var informalStatement: String

  public init(
    id: String, kind: Kind, domain: String, formalName: String, formalStatement: String, informalName: String,
    informalStatement: String
  ) {
    self.id = id
    self.kind = kind
    self.domain = domain
    self.formalName = formalName
    self.formalStatement = formalStatement
    self.informalName = informalName
    self.informalStatement = informalStatement
  }
}
