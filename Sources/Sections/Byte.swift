import HeraldCore

/// The ASCII bytes and byte classes the readers test; they work on UTF-8 bytes, never on
/// `Character`s, since grapheme breaking would cost more than the rest of the parse.
enum Byte {
  static let backslash = UInt8(ascii: "\\")
  static let dollar = UInt8(ascii: "$")
  static let openBrace = UInt8(ascii: "{")
  static let closeBrace = UInt8(ascii: "}")
  static let openBracket = UInt8(ascii: "[")
  static let closeBracket = UInt8(ascii: "]")
  static let percent = UInt8(ascii: "%")
  static let tilde = UInt8(ascii: "~")
  static let hash = UInt8(ascii: "#")
  static let star = UInt8(ascii: "*")
  static let comma = UInt8(ascii: ",")
  static let space = UInt8(ascii: " ")
  static let newline = UInt8(ascii: "\n")

  /// Space, tab, line feed, carriage return or form feed.
  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
  }

  /// An ASCII letter: what a TeX control word is made of.
  @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
    let folded = byte | 0x20
    return folded >= 0x61 && folded <= 0x7A
  }

  /// An ASCII digit.
  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool {
    byte >= 0x30 && byte <= 0x39
  }

  /// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
  @inline(__always) static func sequenceLength(_ lead: UInt8) -> Int {
    lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or values past
  /// U+10FFFF), checked in place; ASCII runs, most of any source, are skipped eight at a time.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    var index = 0
    while index < count {
      if index + 8 <= count,
        UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
        continue
      }
      let lead = base[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      guard let rule = UTF8Lead(lead) else { return false }
      let length = rule.length
      guard index + length <= count else { return false }
      // Only the first continuation byte has the narrowed range.
      let second = base[index + 1]
      guard second >= rule.low, second <= rule.high else { return false }
      for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return false }
      index += length
    }
    return true
  }
}
