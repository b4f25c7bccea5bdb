/// A request as the loopback server received it.
public struct RecordedRequest: Sendable {
  /// The method, e.g. `POST`.
  public var method: String
  /// The request target, e.g. `/v1/chat/completions`.
  public var path: String
  /// Header values by lowercased name.
  public var headers: [String: String]
  /// The body, as text.
  public var body: String

  /// A request with these parts.
  public init(method: String, path: String, headers: [String: String], body: String) {
    self.method = method
    self.path = path
    self.headers = headers
    self.body = body
  }
}
