import Foundation

/// A view of LaTeX source bytes with the lexical steps both LaTeX passes share: control words,
/// balanced groups, optional arguments and macro arguments.
struct LaTeXBytes {
  let base: UnsafeBufferPointer<UInt8>

  init(_ base: UnsafeBufferPointer<UInt8>) {
    self.base = base
  }

  var count: Int { base.count }

  @inline(__always) subscript(_ index: Int) -> UInt8 { base[index] }

  /// The bytes of `range` as a buffer.
  @inline(__always) func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: base[range])
  }

  /// The bytes of `range` as a string.
  func string(_ range: Range<Int>) -> String {
    String(decoding: slice(range), as: UTF8.self)
  }

  /// Whether `range` spells `word` exactly.
  @inline(__always) func equals(_ range: Range<Int>, _ word: StaticString) -> Bool {
    guard range.count == word.utf8CodeUnitCount else { return false }
    return memcmp(base.baseAddress! + range.lowerBound, word.utf8Start, range.count) == 0
  }

  /// Whether the bytes at `index` start with `word`.
  @inline(__always) func hasPrefix(_ word: StaticString, at index: Int) -> Bool {
    guard index + word.utf8CodeUnitCount <= base.count else { return false }
    return memcmp(base.baseAddress! + index, word.utf8Start, word.utf8CodeUnitCount) == 0
  }

  /// Whether two ranges hold the same bytes.
  func same(_ one: Range<Int>, _ other: Range<Int>) -> Bool {
    one.count == other.count
      && (one.isEmpty
        || memcmp(base.baseAddress! + one.lowerBound, base.baseAddress! + other.lowerBound, one.count) == 0)
  }

  /// Where the next `byte` at or after `index` is, before `end`.
  @inline(__always) func find(_ byte: UInt8, from index: Int, to end: Int) -> Int? {
    guard index < end else { return nil }
    guard let found = memchr(base.baseAddress! + index, Int32(byte), end - index) else { return nil }
    return base.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// The end of the control word whose letters start at `index` (just after the backslash).
  @inline(__always) func controlWordEnd(from index: Int, to end: Int) -> Int {
    var cursor = index
    while cursor < end, Byte.isLetter(base[cursor]) { cursor += 1 }
    return cursor
  }

  /// The first index at or after `index` that is not white space.
  @inline(__always) func skipSpaces(from index: Int, to end: Int) -> Int {
    var cursor = index
    while cursor < end, Byte.isSpace(base[cursor]) { cursor += 1 }
    return cursor
  }

  /// Given `{` at `index`, the index of its matching `}` (escaped braces do not count).
  func groupEnd(from index: Int, to end: Int) -> Int? {
    var depth = 0
    var cursor = index
    while cursor < end {
      switch base[cursor] {
      case Byte.backslash: cursor += 1
      case Byte.openBrace: depth += 1
      case Byte.closeBrace:
        depth -= 1
        if depth == 0 { return cursor }
      default: break
      }
      cursor += 1
    }
    return nil
  }

  /// Given `[` at `index`, the index of its matching `]` outside braces.
  func optionalEnd(from index: Int, to end: Int) -> Int? {
    var depth = 0
    var cursor = index + 1
    while cursor < end {
      switch base[cursor] {
      case Byte.backslash: cursor += 1
      case Byte.openBrace: depth += 1
      case Byte.closeBrace: depth -= 1
      case Byte.closeBracket where depth == 0: return cursor
      default: break
      }
      cursor += 1
    }
    return nil
  }

  /// The `{…}` group at `index` after white space: its inside, and where it ends.
  func braceGroup(at index: Int, to end: Int) -> (inside: Range<Int>, next: Int)? {
    let start = skipSpaces(from: index, to: end)
    guard start < end, base[start] == Byte.openBrace, let close = groupEnd(from: start, to: end) else { return nil }
    return (start + 1..<close, close + 1)
  }

  /// The `[…]` argument at `index` after white space, if there is one.
  func optionalArgument(at index: Int, to end: Int) -> (inside: Range<Int>, next: Int)? {
    let start = skipSpaces(from: index, to: end)
    guard start < end, base[start] == Byte.openBracket, let close = optionalEnd(from: start, to: end) else {
      return nil
    }
    return (start + 1..<close, close + 1)
  }

  /// An undelimited macro argument at `index` after white space: a `{…}` group's inside, a
  /// control sequence or one character.
  func argument(at index: Int, to end: Int) -> (inside: Range<Int>, next: Int)? {
    let start = skipSpaces(from: index, to: end)
    guard start < end else { return nil }
    switch base[start] {
    case Byte.openBrace:
      guard let close = groupEnd(from: start, to: end) else { return (start + 1..<end, end) }
      return (start + 1..<close, close + 1)
    case Byte.closeBrace:
      return nil
    case Byte.backslash:
      guard start + 1 < end else { return (start..<end, end) }
      let wordEnd = controlWordEnd(from: start + 1, to: end)
      let stop = wordEnd == start + 1 ? start + 2 : wordEnd
      return (start..<stop, stop)
    default:
      let stop = min(end, start + Byte.sequenceLength(base[start]))
      return (start..<stop, stop)
    }
  }

  /// A control sequence's name at `index` (`\name` or `{\name}`), as in `\newcommand`.
  func definedName(at index: Int, to end: Int) -> (name: Range<Int>, next: Int)? {
    var start = skipSpaces(from: index, to: end)
    var braced = false
    if start < end, base[start] == Byte.openBrace {
      braced = true
      start = skipSpaces(from: start + 1, to: end)
    }
    guard start + 1 < end, base[start] == Byte.backslash else { return nil }
    var stop = controlWordEnd(from: start + 1, to: end)
    if stop == start + 1 { stop = start + 2 }
    var next = stop
    if braced {
      next = skipSpaces(from: stop, to: end)
      guard next < end, base[next] == Byte.closeBrace else { return nil }
      next += 1
    }
    return (start + 1..<stop, next)
  }
}
