/// Builds compact JSON text, byte-identical to Python's
/// `json.dumps(obj, ensure_ascii=False, separators=(",", ":"))` for the same ordered data.
///
/// Strings are escaped as Python does: `"` and `\` with a backslash, control characters below
/// U+0020 as `\b \f \n \r \t` or lowercase `\u00XX`; everything else, `/` and non-ASCII included,
/// is written as UTF-8. Doubles use Python's `repr` (shortest round-trip digits, `1e-05`,
/// `1e+16`, `100.0`). Unlike Python, non-finite doubles are written as `null`, since `NaN` and
/// `Infinity` are not JSON.
///
/// Calls must form exactly one well-nested value (a key before each member value); misuse is a
/// programming error and traps.
public struct JSONWriter: Sendable {
  /// How members of objects are ordered in the output.
  public enum KeyOrder: Sendable, Equatable {
    /// In the order they are written (or appear in a written `JSONValue`).
    case asWritten
    /// Sorted by the Unicode code points of their keys, like Python's `sort_keys=True`; members
    /// with equal keys keep their written order. Meant for canonical text to hash.
    case codePoint
  }

  /// An open array or object.
  private struct Frame: Sendable {
    var isObject: Bool
    var count = 0
    var awaitingValue = false
    /// Offset of the opening brace, used to reorder members when keys are sorted.
    var start: Int
    /// Index of this object's first entry in `sortedMembers`.
    var membersBase: Int
  }

  /// A written member of an object whose members will be sorted at `endObject`.
  private struct PendingMember: Sendable {
    var key: String
    /// Offset of the key's opening quote.
    var start: Int
  }

  /// The text written so far, as UTF-8.
  public private(set) var bytes: [UInt8] = []
  public let keyOrder: KeyOrder
  private var frames: [Frame] = []
  private var pendingMembers: [PendingMember] = []
  private var wroteRoot = false

  public init(keyOrder: KeyOrder = .asWritten) {
    self.keyOrder = keyOrder
  }

  /// The text written so far.
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Whether one complete top-level value has been written.
  public var isComplete: Bool { wroteRoot && frames.isEmpty }

  /// Ends the complete top-level value with a newline so that another one may follow (JSON Lines).
  public mutating func endLine() {
    precondition(isComplete, "JSONWriter: endLine() before a complete value")
    bytes.append(UInt8(ascii: "\n"))
    wroteRoot = false
  }

  // MARK: Building

  public mutating func beginObject() {
    beforeValue()
    frames.append(Frame(isObject: true, start: bytes.count, membersBase: pendingMembers.count))
    bytes.append(UInt8(ascii: "{"))
  }

  public mutating func endObject() {
    guard let frame = frames.last, frame.isObject, !frame.awaitingValue else {
      preconditionFailure("JSONWriter: endObject() without an open object awaiting a key")
    }
    if keyOrder == .codePoint { sortMembers(of: frame) }
    frames.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  public mutating func beginArray() {
    beforeValue()
    frames.append(Frame(isObject: false, start: bytes.count, membersBase: pendingMembers.count))
    bytes.append(UInt8(ascii: "["))
  }

  public mutating func endArray() {
    guard let frame = frames.last, !frame.isObject else {
      preconditionFailure("JSONWriter: endArray() without an open array")
    }
    frames.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes the key of the next object member.
  public mutating func key(_ key: String) {
    prepareKey(sortKey: key)
    appendQuoted(key)
    bytes.append(UInt8(ascii: ":"))
  }

  /// Accounts for a key about to be written: the comma before it and the object's state.
  mutating func prepareKey(sortKey: @autoclosure () -> String) {
    guard var frame = frames.last, frame.isObject, !frame.awaitingValue else {
      preconditionFailure("JSONWriter: key(_:) outside an object or before the previous value")
    }
    if frame.count > 0 { bytes.append(UInt8(ascii: ",")) }
    if keyOrder == .codePoint { pendingMembers.append(PendingMember(key: sortKey(), start: bytes.count)) }
    frame.count += 1
    frame.awaitingValue = true
    frames[frames.count - 1] = frame
  }

  public mutating func value(_ string: String) {
    beforeValue()
    appendQuoted(string)
  }

  public mutating func value(_ int: Int) {
    beforeValue()
    bytes.append(contentsOf: String(int).utf8)
  }

  public mutating func value(_ bool: Bool) {
    beforeValue()
    bytes.append(contentsOf: bool ? "true".utf8 : "false".utf8)
  }

  /// Writes `double` as Python's `repr` would, or `null` when it is not finite.
  public mutating func value(_ double: Double) {
    beforeValue()
    Self.appendDouble(double, to: &bytes)
  }

  public mutating func nullValue() {
    beforeValue()
    bytes.append(contentsOf: "null".utf8)
  }

  /// Writes a string given as pieces of already escaped content (without quotes), such as
  /// `escapedContent(of:)` made: text that appears in several values is escaped only once.
  public mutating func value(escapedPieces pieces: [[UInt8]]) {
    beforeValue()
    bytes.append(UInt8(ascii: "\""))
    for piece in pieces { bytes.append(contentsOf: piece) }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The escaped content of `string` as it stands between the quotes of a JSON string.
  public static func escapedContent(of string: String) -> [UInt8] {
    var writer = JSONWriter()
    var string = string
    string.withUTF8 { writer.appendEscaped(utf8: $0) }
    return writer.bytes
  }

  /// Writes a string, or `null` when it is nil.
  public mutating func value(_ string: String?) {
    if let string { value(string) } else { nullValue() }
  }

  /// Writes an integer, or `null` when it is nil.
  public mutating func value(_ int: Int?) {
    if let int { value(int) } else { nullValue() }
  }

  /// Writes a Boolean, or `null` when it is nil.
  public mutating func value(_ bool: Bool?) {
    if let bool { value(bool) } else { nullValue() }
  }

  /// Writes a double, or `null` when it is nil.
  public mutating func value(_ double: Double?) {
    if let double { value(double) } else { nullValue() }
  }

  /// Accounts for a value about to be written: the comma before it and the container's state.
  mutating func beforeValue() {
    guard var frame = frames.last else {
      precondition(!wroteRoot, "JSONWriter: a second top-level value")
      wroteRoot = true
      return
    }
    if frame.isObject {
      precondition(frame.awaitingValue, "JSONWriter: an object member value without a key")
      frame.awaitingValue = false
    } else {
      if frame.count > 0 { bytes.append(UInt8(ascii: ",")) }
      frame.count += 1
    }
    frames[frames.count - 1] = frame
  }

  /// Reorders the members of the object being closed so their keys ascend by code point.
  ///
  /// Nested objects were already sorted when they closed, so each member is moved as one block.
  private mutating func sortMembers(of frame: Frame) {
    // Copied out before the removal so that the removal does not copy the whole array.
    let members = Array(pendingMembers[frame.membersBase...])
    pendingMembers.removeSubrange(frame.membersBase...)
    guard members.count > 1 else { return }
    // Ties keep their written order, so the sort is stable by construction.
    let order = members.indices.sorted { a, b in
      let ka = members[a].key.utf8
      let kb = members[b].key.utf8
      if ka.elementsEqual(kb) { return a < b }
      return ka.lexicographicallyPrecedes(kb)
    }
    if order.elementsEqual(members.indices) { return }
    let end = bytes.count
    let region = Array(bytes[frame.start + 1..<end])
    var rewritten: [UInt8] = []
    rewritten.reserveCapacity(region.count)
    for (position, member) in order.enumerated() {
      if position > 0 { rewritten.append(UInt8(ascii: ",")) }
      // A member runs from its key to the comma before the next member (or the region's end).
      let from = members[member].start - frame.start - 1
      let to = member + 1 < members.count ? members[member + 1].start - frame.start - 2 : region.count
      rewritten.append(contentsOf: region[from..<to])
    }
    bytes.replaceSubrange(frame.start + 1..<end, with: rewritten)
  }

  // MARK: Escaping and number formatting

  mutating func appendByte(_ byte: UInt8) {
    bytes.append(byte)
  }

  /// Appends bytes that are already valid JSON text.
  mutating func appendVerbatim(_ text: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: text)
  }

  private mutating func appendQuoted(_ string: String) {
    var string = string
    string.withUTF8 { appendQuoted(utf8: $0) }
  }

  /// Appends `utf8` as a quoted JSON string.
  mutating func appendQuoted(utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(UInt8(ascii: "\""))
    appendEscaped(utf8: utf8)
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends `utf8` escaped as inside a JSON string, copying runs of bytes that need no escape in bulk.
  mutating func appendEscaped(utf8: UnsafeBufferPointer<UInt8>) {
    var runStart = 0
    var i = 0
    let count = utf8.count
    while i < count {
      // Eight bytes at a time while none of them needs an escape, the common case in text.
      if i + 8 <= count, let base = utf8.baseAddress,
        !Self.mayNeedEscape(UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self))
      {
        i += 8
        continue
      }
      let c = utf8[i]
      i += 1
      guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
      let at = i - 1
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<at]))
      runStart = at + 1
      bytes.append(UInt8(ascii: "\\"))
      switch c {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(c)
      case 0x08: bytes.append(UInt8(ascii: "b"))
      case 0x0C: bytes.append(UInt8(ascii: "f"))
      case 0x0A: bytes.append(UInt8(ascii: "n"))
      case 0x0D: bytes.append(UInt8(ascii: "r"))
      case 0x09: bytes.append(UInt8(ascii: "t"))
      default:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
      }
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
  }

  /// Whether any of the eight bytes of `word` is below 0x20, a quote or a backslash (exact:
  /// the classic tests for a zero byte and for a byte below a bound, which hold for any byte).
  @inline(__always)
  static func mayNeedEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let control = (word &- ones &* 0x20) & ~word & highs
    let quoted = word ^ (ones &* 0x22)
    let backslashed = word ^ (ones &* 0x5C)
    let quote = (quoted &- ones) & ~quoted & highs
    let backslash = (backslashed &- ones) & ~backslashed & highs
    return control | quote | backslash != 0
  }

  /// Appends Python's `repr(double)`, or `null` for NaN and infinities.
  static func appendDouble(_ double: Double, to output: inout [UInt8]) {
    guard double.isFinite else {
      output.append(contentsOf: "null".utf8)
      return
    }
    if double.sign == .minus { output.append(UInt8(ascii: "-")) }
    if double == 0 {
      output.append(contentsOf: "0.0".utf8)
      return
    }
    // Swift's description already holds the shortest round-trip digits; only the layout differs
    // from Python's, so extract digits and decimal exponent and lay them out again.
    var digits: [UInt8] = []
    var pointPosition: Int?
    var exponent = 0
    var exponentSign = 1
    var inExponent = false
    for c in double.magnitude.description.utf8 {
      if inExponent {
        if c == UInt8(ascii: "-") {
          exponentSign = -1
        } else if c != UInt8(ascii: "+") {
          exponent = exponent * 10 + Int(c - UInt8(ascii: "0"))
        }
      } else if c == UInt8(ascii: ".") {
        pointPosition = digits.count
      } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
        inExponent = true
      } else {
        digits.append(c)
      }
    }
    // The value is 0.DIGITS * 10^decimalPoint.
    var decimalPoint = (pointPosition ?? digits.count) + exponentSign * exponent
    let firstNonZero = digits.firstIndex { $0 != UInt8(ascii: "0") } ?? 0
    decimalPoint -= firstNonZero
    let lastNonZero = digits.lastIndex { $0 != UInt8(ascii: "0") } ?? firstNonZero
    let significant = digits[firstNonZero...lastNonZero]

    // Python's repr switches to scientific notation outside 1e-4 <= |x| < 1e16.
    if decimalPoint <= -4 || decimalPoint > 16 {
      output.append(significant.first!)
      if significant.count > 1 {
        output.append(UInt8(ascii: "."))
        output.append(contentsOf: significant.dropFirst())
      }
      let shown = decimalPoint - 1
      output.append(contentsOf: (shown < 0 ? "e-" : "e+").utf8)
      if abs(shown) < 10 { output.append(UInt8(ascii: "0")) }
      output.append(contentsOf: String(abs(shown)).utf8)
    } else if decimalPoint <= 0 {
      output.append(contentsOf: "0.".utf8)
      output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decimalPoint))
      output.append(contentsOf: significant)
    } else if decimalPoint >= significant.count {
      output.append(contentsOf: significant)
      output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimalPoint - significant.count))
      output.append(contentsOf: ".0".utf8)
    } else {
      output.append(contentsOf: significant.prefix(decimalPoint))
      output.append(UInt8(ascii: "."))
      output.append(contentsOf: significant.dropFirst(decimalPoint))
    }
  }
}
