import Foundation

/// Finds the universe names a pretty-printed type mentions (`Type u`, `Sort (max u v)`,
/// `List.{u_1}`), so that a declaration written from its type alone can declare them.
public enum UniverseNames {
  /// The names in order of first appearance.
  public static func scan(_ type: String) -> [String] {
    // Most types name no universe; skip those without reading them closely.
    guard mentionsUniverse(type) else { return [] }
    let scalars = Array(type.unicodeScalars)
    let tokens = tokenize(scalars)
    func text(_ token: Range<Int>) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[token])
      return String(view)
    }
    func isWord(_ token: Range<Int>, _ word: String) -> Bool {
      token.count == word.unicodeScalars.count && scalars[token].elementsEqual(word.unicodeScalars)
    }
    func isIdentifier(_ token: Range<Int>) -> Bool { isIdentifierStart(scalars[token.lowerBound]) }
    var names: [String] = []
    func add(_ token: Range<Int>) {
      let name = text(token)
      if !["max", "imax", "_"].contains(name), !names.contains(name) { names.append(name) }
    }
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      if isWord(token, "Type") || isWord(token, "Sort"), index + 1 < tokens.count {
        let next = tokens[index + 1]
        if isWord(next, "(") {
          index += 2
          var depth = 1
          while index < tokens.count, depth > 0 {
            if isWord(tokens[index], "(") { depth += 1 } else if isWord(tokens[index], ")") { depth -= 1 }
            if isIdentifier(tokens[index]) { add(tokens[index]) }
            index += 1
          }
          continue
        }
        if isIdentifier(next), !isWord(next, "Type"), !isWord(next, "Sort") { add(next) }
      } else if isWord(token, ".{") {
        index += 1
        while index < tokens.count, !isWord(tokens[index], "}") {
          if isIdentifier(tokens[index]) { add(tokens[index]) }
          index += 1
        }
      }
      index += 1
    }
    return names
  }

  private static let markers: [[UInt8]] = ["Type", "Sort", ".{"].map { Array($0.utf8) }

  /// Whether `type` contains `Type`, `Sort` or `.{`, without which it names no universe.
  private static func mentionsUniverse(_ type: String) -> Bool {
    var type = type
    return type.withUTF8 { bytes in
      markers.contains { marker in
        guard bytes.count >= marker.count else { return false }
        return (0...bytes.count - marker.count).contains { start in
          bytes[start] == marker[0] && memcmp(bytes.baseAddress! + start, marker, marker.count) == 0
        }
      }
    }
  }

  /// Identifiers (letters, digits, `_`, `'`, `!`, `?`, subscripts; dots inside), `.{`, and single
  /// other characters, as ranges of `scalars`; white space separates.
  private static func tokenize(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var tokens: [Range<Int>] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if isSpace(scalar) {
        index += 1
      } else if isIdentifierStart(scalar) {
        var end = index + 1
        while end < scalars.count, isIdentifierPart(scalars[end]) {
          // `List.{u}`: the dot opens explicit universes rather than continuing the name.
          if scalars[end] == ".", end + 1 < scalars.count, scalars[end + 1] == "{" { break }
          end += 1
        }
        tokens.append(index..<end)
        index = end
      } else if scalar == ".", index + 1 < scalars.count, scalars[index + 1] == "{" {
        tokens.append(index..<index + 2)
        index += 2
      } else {
        tokens.append(index..<index + 1)
        index += 1
      }
    }
    return tokens
  }

  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      ? scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" : scalar.properties.isWhitespace
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
  }

  private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    isLetter(scalar) || scalar == "_"
  }

  private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      return isLetter(scalar) || ("0"..."9").contains(scalar) || "_'!?.".unicodeScalars.contains(scalar)
    }
    return isLetter(scalar) || scalar.properties.numericType != nil
  }
}
