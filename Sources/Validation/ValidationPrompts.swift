import LLM

/// The validate stage's prompt files: `back-translate.md` (the informal statement to Lean) and
/// `judge.md` (two Lean statements compared), each versioned by its content hash.
public struct ValidationPrompts: Sendable, Hashable {
  public var backTranslate: ChatTemplate
  public var judge: ChatTemplate

  /// Reads both files from `folder`.
  public static func load(from folder: String) throws -> ValidationPrompts {
    ValidationPrompts(
      backTranslate: try ChatTemplate.load(path: folder + "/back-translate.md", required: "informal_statement"),
      judge: try ChatTemplate.load(path: folder + "/judge.md", required: "back_translation"))
  }
}
