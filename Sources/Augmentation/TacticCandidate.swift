import HeraldCore

/// A proof state of a theorem's tactic proof rendered as a theorem of its own: what the full
/// augmentation stage compiles, informalizes (with the parent as context) and exports.
public struct TacticCandidate: Sendable, Hashable, Codable {
  /// The theorem whose proof the state comes from (full name).
  public var parent: String
  /// The parent's module.
  public var module: String
  /// The step's position among the parent's steps (`tactic_steps.ord`).
  public var ord: Int
  /// The step's nesting depth (0 at top level).
  public var depth: Int
  /// The goal's position in the step's `goals_before`.
  public var goalIndex: Int
  /// The declaration's name: `<parent>.state_<ord>`, with `_<goal>` for a goal after the first.
  public var name: String
  /// The declaration, ending with `:= sorry`.
  public var declaration: String
  /// Universe names the declaration needs declared.
  public var universes: [String]
  /// The normal form states are compared in (`CanonicalStatement`).
  public var normalizedStatement: String

  /// A candidate from its parts.
  public init(
    parent: String, module: String, ord: Int, depth: Int, goalIndex: Int, name: String, declaration: String,
    universes: [String], normalizedStatement: String
  ) {
    self.parent = parent
    self.module = module
    self.ord = ord
    self.depth = depth
    self.goalIndex = goalIndex
    self.name = name
    self.declaration = declaration
    self.universes = universes
    self.normalizedStatement = normalizedStatement
  }

  /// The name of the state of step `ord`, goal `goalIndex`, of `parent`. A private theorem's
  /// name (`_private.Mathlib.Foo.0.bar`) is not one a declaration can be given (its `0` is no
  /// identifier), so its states are named after the name the source wrote (`bar.state_3`).
  public static func name(parent: String, ord: Int, goalIndex: Int) -> String {
    var base = parent[...]
    if base.hasPrefix("_private."), let marker = base.firstRange(of: ".0.") { base = base[marker.upperBound...] }
    return goalIndex == 0 ? "\(base).state_\(ord)" : "\(base).state_\(ord)_\(goalIndex)"
  }

  /// The 64-bit hash the library-wide dedupe keeps (FNV-1a of the normal form).
  public var statementHash: UInt64 { StableHash.fnv1a64(normalizedStatement) }

  enum CodingKeys: String, CodingKey {
    case parent, module, ord, depth, name, declaration, universes
    case goalIndex = "goal_index"
    case normalizedStatement = "normalized_statement"
  }
}
