import HeraldCore

/// The texts herald stores for a declaration: sliced from the source when it is available,
/// else rebuilt from the analyzer's pretty-printed `pp` texts.
struct DeclarationText: Sendable {
  var text: String?
  var signature: String?
  var type: String?
  var value: String?
  var statement: String?

  init(_ entry: DeclarationEntry, source: SourceText?) {
    if let source, let text = entry.refRange.flatMap(source.slice) {
      self.text = text
      signature = entry.signatureRange.flatMap(source.slice) ?? entry.signatureText
      type = entry.typeRange.flatMap(source.slice) ?? entry.typeText
      value = entry.valueRange.flatMap(source.slice) ?? entry.valueText
      // The statement runs from the keyword (after doc comment and attributes) to the value.
      if let ref = entry.refRange {
        let start = max(ref.lowerBound, entry.modifiersRange?.upperBound ?? ref.lowerBound)
        let stop = entry.valueRange?.lowerBound ?? ref.upperBound
        statement = (start <= stop ? source.slice(start..<stop) : nil)?.trimmed
      }
      if statement == nil { statement = Self.statement(fromPrinted: text, entry: entry) }
      return
    }
    text = entry.refText
    signature = entry.signatureText
    type = entry.typeText
    statement = entry.refText.flatMap { Self.statement(fromPrinted: $0, entry: entry) }
    value = entry.valueText ?? Self.value(fromPrinted: entry.refText, statement: statement)
  }

  /// The command's head up to its value, from printed text: doc comment and attributes
  /// dropped, cut after the signature (or before `:=`).
  static func statement(fromPrinted printed: String, entry: DeclarationEntry) -> String? {
    var text = Substring(printed).drop { $0.isWhitespace }
    if text.hasPrefix("/--"), let end = TextScan.firstRange(of: "-/", in: text) {
      text = text[end.upperBound...].drop { $0.isWhitespace }
    }
    while text.hasPrefix("@[") {
      var depth = 0
      var cut = text.endIndex
      for index in text.indices {
        if text[index] == "[" { depth += 1 }
        if text[index] == "]" {
          depth -= 1
          if depth == 0 {
            cut = text.index(after: index)
            break
          }
        }
      }
      text = text[cut...].drop { $0.isWhitespace }
    }
    if let signature = entry.signatureText, !signature.isEmpty, let found = TextScan.firstRange(of: signature, in: text)
    {
      return text[..<found.upperBound].trimmed
    }
    for marker in [" :=", "\n  |", " where"] {
      if let found = TextScan.firstRange(of: marker, in: text) { return text[..<found.lowerBound].trimmed }
    }
    return text.split(separator: "\n", maxSplits: 1).first.map(\.trimmed)
  }

  /// The value from printed text: what follows the statement.
  static func value(fromPrinted printed: String?, statement: String?) -> String? {
    guard let printed, let statement, let found = TextScan.firstRange(of: statement, in: Substring(printed)) else {
      return nil
    }
    let rest = printed[found.upperBound...].trimmed
    return rest.isEmpty ? nil : rest
  }
}
