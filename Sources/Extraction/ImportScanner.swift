import Foundation

/// Reads the `import` lines of a Lean file's header without running Lean.
enum ImportScanner {
  /// The modules imported by `text`, in order.
  static func imports(of text: String) -> [String] {
    var result: [String] = []
    var inBlockComment = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = Substring(rawLine)
      if inBlockComment > 0 {
        guard let end = line.range(of: "-/") else { continue }
        inBlockComment -= 1
        line = line[end.upperBound...]
      }
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty || trimmed.hasPrefix("--") { continue }
      // Imports come before the module docstring, so it ends the header.
      if trimmed.hasPrefix("/-!") { break }
      if trimmed.hasPrefix("/-") {
        if trimmed.dropFirst(2).range(of: "-/") == nil { inBlockComment += 1 }
        continue
      }
      var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      if words.first == "prelude" || words.first == "module" { continue }
      if words.first == "public" || words.first == "private" || words.first == "meta" { words.removeFirst() }
      guard words.first == "import" else { break }
      for word in words.dropFirst() where word != "all" && !word.hasPrefix("--") {
        result.append(word.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: ""))
      }
    }
    return result
  }
}
