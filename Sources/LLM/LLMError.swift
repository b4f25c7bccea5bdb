/// Every way a chat completion can fail, each described in one sentence with the remedy.
///
/// No case carries the API key: HTTP body excerpts are redacted before they are stored here,
/// and only the key's variable name is kept so the remedy can name it.
public enum LLMError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The configured base URL is not an http(s) URL with a host.
  case invalidBaseURL(String)
  /// A request body read back (e.g. from a cache row) is not a chat request.
  case invalidRequest(reason: String)
  /// The server answered with a non-success status (after retries when the status is retryable).
  case httpStatus(code: Int, url: String, excerpt: String, keyVariable: String, attempts: Int)
  /// No complete answer arrived within the per-attempt timeout, on every attempt.
  case timedOut(url: String, seconds: Double, attempts: Int)
  /// The connection was refused, reset or closed without a reply, on every attempt.
  case connectionFailed(url: String, reason: String, attempts: Int)
  /// Any other transport failure, which retrying would not fix (bad host name, TLS, …).
  case transport(url: String, reason: String)
  /// The body is not a JSON object.
  case malformedResponse(source: String, reason: String)
  /// The body has no `choices`, or an empty list.
  case noChoices(source: String)
  /// The body has no `usage` with prompt and completion token counts.
  case missingUsage(source: String)
  /// The SQLite request cache could not be opened, read or written.
  case cache(path: String, reason: String)
  /// The calling task was cancelled.
  case cancelled
  /// The embedded model server could not be started.
  case localServer(reason: String)

  /// One sentence: what failed, where, and what to do about it.
  public var description: String {
    switch self {
    case .localServer(let reason):
      return "local model server: \(reason)."
    case .invalidBaseURL(let text):
      return "'\(text)' is not an http(s) base URL: set OPENAI_BASE_URL or the endpoint to one such as "
        + "\(LLMEndpoint.defaultBaseURL)."
    case .invalidRequest(let reason):
      return "The chat request JSON is invalid (\(reason)): give it a model and messages with a role and content each."
    case .httpStatus(let code, let url, let excerpt, let keyVariable, let attempts):
      let head = "HTTP \(code) from \(url)" + (excerpt.isEmpty ? "" : " (\(excerpt))")
      let tries = attempts > 1 ? " after \(attempts) attempts" : ""
      switch code {
      case 401, 403:
        return "\(head): check the API key variable \(keyVariable)."
      case 404:
        return "\(head): check the base URL (it usually ends in /v1) and that the model name is served there."
      case 429:
        return "\(head)\(tries): lower the concurrency or wait until the rate limit resets."
      case 500...599:
        return "\(head)\(tries): the server is failing; check its logs or retry later."
      default:
        return "\(head): the server rejected the request; check the model name and request parameters."
      }
    case .timedOut(let url, let seconds, let attempts):
      return "No answer from \(url) within \(Self.format(seconds)) s on any of \(attempts) attempts: raise the "
        + "request timeout or check that the server is not overloaded."
    case .connectionFailed(let url, let reason, let attempts):
      return "Cannot reach \(url) (\(reason)) after \(attempts) attempts: check that the server is running and "
        + "that OPENAI_BASE_URL or the configured base URL is right."
    case .transport(let url, let reason):
      return "The request to \(url) failed (\(reason)): check the base URL's host name, scheme and port."
    case .malformedResponse(let source, let reason):
      return "The answer from \(source) is not chat completion JSON (\(reason)): check that the base URL points to "
        + "an OpenAI-compatible /v1 endpoint."
    case .noChoices(let source):
      return "The answer from \(source) has no choices: check that the endpoint serves the requested model."
    case .missingUsage(let source):
      return "The answer from \(source) reports no token usage: use a server that returns usage "
        + "(OpenAI, vLLM and llama.cpp do)."
    case .cache(let path, let reason):
      return "The LLM request cache '\(path)' failed (\(reason)): check that its folder is writable, or move the "
        + "file aside to start a fresh cache."
    case .cancelled:
      return "The request was cancelled: rerun the stage, and answers already cached will be reused."
    }
  }

  /// Seconds without a needless `.0`.
  private static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }

  /// Whether retrying later could succeed: used by callers deciding whether to record a hard failure.
  public var isTransient: Bool {
    switch self {
    case .timedOut, .connectionFailed, .cancelled: return true
    case .httpStatus(let code, _, _, _, _): return OpenAIClient.retryableStatuses.contains(code)
    default: return false
    }
  }
}

extension LLMError {
  /// A short code for counting failures and for `failures.reason`: `http_429`, `timeout`,
  /// `unreachable`, …
  public var reasonCode: String {
    switch self {
    case .httpStatus(let code, _, _, _, _): "http_\(code)"
    case .timedOut: "timeout"
    case .connectionFailed: "unreachable"
    case .transport: "transport"
    case .malformedResponse: "malformed_response"
    case .noChoices: "no_choices"
    case .missingUsage: "missing_usage"
    case .cache: "cache"
    case .cancelled: "cancelled"
    case .invalidBaseURL, .invalidRequest, .localServer: "configuration"
    }
  }
}
