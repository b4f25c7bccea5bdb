/// A pretty-printed Lean term read the way the renderer needs it: where its identifiers are, and
/// what it holds that Lean prints but cannot parse back.
///
/// Identifiers follow Lean's lexer: a first character that is an ASCII letter, `_` or letter-like
/// (Greek except λ Π Σ, Coptic, the letter-like symbols such as ℕ, mathematical script), then also
/// digits, `'`, `!`, `?` and subscripts; `«…»` escapes a component. What the printer adds is read
/// too: a dagger with its superscript counter (`x✝`, `a✝¹`) ends an inaccessible name, `?m.5` and
/// `?u` are metavariables, `⋯` and `…` are elided terms. String literals are skipped whole.
struct PrintedText {
  /// One identifier component: a byte range of the text.
  struct Word {
    var range: Range<Int>
    /// Whether it starts a name (not a field or namespace part after a `.`): only these refer to
    /// hypotheses, and renaming touches only these.
    var isHead: Bool
    /// Whether it ends with a dagger.
    var isInaccessible: Bool
  }

  let text: String
  /// The identifier components, in order.
  private(set) var words: [Word] = []
  /// Whether an unassigned metavariable (`?m.12`, `?u.3`, `?_`, `?a`) occurs.
  private(set) var hasMetavariable = false
  /// Whether an elision (`⋯` for an omitted proof, `…` for a cut-off term) occurs.
  private(set) var hasElision = false

  /// Scans `text`.
  init(_ text: String) {
    self.text = text
    var copy = text
    copy.withUTF8 { scan($0) }
  }

  /// Whether `text` holds nothing `PrintedText` reacts to: no dagger, `?`, elision or new line.
  /// Most printed types are plain, and the renderer keeps them without scanning.
  static func isPlain(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { bytes in
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "?") || byte == 0x0A || byte == 0x0D { return false }
        // ✝ is E2 9C 9D, ⋯ E2 8B AF, … E2 80 A6.
        if byte == 0xE2, index + 2 < bytes.count {
          let second = bytes[index + 1]
          let third = bytes[index + 2]
          if (second == 0x9C && third == 0x9D) || (second == 0x8B && third == 0xAF) || (second == 0x80 && third == 0xA6)
          {
            return false
          }
        }
        index += 1
      }
      return true
    }
  }

  /// The text of a word.
  func string(_ word: Word) -> Substring {
    let utf8 = text.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: word.range.lowerBound)
    let end = utf8.index(start, offsetBy: word.range.count)
    return text[start..<end]
  }

  /// The text with head words found in `renames` replaced, and every run of white space that
  /// holds a line break made one space (the declaration is written on one line).
  func rewritten(_ renames: [Substring: String]) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count + 8)
    var copy = text
    copy.withUTF8 { bytes in
      var cursor = 0
      func copyPlain(upTo end: Int) {
        var index = cursor
        var runStart = cursor
        while index < end {
          guard Self.isSpace(bytes[index]) else {
            index += 1
            continue
          }
          var runEnd = index
          var hasBreak = false
          while runEnd < end, Self.isSpace(bytes[runEnd]) {
            if bytes[runEnd] == 0x0A || bytes[runEnd] == 0x0D { hasBreak = true }
            runEnd += 1
          }
          if hasBreak {
            output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
            output += " "
            runStart = runEnd
          }
          index = runEnd
        }
        output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
        cursor = end
      }
      if !renames.isEmpty {
        for word in words where word.isHead {
          if let replacement = renames[string(word)] {
            copyPlain(upTo: word.range.lowerBound)
            output += replacement
            cursor = word.range.upperBound
          }
        }
      }
      copyPlain(upTo: bytes.count)
    }
    return output
  }

  /// The byte offset of the first occurrence of `needle` in `bytes`. (Foundation's
  /// `contains(_:)` on strings, which the imports bring in scope, is many times slower.)
  static func firstOffset(of needle: String, in bytes: some Collection<UInt8>) -> Int? {
    let pattern = needle.utf8
    guard let first = pattern.first else { return 0 }
    var offset = 0
    var index = bytes.startIndex
    while index != bytes.endIndex {
      if bytes[index] == first, bytes[index...].starts(with: pattern) { return offset }
      bytes.formIndex(after: &index)
      offset += 1
    }
    return nil
  }

  /// `text` without leading and trailing spaces, tabs and line breaks (all a printer writes).
  static func trimmed(_ text: Substring) -> Substring {
    let utf8 = text.utf8
    guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) })
    else { return text[text.startIndex..<text.startIndex] }
    return text[first...last]
  }

  /// Whether two texts have the same UTF-8 bytes: what printed text equality means here, and
  /// cheaper than `==`, which compares up to Unicode normalization.
  static func sameBytes(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
    a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
  }

  /// Whether `text` has `word` as a whole word: not inside a longer identifier, and not the
  /// stem of an inaccessible name (`x` in `x✝`). A field (`p.x`) counts too: erring toward
  /// "mentioned" only makes a fresh name longer.
  static func mentionsWord(_ word: String, in text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      let pattern = word.utf8
      guard let first = pattern.first, bytes.count >= pattern.count else { return false }
      var index = 0
      while index + pattern.count <= bytes.count {
        if bytes[index] == first, bytes[index..<index + pattern.count].elementsEqual(pattern) {
          let end = index + pattern.count
          let before = index == 0 ? nil : previousScalar(bytes, before: index)
          let after = scalar(bytes, at: end)?.0
          let joinedBefore =
            before.map { isIdentifierStart($0) || isSubscript($0) || isASCIIIdentifierPart($0) } ?? false
          let joinedAfter =
            after.map { isIdentifierStart($0) || isSubscript($0) || isASCIIIdentifierPart($0) || $0 == "✝" } ?? false
          if !joinedBefore && !joinedAfter { return true }
        }
        index += 1
      }
      return false
    }
  }

  /// The scalar ending just before `index`.
  private static func previousScalar(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Unicode.Scalar? {
    var start = index - 1
    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return scalar(bytes, at: start)?.0
  }

  private static func isASCIIIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && isASCIIIdentifierPart(UInt8(scalar.value))
  }

  // MARK: Scanning

  private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index = Self.endOfString(bytes, from: index)
      } else if byte == UInt8(ascii: "?") {
        // `?` inside a word (`get?`) is consumed with the word; here it opens a metavariable
        // when a name or `_` follows.
        if index + 1 < count, let (scalar, _) = Self.scalar(bytes, at: index + 1),
          Self.isIdentifierStart(scalar)
        {
          hasMetavariable = true
        }
        index += 1
      } else if let (scalar, _) = Self.scalar(bytes, at: index), Self.isIdentifierStart(scalar) || scalar == "«" {
        let isHead = index == 0 || bytes[index - 1] != UInt8(ascii: ".")
        let end = Self.endOfWord(bytes, from: index)
        let inaccessible = Self.endsWithDagger(bytes, index..<end)
        words.append(Word(range: index..<end, isHead: isHead, isInaccessible: inaccessible))
        index = end
      } else if byte >= 0x30 && byte <= 0x39 {
        // A number, with any letters glued to it (`0x1F`, `2e5`): not a name.
        while index < count, bytes[index] < 0x80, Self.isASCIIIdentifierPart(bytes[index]) { index += 1 }
      } else {
        let (scalar, length) = Self.scalar(bytes, at: index) ?? (" ", 1)
        if scalar == "⋯" || scalar == "…" { hasElision = true }
        index += length
      }
    }
  }

  /// The index after the string literal opening at `start`.
  private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start + 1
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "\\") {
        index += 2
      } else if bytes[index] == UInt8(ascii: "\"") {
        return index + 1
      } else {
        index += 1
      }
    }
    return bytes.count
  }

  /// The index after the identifier component starting at `start`: identifier characters and
  /// `«…»` escapes, then an optional dagger and its superscript counter.
  private static func endOfWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x80 {
        guard isASCIIIdentifierPart(byte) else { break }
        index += 1
        continue
      }
      guard let (scalar, length) = scalar(bytes, at: index) else { break }
      if scalar == "«" {
        index += length
        while index < bytes.count, let (inner, innerLength) = Self.scalar(bytes, at: index) {
          index += innerLength
          if inner == "»" { break }
        }
      } else if scalar == "✝" {
        index += length
        while let (mark, markLength) = Self.scalar(bytes, at: index), isSuperscriptDigit(mark) { index += markLength }
        break
      } else if isIdentifierStart(scalar) || isSubscript(scalar) {
        index += length
      } else {
        break
      }
    }
    return index
  }

  private static func endsWithDagger(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    // ✝ is E2 9C 9D; superscript digits after it are 2 or 3 bytes each.
    var index = range.upperBound
    while index > range.lowerBound {
      if index - 3 >= range.lowerBound, bytes[index - 3] == 0xE2, bytes[index - 2] == 0x9C, bytes[index - 1] == 0x9D {
        return true
      }
      guard index - 2 >= range.lowerBound else { return false }
      if bytes[index - 2] == 0xC2, [0xB9, 0xB2, 0xB3].contains(bytes[index - 1]) {
        index -= 2
      } else if index - 3 >= range.lowerBound, bytes[index - 3] == 0xE2, bytes[index - 2] == 0x81,
        bytes[index - 1] == 0xB0 || (0xB4...0xB9).contains(bytes[index - 1])
      {
        index -= 3
      } else {
        return false
      }
    }
    return false
  }

  /// The scalar at `index` and its length in bytes; nil past the end or on a broken sequence.
  static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
    guard index < bytes.count else { return nil }
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
    guard length > 0, index + length <= bytes.count else { return nil }
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for offset in 1..<length { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
    return Unicode.Scalar(value).map { ($0, length) }
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
  }

  private static func isASCIIIdentifierPart(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "!")
      || byte == UInt8(ascii: "?")
  }

  /// Lean's `isIdFirst`: an ASCII letter, `_`, or a letter-like character.
  static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 {
      return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || value == 0x5F
    }
    return (0x3B1...0x3C9).contains(value) && value != 0x3BB
      || (0x391...0x3A9).contains(value) && value != 0x3A0 && value != 0x3A3
      || (0x3CA...0x3FB).contains(value) || (0x1F00...0x1FFE).contains(value)
      || (0x2100...0x214F).contains(value) || (0x1D49C...0x1D59F).contains(value)
  }

  /// Lean's subscript letters and digits, allowed after the first character.
  private static func isSubscript(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (0x2080...0x2089).contains(value) || (0x2090...0x209C).contains(value)
      || (0x1D62...0x1D6A).contains(value) || value == 0x2C7C
  }

  /// ⁰ to ⁹: the counter Lean prints after a dagger.
  static func isSuperscriptDigit(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value == 0xB9 || value == 0xB2 || value == 0xB3 || value == 0x2070 || (0x2074...0x2079).contains(value)
  }
}
