import HeraldCore

/// One chat completion request: the model, the conversation and the sampling settings.
///
/// The HTTP body is canonical JSON (keys sorted by code point, optional fields left out when
/// unset), so equal requests have byte-equal bodies and `cacheKey` can hash the body itself.
/// `timeout` is transport configuration and deliberately not part of the body or the key.
public struct ChatRequest: Sendable, Hashable {
  /// The model name sent to the server.
  public var model: String
  /// The conversation, in order.
  public var messages: [ChatMessage]
  /// Sampling temperature; the server's default when nil.
  public var temperature: Double?
  /// Upper bound on generated tokens per choice; the server's default when nil.
  public var maxTokens: Int?
  /// How many choices to generate.
  public var n: Int
  /// Stop sequences; left out of the body when empty.
  public var stop: [String]
  /// The sampling seed, so that several samples of one prompt are distinct requests (each
  /// cached on its own) that a rerun asks the same way; left out of the body when nil.
  public var seed: Int?
  /// Seconds one HTTP attempt may take before it is abandoned and retried.
  public var timeout: Double

  /// The default per-attempt timeout in seconds: long generations from local models are slow.
  public static let defaultTimeout: Double = 300

  /// A request for `model` over `messages`.
  public init(
    model: String, messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil, n: Int = 1,
    stop: [String] = [], seed: Int? = nil, timeout: Double = ChatRequest.defaultTimeout
  ) {
    self.model = model
    self.messages = messages
    self.temperature = temperature
    self.maxTokens = maxTokens
    self.n = n
    self.stop = stop
    self.seed = seed
    self.timeout = timeout
  }

  /// Decodes an OpenAI-style request body (as stored in cache rows), in any key order.
  ///
  /// Members this type does not model (`stream`, `seed`, …) are ignored, so they do not reach the body or key.
  public init(json text: String, timeout: Double = ChatRequest.defaultTimeout) throws(LLMError) {
    let root: JSONValue
    do {
      root = try JSONDocument(text: text).root
    } catch {
      throw .invalidRequest(reason: "not JSON (\(error.message))")
    }
    guard let model = root["model"]?.string else { throw .invalidRequest(reason: "no string member \"model\"") }
    guard let list = root["messages"], list.kind == .array else {
      throw .invalidRequest(reason: "no array member \"messages\"")
    }
    var messages: [ChatMessage] = []
    for (index, item) in list.elements.enumerated() {
      guard let role = item["role"]?.string, let content = item["content"]?.string else {
        throw .invalidRequest(reason: "message \(index) lacks a string role or content")
      }
      messages.append(ChatMessage(role: role, content: content))
    }
    self.init(model: model, messages: messages, timeout: timeout)
    temperature = root["temperature"]?.double
    maxTokens = root["max_tokens"]?.int
    n = root["n"]?.int ?? 1
    stop = root["stop"]?.elements.compactMap(\.string) ?? []
    seed = root["seed"]?.int
  }

  /// The canonical JSON body: compact, keys sorted by code point.
  public var body: String {
    var writer = JSONWriter(keyOrder: .codePoint)
    writer.beginObject()
    writer.key("model")
    writer.value(model)
    writer.key("messages")
    writer.beginArray()
    for message in messages {
      writer.beginObject()
      writer.key("role")
      writer.value(message.role)
      writer.key("content")
      writer.value(message.content)
      writer.endObject()
    }
    writer.endArray()
    if let temperature {
      writer.key("temperature")
      writer.value(temperature)
    }
    if let maxTokens {
      writer.key("max_tokens")
      writer.value(maxTokens)
    }
    writer.key("n")
    writer.value(n)
    if let seed {
      writer.key("seed")
      writer.value(seed)
    }
    if !stop.isEmpty {
      writer.key("stop")
      writer.beginArray()
      for sequence in stop { writer.value(sequence) }
      writer.endArray()
    }
    writer.endObject()
    return writer.string
  }

  /// The SHA-256 hex digest of `body`: the cache key, covering the model but never credentials.
  public var cacheKey: String { SHA256.hexDigest(of: body) }
}
