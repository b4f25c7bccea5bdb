import Foundation

/// Reads the parts of a lakefile that module discovery needs, in the common forms of
/// `lakefile.toml` and `lakefile.lean`; unknown content is ignored.
enum LakefileParser {
  /// Which modules a library selects.
  enum Glob: Hashable {
    /// The module itself (`` `Foo ``, `"Foo"`).
    case one(String)
    /// Strict submodules (`.submodules`, `"Foo.+"`).
    case submodules(String)
    /// The module and its submodules (`.andSubmodules`, `"Foo.*"`).
    case andSubmodules(String)
  }

  /// A `lean_lib` target.
  struct Library: Hashable {
    var name: String
    var sourceDirectory: String = ""
    var globs: [Glob] = []
  }

  // MARK: lakefile.toml

  /// Libraries and `-D` options of a `lakefile.toml`.
  static func parseTOML(_ text: String) -> ([Library], [String]) {
    var libraries: [Library] = []
    var options: [String] = []
    var section = ""
    var current: Library?
    var roots: [String]?
    var globs: [Glob]?
    func flush() {
      guard var library = current else { return }
      library.globs = (globs ?? []) + (roots ?? (globs == nil ? [library.name] : [])).map { .one($0) }
      libraries.append(library)
      current = nil
      roots = nil
      globs = nil
    }
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      if line.hasPrefix("[[") {
        flush()
        section = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        if section == "lean_lib" { current = Library(name: "") }
        continue
      }
      if line.hasPrefix("[") {
        flush()
        section = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        continue
      }
      guard let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: "\""))
      let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if section == "leanOptions" || section.hasSuffix(".leanOptions") {
        options.append(option(key, value))
      } else if key == "leanOptions", value.hasPrefix("{") {
        options.append(contentsOf: inlineTable(value).map { option($0.0, $0.1) })
      } else if section == "lean_lib", current != nil {
        switch key {
        case "name": current?.name = unquote(value)
        case "srcDir": current?.sourceDirectory = unquote(value)
        case "roots": roots = stringArray(value)
        case "globs": globs = stringArray(value).map(tomlGlob)
        default: break
        }
      }
    }
    flush()
    return (libraries.filter { !$0.name.isEmpty }, options)
  }

  private static func tomlGlob(_ text: String) -> Glob {
    if text.hasSuffix(".+") { return .submodules(String(text.dropLast(2))) }
    if text.hasSuffix(".*") { return .andSubmodules(String(text.dropLast(2))) }
    return .one(text)
  }

  private static func stripComment(_ line: String) -> String {
    var inString = false
    for (offset, character) in line.enumerated() {
      if character == "\"" { inString.toggle() }
      if character == "#", !inString { return String(line.prefix(offset)) }
    }
    return line
  }

  private static func unquote(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
  }

  private static func stringArray(_ text: String) -> [String] {
    text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",").map { unquote(String($0)) }
      .filter { !$0.isEmpty }
  }

  private static func inlineTable(_ text: String) -> [(String, String)] {
    text.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")).split(separator: ",").compactMap { pair in
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { return nil }
      return (unquote(String(parts[0])), String(parts[1]).trimmingCharacters(in: .whitespaces))
    }
  }

  private static func option(_ key: String, _ value: String) -> String {
    "-D\(key)=\(unquote(value))"
  }

  // MARK: lakefile.lean

  /// Libraries and `-D` options of a `lakefile.lean`, read with patterns for the usual forms.
  static func parseLean(_ text: String) -> ([Library], [String]) {
    var libraries: [Library] = []
    var options: [String] = []
    // Top-level commands start in column 0; a library's settings are the indented lines after it.
    var blocks: [(head: String, body: String)] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let string = String(line)
      if let first = string.first, !first.isWhitespace, !string.hasPrefix("--") {
        blocks.append((string, ""))
      } else if !blocks.isEmpty {
        blocks[blocks.count - 1].body += string + "\n"
      }
    }
    // Options may be written inline (`leanOptions := #[⟨`autoImplicit, false⟩]`) or through a
    // named array, as Mathlib does (`abbrev mathlibLeanOptions := #[…]`, `leanOptions := mathlibLeanOptions`).
    var namedArrays: [String: String] = [:]
    for block in blocks {
      if let name = matches(#"^(?:@\[[^\]]*\]\s*)?(?:abbrev|def)\s+([\w.']+)"#, in: block.head).first?.first {
        namedArrays[name] = block.head + "\n" + block.body
      }
    }
    var seenOptions: Set<String> = []
    func addOptions(from text: String) {
      for match in matches(#"⟨\s*`([\w.«»]+)\s*,\s*([^⟩]+?)\s*⟩"#, in: text) where seenOptions.insert(match[0]).inserted
      {
        options.append("-D\(match[0])=\(optionValue(match[1]))")
      }
    }
    for block in blocks {
      let whole = block.head + "\n" + block.body
      for reference in matches(#"leanOptions\s*:=\s*([^\n]+)"#, in: whole) {
        let value = reference[0].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("#[") {
          addOptions(from: String(whole[whole.range(of: value)!.lowerBound...]))
        } else if let named = namedArrays[
          value.components(separatedBy: CharacterSet(charactersIn: " +")).first ?? value]
        {
          addOptions(from: named)
        }
      }
      guard let name = matches(#"^lean_lib\s+«?([\w.']+)»?"#, in: block.head).first?.first else { continue }
      var library = Library(name: name)
      if let directory = matches(#"srcDir\s*:=\s*"([^"]*)""#, in: block.body).first?.first {
        library.sourceDirectory = directory
      }
      var globs: [Glob] = []
      if let list = matches(#"globs\s*:=\s*#\[([^\]]*)\]"#, in: block.body).first?.first {
        for glob in matches(
          #"(\.submodules|\.andSubmodules|\.one|Glob\.submodules|Glob\.andSubmodules|Glob\.one)?\s*`([\w.«»]+)"#,
          in: list)
        {
          let target = glob[1].replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "")
          if glob[0].hasSuffix("andSubmodules") {
            globs.append(.andSubmodules(target))
          } else if glob[0].hasSuffix("submodules") {
            globs.append(.submodules(target))
          } else {
            globs.append(.one(target))
          }
        }
      }
      var roots: [String]?
      if let list = matches(#"roots\s*:=\s*#\[([^\]]*)\]"#, in: block.body).first?.first {
        roots = matches(#"`([\w.«»]+)"#, in: list).map { $0[0] }
      }
      library.globs = globs + (roots ?? (globs.isEmpty ? [name] : [])).map { .one($0) }
      libraries.append(library)
    }
    return (libraries, options)
  }

  /// A Lean `LeanOptionValue` as jixia's `-D` takes it: `.ofNat 3` → `3`, `.ofBool true` →
  /// `true`, `.ofString "x"` → `x`, plain literals as they are.
  static func optionValue(_ text: String) -> String {
    var value = text.trimmingCharacters(in: .whitespaces)
    for prefix in [
      ".ofNat", ".ofBool", ".ofString", "LeanOptionValue.ofNat", "LeanOptionValue.ofBool", "LeanOptionValue.ofString",
    ]
    where value.hasPrefix(prefix + " ") {
      value = String(value.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }
    return unquote(value)
  }

  /// Capture groups of every match of `pattern` in `text`.
  private static func matches(_ pattern: String, in text: String) -> [[String]] {
    guard let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
    let range = NSRange(text.startIndex..., in: text)
    return expression.matches(in: text, range: range).map { result in
      (1..<result.numberOfRanges).map { index in
        Range(result.range(at: index), in: text).map { String(text[$0]) } ?? ""
      }
    }
  }
}
