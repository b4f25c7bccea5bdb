import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends chat completions to an OpenAI-compatible server, retrying transient failures.
///
/// Retried: HTTP 429, 500, 502, 503 and 504, per-attempt timeouts, and refused or reset
/// connections, with exponential backoff and full jitter (or the server's `Retry-After`).
/// Any other status fails at once with the status and a short excerpt of the body.
public final class OpenAIClient: LLMClient {
  /// Statuses that mean "try again later" rather than "this request is wrong".
  public static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
  /// Characters of a failing body kept in errors: enough to show the server's message.
  static let excerptLength = 200

  /// Where requests go.
  public let endpoint: LLMEndpoint
  /// How failures are retried.
  public let retry: RetryPolicy
  private let sleep: @Sendable (Duration) async throws -> Void
  private let transport = HTTPTransport()

  /// A client for `endpoint`; `sleep` waits between attempts and is replaceable so tests need not wait.
  public init(
    endpoint: LLMEndpoint, retry: RetryPolicy = RetryPolicy(),
    sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
  ) {
    self.endpoint = endpoint
    self.retry = retry
    self.sleep = sleep
  }

  /// Sends `request`; `stage` is unused here (metering happens in `CachedClient`).
  public func complete(_ request: ChatRequest, stage: String) async throws -> ChatResponse {
    try await send(request)
  }

  /// Sends `request`, retrying as the policy allows; `onAttempt` runs before each HTTP attempt.
  /// `body` is `request.body` when the caller has already encoded it.
  public func send(
    _ request: ChatRequest, body encoded: String? = nil, onAttempt: @Sendable () async -> Void = {}
  ) async throws(LLMError) -> ChatResponse {
    let url = endpoint.chatCompletionsURL
    let location = url.absoluteString
    let body = Data((encoded ?? request.body).utf8)
    var attempt = 0
    while true {
      attempt += 1
      if Task.isCancelled { throw .cancelled }
      await onAttempt()
      // Read per attempt so the key is never held longer than one request needs it.
      let key = endpoint.apiKey()
      var headers = ["Content-Type": "application/json", "Accept": "application/json"]
      if let key { headers["Authorization"] = "Bearer " + key }
      let outcome = await transport.post(url: url, headers: headers, body: body, timeout: request.timeout)
      let failure: LLMError
      var retryAfter: Duration?
      switch outcome {
      case .response(let status, let responseHeaders, let responseBody):
        if (200..<300).contains(status) {
          return try ChatResponse(body: responseBody, source: location)
        }
        failure = .httpStatus(
          code: status, url: location, excerpt: Self.excerpt(responseBody, redacting: key),
          keyVariable: endpoint.apiKeyVariable, attempts: attempt)
        guard Self.retryableStatuses.contains(status) else { throw failure }
        retryAfter = RetryAfter.delay(headers: responseHeaders)
      case .timedOut:
        failure = .timedOut(url: location, seconds: request.timeout, attempts: attempt)
      case .connectionFailed(let reason):
        failure = .connectionFailed(url: location, reason: reason, attempts: attempt)
      case .failed(let reason):
        throw .transport(url: location, reason: reason)
      case .cancelled:
        throw .cancelled
      }
      guard attempt < retry.maxAttempts else { throw failure }
      do {
        try await sleep(retry.delay(forRetry: attempt, retryAfter: retryAfter))
      } catch {
        throw .cancelled
      }
    }
  }

  /// The start of a failing body on one line, with the API key (if the server echoed it) removed.
  static func excerpt(_ body: Data, redacting key: String?) -> String {
    var text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
    // Redact before cutting, so a key straddling the cut cannot leak as a prefix.
    if let key, !key.isEmpty { text = text.replacingOccurrences(of: key, with: "[redacted]") }
    let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return words.count > excerptLength ? String(words.prefix(excerptLength)) + "…" : words
  }
}
