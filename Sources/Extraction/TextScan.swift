/// Byte-level searching and trimming for the decode hot path, where Foundation's `range(of:)`
/// and `trimmingCharacters(in:)` (locale-aware, bridged through NSString) cost more than the
/// JSON parse itself.
enum TextScan {
  /// The first occurrence of `needle` in `text`, compared as UTF-8 bytes.
  static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
    let haystack = text.utf8
    let pattern = Array(needle.utf8)
    guard let first = pattern.first, pattern.count <= haystack.count else { return pattern.isEmpty ? nil : nil }
    var start = haystack.startIndex
    while let candidate = haystack[start...].firstIndex(of: first) {
      var matched = true
      var cursor = candidate
      for byte in pattern {
        guard cursor < haystack.endIndex, haystack[cursor] == byte else {
          matched = false
          break
        }
        cursor = haystack.index(after: cursor)
      }
      if matched { return candidate..<cursor }
      start = haystack.index(after: candidate)
    }
    return nil
  }

  /// `text` without leading and trailing ASCII white space (all Lean's layout uses).
  static func trimmed(_ text: Substring) -> String {
    let bytes = text.utf8
    guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = bytes.lastIndex(where: { !isSpace($0) })!
    return String(text[first...last])
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 10 || byte == 9 || byte == 13 || byte == 12
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space.
  var trimmed: String { TextScan.trimmed(Substring(self)) }
}
