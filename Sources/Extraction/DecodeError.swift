/// A plugin file whose content could not be decoded, with where and why.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Short machine-readable reasons, stored in `failures.reason`.
  public enum Reason: String, Sendable {
    case malformedJSON = "malformed_json"
    case invalidUTF8 = "invalid_utf8"
    case unexpectedShape = "unexpected_shape"
  }

  /// Why decoding failed.
  public var reason: Reason
  /// The plugin whose file failed.
  public var plugin: AnalyzerPlugin
  /// The coding path inside the document (`[3].name[1]`), empty for whole-file errors.
  public var path: String
  /// What was wrong.
  public var message: String

  /// Creates an error.
  public init(_ reason: Reason, plugin: AnalyzerPlugin, path: String = "", message: String) {
    self.reason = reason
    self.plugin = plugin
    self.path = path
    self.message = message
  }

  public var description: String {
    path.isEmpty ? message : "at \(path): \(message)"
  }

  /// The same error with `component` prepended to its path, used while unwinding.
  func prefixed(_ component: String) -> DecodeError {
    var copy = self
    copy.path = component + path
    return copy
  }
}
