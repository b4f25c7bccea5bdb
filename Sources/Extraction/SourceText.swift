/// The bytes of a module's `.lean` source, sliced by the analyzer's UTF-8 byte ranges.
public struct SourceText: Sendable {
  /// The raw bytes of the file.
  public let bytes: [UInt8]

  /// Wraps the bytes of a source file.
  public init(bytes: [UInt8]) { self.bytes = bytes }

  /// The text of `range`, or `nil` when the range is out of bounds or cuts a character in two
  /// (the analyzer's output then belongs to another version of the file).
  public func slice(_ range: Range<Int>) -> String? {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count, range.lowerBound <= range.upperBound else {
      return nil
    }
    if range.lowerBound < bytes.count, Self.isContinuation(bytes[range.lowerBound]) { return nil }
    if range.upperBound < bytes.count, Self.isContinuation(bytes[range.upperBound]) { return nil }
    return String(validating: bytes[range], as: UTF8.self)
  }

  private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
