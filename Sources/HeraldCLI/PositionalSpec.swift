/// Declares one positional argument of a command.
public struct PositionalSpec: Sendable, Hashable {
  /// How many command-line words a positional argument consumes.
  public enum Arity: Sendable, Hashable {
    /// Exactly one word must be present.
    case required
    /// Zero or one word.
    case optional
    /// Zero or more words; must be the last positional. Pair with a required one for "one or more".
    case variadic
  }

  /// Placeholder shown in usage and help, e.g. `FILE`; also the key to read the value back.
  public var name: String
  /// One-line description for the help table.
  public var help: String
  /// How many words it consumes.
  public var arity: Arity

  /// Creates a positional argument declaration.
  public init(_ name: String, help: String, arity: Arity = .required) {
    self.name = name
    self.help = help
    self.arity = arity
  }

  /// The spelling used in generated usage lines: `FILE`, `[FILE]` or `[FILE...]`.
  var synopsis: String {
    switch arity {
    case .required: return name
    case .optional: return "[\(name)]"
    case .variadic: return "[\(name)...]"
    }
  }
}
