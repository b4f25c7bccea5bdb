/// Everything a translation prompt shows about one declaration (Herald's retrieval-augmented
/// context): where it lives, what it depends on, what surrounds it, and similar examples.
public struct TranslationContext: Sendable, Hashable {
  /// A neighbouring or depended-on declaration, with its translation when there is one.
  public struct Related: Sendable, Hashable {
    public var name: String
    public var statement: String
    public var informalName: String?
    public var informalStatement: String?
    /// For dependencies: needed to state the declaration (rather than used in its proof).
    public var onType: Bool = false

    public init(
      name: String, statement: String, informalName: String? = nil, informalStatement: String? = nil,
      onType: Bool = false
    ) {
      self.name = name
      self.statement = statement
      self.informalName = informalName
      self.informalStatement = informalStatement
      self.onType = onType
    }
  }

  /// A similar, already translated example from retrieval.
  public struct Example: Sendable, Hashable {
    public var formal: String
    public var informalName: String
    public var informalStatement: String

    public init(formal: String, informalName: String, informalStatement: String) {
      self.formal = formal
      self.informalName = informalName
      self.informalStatement = informalStatement
    }
  }

  public var symbolID: Int
  public var formalName: String
  public var formalStatement: String
  /// The value, shown for definitions where it carries the meaning.
  public var formalDefinition: String?
  /// Declaration kind when known, else the symbol kind.
  public var kind: String
  public var docstring: String?
  /// The module docstring (Herald's "head statement").
  public var headStatement: String?
  public var neighbours: [Related]
  public var dependencies: [Related]
  /// Dependencies left out by the bound.
  public var omittedDependencies: Int
  public var examples: [Example]

  /// The placeholder values of the prompt templates.
  public func placeholderValues() -> [String: String] {
    func numbered(_ lines: [String], empty: String) -> String {
      lines.isEmpty ? empty : lines.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }
    func describe(_ related: Related) -> String {
      guard let name = related.informalName, let statement = related.informalStatement else {
        return related.statement
      }
      return "\(related.statement) — \(name): \(statement)"
    }
    var dependencyLines = dependencies.map(describe)
    if omittedDependencies > 0 { dependencyLines.append("(and \(omittedDependencies) more dependencies, left out)") }
    return [
      "head_statement": headStatement ?? "(none)",
      "kind": kind,
      "docstring": docstring?.trimmingWhitespace ?? "(none)",
      "dependencies": numbered(dependencyLines, empty: "(none)"),
      "neighbours": numbered(neighbours.map(describe), empty: "(none)"),
      "examples": numbered(
        examples.map { "\($0.formal) — \($0.informalName): \($0.informalStatement)" }, empty: "(none)"),
      "formal_name": formalName,
      "formal_statement": formalStatement,
      "formal_definition": formalDefinition ?? "(not shown)",
    ]
  }
}
