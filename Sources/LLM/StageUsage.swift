/// What one pipeline stage spent on the LLM.
public struct StageUsage: Sendable, Hashable {
  /// HTTP requests sent, retries included.
  public var requests: Int = 0
  /// Completions that succeeded over HTTP.
  public var completions: Int = 0
  /// Requests answered from the cache, which cost no tokens.
  public var cacheHits: Int = 0
  /// Prompt tokens billed.
  public var promptTokens: Int = 0
  /// Completion tokens billed.
  public var completionTokens: Int = 0

  /// Zero usage.
  public init() {}

  /// Prompt and completion tokens together.
  public var totalTokens: Int { promptTokens + completionTokens }
}
