import Foundation

/// Reads the `import` lines of a Lean file's header without running Lean.
enum ImportScanner {
  /// Whether `name` can be a module name: dot-separated non-empty components without path
  /// characters. Names from sources and lakefiles become file paths, so nothing else may pass.
  static func isModuleName(_ name: String) -> Bool {
    let components = name.split(separator: ".", omittingEmptySubsequences: false)
    return !components.isEmpty
      && components.allSatisfy { component in
        !component.isEmpty && !component.contains("/") && !component.contains("\\") && !component.contains("\0")
      }
  }

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
      for word in words.dropFirst() {
        if word.hasPrefix("--") || word.hasPrefix("/-") { break }
        guard word != "all" else { continue }
        let name = word.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "")
        if isModuleName(name) { result.append(name) }
      }
    }
    return result
  }
}
