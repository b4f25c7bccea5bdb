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
  public static func normalized(_ text: String) -> String {
    let tokens = tokenize(text)
    var renamed: [String: String] = [:]
    var bound = 0
    var output: [String] = []
    output.reserveCapacity(tokens.count)
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      if let names = binderNames(tokens, after: index) {
        output.append(token)
        for name in names.indices {
          let canonical = "_b\(bound)"
          bound += 1
          renamed[tokens[name]] = canonical
          output.append(canonical)
        }
        index = names.upperBound
        continue
      }
      output.append(rename(token, renamed))
      index += 1
    }
    return output.joined(separator: " ")
  }

  /// Tokens opening a binder when followed by names.
  private static let brackets: Set<String> = ["(", "{", "⦃", "["]
  private static let quantifiers: Set<String> = [
    "∀", "∃", "∃!", "fun", "λ", "Π", "Σ", "∑", "∏", "⋃", "⋂", "⨆", "⨅", "∫",
  ]
  /// Tokens that end the names of a quantifier's binder.
  private static let binderEnds: Set<String> = [":", ",", "=", "↦", "∈", "∉", "<", ">", "≤", "≥", "⊆", "⊂", "∣"]

  /// The token indices of the names bound right after `tokens[index]`, when it opens a binder.
  private static func binderNames(_ tokens: [String], after index: Int) -> Range<Int>? {
    let opener = tokens[index]
    let isBracket = brackets.contains(opener)
    guard isBracket || quantifiers.contains(opener) else { return nil }
    var end = index + 1
    while end < tokens.count, isSimpleName(tokens[end]) { end += 1 }
    guard end > index + 1, end < tokens.count else { return nil }
    let terminator = tokens[end]
    // `(f x)` applies f; only `(x y : T)` binds.
    if isBracket ? terminator == ":" : (binderEnds.contains(terminator) || terminator == "(") {
      return (index + 1)..<end
    }
    // `⦃x y⦄` and `{x y}` bind without a type.
    if (opener == "⦃" && terminator == "⦄") || (opener == "{" && terminator == "}") { return (index + 1)..<end }
    return nil
  }

  /// A name a binder can introduce: an identifier without dots, not `_`.
  private static func isSimpleName(_ token: String) -> Bool {
    guard let first = token.unicodeScalars.first, isIdentifierStart(first) else { return false }
    return token != "_" && !token.contains(".")
  }

  /// `token` with a bound name (or the head of a dotted name) renamed.
  private static func rename(_ token: String, _ renamed: [String: String]) -> String {
    if let canonical = renamed[token] { return canonical }
    if let dot = token.firstIndex(of: "."), let canonical = renamed[String(token[..<dot])] {
      return canonical + token[dot...]
    }
    return token
  }

  /// The tokens of `text`: identifiers (dotted names, `«…»` escapes, subscripts and primes
  /// included) and numbers whole, comments and white space dropped, other characters one each.
  static func tokenize(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var tokens: [String] = []
    var index = 0
    func string(_ range: Range<Int>) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      return String(view)
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar.properties.isWhitespace {
        index += 1
      } else if scalar == "-", index + 1 < scalars.count, scalars[index + 1] == "-" {
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
      } else if scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "-" {
        var depth = 0
        while index < scalars.count {
          if scalars[index] == "/", index + 1 < scalars.count, scalars[index + 1] == "-" {
            depth += 1
            index += 2
          } else if scalars[index] == "-", index + 1 < scalars.count, scalars[index + 1] == "/" {
            depth -= 1
            index += 2
            if depth == 0 { break }
          } else {
            index += 1
          }
        }
      } else if isIdentifierStart(scalar) || scalar == "«" {
        let start = index
        while index < scalars.count {
          let current = scalars[index]
          if current == "«" {
            while index < scalars.count, scalars[index] != "»" { index += 1 }
            index += 1
          } else if isIdentifierPart(current) {
            index += 1
          } else if current == ".", index + 1 < scalars.count,
            isIdentifierPart(scalars[index + 1]) || scalars[index + 1] == "«"
          {
            index += 1
          } else {
            break
          }
        }
        tokens.append(string(start..<index))
      } else if scalar.properties.numericType != nil, scalar.isASCII {
        let start = index
        while index < scalars.count, scalars[index].isASCII,
          scalars[index].properties.numericType != nil || scalars[index] == "."
        {
          index += 1
        }
        tokens.append(string(start..<index))
      } else if scalar == "∃", index + 1 < scalars.count, scalars[index + 1] == "!" {
        tokens.append("∃!")
        index += 2
      } else {
        tokens.append(String(Character(scalar)))
        index += 1
      }
    }
    return tokens
  }

  private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == "_" { return true }
    // Lean's letter-like symbols: Greek (but not λ, Π, Σ, which are syntax), letter-like and
    // subscripts are allowed; ∀ ∃ and operators are not letters to Unicode either.
    if scalar == "λ" || scalar == "Π" || scalar == "Σ" { return false }
    return scalar.properties.isAlphabetic
  }

  private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
    if isIdentifierStart(scalar) || scalar == "'" || scalar == "!" || scalar == "?" { return true }
    if scalar.isASCII, scalar.properties.numericType != nil { return true }
    // Subscripts ₀–₉ and letter subscripts.
    return (0x2080...0x209C).contains(scalar.value) || (0x1D62...0x1D6A).contains(scalar.value)
  }
}
