/// One generated alternative of a chat completion.
public struct ChatChoice: Sendable, Hashable {
  /// The assistant message text; empty when the server sent none (e.g. `null` content).
  public var content: String
  /// Why generation stopped (`stop`, `length`, …), when the server said.
  public var finishReason: String?

  /// A choice with `content` that ended for `finishReason`.
  public init(content: String, finishReason: String?) {
    self.content = content
    self.finishReason = finishReason
  }
}
