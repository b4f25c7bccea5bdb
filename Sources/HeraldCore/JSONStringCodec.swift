import Foundation

/// Decoding and comparison of raw JSON string contents (the bytes between the quotes).
///
/// Every function here assumes contents the parser has already validated, so escapes are
/// well-formed and surrogate escapes come in pairs.
enum JSONStringCodec {
  /// The value of an ASCII hex digit, or nil.
  @inline(__always)
  static func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c &- UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c &- UInt8(ascii: "a") &+ 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c &- UInt8(ascii: "A") &+ 10)
    default: return nil
    }
  }

  /// Decodes the escape whose backslash is at `i`, moving `i` past it; returns the scalar value.
  static func decodeEscape(_ raw: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32 {
    let c = raw[i + 1]
    switch c {
    case UInt8(ascii: "b"):
      i += 2
      return 0x08
    case UInt8(ascii: "f"):
      i += 2
      return 0x0C
    case UInt8(ascii: "n"):
      i += 2
      return 0x0A
    case UInt8(ascii: "r"):
      i += 2
      return 0x0D
    case UInt8(ascii: "t"):
      i += 2
      return 0x09
    case UInt8(ascii: "u"):
      let unit = quad(raw, i + 2)
      i += 6
      guard unit >= 0xD800 && unit <= 0xDBFF else { return unit }
      let low = quad(raw, i + 2)
      i += 6
      return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
    default:
      // '"', '\\' and '/' stand for themselves.
      i += 2
      return UInt32(c)
    }
  }

  private static func quad(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt32 {
    var value: UInt32 = 0
    for k in start..<start + 4 { value = value << 4 | (hexValue(raw[k]) ?? 0) }
    return value
  }

  /// The UTF-8 encoding of `scalar`, packed least significant byte first, and its length.
  @inline(__always)
  static func utf8(_ scalar: UInt32) -> (packed: UInt32, count: Int) {
    switch scalar {
    case 0..<0x80:
      return (scalar, 1)
    case 0x80..<0x800:
      return ((0xC0 | scalar >> 6) | (0x80 | scalar & 0x3F) << 8, 2)
    case 0x800..<0x10000:
      return ((0xE0 | scalar >> 12) | (0x80 | scalar >> 6 & 0x3F) << 8 | (0x80 | scalar & 0x3F) << 16, 3)
    default:
      return (
        (0xF0 | scalar >> 18) | (0x80 | scalar >> 12 & 0x3F) << 8 | (0x80 | scalar >> 6 & 0x3F) << 16
          | (0x80 | scalar & 0x3F) << 24, 4
      )
    }
  }

  /// Decodes raw string contents into a Swift string.
  static func decode(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
    guard escaped else { return String(decoding: raw, as: UTF8.self) }
    // Every escape is at least as long as the UTF-8 it stands for, so the raw length is enough.
    return String(unsafeUninitializedCapacity: raw.count) { out in
      decode(raw, into: out.baseAddress!)
    }
  }

  /// Appends the decoded UTF-8 bytes of raw string contents to `output`.
  static func decode(_ raw: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) {
    let start = output.count
    output.append(contentsOf: repeatElement(0, count: raw.count))
    let written = output.withUnsafeMutableBufferPointer { out in
      decode(raw, into: out.baseAddress! + start)
    }
    output.removeLast(raw.count - written)
  }

  /// Writes decoded bytes to `out`, which must have room for `raw.count` bytes; returns the count.
  private static func decode(
    _ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>
  ) -> Int {
    var i = 0
    var o = 0
    while i < raw.count {
      let c = raw[i]
      if c != UInt8(ascii: "\\") {
        out[o] = c
        o += 1
        i += 1
        continue
      }
      var (packed, count) = utf8(decodeEscape(raw, &i))
      for _ in 0..<count {
        out[o] = UInt8(truncatingIfNeeded: packed)
        packed >>= 8
        o += 1
      }
    }
    return o
  }

  /// Whether raw string contents decode to exactly the UTF-8 bytes `target`, without allocating.
  static func equals(
    _ raw: UnsafeBufferPointer<UInt8>, escaped: Bool, _ target: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard escaped else {
      guard raw.count == target.count else { return false }
      guard let a = raw.baseAddress, let b = target.baseAddress else { return true }
      return memcmp(a, b, raw.count) == 0
    }
    // Decoding never grows the text, so a longer target can never match.
    guard target.count <= raw.count else { return false }
    var i = 0
    var j = 0
    while i < raw.count {
      let c = raw[i]
      if c != UInt8(ascii: "\\") {
        guard j < target.count && target[j] == c else { return false }
        i += 1
        j += 1
        continue
      }
      var (packed, count) = utf8(decodeEscape(raw, &i))
      for _ in 0..<count {
        guard j < target.count && target[j] == UInt8(truncatingIfNeeded: packed) else { return false }
        packed >>= 8
        j += 1
      }
    }
    return j == target.count
  }
}
