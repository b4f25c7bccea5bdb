import LLM

/// A translation prompt file of `pipelines/prompts/`, one per kind family (`theorem.md`,
/// `definition.md`, `instance.md`): a chat template whose request contains
/// `{{formal_statement}}`.
public struct PromptTemplate: Sendable, Hashable {
  /// The kind families, one file each.
  public enum Family: String, Sendable, CaseIterable {
    case theorem, definition, instance

    /// The family for a declaration kind (the declaration's own kind when there is one, so that
    /// instances get the instance prompt; LeanSearch passed the symbol kind and never did).
    public static func of(kind: String) -> Family {
      switch kind {
      case "instance", "structure", "classInductive", "class": return .instance
      case "definition", "abbrev", "inductive", "opaque", "axiom": return .definition
      default: return .theorem
      }
    }
  }

  public typealias Message = ChatTemplate.Message
  public typealias Invalid = ChatTemplate.Invalid

  /// Which family this is.
  public var family: Family
  /// The messages and version.
  public var chat: ChatTemplate

  /// The messages, placeholders unfilled.
  public var messages: [Message] { chat.messages }
  /// First 16 hex digits of the SHA-256 of the file.
  public var version: String { chat.version }

  /// Reads `<folder>/<family>.md`.
  public static func load(_ family: Family, from folder: String) throws -> PromptTemplate {
    PromptTemplate(
      family: family,
      chat: try ChatTemplate.load(path: folder + "/" + family.rawValue + ".md", required: "formal_statement"))
  }

  /// Parses template text of `family`.
  public static func parse(_ text: String, family: Family, path: String = "<text>") throws -> PromptTemplate {
    PromptTemplate(family: family, chat: try ChatTemplate.parse(text, path: path, required: "formal_statement"))
  }

  /// The messages with placeholders filled from `values` (see `ChatTemplate.render`).
  public func render(_ values: [String: String]) -> [Message] { chat.render(values) }
}
