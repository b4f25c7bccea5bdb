/// Finds the universe names a pretty-printed type mentions (`Type u`, `Sort (max u v)`,
/// `List.{u_1}`), so that a declaration written from its type alone can declare them.
enum UniverseNames {
  /// The names in order of first appearance.
  static func scan(_ type: String) -> [String] {
    let tokens = tokenize(type)
    var names: [String] = []
    func add(_ name: Substring) {
      let name = String(name)
      if !["max", "imax", "_"].contains(name), !names.contains(name) { names.append(name) }
    }
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      if token == "Type" || token == "Sort", index + 1 < tokens.count {
        let next = tokens[index + 1]
        if next == "(" {
          index += 2
          var depth = 1
          while index < tokens.count, depth > 0 {
            if tokens[index] == "(" { depth += 1 } else if tokens[index] == ")" { depth -= 1 }
            if isIdentifier(tokens[index]) { add(tokens[index]) }
            index += 1
          }
          continue
        }
        if isIdentifier(next), next != "Type", next != "Sort" { add(next) }
      } else if token == ".{" {
        index += 1
        while index < tokens.count, tokens[index] != "}" {
          if isIdentifier(tokens[index]) { add(tokens[index]) }
          index += 1
        }
      }
      index += 1
    }
    return names
  }

  /// Identifiers (letters, digits, `_`, `'`, `!`, `?`, subscripts; dots inside), `.{`, and single
  /// other characters; white space separates.
  private static func tokenize(_ text: String) -> [Substring] {
    var tokens: [Substring] = []
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character.isWhitespace {
        index = text.index(after: index)
      } else if isIdentifierStart(character) {
        var end = text.index(after: index)
        while end < text.endIndex, isIdentifierPart(text[end]) {
          // `List.{u}`: the dot opens explicit universes rather than continuing the name.
          if text[end] == ".", text[text.index(after: end)...].hasPrefix("{") { break }
          end = text.index(after: end)
        }
        tokens.append(text[index..<end])
        index = end
      } else if character == ".", text[text.index(after: index)...].hasPrefix("{") {
        let end = text.index(index, offsetBy: 2)
        tokens.append(text[index..<end])
        index = end
      } else {
        let end = text.index(after: index)
        tokens.append(text[index..<end])
        index = end
      }
    }
    return tokens
  }

  private static func isIdentifierStart(_ character: Character) -> Bool {
    character.isLetter || character == "_"
  }

  private static func isIdentifierPart(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_" || character == "'" || character == "!"
      || character == "?" || character == "."
  }

  private static func isIdentifier(_ token: Substring) -> Bool {
    token.first.map(isIdentifierStart) ?? false
  }
}
