/// One message of a chat conversation: who says it and what.
public struct ChatMessage: Sendable, Hashable {
  /// The speaker, as the chat completions API names it: `system`, `user`, `assistant`, ….
  public var role: String
  /// The text of the message.
  public var content: String

  /// A message from `role` with `content`.
  public init(role: String, content: String) {
    self.role = role
    self.content = content
  }

  /// A system prompt.
  public static func system(_ content: String) -> ChatMessage { ChatMessage(role: "system", content: content) }

  /// A user turn.
  public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }

  /// An assistant turn, used for few-shot examples.
  public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: "assistant", content: content) }
}
