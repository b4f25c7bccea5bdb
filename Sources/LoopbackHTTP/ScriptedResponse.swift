import Foundation

/// One answer the loopback server plays back, in script order.
public struct ScriptedResponse: Sendable {
  /// How the end of the body is marked.
  public enum Framing: Sendable {
    /// A `Content-Length` header.
    case contentLength
    /// `Transfer-Encoding: chunked`, in chunks of at most this many bytes.
    case chunked(Int)
    /// Neither: the server closes the connection after the body.
    case untilClose
  }

  /// The HTTP status.
  public var status: Int
  /// Extra response headers (framing and, unless given here, Connection are set by the server).
  public var headers: [String: String]
  /// The body bytes, as text.
  public var body: String
  /// How long the server waits before answering; a client that gives up first ends the wait.
  public var delay: Duration
  /// Close the connection with a reset instead of answering.
  public var resetConnection: Bool
  /// How the end of the body is marked.
  public var framing: Framing
  /// On a keep-alive server: close the connection after this answer without announcing it, as a server
  /// whose idle timeout expires does.
  public var closeAfterwards: Bool

  /// An answer with `status`, `body` and `headers`, sent after `delay`.
  public init(
    status: Int = 200, headers: [String: String] = [:], body: String = "", delay: Duration = .zero,
    resetConnection: Bool = false, framing: Framing = .contentLength, closeAfterwards: Bool = false
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delay = delay
    self.resetConnection = resetConnection
    self.framing = framing
    self.closeAfterwards = closeAfterwards
  }

  /// A well-formed chat completion whose only choice says `content`.
  public static func completion(
    _ content: String = "ok", promptTokens: Int = 7, completionTokens: Int = 3, model: String = "test-model",
    delay: Duration = .zero
  ) -> ScriptedResponse {
    var escaped = ""
    for scalar in content.unicodeScalars {
      switch scalar {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      case "\r": escaped += "\\r"
      case "\t": escaped += "\\t"
      case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    let body = """
      {"id":"chatcmpl-1","object":"chat.completion","model":"\(model)",\
      "choices":[{"index":0,"message":{"role":"assistant","content":"\(escaped)"},"finish_reason":"stop"}],\
      "usage":{"prompt_tokens":\(promptTokens),"completion_tokens":\(completionTokens),\
      "total_tokens":\(promptTokens + completionTokens)}}
      """
    return ScriptedResponse(status: 200, headers: ["Content-Type": "application/json"], body: body, delay: delay)
  }

  /// An error status with a JSON error body.
  public static func failure(_ status: Int, message: String = "failure", headers: [String: String] = [:])
    -> ScriptedResponse
  {
    ScriptedResponse(status: status, headers: headers, body: "{\"error\":{\"message\":\"\(message)\"}}")
  }

  /// A connection closed by reset before any answer.
  public static let reset = ScriptedResponse(resetConnection: true)
}
