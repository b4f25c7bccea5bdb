/// Text assembled piece by piece in the one normal form both readers produce: every run of
/// white space becomes one space, with none at either end nor just inside a math delimiter.
struct NormalizedText {
  private(set) var bytes: [UInt8] = []
  /// A space is owed before the next visible byte.
  private var pendingSpace = false
  /// Just after an opening delimiter, where white space is dropped.
  private var atOpening = true

  /// Notes white space: one space goes out before the next visible byte, if any follows.
  @inline(__always) mutating func space() {
    if !atOpening { pendingSpace = true }
  }

  /// Forgets owed white space (before a closing delimiter).
  mutating func dropSpace() {
    pendingSpace = false
  }

  /// Appends an opening delimiter, after which white space is dropped.
  mutating func open(_ delimiter: StaticString) {
    append(delimiter)
    atOpening = true
  }

  /// Drops white space until the next visible byte, as after an opening delimiter.
  mutating func suppressSpace() {
    pendingSpace = false
    atOpening = true
  }

  /// Appends a closing delimiter, dropping white space owed before it.
  mutating func close(_ delimiter: StaticString) {
    pendingSpace = false
    append(delimiter)
  }

  /// Appends one visible byte.
  @inline(__always) mutating func append(_ byte: UInt8) {
    if pendingSpace {
      bytes.append(Byte.space)
      pendingSpace = false
    }
    atOpening = false
    bytes.append(byte)
  }

  /// Appends visible bytes (the caller has checked they hold no white space).
  @inline(__always) mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
    guard !run.isEmpty else { return }
    if pendingSpace {
      bytes.append(Byte.space)
      pendingSpace = false
    }
    atOpening = false
    bytes.append(contentsOf: run)
  }

  /// Appends ASCII text known to hold no white space.
  mutating func append(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends text as it comes (an HTML text node): white space, no-break spaces included,
  /// collapsed. With `escapingLaTeX`, `$`, `{` and `}` get a backslash, as the LaTeX reader
  /// keeps `\$`, `\{` and `\}` of running text, so that a literal dollar is not taken for math.
  mutating func appendCollapsing(_ run: UnsafeBufferPointer<UInt8>, escapingLaTeX: Bool = false) {
    var index = 0
    let count = run.count
    while index < count {
      let byte = run[index]
      if Byte.isSpace(byte) {
        space()
        index += 1
      } else if byte == 0xC2, index + 1 < count, run[index + 1] == 0xA0 {
        // A no-break space (`~` in the source) is a space like any other in the normal form.
        space()
        index += 2
      } else if escapingLaTeX, byte == Byte.dollar || byte == Byte.openBrace || byte == Byte.closeBrace {
        append(Byte.backslash)
        bytes.append(byte)
        index += 1
      } else {
        var end = index + 1
        while end < count, !Byte.isSpace(run[end]), run[end] != 0xC2,
          !escapingLaTeX || (run[end] != Byte.dollar && run[end] != Byte.openBrace && run[end] != Byte.closeBrace)
        {
          end += 1
        }
        append(UnsafeBufferPointer(rebasing: run[index..<end]))
        index = end
      }
    }
  }

  /// Appends a string's bytes, collapsing its white space.
  mutating func appendCollapsing(_ text: String) {
    var text = text
    text.withUTF8 { appendCollapsing($0) }
  }

  /// Whether the text ends with a control word (`\alpha`), after which a letter needs a space.
  var endsWithControlWord: Bool {
    var index = bytes.count - 1
    while index >= 0, Byte.isLetter(bytes[index]) { index -= 1 }
    return index >= 0 && index < bytes.count - 1 && bytes[index] == Byte.backslash
  }

  var isEmpty: Bool { bytes.isEmpty }

  /// The text as a string.
  var string: String { String(decoding: bytes, as: UTF8.self) }
}
