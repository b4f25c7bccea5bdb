/// A failure to parse JSON text, located at a byte offset of the input.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The broad class of a parse failure.
  public enum Reason: String, Sendable {
    /// The input is empty or holds only whitespace.
    case empty
    /// The input ended inside a value (or before the root value was complete).
    case truncated
    /// The input breaks the JSON grammar (including the number grammar and string escapes).
    case syntax
    /// The input is not well-formed UTF-8.
    case invalidUTF8
    /// A complete value is followed by something other than whitespace.
    case trailingData
    /// The input is larger than the 4 GiB the compact tape can address.
    case tooLarge
  }

  public var reason: Reason
  /// Byte offset of the offending byte, or the input length when the input ended too early.
  public var offset: Int
  /// Human-readable explanation, e.g. "unexpected '}' at byte 1234 (line 1, column 1235)".
  public var message: String

  public init(reason: Reason, offset: Int, message: String) {
    self.reason = reason
    self.offset = offset
    self.message = message
  }

  public var description: String { "JSON \(reason.rawValue): \(message)" }
}

extension JSONError {
  /// Builds an error whose message ends with the byte, line and column of `offset`.
  ///
  /// Line and column are only computed here, on the failure path, so the parser's hot loop never
  /// tracks newlines.
  static func located(
    _ reason: Reason, _ what: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>
  ) -> JSONError {
    var line = 1
    var lineStart = 0
    let end = min(offset, bytes.count)
    var index = 0
    while index < end {
      if bytes[index] == 0x0A {
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    let column = offset - lineStart + 1
    return JSONError(
      reason: reason, offset: offset,
      message: "\(what) at byte \(offset) (line \(line), column \(column))")
  }

  /// Describes the byte at `offset` for an "unexpected ..." message.
  static func describeByte(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard offset < bytes.count else { return "end of input" }
    let byte = bytes[offset]
    if byte >= 0x21 && byte < 0x7F {
      return "'\(Character(Unicode.Scalar(byte)))'"
    }
    let hex = String(byte, radix: 16, uppercase: true)
    return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
  }
}
