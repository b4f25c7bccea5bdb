/// FTS5 query text built from tokens, so that no input can be read as query syntax.
enum MatchExpression {
  /// Matches documents holding any of `terms`, optionally only those of one source. No column
  /// filter is needed (tags cannot collide with terms), and none is used: a filter makes FTS5
  /// read every position list of every term, several times the cost of the search itself. Every term is a quoted string (`"` doubled inside), so `NEAR`, `*`, `:`, `-`
  /// or parentheses are never operators.
  static func anyOf(_ terms: [String], source: RetrievalSource?) -> String {
    joined(terms, by: "OR", source: source)
  }

  /// Matches documents holding all of `terms`, optionally only those of one source.
  static func allOf(_ terms: [String], source: RetrievalSource?) -> String {
    joined(terms, by: "AND", source: source)
  }

  private static func joined(_ terms: [String], by connective: String, source: RetrievalSource?) -> String {
    let inner = terms.map(quoted).joined(separator: " \(connective) ")
    var expression = "(\(inner))"
    if let source {
      expression += " AND source_tag : \(quoted(source.tag))"
    }
    return expression
  }

  /// `text` as an FTS5 string literal.
  static func quoted(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + text + "\"" }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
