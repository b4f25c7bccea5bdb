import Records

/// The form in which states (and a theorem's own statement) are compared: every hypothesis a
/// binder, the conclusion's leading `∀ x,` and top-level `A →` moved into binders too, brackets
/// made round, one name per binder, redundant outer parentheses dropped, then
/// `StatementNormalizer` (bound names numbered, white space normalized).
///
/// Flattening is what makes `intro` invisible: the state before `intro m n` (`g f ⊢ ∀ (m n : ℕ), P`)
/// and the one after it (`g f m n ⊢ P`) state the same, and so does the theorem's type
/// `∀ (g f : G) (m n : ℕ), P`. It is cautious: a `→` is split off only when nothing before it at
/// the top level binds further right (`∃`, `fun`, `↔`, `if`, …), and a `∀` with a binder predicate
/// (`∀ x ∈ s,`) is kept whole; what is not flattened still compares, only less eagerly.
enum CanonicalStatement {
  /// The normal form of a theorem with `binders` (name, type) and `conclusion`.
  static func normalized(binders: [(name: String, type: String)], conclusion: String) -> String {
    var flat: [(name: Substring, type: Substring)] = binders.map { (Substring($0.name), Substring($0.type)) }
    let bytes = Array(conclusion.utf8)
    let body = flatten(bytes, into: &flat)
    var text = ""
    text.reserveCapacity(conclusion.utf8.count + flat.count * 24)
    if !flat.isEmpty {
      text += "∀"
      for (name, type) in flat {
        text += " ("
        text += name
        text += " : "
        text += unwrapped(type)
        text += ")"
      }
      text += ", "
    }
    text += unwrapped(body)
    return StatementNormalizer.normalized(text)
  }

  /// The normal form of a closed type (a theorem's type as its symbol stores it).
  static func normalized(type: String) -> String {
    normalized(binders: [], conclusion: type)
  }

  /// The name an anonymous premise (`A → B`) gets: a simple name, so that the normalizer numbers
  /// it as it numbers a named hypothesis.
  static let anonymous: Substring = "_anonymous"

  /// Moves the leading binders of `bytes` into `binders` and returns what is left.
  private static func flatten(_ bytes: [UInt8], into binders: inout [(name: Substring, type: Substring)])
    -> Substring
  {
    var start = skipSpace(bytes, 0)
    while start < bytes.count {
      if let (groups, next) = forallBinders(bytes, from: start) {
        binders += groups
        start = skipSpace(bytes, next)
      } else if let arrow = topLevelArrow(bytes, from: start) {
        binders.append((anonymous, text(bytes, start..<arrow)))
        start = skipSpace(bytes, arrow + 5)
      } else {
        break
      }
    }
    return text(bytes, start..<bytes.count)
  }

  /// The binders of a `∀` at `start` and where its body begins; nil when `start` holds no `∀`
  /// or its binders are not plain (`∀ x ∈ s,`, `(x : T := v)`).
  private static func forallBinders(_ bytes: [UInt8], from start: Int) -> ([(name: Substring, type: Substring)], Int)? {
    // ∀ is E2 88 80.
    guard start + 3 <= bytes.count, bytes[start] == 0xE2, bytes[start + 1] == 0x88, bytes[start + 2] == 0x80 else {
      return nil
    }
    var binders: [(name: Substring, type: Substring)] = []
    var index = skipSpace(bytes, start + 3)
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ",") {
        return binders.isEmpty ? nil : (binders, index + 1)
      }
      if let close = closing(bytes, at: index) {
        let isInstance = byte == UInt8(ascii: "[")
        let openLength = byte < 0x80 ? 1 : 3
        let inner = (index + openLength)..<(close)
        if let colon = topLevelColon(bytes, in: inner) {
          let type = text(bytes, skipSpace(bytes, colon + 1)..<trimEnd(bytes, inner.upperBound))
          let names = text(bytes, inner.lowerBound..<colon).split(whereSeparator: \.isWhitespace)
          guard !names.isEmpty, !type.isEmpty, !type.hasPrefix("=") else { return nil }
          for name in names { binders.append((name, type)) }
        } else if isInstance {
          binders.append((anonymous, text(bytes, inner)))
        } else {
          for name in text(bytes, inner).split(whereSeparator: \.isWhitespace) { binders.append((name, "_")) }
        }
        index = skipSpace(bytes, close + (bytes[close] < 0x80 ? 1 : 3))
        continue
      }
      // A bare name (`∀ x y, P`); anything else is a binder predicate or notation: not flattened.
      guard let (scalar, _) = scalar(bytes, at: index), PrintedText.isIdentifierStart(scalar) else { return nil }
      var end = index
      while end < bytes.count, !PrintedText.isSpace(bytes[end]), bytes[end] != UInt8(ascii: ",") { end += 1 }
      binders.append((text(bytes, index..<end), "_"))
      index = skipSpace(bytes, end)
    }
    return nil
  }

  /// Words that, at the top level before an arrow, make the arrow part of their body.
  private static let openEnded: Set<Substring> = [
    "fun", "let", "have", "show", "if", "match", "by", "do", "from", "suffices", "calc",
  ]
  /// Symbols that bind looser than `→` or open a body that extends to the right.
  private static let looseScalars: Set<Unicode.Scalar> = [
    "∀", "∃", "λ", "↔", "Σ", "Π", "∑", "∏", "⋃", "⋂", "⨆", "⨅", "∫", "∮", "≃", "⟶", "≅", "⥤", "$", "⇔",
  ]

  /// The byte offset of the first `→` (written ` → `) at the top level of `bytes[start...]`, when
  /// the text is an implication; nil when it is not or cannot be told.
  private static func topLevelArrow(_ bytes: [UInt8], from start: Int) -> Int? {
    var depth = 0
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { return nil }
      guard let (scalar, length) = scalar(bytes, at: index) else { return nil }
      if opening(scalar) {
        depth += 1
      } else if closingScalars.contains(scalar) {
        depth -= 1
        if depth < 0 { return nil }
      } else if depth == 0 {
        if scalar == "→" {
          // An arrow of a bundled map (`→+`, `→ₗ[R]`) is glued to what follows; `→` alone is spaced.
          guard index > start, PrintedText.isSpace(bytes[index - 1]), index + 3 < bytes.count,
            PrintedText.isSpace(bytes[index + 3])
          else { return nil }
          return index - 1
        }
        if looseScalars.contains(scalar) { return nil }
        if byte == UInt8(ascii: "<"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "|") { return nil }
        if byte >= 0x61 && byte <= 0x7A, index == start || !isWordByte(bytes[index - 1]) {
          var end = index
          while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
          if openEnded.contains(text(bytes, index..<end)) { return nil }
          index = end
          continue
        }
      }
      index += length
    }
    return nil
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte >= 0x80
  }

  private static let closingScalars: Set<Unicode.Scalar> = [")", "]", "}", "⦄", "⟩"]

  private static func opening(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "(" || scalar == "[" || scalar == "{" || scalar == "⦃" || scalar == "⟨"
  }

  /// The index of the bracket closing the one at `index`; nil when `index` opens none or it is
  /// never closed.
  private static func closing(_ bytes: [UInt8], at index: Int) -> Int? {
    guard let (first, _) = scalar(bytes, at: index), first == "(" || first == "[" || first == "{" || first == "⦃"
    else { return nil }
    var depth = 0
    var cursor = index
    while cursor < bytes.count {
      guard let (scalar, length) = scalar(bytes, at: cursor) else { return nil }
      if bytes[cursor] == UInt8(ascii: "\"") { return nil }
      if opening(scalar) {
        depth += 1
      } else if closingScalars.contains(scalar) {
        depth -= 1
        if depth == 0 { return cursor }
      }
      cursor += length
    }
    return nil
  }

  /// The `:` at depth 0 of `range` (not `:=`), if any.
  private static func topLevelColon(_ bytes: [UInt8], in range: Range<Int>) -> Int? {
    var depth = 0
    var index = range.lowerBound
    while index < range.upperBound {
      guard let (scalar, length) = scalar(bytes, at: index) else { return nil }
      if opening(scalar) {
        depth += 1
      } else if closingScalars.contains(scalar) {
        depth -= 1
      } else if depth == 0, scalar == ":" {
        return index
      }
      index += length
    }
    return nil
  }

  /// `type` without parentheses around the whole of it.
  static func unwrapped(_ type: Substring) -> Substring {
    var type = type
    while type.hasPrefix("("), type.hasSuffix(")") {
      let bytes = Array(type.utf8)
      guard closing(bytes, at: 0) == bytes.count - 1 else { break }
      type = type.dropFirst().dropLast()
      type = type.drop { $0 == " " }
      while type.last == " " { type = type.dropLast() }
    }
    return type
  }

  private static func scalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
    bytes.withUnsafeBufferPointer { PrintedText.scalar($0, at: index) }
  }

  private static func skipSpace(_ bytes: [UInt8], _ index: Int) -> Int {
    var index = index
    while index < bytes.count, PrintedText.isSpace(bytes[index]) { index += 1 }
    return index
  }

  private static func trimEnd(_ bytes: [UInt8], _ end: Int) -> Int {
    var end = end
    while end > 0, PrintedText.isSpace(bytes[end - 1]) { end -= 1 }
    return end
  }

  private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> Substring {
    Substring(String(decoding: bytes[range], as: UTF8.self))
  }
}
