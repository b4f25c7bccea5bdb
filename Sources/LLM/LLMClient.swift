/// Anything that answers chat completion requests on behalf of a pipeline stage.
public protocol LLMClient: Sendable {
  /// The completion of `request`; `stage` names the pipeline stage asking, for accounting.
  func complete(_ request: ChatRequest, stage: String) async throws -> ChatResponse
  /// Writes whatever the client keeps in memory (a cache's unwritten rows); stages call it when
  /// they end.
  func flush() async throws
}

extension LLMClient {
  /// Clients without state in memory have nothing to write.
  public func flush() async throws {}
}
