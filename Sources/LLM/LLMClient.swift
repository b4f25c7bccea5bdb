/// Anything that answers chat completion requests on behalf of a pipeline stage.
public protocol LLMClient: Sendable {
  /// The completion of `request`; `stage` names the pipeline stage asking, for accounting.
  func complete(_ request: ChatRequest, stage: String) async throws -> ChatResponse
}
