/// Compares Lean statements up to white space, comments and the names of bound variables: the
/// cheap exact check made before any judge is asked.
///
/// The text is cut into tokens (identifiers and numbers whole, every other character alone, so
/// `a<=b` and `a <= b` agree), and every name bound by a binder — `(x y : T)`, `{x : T}`,
/// `⦃x⦄`, `[inst : C]`, `∀ x y,`, `∃ x,`, `fun x =>`, `λ x,` and the big operators — is renamed
/// to its binding order (`_b0`, `_b1`, …) from its binder on, including as the head of a dotted
/// name (`h.le`). Scoping is not tracked: a name bound again gets the next number from there on.
public enum StatementNormalizer {
  /// The normal form of a declaration's statement (its signature, name and keyword dropped; its
  /// value too unless `includingValue`), or of the text itself when it is not a declaration.
  public static func normalized(declaration: String, includingValue: Bool = false) -> String {
    guard let head = DeclarationHead(declaration) else { return normalized(declaration) }
    return normalized(String(includingValue ? head.rest : head.signature))
  }

  /// Whether two declarations state the same up to white space and bound names; with
  /// `includingValue` (definitions, whose body is their meaning) their values must agree too.
  public static func sameStatement(_ a: String, _ b: String, includingValue: Bool = false) -> Bool {
    normalized(declaration: a, includingValue: includingValue)
      == normalized(declaration: b, includingValue: includingValue)
  }

  /// The normal form of `text`: its tokens, bound names renamed, joined by single spaces.
  ///
  /// Tokens stay byte ranges of the text and the output is assembled as bytes: no string is
  /// made per token, and names compare as Lean compares them, byte for byte.
  public static func normalized(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      let tokens = tokenize(bytes)
      // Bound names with their numbers, the latest binding last (it wins, as in the text).
      var bound: [(name: Range<Int>, canonical: [UInt8])] = []
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count + bytes.count / 2)
      func append(_ range: Range<Int>) {
        if !output.isEmpty { output.append(0x20) }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
      }
      func binding(of range: Range<Int>) -> [UInt8]? {
        let name = UnsafeBufferPointer(rebasing: bytes[range])
        return bound.last { entry in
          entry.name.count == range.count && UnsafeBufferPointer(rebasing: bytes[entry.name]).elementsEqual(name)
        }?.canonical
      }
      var index = 0
      while index < tokens.count {
        let token = tokens[index]
        if let names = binderNames(tokens, after: index) {
          append(token.range)
          for name in names {
            let canonical = Array("_b\(bound.count)".utf8)
            bound.append((tokens[name].range, canonical))
            if !output.isEmpty { output.append(0x20) }
            output += canonical
          }
          index = names.upperBound
          continue
        }
        index += 1
        guard token.isIdentifier, !bound.isEmpty else {
          append(token.range)
          continue
        }
        // A bound name, or the head of a dotted name that starts with one (`h.le`).
        if let canonical = binding(of: token.range) {
          if !output.isEmpty { output.append(0x20) }
          output += canonical
        } else if let dot = bytes[token.range].firstIndex(of: UInt8(ascii: ".")),
          let canonical = binding(of: token.range.lowerBound..<dot)
        {
          if !output.isEmpty { output.append(0x20) }
          output += canonical
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[dot..<token.range.upperBound]))
        } else {
          append(token.range)
        }
      }
      return String(decoding: output, as: UTF8.self)
    }
  }

  /// One token, with what binder detection asks of it worked out once.
  struct Token {
    /// What a token is to binder detection.
    enum Role: Equatable {
      case other
      /// `(`, `{`, `⦃` or `[`, which open a binder when names and `:` follow.
      case bracket(Unicode.Scalar)
      /// `∀`, `∃`, `fun`, `λ`, the big operators: open a binder when names follow.
      case quantifier
      /// `:`, which ends the names of any binder.
      case colon
      /// Other tokens that end a quantifier's names (`,`, `=`, `∈`, `<`, …).
      case binderEnd
      /// `}` or `⦄`, which end `{x y}` and `⦃x y⦄`.
      case closer(Unicode.Scalar)
    }

    /// Where the token is, in bytes of the text.
    var range: Range<Int>
    var role: Role = .other
    /// Whether the token is an identifier (or `«…»` name).
    var isIdentifier = false
    /// Whether a binder can introduce it: an identifier without dots, not `_`, not escaped.
    var isSimpleName = false
  }

  private static let quantifierScalars: Set<Unicode.Scalar> = [
    "∀", "∃", "λ", "Π", "Σ", "∑", "∏", "⋃", "⋂", "⨆", "⨅", "∫",
  ]
  /// Tokens other than `:` that end the names of a quantifier's binder.
  private static let binderEndScalars: Set<Unicode.Scalar> = [
    ",", "=", "↦", "∈", "∉", "<", ">", "≤", "≥", "⊆", "⊂", "∣",
  ]

  /// The token indices of the names bound right after `tokens[index]`, when it opens a binder.
  private static func binderNames(_ tokens: [Token], after index: Int) -> Range<Int>? {
    let opener = tokens[index].role
    var isBracket = false
    if case .bracket = opener { isBracket = true }
    guard isBracket || opener == .quantifier else { return nil }
    var end = index + 1
    while end < tokens.count, tokens[end].isSimpleName { end += 1 }
    guard end > index + 1, end < tokens.count else { return nil }
    let terminator = tokens[end].role
    // `(f x)` applies f; only `(x y : T)` binds.
    if isBracket
      ? terminator == .colon
      : (terminator == .colon || terminator == .binderEnd || terminator == .bracket("("))
    {
      return (index + 1)..<end
    }
    // `⦃x y⦄` and `{x y}` bind without a type.
    if (opener == .bracket("⦃") && terminator == .closer("⦄"))
      || (opener == .bracket("{") && terminator == .closer("}"))
    {
      return (index + 1)..<end
    }
    return nil
  }

  /// The tokens of `text`: identifiers (dotted names, `«…»` escapes, subscripts and primes
  /// included) and numbers whole, comments and white space dropped, other characters one each.
  ///
  /// Read as UTF-8 bytes with ASCII decided without Unicode tables: this runs for every state
  /// the augmentation renders, so it is on a hot path.
  static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(bytes.count / 3)
    let count = bytes.count
    func byte(_ index: Int) -> UInt8 { index < count ? bytes[index] : 0 }
    var index = 0
    while index < count {
      let (scalar, length) = decode(bytes, at: index)
      if isWhitespace(scalar) {
        index += length
      } else if scalar == "-", byte(index + 1) == UInt8(ascii: "-") {
        while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
      } else if scalar == "/", byte(index + 1) == UInt8(ascii: "-") {
        var depth = 0
        while index < count {
          if bytes[index] == UInt8(ascii: "/"), byte(index + 1) == UInt8(ascii: "-") {
            depth += 1
            index += 2
          } else if bytes[index] == UInt8(ascii: "-"), byte(index + 1) == UInt8(ascii: "/") {
            depth -= 1
            index += 2
            if depth == 0 { break }
          } else {
            index += 1
          }
        }
      } else if isIdentifierStart(scalar) || scalar == "«" {
        let start = index
        while index < count {
          let (current, currentLength) = decode(bytes, at: index)
          if current == "«" {
            // To the closing `»` (or the end of the text when there is none).
            index += currentLength
            while index < count, decode(bytes, at: index).0 != "»" { index += decode(bytes, at: index).1 }
            if index < count { index += 2 }
          } else if isIdentifierPart(current) {
            index += currentLength
          } else if current == ".", index + 1 < count,
            isIdentifierPart(decode(bytes, at: index + 1).0) || decode(bytes, at: index + 1).0 == "«"
          {
            index += 1
          } else {
            break
          }
        }
        let range = start..<min(index, count)
        let word = UnsafeBufferPointer(rebasing: bytes[range])
        let isSimple =
          scalar != "«" && !(word.count == 1 && word[0] == UInt8(ascii: "_")) && !word.contains(UInt8(ascii: "."))
        // `fun` is the one word that opens a binder.
        let isFun =
          word.count == 3 && word[0] == UInt8(ascii: "f") && word[1] == UInt8(ascii: "u")
          && word[2] == UInt8(ascii: "n")
        tokens.append(
          Token(range: range, role: isFun ? .quantifier : .other, isIdentifier: true, isSimpleName: isSimple))
      } else if scalar.isASCII, scalar.properties.numericType != nil {
        let start = index
        while index < count, bytes[index] < 0x80,
          (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == UInt8(ascii: ".")
        {
          index += 1
        }
        tokens.append(Token(range: start..<index))
      } else if scalar == "∃", byte(index + length) == UInt8(ascii: "!") {
        tokens.append(Token(range: index..<index + length + 1, role: .quantifier))
        index += length + 1
      } else {
        tokens.append(Token(range: index..<index + length, role: role(of: scalar)))
        index += length
      }
    }
    return tokens
  }

  /// The role of a token of one character.
  private static func role(of scalar: Unicode.Scalar) -> Token.Role {
    switch scalar {
    case "(", "{", "⦃", "[": .bracket(scalar)
    case ":": .colon
    case "}", "⦄": .closer(scalar)
    default:
      if quantifierScalars.contains(scalar) {
        .quantifier
      } else if binderEndScalars.contains(scalar) {
        .binderEnd
      } else {
        .other
      }
    }
  }

  /// The scalar starting at `index` and its length in bytes (a broken sequence reads as U+FFFD
  /// of one byte, as Swift's own decoding would replace it).
  private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for offset in 1..<length { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }

  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
    return scalar.properties.isWhitespace
  }

  private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value | 0x20
      return scalar == "_" || (value >= 0x61 && value <= 0x7A)
    }
    // Lean's letter-like symbols: Greek (but not λ, Π, Σ, which are syntax), letter-like and
    // subscripts are allowed; ∀ ∃ and operators are not letters to Unicode either.
    if scalar == "λ" || scalar == "Π" || scalar == "Σ" { return false }
    return scalar.value < 0x3000 ? alphabeticBelow3000[Int(scalar.value)] : scalar.properties.isAlphabetic
  }

  /// `isAlphabetic` of U+0000–U+2FFF (Latin, Greek, letter-like symbols, subscripts, arrows and
  /// operators: what mathematics is written in), looked up once: Unicode's property tables are
  /// slow, and this runs for every character of every statement compared.
  private static let alphabeticBelow3000: [Bool] = (0..<0x3000).map { value in
    Unicode.Scalar(UInt32(value)).map(\.properties.isAlphabetic) ?? false
  }

  private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value
      return isIdentifierStart(scalar) || (value >= 0x30 && value <= 0x39) || scalar == "'" || scalar == "!"
        || scalar == "?"
    }
    if isIdentifierStart(scalar) { return true }
    // Subscripts ₀–₉ and letter subscripts.
    return (0x2080...0x209C).contains(scalar.value) || (0x1D62...0x1D6A).contains(scalar.value)
  }
}
