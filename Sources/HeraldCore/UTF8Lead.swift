/// What a UTF-8 lead byte allows (RFC 3629, table 3-7): the sequence's length and the range of
/// its second byte, which rules out overlong forms, surrogates and values past U+10FFFF. Shared by
/// the byte-level scanners (JSON, LaTeX and HTML sources) that check UTF-8 in place.
public struct UTF8Lead: Sendable, Hashable {
  /// Bytes in the sequence, the lead included (2 to 4).
  public var length: Int
  /// The smallest and largest allowed second byte; later bytes are plain continuation bytes.
  public var low: UInt8
  public var high: UInt8

  /// The rule for `lead`, a byte of 0x80 or more; nil when no well-formed sequence starts with it.
  @inlinable public init?(_ lead: UInt8) {
    low = 0x80
    high = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return nil
    }
  }
}
