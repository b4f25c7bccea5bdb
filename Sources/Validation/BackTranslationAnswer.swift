import Foundation
import LLM
import Records

/// Reads a back-translator's answer: the Lean statement it wrote for an informal statement.
///
/// The answer should be one fenced Lean block holding a `theorem` (the prompt asks for that);
/// the parser takes the first block that holds a declaration (or, without fences, the text from
/// the first declaration line), drops `import` and `set_option` lines (the record's header is in
/// scope already, and an option such as `autoImplicit true` or `maxHeartbeats 0` would undo what
/// the check relies on), keeps `open`, `universe` and `variable` lines before the declaration,
/// and restates the declaration as an
/// `example` (a theorem's proof replaced by `sorry`), so that whatever name the model coined
/// cannot collide with the library's.
public enum BackTranslationAnswer {
  /// What one answer gave.
  public enum Outcome: Sendable, Equatable {
    /// Lean text to compile after the record's header, and the declaration alone (for comparing).
    case statement(text: String, declaration: String)
    /// No usable Lean statement; `problem` says what to correct.
    case unparseable(problem: String)
  }

  /// The placeholder of the format the prompt shows; an answer repeating it is not a statement.
  public static let placeholder = "<statement>"

  /// The correction sent back after an unusable answer.
  public static func correction(for problem: String) -> String {
    "Your answer cannot be used: \(problem). Answer with one ```lean block that holds a single "
      + "`theorem name binders : statement := by sorry` (for a definition, its `def`) and nothing else."
  }

  /// Parses `answer`.
  public static func parse(_ answer: String) -> Outcome {
    let text = answer.replacingOccurrences(of: "\r\n", with: "\n")
    let candidates = fencedBlocks(text) + [text]
    for candidate in candidates {
      if let outcome = statement(in: candidate) { return outcome }
    }
    if text.contains(placeholder) || text.contains("<binders>") {
      return .unparseable(problem: "it repeats the placeholders of the format instead of a statement")
    }
    return .unparseable(
      problem: "it holds no Lean declaration (a line starting with theorem, lemma, example or def)")
  }

  /// The contents of the ```-fenced blocks of `text`, in order (see `FencedCode`).
  static func fencedBlocks(_ text: String) -> [String] { FencedCode.blocks(in: text) }

  /// The statement in `block`: its scope lines and its first declaration restated; nil when it
  /// holds no declaration.
  static func statement(in block: String) -> Outcome? {
    let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
    guard
      let start = lines.firstIndex(where: { line in
        let words = line.split(separator: " ")
        guard let first = words.first else { return false }
        let keyword =
          first.hasPrefix("@[") || ["private", "protected", "noncomputable"].contains(first)
          ? (words.dropFirst().first { !$0.hasPrefix("@[") && !$0.hasSuffix("]") } ?? "") : first
        return DeclarationHead.restatable.contains(String(keyword))
      })
    else { return nil }
    let scope = lines[..<start].filter { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return trimmed.hasPrefix("open ") || trimmed.hasPrefix("variable ") || trimmed.hasPrefix("universe ")
    }
    // The declaration runs to the end of the block, or to the first later line that starts a
    // command of its own at the left margin.
    var end = start + 1
    while end < lines.count {
      let line = lines[end]
      if let first = line.first, !first.isWhitespace, isCommandStart(line) { break }
      end += 1
    }
    let declaration = lines[start..<end].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    if declaration.contains(placeholder) || declaration.contains("<binders>") {
      return .unparseable(problem: "it repeats the placeholders of the format instead of a statement")
    }
    guard let head = DeclarationHead(declaration) else {
      return .unparseable(problem: "its declaration has no name or no statement after the keyword")
    }
    guard head.signature.contains(":") || head.keyword == "def" || head.keyword == "abbrev" else {
      return .unparseable(problem: "its declaration states no type (no `:` before `:=`)")
    }
    let statementKeywords: Set<String> = ["theorem", "lemma", "example", "axiom"]
    let restated = statementKeywords.contains(head.keyword) ? head.statementExample : head.example
    let text = (scope.map(String.init) + [restated]).joined(separator: "\n")
    return .statement(text: text, declaration: restated)
  }

  /// Whether `line` starts a new command (a second declaration, `#check`, `end`, …).
  private static func isCommandStart(_ line: Substring) -> Bool {
    let word = line.prefix { !$0.isWhitespace }
    return word.hasPrefix("#") || word.hasPrefix("@[") || word == "end" || word == "namespace" || word == "section"
      || word == "open" || word == "variable" || word == "import" || word == "/--" || word == "--"
      || DeclarationHead.restatable.contains(String(word)) || word == "structure" || word == "inductive"
      || word == "class"
  }
}
