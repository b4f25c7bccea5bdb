import Foundation
import LLM

/// Reads a formalizer's answer: the Lean code it wrote for one item of a section (or, for
/// `--prove`, a theorem with its proof).
///
/// The first fenced block holding a declaration of the expected form counts (or, without fences,
/// the text from the first declaration line). `import` and `set_option` lines are dropped: the
/// file's header is fixed, and an option such as `autoImplicit true` would undo what the checks
/// rely on. A statement's proof is replaced by `by sorry`: the statement is what is being
/// formalized; proofs are asked separately, and only kept when they compile.
public enum CandidateAnswer {
  /// What the answer must hold.
  public enum Form: String, Sendable, Hashable, Codable {
    /// A `def`, `abbrev`, `structure`, `class` or `inductive` with its body.
    case definition
    /// One `theorem` (or `lemma`), its proof replaced by `by sorry`.
    case statement
    /// One `theorem` with a proof that does not use `sorry`.
    case proof

    /// What the prompt asks for.
    public var request: String {
      switch self {
      case .definition: "a `def`, `structure` or `abbrev` with its body"
      case .statement: "one `theorem` whose proof is `by sorry`"
      case .proof: "the whole theorem with its proof, without `sorry`"
      }
    }

    /// The declaration keywords this form accepts.
    var keywords: Set<String> {
      switch self {
      case .definition: ["def", "abbrev", "structure", "class", "inductive"]
      case .statement, .proof: ["theorem", "lemma"]
      }
    }
  }

  /// What one answer gave.
  public enum Outcome: Sendable, Equatable {
    /// Lean code to add to the file, and the name it declares (nil when none can be read).
    case code(String, name: String?)
    /// No usable code; `problem` says what to correct.
    case unparseable(problem: String)
  }

  /// The placeholder of the format the prompts show.
  static let placeholders = ["<Lean code>", "<theorem with its proof>"]

  /// The correction sent back after an unusable answer.
  public static func correction(for problem: String, form: Form) -> String {
    "Your answer cannot be used: \(problem). Answer with one ```lean block that holds \(form.request) and nothing else."
  }

  /// Parses `answer` as `form`.
  public static func parse(_ answer: String, form: Form, demonstrated: Set<String> = []) -> Outcome {
    let text = answer.replacingOccurrences(of: "\r\n", with: "\n")
    var firstProblem: String?
    // With fences, only fenced code counts: the prose around it is not Lean.
    let blocks = FencedCode.blocks(in: text)
    for block in blocks.isEmpty ? [text] : blocks {
      switch declaration(in: block, form: form) {
      case .some(.code(let code, let name)):
        if let name, demonstrated.contains(name) {
          firstProblem =
            firstProblem ?? "it copies the example of the prompt (`\(name)`) instead of formalizing the item"
          continue
        }
        return .code(code, name: name)
      case .some(.unparseable(let problem)): firstProblem = firstProblem ?? problem
      case nil: continue
      }
    }
    if let firstProblem { return .unparseable(problem: firstProblem) }
    if placeholders.contains(where: text.contains) {
      return .unparseable(problem: "it repeats the placeholder of the format instead of Lean code")
    }
    return .unparseable(
      problem: "it holds no Lean declaration (a line starting with \(form.keywords.sorted().joined(separator: ", ")))")
  }

  /// The names the assistant turns of a prompt's demonstration declare: an answer declaring one
  /// of them copied the demonstration.
  public static func demonstratedNames(_ answers: [String]) -> Set<String> {
    var names: Set<String> = []
    for answer in answers {
      for block in FencedCode.blocks(in: answer) {
        for line in block.split(separator: "\n") where keyword(of: String(line)) != nil {
          if let name = declaredName(String(line)) { names.insert(name) }
        }
      }
    }
    return names
  }

  /// The first declaration of `block` read as `form`: nil when the block declares nothing, a
  /// problem when it declares something of another form.
  static func declaration(in block: String, form: Form) -> Outcome? {
    let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(where: { keyword(of: $0) != nil }), let found = keyword(of: lines[start])
    else { return nil }
    guard form.keywords.contains(found) else {
      return .unparseable(problem: "it declares a `\(found)`, but this item needs \(form.request)")
    }
    let scope = lines[..<start].filter(isPlainOpen)
    // The declaration runs while its lines are indented (Lean's layout for a continued
    // command) or continue it at the margin (match cases, `deriving`, `termination_by`, …); any
    // other line at the left margin starts something else (another command, or the prose of an
    // answer that ran on).
    var end = start + 1
    while end < lines.count {
      let line = lines[end]
      if let first = line.first, !first.isWhitespace, !Self.continues(line) { break }
      end += 1
    }
    var declaration = lines[start..<end].filter { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return !trimmed.hasPrefix("import ") && !trimmed.hasPrefix("set_option ")
    }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    if found == "lemma", let range = declaration.range(of: "lemma") {
      // `lemma` is Mathlib's: `theorem` compiles with any header.
      declaration.replaceSubrange(range, with: "theorem")
    }
    let name = declaredName(declaration)
    if let command = Self.runsCode(declaration) {
      return .unparseable(problem: "it uses `\(command)`, which runs code instead of stating mathematics")
    }
    switch form {
    case .definition:
      let cases = declaration.split(separator: "\n").contains { $0.hasPrefix("|") || $0.hasPrefix("  |") }
      guard declaration.contains(":=") || cases || found != "def" && found != "abbrev" else {
        return .unparseable(problem: "the `\(found)` has no body (`:= …`)")
      }
      if CandidateCheck.mentionsSorry(declaration) {
        return .unparseable(problem: "the definition's body is sorry; a definition needs a real body")
      }
    case .statement:
      declaration = statementPart(declaration) + " := by sorry"
    case .proof:
      guard let value = bodyStart(declaration) else { return .unparseable(problem: "the theorem has no proof") }
      if CandidateCheck.mentionsSorry(String(declaration[value...])) {
        return .unparseable(problem: "the proof uses sorry")
      }
    }
    let code = (scope + [declaration]).joined(separator: "\n")
    return .code(code, name: name)
  }

  /// The declaration keyword a line starts with (after attributes and modifiers), if any.
  static func keyword(of line: String) -> String? {
    var words = line.split(separator: " ").map(String.init)[...]
    while let first = words.first,
      first.hasPrefix("@[") || first.hasSuffix("]") || ["private", "protected", "noncomputable"].contains(first)
    {
      words = words.dropFirst()
    }
    guard let first = words.first else { return nil }
    let all: Set<String> = [
      "def", "abbrev", "structure", "class", "inductive", "theorem", "lemma", "instance", "example",
    ]
    return all.contains(first) ? first : nil
  }

  /// Whether a line at the left margin continues the declaration before it.
  static func continues(_ line: String) -> Bool {
    line.hasPrefix("|")
      || ["deriving", "termination_by", "decreasing_by", "where"].contains {
        line.hasPrefix($0 + " ") || line == $0
      }
  }

  /// Whether `line` is a plain `open A B.C` line: other forms (`open … in` a command) could
  /// smuggle a command into the file.
  static func isPlainOpen(_ line: String) -> Bool {
    let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
    guard words.first == "open", words.count > 1 else { return false }
    return words.dropFirst().allSatisfy { word in
      word != "in" && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "'" }
    }
  }

  /// The command or API in `code` that would run code when the file is compiled, if any: a
  /// model's answer, steered by the section's text, must not run programs in the REPL.
  static func runsCode(_ code: String) -> String? {
    ["#eval", "#exit", "run_cmd", "run_tac", "run_elab", "run_meta", "IO.Process", "IO.FS", "System.FilePath"]
      .first { code.contains($0) }
  }

  /// A theorem's statement (up to its `:=`) with white space runs as single spaces, for telling
  /// whether a proof kept the statement it was asked for.
  public static func normalisedStatement(_ declaration: String) -> String {
    statementPart(declaration).split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The name after the declaration keyword.
  static func declaredName(_ declaration: String) -> String? {
    let words = declaration.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    guard let index = words.firstIndex(where: { keyword(of: $0) != nil }), index + 1 < words.count else { return nil }
    let name = words[index + 1].prefix { !"({[:⦃".contains($0) }
    return name.isEmpty ? nil : String(name)
  }

  /// The declaration up to its value: up to the first `:=` outside brackets, without it.
  static func statementPart(_ declaration: String) -> String {
    guard let start = bodyStart(declaration) else { return declaration }
    var head = String(declaration[..<start])
    head.removeLast(2)
    return head.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Where the value starts: just after the first `:=` outside brackets; nil without one.
  static func bodyStart(_ declaration: String) -> String.Index? {
    var depth = 0
    var index = declaration.startIndex
    while index < declaration.endIndex {
      let character = declaration[index]
      switch character {
      case "(", "[", "{", "⦃", "⟨": depth += 1
      case ")", "]", "}", "⦄", "⟩": depth = max(0, depth - 1)
      case ":":
        let next = declaration.index(after: index)
        if depth == 0, next < declaration.endIndex, declaration[next] == "=" {
          return declaration.index(after: next)
        }
      default: break
      }
      index = declaration.index(after: index)
    }
    return nil
  }
}
