import Foundation

/// Where chat completions are sent: base URL, default model, and the name of the key's variable.
///
/// The API key itself is never stored here: it is read from the named environment variable at
/// request time, so no value of this type (nor its `description` or a dump) can reveal it.
public struct LLMEndpoint: Sendable, Hashable, CustomStringConvertible {
  /// The base URL used when neither the caller nor `OPENAI_BASE_URL` gives one: a local llama.cpp server.
  public static let defaultBaseURL = "http://127.0.0.1:8080/v1"
  /// The variable holding the API key unless the configuration names another.
  public static let defaultAPIKeyVariable = "OPENAI_API_KEY"

  /// The API root, ending in `/v1` for OpenAI-compatible servers.
  public let baseURL: URL
  /// The model requests built by `request(_:…)` ask for.
  public let model: String
  /// The name (never the value) of the environment variable holding the API key.
  public let apiKeyVariable: String
  /// `{base}/chat/completions` (built once: Foundation's path appending costs more than the rest
  /// of preparing a request).
  public let chatCompletionsURL: URL

  /// An endpoint at `baseURL`, else `OPENAI_BASE_URL` from `environment`, else the local default.
  public init(
    baseURL: String? = nil, model: String, apiKeyVariable: String = LLMEndpoint.defaultAPIKeyVariable,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(LLMError) {
    let text = baseURL ?? environment["OPENAI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultBaseURL
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      url.host != nil
    else {
      throw .invalidBaseURL(text)
    }
    self.baseURL = url
    self.model = model
    self.apiKeyVariable = apiKeyVariable
    self.chatCompletionsURL = url.appendingPathComponent("chat/completions")
  }

  /// The API key as the environment holds it now; nil when the variable is unset or empty.
  ///
  /// Read per request (not cached) so a key rotated in the environment takes effect, and kept
  /// internal so callers cannot print it by accident.
  func apiKey() -> String? {
    guard let value = getenv(apiKeyVariable) else { return nil }
    let key = String(cString: value)
    return key.isEmpty ? nil : key
  }

  /// A request to this endpoint's model.
  public func request(
    _ messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil, n: Int = 1, stop: [String] = [],
    timeout: Double = ChatRequest.defaultTimeout
  ) -> ChatRequest {
    ChatRequest(
      model: model, messages: messages, temperature: temperature, maxTokens: maxTokens, n: n, stop: stop,
      timeout: timeout)
  }

  /// The model, URL and key variable name; never the key.
  public var description: String {
    "model '\(model)' at \(baseURL.absoluteString) (API key from $\(apiKeyVariable))"
  }
}
