#if canImport(Glibc)
  import Glibc
#endif

/// A JSON value that keeps the order of object members, parsed and printed by the fake itself
/// (no Foundation, so the fake starts in a few milliseconds).
indirect enum FakeJSON: Equatable {
  case null
  case bool(Bool)
  /// A number without fraction or exponent that fits `Int`.
  case int(Int)
  /// Any other number, as written.
  case number(String)
  case string(String)
  case array([FakeJSON])
  case object([(String, FakeJSON)])

  static func == (lhs: FakeJSON, rhs: FakeJSON) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The member `key` (the last one when repeated), nil when absent, null, or not an object.
  subscript(key: String) -> FakeJSON? {
    guard case .object(let members) = self else { return nil }
    guard let found = members.last(where: { $0.0 == key })?.1, found != .null else { return nil }
    return found
  }

  var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// A natural number, as Lean's `FromJson Nat` accepts it.
  var natural: Int? {
    if case .int(let value) = self, value >= 0 { return value }
    return nil
  }

  /// Parses `text` as one JSON value, or returns a message as Lean's parser would give one.
  static func parse(_ text: String) -> Result<FakeJSON, ParseFailure> {
    var parser = Parser(bytes: Array(text.utf8))
    do throws(ParseFailure) {
      parser.skipWhitespace()
      let value = try parser.value(depth: 0)
      parser.skipWhitespace()
      guard parser.offset == parser.bytes.count else { throw parser.failure("end of input expected") }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  /// Why a text is not JSON, with the byte offset.
  struct ParseFailure: Error {
    var message: String
  }

  /// A recursive-descent JSON parser over UTF-8 bytes.
  private struct Parser {
    let bytes: [UInt8]
    var offset = 0

    func failure(_ what: String) -> ParseFailure {
      ParseFailure(message: "offset \(offset): \(what)")
    }

    mutating func skipWhitespace() {
      while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
    }

    mutating func expect(_ literal: String) throws(ParseFailure) {
      for byte in literal.utf8 {
        guard offset < bytes.count, bytes[offset] == byte else { throw failure("expected \(literal)") }
        offset += 1
      }
    }

    mutating func value(depth: Int) throws(ParseFailure) -> FakeJSON {
      guard depth < 512 else { throw failure("nesting too deep") }
      guard offset < bytes.count else { throw failure("unexpected end of input") }
      switch bytes[offset] {
      case UInt8(ascii: "n"):
        try expect("null")
        return .null
      case UInt8(ascii: "t"):
        try expect("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try expect("false")
        return .bool(false)
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "["):
        offset += 1
        var elements: [FakeJSON] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
          offset += 1
          return .array(elements)
        }
        while true {
          skipWhitespace()
          elements.append(try value(depth: depth + 1))
          skipWhitespace()
          guard offset < bytes.count else { throw failure("unexpected end of input") }
          if bytes[offset] == UInt8(ascii: ",") {
            offset += 1
          } else if bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
          } else {
            throw failure("expected , or ]")
          }
        }
      case UInt8(ascii: "{"):
        offset += 1
        var members: [(String, FakeJSON)] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
          offset += 1
          return .object(members)
        }
        while true {
          skipWhitespace()
          guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw failure("expected a key") }
          let key = try string()
          skipWhitespace()
          try expect(":")
          skipWhitespace()
          members.append((key, try value(depth: depth + 1)))
          skipWhitespace()
          guard offset < bytes.count else { throw failure("unexpected end of input") }
          if bytes[offset] == UInt8(ascii: ",") {
            offset += 1
          } else if bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
          } else {
            throw failure("expected , or }")
          }
        }
      default:
        return try number()
      }
    }

    mutating func number() throws(ParseFailure) -> FakeJSON {
      let start = offset
      var integral = true
      if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
      let digitsStart = offset
      while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
      guard offset > digitsStart else { throw failure("unexpected character") }
      while offset < bytes.count,
        [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(
          bytes[offset]) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset])
      {
        integral = false
        offset += 1
      }
      let text = String(decoding: bytes[start..<offset], as: UTF8.self)
      if integral, let value = Int(text) { return .int(value) }
      return .number(text)
    }

    mutating func string() throws(ParseFailure) -> String {
      offset += 1
      var scalars: [UInt8] = []
      while true {
        guard offset < bytes.count else { throw failure("unterminated string") }
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
        guard byte >= 0x20 else { throw failure("control character in string") }
        guard byte == UInt8(ascii: "\\") else {
          scalars.append(byte)
          continue
        }
        guard offset < bytes.count else { throw failure("unterminated string") }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code), offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
            bytes[offset + 1] == UInt8(ascii: "u")
          {
            offset += 2
            let low = try hex4()
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
          throw failure("invalid escape")
        }
      }
    }

    mutating func hex4() throws(ParseFailure) -> UInt32 {
      guard offset + 4 <= bytes.count,
        let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
      else { throw failure("invalid \\u escape") }
      offset += 4
      return code
    }
  }
}
