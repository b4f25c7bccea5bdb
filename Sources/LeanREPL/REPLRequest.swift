import HeraldCore

/// The bytes of REPL requests: compact one-line JSON (non-ASCII as raw UTF-8, newlines escaped)
/// followed by exactly one empty line, as the REPL's line joining needs (§1).
enum REPLRequest {
  /// `{"cmd": text}`, or `{"cmd": text, "env": env}` to elaborate in an earlier environment.
  static func command(_ text: String, env: Int? = nil) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("cmd")
    writer.value(text)
    if let env {
      writer.key("env")
      writer.value(env)
    }
    writer.endObject()
    return writer.bytes + Array("\n\n".utf8)
  }
}
