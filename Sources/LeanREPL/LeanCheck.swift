/// One piece of Lean to compile: a header (imports, elaborated once per worker and reused) and
/// a body checked against it.
///
/// Two checks with the same imports in the same order share a header key, whatever the
/// comments, blank lines and spacing around them.
public struct LeanCheck: Sendable, Hashable {
  /// The normalised header: one `import M` line per module (plus, for an override, its other
  /// lines trimmed); also the key workers keep environments under. Empty: Lean's core only.
  public var header: String
  /// The text after the header, sent with the header's environment.
  public var body: String
  public var mode: CheckMode
  /// Lines of the original text before the body: added to the REPL's body positions so
  /// messages point into the whole text.
  public var bodyLineOffset: Int
  /// For each header line, its line in the original text (1-based), so header messages can be
  /// placed too; for an override, the override's own lines.
  public var headerSourceLines: [Int]

  /// Splits a whole Lean file: the header is its leading import lines (comments and blank lines
  /// around and between them allowed), the body the rest. With `headerOverride` (such as
  /// `"import Mathlib"`), the text's import lines are dropped and the override is the header.
  public init(text: String, mode: CheckMode = .statement, headerOverride: String? = nil) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let scan = HeaderScan(lines)
    body = lines[scan.bodyStart...].joined(separator: "\n")
    bodyLineOffset = scan.bodyStart
    self.mode = mode
    if let headerOverride {
      let normalised = Self.normalise(headerOverride)
      header = normalised.joined(separator: "\n")
      headerSourceLines = normalised.indices.map { $0 + 1 }
    } else {
      header = scan.imports.map { "import \($0.module)" }.joined(separator: "\n")
      headerSourceLines = scan.imports.map(\.line)
    }
  }

  /// A check from a header and a body given separately; the header is normalised the same way.
  public init(header: String, body: String, mode: CheckMode = .statement, bodyLineOffset: Int = 0) {
    let normalised = Self.normalise(header)
    self.header = normalised.joined(separator: "\n")
    self.body = body
    self.mode = mode
    self.bodyLineOffset = bodyLineOffset
    headerSourceLines = normalised.indices.map { $0 + 1 }
  }

  /// The header's lines in canonical form: trimmed, blank and comment lines dropped, and each
  /// `import A B` line split into one line per module.
  static func normalise(_ header: String) -> [String] {
    var result: [String] = []
    for raw in header.split(separator: "\n", omittingEmptySubsequences: false) {
      let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      guard let first = words.first, !first.hasPrefix("--") else { continue }
      if first == "import" {
        for module in words.dropFirst() {
          if module.hasPrefix("--") { break }
          result.append("import \(module)")
        }
      } else {
        result.append(words.joined(separator: " "))
      }
    }
    return result
  }

  /// The text sent in fresh-process mode: the header and the body as one command, and the
  /// number of lines the header takes in it.
  var combined: (text: String, headerLines: Int) {
    guard !header.isEmpty else { return (body, 0) }
    let headerLines = header.split(separator: "\n", omittingEmptySubsequences: false).count
    return (header + "\n" + body, headerLines)
  }
}

/// Finds where a Lean file's import lines end: a scan over leading blank lines, `--` comments,
/// nested `/- … -/` comments and `import` lines.
struct HeaderScan {
  /// One imported module and its line (1-based).
  struct Import: Equatable {
    var module: String
    var line: Int
  }

  var imports: [Import] = []
  /// Index of the first body line (the line after the last import; 0 without imports).
  var bodyStart = 0

  init(_ lines: [String]) {
    var commentDepth = 0
    for (index, line) in lines.enumerated() {
      var rest = Substring(line)
      var sawImport = false
      var isBody = false
      while true {
        if commentDepth > 0 {
          (commentDepth, rest) = Self.skipComment(rest, depth: commentDepth)
          if commentDepth > 0 { break }
          continue
        }
        rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
        if rest.isEmpty || rest.hasPrefix("--") { break }
        if rest.hasPrefix("/-") {
          commentDepth = 1
          rest = rest.dropFirst(2)
          continue
        }
        if rest.hasPrefix("import") && (rest.count == 6 || [" ", "\t"].contains(rest.dropFirst(6).first)) {
          sawImport = true
          rest = rest.dropFirst(6)
          // Module names up to the end of the line or a comment.
          while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if rest.isEmpty || rest.hasPrefix("--") {
              rest = ""
              break
            }
            if rest.hasPrefix("/-") { break }
            let module = rest.prefix { $0 != " " && $0 != "\t" && $0 != "\r" }
            imports.append(Import(module: String(module), line: index + 1))
            rest = rest.dropFirst(module.count)
          }
          continue
        }
        isBody = true
        break
      }
      if isBody { break }
      if sawImport { bodyStart = index + 1 }
    }
  }

  /// Skips comment text (nesting counted) up to where the comment closes: the depth then (0 once
  /// closed) and the text after the close (empty when the line ends inside the comment).
  private static func skipComment(_ text: Substring, depth: Int) -> (Int, Substring) {
    var depth = depth
    var rest = text
    while !rest.isEmpty {
      if rest.hasPrefix("/-") {
        depth += 1
        rest = rest.dropFirst(2)
      } else if rest.hasPrefix("-/") {
        depth -= 1
        rest = rest.dropFirst(2)
        if depth == 0 { return (0, rest) }
      } else {
        rest = rest.dropFirst()
      }
    }
    return (depth, rest)
  }
}
