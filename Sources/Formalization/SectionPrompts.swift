import LLM

/// The prompt files of section formalization, each versioned by its content hash:
/// `section-item.md` (an item to Lean), `section-back.md` (Lean back to an informal statement),
/// `section-judge.md` (the original and the back-translation compared) and `section-proof.md`
/// (a proof for `--prove`).
public struct SectionPrompts: Sendable, Hashable {
  public var item: ChatTemplate
  public var back: ChatTemplate
  public var judge: ChatTemplate
  public var proof: ChatTemplate

  /// Reads the four files from `folder`.
  public static func load(from folder: String) throws -> SectionPrompts {
    SectionPrompts(
      item: try ChatTemplate.load(path: folder + "/section-item.md", required: "item"),
      back: try ChatTemplate.load(path: folder + "/section-back.md", required: "lean"),
      judge: try ChatTemplate.load(path: folder + "/section-judge.md", required: "back_translation"),
      proof: try ChatTemplate.load(path: folder + "/section-proof.md", required: "statement"))
  }

  /// The prompt versions, for the report.
  var versions: [String: String] {
    ["item": item.version, "back": back.version, "judge": judge.version, "proof": proof.version]
  }
}

extension ChatTemplate {
  /// The template's messages with `values` filled in, as chat messages.
  func chat(_ values: [String: String]) -> [ChatMessage] {
    render(values).map { ChatMessage(role: $0.role, content: $0.content) }
  }
}
