/// Token counts the server billed for one completion.
public struct TokenUsage: Sendable, Hashable {
  /// Tokens of the prompt.
  public var promptTokens: Int
  /// Tokens generated, over all choices.
  public var completionTokens: Int

  /// Usage of `promptTokens` in and `completionTokens` out.
  public init(promptTokens: Int, completionTokens: Int) {
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
  }

  /// Prompt and completion tokens together.
  public var totalTokens: Int { promptTokens + completionTokens }
}
