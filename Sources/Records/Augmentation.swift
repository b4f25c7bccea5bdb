import HeraldCore

/// How a statement record was derived: an original declaration of the library, a proof state of
/// one of its tactic proofs made a theorem, or an informal rewrite of its statement. Every member
/// is always present in the exported object (null where it does not apply), so that all lines
/// of a dataset have one shape.
public struct Augmentation: Sendable, Hashable {
  /// The three kinds of statement records.
  public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
    case original, tactic, informal
  }

  /// The informal rewriting strategies (the Herald paper's four).
  public enum Strategy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Logically equivalent rephrasing.
    case equivalent
    /// The same statement with more abstract concepts.
    case abstract
    /// Implicit conditions left implicit, as a textbook would.
    case omitImplicit = "omit_implicit"
    /// The statement in another language.
    case translate

    /// The prompt file of the strategy in `pipelines/prompts/`.
    public var promptFile: String {
      switch self {
      case .equivalent: "rewrite-equivalent.md"
      case .abstract: "rewrite-abstract.md"
      case .omitImplicit: "rewrite-omit.md"
      case .translate: "rewrite-translate.md"
      }
    }
  }

  public var kind: Kind
  /// The parent record's id and the parent declaration's name (nil for originals).
  public var parentID: String?
  public var parentName: String?
  /// For tactic states: the step's place in the proof (its `ord`) and its nesting depth.
  public var step: Int?
  public var depth: Int?
  /// For rewrites: the strategy and the language (`en` unless translated).
  public var strategy: Strategy?
  public var language: String?

  /// A derivation.
  public init(
    kind: Kind, parentName: String? = nil, step: Int? = nil, depth: Int? = nil, strategy: Strategy? = nil,
    language: String? = nil
  ) {
    self.kind = kind
    self.parentName = parentName
    self.parentID = parentName.map { StatementRecord.id(formalName: $0) }
    self.step = step
    self.depth = depth
    self.strategy = strategy
    self.language = language
  }

  /// An original declaration.
  public static let original = Augmentation(kind: .original)

  /// The `herald_meta` key where herald augment records the mixture it aims at
  /// (`original : tactic : informal`, such as `1:2:1`), for the manifest.
  public static let mixtureKey = "augment_mixture"

  /// The record id of a tactic state of `parent` stating `normalizedStatement`: the same state
  /// keeps its id across reruns, whatever order or name it got.
  public static func tacticID(parent: String, normalizedStatement: String) -> String {
    id(["tactic", parent, normalizedStatement])
  }

  /// The record id of the rewrite of `parent` by `strategy` into `language`.
  public static func informalID(parent: String, strategy: Strategy, language: String) -> String {
    id(["informal", parent, strategy.rawValue, language])
  }

  /// The first 32 hex digits of the SHA-256 of the record kind and `parts` (as original ids are made).
  private static func id(_ parts: [String]) -> String {
    var hash = SHA256()
    hash.update("statement")
    for part in parts {
      hash.update("\u{1F}")
      hash.update(part)
    }
    return String(hash.hexDigest().prefix(32))
  }

  /// What a tactic state was made from: the parent's statement (its proof states change with it).
  public static func sourceHash(parentStatement: String) -> String {
    StatementBuilder.statementHash(parentStatement)
  }

  /// What a rewrite was made from: the parent's statement and informal name and statement.
  public static func sourceHash(parentStatement: String, informalName: String, informalStatement: String) -> String {
    StatementBuilder.statementHash(parentStatement + "\u{1F}" + informalName + "\u{1F}" + informalStatement)
  }
}
