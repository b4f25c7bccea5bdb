/// The single-pass, non-recursive validator that turns JSON bytes into a tape.
///
/// Nesting is tracked on an explicit heap stack, so depth is bounded by memory rather than by the
/// thread's call stack. Strings and numbers are only validated and located here; decoding them is
/// left to the accessors, since callers usually read a small part of a large document.
enum JSONParser {
  /// An open container: where its tape entry is and how many children it has so far.
  private struct Frame {
    var index: Int
    var count: Int
    var isObject: Bool
  }

  /// Validates `input` completely and returns its tape (root value at index 0). An array or
  /// object that is the value of a member whose key (spelled without escapes) is in `skipping` is
  /// validated like the rest but recorded as one entry without children.
  static func parse(_ input: UnsafeBufferPointer<UInt8>, skipping: [[UInt8]] = []) throws(JSONError) -> [JSONTapeEntry]
  {
    let n = input.count
    // Offsets and lengths are stored as UInt32 to keep tape entries small.
    guard n < Int(UInt32.max) else {
      throw JSONError(
        reason: .tooLarge, offset: 0, message: "input of \(n) bytes exceeds the 4 GiB limit")
    }
    guard let p = input.baseAddress, n > 0 else {
      throw JSONError(reason: .empty, offset: 0, message: "empty input")
    }

    var i = 0
    // RFC 8259 lets parsers ignore a byte order mark; some Windows tools still write one.
    if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
    i = skipWhitespace(p, i, n)
    if i == n {
      throw JSONError.located(.empty, "input holds no value", at: i, in: input)
    }

    var tape: [JSONTapeEntry] = []
    // Analyzer output has a value every 7 bytes or so; unused reserve costs address space only,
    // since untouched pages are never faulted in.
    tape.reserveCapacity(n / 5 + 16)
    var depth = 0
    var top = Frame(index: 0, count: 0, isObject: false)
    var parents: [Frame] = []
    // Whether the value about to be read belongs to a key in `skipping`.
    var skipValue = false

    valueLoop: while true {
      guard i < n else { throw endOfInput(input) }
      let c = p[i]
      let skip = skipValue
      skipValue = false
      switch c {
      case UInt8(ascii: "\""):
        let (end, escaped) = try scanString(p, i, n, input)
        tape.append(
          scalar(JSONTapeEntry.stringCode | (escaped ? JSONTapeEntry.escaped : 0), i, end, tape.count))
        i = end
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
        let (end, integer) = try scanNumber(p, i, n, input)
        tape.append(
          scalar(JSONTapeEntry.numberCode | (integer ? JSONTapeEntry.integer : 0), i, end, tape.count))
        i = end
      case UInt8(ascii: "{") where skip, UInt8(ascii: "[") where skip:
        let end = try skipContainer(p, i, n, input)
        tape.append(
          JSONTapeEntry(
            offset: UInt32(truncatingIfNeeded: i), length: UInt32(truncatingIfNeeded: end - i),
            next: UInt32(truncatingIfNeeded: tape.count + 1),
            info: c == UInt8(ascii: "{") ? JSONTapeEntry.objectCode : JSONTapeEntry.arrayCode))
        i = end
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let isObject = c == UInt8(ascii: "{")
        if depth > 0 { parents.append(top) }
        depth += 1
        top = Frame(index: tape.count, count: 0, isObject: isObject)
        tape.append(
          JSONTapeEntry(
            offset: UInt32(truncatingIfNeeded: i), length: 0, next: 0,
            info: isObject ? JSONTapeEntry.objectCode : JSONTapeEntry.arrayCode))
        i = skipWhitespace(p, i + 1, n)
        guard i < n else { throw endOfInput(input) }
        if p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          try close(top, at: i, &tape, input)
          i += 1
          depth -= 1
          if depth > 0 { top = parents.removeLast() }
          break  // to the after-value loop below
        }
        top.count = 1
        if isObject {
          (i, skipValue) = try scanKey(p, i, n, input, &tape, skipping)
        }
        continue valueLoop
      case UInt8(ascii: "t"):
        i = try matchLiteral("true", p, i, n, input)
        tape.append(scalar(JSONTapeEntry.boolCode, i - 4, i, tape.count))
      case UInt8(ascii: "f"):
        i = try matchLiteral("false", p, i, n, input)
        tape.append(scalar(JSONTapeEntry.boolCode, i - 5, i, tape.count))
      case UInt8(ascii: "n"):
        i = try matchLiteral("null", p, i, n, input)
        tape.append(scalar(JSONTapeEntry.nullCode, i - 4, i, tape.count))
      default:
        throw unexpected(p, i, n, input)
      }

      // A value just ended: close finished containers until one wants another child.
      while depth > 0 {
        i = skipWhitespace(p, i, n)
        guard i < n else { throw endOfInput(input) }
        let c = p[i]
        if c == UInt8(ascii: ",") {
          top.count += 1
          i = skipWhitespace(p, i + 1, n)
          if top.isObject {
            (i, skipValue) = try scanKey(p, i, n, input, &tape, skipping)
          }
          continue valueLoop
        }
        if c == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          try close(top, at: i, &tape, input)
          i += 1
          depth -= 1
          if depth > 0 { top = parents.removeLast() }
          continue
        }
        throw unexpected(p, i, n, input)
      }
      break valueLoop
    }

    i = skipWhitespace(p, i, n)
    if i != n {
      throw JSONError.located(
        .trailingData, "unexpected \(JSONError.describeByte(at: i, in: input)) after the value",
        at: i, in: input)
    }
    return tape
  }

  @inline(__always)
  private static func scalar(_ info: UInt32, _ start: Int, _ end: Int, _ index: Int) -> JSONTapeEntry {
    JSONTapeEntry(
      offset: UInt32(truncatingIfNeeded: start), length: UInt32(truncatingIfNeeded: end - start),
      next: UInt32(truncatingIfNeeded: index + 1), info: info)
  }

  /// Completes a container's entry once its closing bracket at `position` is seen.
  @inline(__always)
  private static func close(
    _ frame: Frame, at position: Int, _ tape: inout [JSONTapeEntry], _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) {
    guard frame.count <= JSONTapeEntry.maxCount else {
      throw JSONError.located(
        .tooLarge, "container with more than \(JSONTapeEntry.maxCount) children", at: position, in: input)
    }
    let next = UInt32(truncatingIfNeeded: tape.count)
    tape.withUnsafeMutableBufferPointer { entries in
      entries[frame.index].length = UInt32(truncatingIfNeeded: position + 1) &- entries[frame.index].offset
      entries[frame.index].next = next
      entries[frame.index].info |= UInt32(truncatingIfNeeded: frame.count) << JSONTapeEntry.countShift
    }
  }

  @inline(__always)
  private static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
    var i = start
    while i < n {
      let c = p[i]
      // Only these four bytes are JSON whitespace (RFC 8259, section 2).
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
      i += 1
    }
    return i
  }

  /// Parses an object key, the colon after it and the whitespace before the value; returns where
  /// the value starts and whether the key is one of `skipping`.
  @inline(__always)
  private static func scanKey(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>,
    _ tape: inout [JSONTapeEntry], _ skipping: [[UInt8]]
  ) throws(JSONError) -> (value: Int, skip: Bool) {
    let (end, escaped, value) = try scanKeyText(p, start, n, input)
    tape.append(
      scalar(JSONTapeEntry.stringCode | (escaped ? JSONTapeEntry.escaped : 0), start, end, tape.count))
    var skip = false
    if !skipping.isEmpty && !escaped {
      let key = UnsafeBufferPointer(start: p + start + 1, count: end - start - 2)
      skip = skipping.contains { name in
        name.count == key.count && name.withUnsafeBufferPointer { $0.elementsEqual(key) }
      }
    }
    return (value, skip)
  }

  /// Validates an object key from its opening quote at `start`, the colon and the whitespace
  /// around it; returns the index after the key's closing quote, whether it has escapes, and
  /// where the value starts.
  @inline(__always)
  private static func scanKeyText(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> (end: Int, escaped: Bool, value: Int) {
    guard start < n else { throw endOfInput(input) }
    guard p[start] == UInt8(ascii: "\"") else {
      throw JSONError.located(
        .syntax, "expected a string key but found \(JSONError.describeByte(at: start, in: input))",
        at: start, in: input)
    }
    let (end, escaped) = try scanString(p, start, n, input)
    var i = skipWhitespace(p, end, n)
    guard i < n else { throw endOfInput(input) }
    guard p[i] == UInt8(ascii: ":") else {
      throw JSONError.located(
        .syntax, "expected ':' but found \(JSONError.describeByte(at: i, in: input))", at: i, in: input)
    }
    i = skipWhitespace(p, i + 1, n)
    return (end, escaped, i)
  }

  /// Validates the array or object whose bracket is at `start` by the same rules as `parse`,
  /// recording nothing; returns the index after its closing bracket.
  private static func skipContainer(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> Int {
    // The open containers, innermost last: true for an object.
    var open: [Bool] = []
    var i = start
    valueLoop: while true {
      guard i < n else { throw endOfInput(input) }
      let c = p[i]
      switch c {
      case UInt8(ascii: "\""): i = try scanString(p, i, n, input).end
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): i = try scanNumber(p, i, n, input).end
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let isObject = c == UInt8(ascii: "{")
        i = skipWhitespace(p, i + 1, n)
        guard i < n else { throw endOfInput(input) }
        if p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          i += 1
          break  // to the after-value loop below
        }
        open.append(isObject)
        if isObject { i = try scanKeyText(p, i, n, input).value }
        continue valueLoop
      case UInt8(ascii: "t"): i = try matchLiteral("true", p, i, n, input)
      case UInt8(ascii: "f"): i = try matchLiteral("false", p, i, n, input)
      case UInt8(ascii: "n"): i = try matchLiteral("null", p, i, n, input)
      default: throw unexpected(p, i, n, input)
      }
      // A value just ended: close finished containers until one wants another child.
      while let isObject = open.last {
        i = skipWhitespace(p, i, n)
        guard i < n else { throw endOfInput(input) }
        if p[i] == UInt8(ascii: ",") {
          i = skipWhitespace(p, i + 1, n)
          if isObject { i = try scanKeyText(p, i, n, input).value }
          continue valueLoop
        }
        guard p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { throw unexpected(p, i, n, input) }
        i += 1
        open.removeLast()
      }
      return i
    }
  }

  /// Scans the string whose opening quote is at `start`; returns the index after its closing quote.
  @inline(__always)
  private static func scanString(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> (end: Int, escaped: Bool) {
    var i = start + 1
    var escaped = false
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while true {
      // Skip eight plain ASCII bytes at a time; any quote, backslash, control or non-ASCII
      // byte in the word drops to the byte-wise checks below.
      while i &+ 8 <= n {
        let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let quotes = word ^ (ones &* 0x22)
        let slashes = word ^ (ones &* 0x5C)
        let special =
          ((word &- ones &* 0x20) | (quotes &- ones) | (slashes &- ones)) & ~word & highs
          | (word & highs)
        if special != 0 { break }
        i &+= 8
      }
      guard i < n else { throw endOfInput(input) }
      let c = p[i]
      if c == UInt8(ascii: "\"") {
        return (i + 1, escaped)
      } else if c == UInt8(ascii: "\\") {
        escaped = true
        i = try scanEscape(p, i, n, input)
      } else if c < 0x20 {
        throw JSONError.located(
          .syntax, "unescaped control character \(JSONError.describeByte(at: i, in: input)) in string",
          at: i, in: input)
      } else if c < 0x80 {
        i &+= 1
      } else {
        i = try scanUTF8Sequence(p, i, n, input)
      }
    }
  }

  /// Validates the escape whose backslash is at `start`; returns the index after it.
  private static func scanEscape(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> Int {
    guard start + 1 < n else { throw endOfInput(input) }
    switch p[start + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return start + 2
    case UInt8(ascii: "u"):
      let unit = try hexQuad(p, start + 2, n, input)
      if unit >= 0xDC00 && unit <= 0xDFFF {
        throw JSONError.located(.syntax, "unpaired low surrogate escape", at: start, in: input)
      }
      guard unit >= 0xD800 && unit <= 0xDBFF else { return start + 6 }
      // A high surrogate only means something together with the low surrogate escape after it.
      guard start + 6 < n else { throw endOfInput(input) }
      guard p[start + 6] == UInt8(ascii: "\\") else {
        throw JSONError.located(.syntax, "unpaired high surrogate escape", at: start, in: input)
      }
      guard start + 7 < n else { throw endOfInput(input) }
      guard p[start + 7] == UInt8(ascii: "u") else {
        throw JSONError.located(.syntax, "unpaired high surrogate escape", at: start, in: input)
      }
      let low = try hexQuad(p, start + 8, n, input)
      guard low >= 0xDC00 && low <= 0xDFFF else {
        throw JSONError.located(.syntax, "unpaired high surrogate escape", at: start, in: input)
      }
      return start + 12
    default:
      throw JSONError.located(
        .syntax, "invalid escape \(JSONError.describeByte(at: start + 1, in: input))", at: start + 1,
        in: input)
    }
  }

  private static func hexQuad(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> UInt32 {
    var value: UInt32 = 0
    for i in start..<start + 4 {
      guard i < n else { throw endOfInput(input) }
      guard let digit = JSONStringCodec.hexValue(p[i]) else {
        throw JSONError.located(
          .syntax, "invalid hex digit \(JSONError.describeByte(at: i, in: input)) in \\u escape",
          at: i, in: input)
      }
      value = value << 4 | digit
    }
    return value
  }

  /// Validates the multi-byte UTF-8 sequence whose lead byte is at `start` (RFC 3629 table 3-7:
  /// no overlong forms, no surrogates, nothing above U+10FFFF); returns the index after it.
  @inline(__always)
  private static func scanUTF8Sequence(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> Int {
    guard let rule = UTF8Lead(p[start]) else { throw invalidUTF8(start, input) }
    let length = rule.length
    var low = rule.low
    var high = rule.high
    // Only the second byte has a narrowed range; the rest are plain continuation bytes.
    for k in 1..<length {
      guard start + k < n else { throw endOfInput(input) }
      let byte = p[start + k]
      if byte < low || byte > high { throw invalidUTF8(start, input) }
      low = 0x80
      high = 0xBF
    }
    return start + length
  }

  /// Scans a number token at `start` against the RFC 8259 grammar; returns its end and whether
  /// it is an integer (no fraction, no exponent).
  @inline(__always)
  private static func scanNumber(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> (end: Int, integer: Bool) {
    var i = start
    if p[i] == UInt8(ascii: "-") { i += 1 }
    guard i < n else { throw endOfInput(input) }
    if p[i] == UInt8(ascii: "0") {
      i += 1
      if i < n && isDigit(p[i]) {
        throw JSONError.located(.syntax, "leading zero in number", at: start, in: input)
      }
    } else if isDigit(p[i]) {
      i = skipDigits(p, i + 1, n)
    } else {
      throw JSONError.located(
        .syntax, "expected a digit but found \(JSONError.describeByte(at: i, in: input))", at: i,
        in: input)
    }
    var integer = true
    if i < n && p[i] == UInt8(ascii: ".") {
      integer = false
      i += 1
      i = try requireDigits(p, i, n, input)
    }
    if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
      integer = false
      i += 1
      if i < n && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
      i = try requireDigits(p, i, n, input)
    }
    return (i, integer)
  }

  @inline(__always)
  private static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

  @inline(__always)
  private static func skipDigits(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
    var i = start
    while i < n && isDigit(p[i]) { i += 1 }
    return i
  }

  private static func requireDigits(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> Int {
    guard start < n else { throw endOfInput(input) }
    guard isDigit(p[start]) else {
      throw JSONError.located(
        .syntax, "expected a digit but found \(JSONError.describeByte(at: start, in: input))",
        at: start, in: input)
    }
    return skipDigits(p, start + 1, n)
  }

  /// Checks that `literal` is spelled at `start`; returns the index after it.
  @inline(__always)
  private static func matchLiteral(
    _ literal: StaticString, _ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int,
    _ input: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> Int {
    let word = literal.utf8Start
    let length = literal.utf8CodeUnitCount
    for k in 1..<length {
      guard start + k < n else { throw endOfInput(input) }
      if p[start + k] != word[k] { throw unexpected(p, start + k, n, input) }
    }
    return start + length
  }

  @inline(never)
  private static func endOfInput(_ input: UnsafeBufferPointer<UInt8>) -> JSONError {
    JSONError.located(.truncated, "unexpected end of input", at: input.count, in: input)
  }

  @inline(never)
  private static func invalidUTF8(_ offset: Int, _ input: UnsafeBufferPointer<UInt8>) -> JSONError {
    JSONError.located(
      .invalidUTF8, "invalid UTF-8 sequence starting with \(JSONError.describeByte(at: offset, in: input))",
      at: offset, in: input)
  }

  /// Reports a byte that cannot start or continue anything here, telling broken UTF-8 apart
  /// from a well-formed character that is merely out of place.
  @inline(never)
  private static func unexpected(
    _ p: UnsafePointer<UInt8>, _ offset: Int, _ n: Int, _ input: UnsafeBufferPointer<UInt8>
  ) -> JSONError {
    if p[offset] >= 0x80 {
      do {
        _ = try scanUTF8Sequence(p, offset, n, input)
      } catch {
        return error
      }
    }
    return JSONError.located(
      .syntax, "unexpected \(JSONError.describeByte(at: offset, in: input))", at: offset, in: input)
  }
}
