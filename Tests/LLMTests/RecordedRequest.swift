/// A request as the loopback server received it.
struct RecordedRequest: Sendable {
  /// The method, e.g. `POST`.
  var method: String
  /// The request target, e.g. `/v1/chat/completions`.
  var path: String
  /// Header values by lowercased name.
  var headers: [String: String]
  /// The body, as text.
  var body: String
}
