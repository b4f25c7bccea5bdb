import HeraldCore

/// A string kept as JSON-escaped pieces: a record's long texts (its formal and informal
/// statements) appear in five lines over the views, and this way each is escaped once and the
/// views' prompts are put together from pieces instead of copied into new strings.
public struct EscapedText: Sendable, Hashable {
  /// The escaped content, in order, without quotes.
  public let pieces: [[UInt8]]
  /// Code points of the text (what JSON Schema lengths count).
  public let length: Int
  /// UTF-8 bytes of the text.
  public let utf8Count: Int

  /// `text`, escaped.
  public init(_ text: String) {
    pieces = [JSONWriter.escapedContent(of: text)]
    utf8Count = text.utf8.count

    // A code point is one UTF-8 byte that is not a continuation byte (10xxxxxx).
    var text = text
    length = text.withUTF8 { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return count
    }
  }

  private init(pieces: [[UInt8]], length: Int, utf8Count: Int) {
    self.pieces = pieces
    self.length = length
    self.utf8Count = utf8Count
  }

  /// The texts one after the other.
  public static func joined(_ parts: [EscapedText]) -> EscapedText {
    EscapedText(
      pieces: parts.flatMap(\.pieces), length: parts.reduce(0) { $0 + $1.length },
      utf8Count: parts.reduce(0) { $0 + $1.utf8Count })
  }

  /// The text itself (for messages and tests; the hot path never decodes).
  public var text: String {
    var bytes: [UInt8] = [UInt8(ascii: "\"")]
    for piece in pieces { bytes += piece }
    bytes.append(UInt8(ascii: "\""))
    return (try? JSONDocument(bytes: bytes).root.string) ?? ""
  }
}
