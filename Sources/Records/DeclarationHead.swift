/// The head of a Lean declaration's text: its modifiers, keyword and name, and where its
/// signature starts, so the declaration can be restated as an `example`.
///
/// An `example` elaborates its signature and body exactly as the named declaration does, in the
/// same namespace and scope, but declares nothing: it is how a statement of a library is checked
/// in a file that imports the library (where its own name is taken), and how a model's answer is
/// checked whatever name it coined.
public struct DeclarationHead: Sendable, Hashable {
  /// Modifiers kept in front of `example` (`noncomputable`).
  public var modifiers: String
  /// The keyword: `theorem`, `lemma`, `def`, `abbrev`, `instance`, `axiom`, `opaque` or `example`.
  public var keyword: String
  /// The declared name as written (universe parameters included), nil for anonymous instances
  /// and examples.
  public var name: String?
  /// The universe parameters the name declares (`map_id.{u, v}` declares `u` and `v`): an
  /// `example` cannot, so a restated declaration needs them declared by `universe` lines.
  public var universeParameters: [String] {
    guard let name, let open = name.range(of: ".{"), name.hasSuffix("}") else { return [] }
    return name[open.upperBound..<name.index(before: name.endIndex)].split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
  }
  /// Everything after the name: binders, type and value.
  public var rest: Substring

  /// Keywords whose declarations can be restated as `example`; structures, inductives and
  /// classes declare more than one constant and cannot.
  public static let restatable: Set<String> = [
    "theorem", "lemma", "def", "abbrev", "instance", "axiom", "opaque", "example",
  ]

  /// Reads the head of `text` (leading white space, doc comments and attributes are skipped);
  /// nil when it does not start with a restatable declaration.
  public init?(_ text: String) {
    var rest = text[...]
    var modifiers = ""
    func skipSpace() { rest = rest.drop { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" } }
    skipSpace()
    // A doc comment or attributes in front: skipped, they do not change the statement.
    if rest.hasPrefix("/--"), let end = rest.range(of: "-/") {
      rest = rest[end.upperBound...]
      skipSpace()
    }
    if rest.hasPrefix("@["), let end = Self.closing(of: rest, open: "[", close: "]") {
      rest = rest[end...]
      skipSpace()
    }
    let droppable: Set<Substring> = ["private", "protected", "nonrec", "partial", "unsafe"]
    var keyword: Substring = ""
    while true {
      let word = rest.prefix { !$0.isWhitespace }
      if word == "noncomputable" {
        modifiers = "noncomputable "
      } else if !droppable.contains(word) {
        keyword = word
        break
      }
      rest = rest.dropFirst(word.count)
      skipSpace()
    }
    guard Self.restatable.contains(String(keyword)) else { return nil }
    self.keyword = String(keyword)
    self.modifiers = modifiers
    rest = rest.dropFirst(keyword.count)
    skipSpace()
    if keyword == "instance" {
      // `instance (priority := low) foo : C`: the priority has no place on an example.
      if rest.hasPrefix("(priority"), let end = Self.closing(of: rest, open: "(", close: ")") {
        rest = rest[end...]
        skipSpace()
      }
    }
    var name: Substring?
    if keyword != "example", let first = rest.first, !"({[⦃:|".contains(first), !rest.hasPrefix("where") {
      let token = Self.identifier(at: rest)
      name = token
      rest = rest.dropFirst(token.count)
    }
    guard name != nil || keyword == "instance" || keyword == "example" else { return nil }
    self.name = name.map(String.init)
    self.rest = rest
  }

  /// The declaration restated as an `example` (axioms and bodiless opaques get `:= sorry`; a
  /// `termination_by` or `decreasing_by` clause is dropped, since the restated body's calls go to
  /// the declared constant and it is no longer recursive).
  public var example: String {
    let body = Self.withoutTerminationClauses(rest)
    var text = modifiers + "example" + (body.first.map { $0 == " " || $0 == "\n" } ?? true ? "" : " ") + body
    if keyword == "axiom" || (keyword == "opaque" && !rest.contains(":=")) { text += " := sorry" }
    return text
  }

  /// The binders and type: `rest` up to its value (the first `:=` or `where` outside brackets,
  /// or a `|` of pattern-matching equations that starts a line), white space at the end dropped.
  /// A `|` inside the type (`0 ≤ |a|`) is the absolute value, not a value.
  public var signature: Substring {
    var depth = 0
    var index = rest.startIndex
    var previous: Character = " "
    var lineStart = true
    while index < rest.endIndex {
      let character = rest[index]
      switch character {
      case "(", "[", "{", "⦃", "⟨": depth += 1
      case ")", "]", "}", "⦄", "⟩": depth -= 1
      default:
        if depth == 0 {
          let tail = rest[index...]
          if tail.hasPrefix(":=") || (character == "|" && lineStart)
            || (previous.isWhitespace && tail.hasPrefix("where") && tail.dropFirst(5).first?.isLetter != true)
          {
            return Self.trimmingTrailingSpace(rest[..<index])
          }
        }
      }
      if character == "\n" {
        lineStart = true
      } else if !character.isWhitespace {
        lineStart = false
      }
      previous = character
      index = rest.index(after: index)
    }
    return Self.trimmingTrailingSpace(rest)
  }

  /// `text` without a trailing `termination_by` or `decreasing_by` clause (one that starts a line).
  static func withoutTerminationClauses(_ text: Substring) -> Substring {
    var end = text.endIndex
    var lineStart = text.startIndex
    while lineStart < text.endIndex {
      let line = text[lineStart...].prefix { $0 != "\n" }
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if lineStart > text.startIndex, trimmed.hasPrefix("termination_by") || trimmed.hasPrefix("decreasing_by") {
        end = lineStart
        break
      }
      lineStart = line.endIndex < text.endIndex ? text.index(after: line.endIndex) : text.endIndex
    }
    return trimmingTrailingSpace(text[..<end])
  }

  /// The statement alone as an `example` proved by `sorry`: what a statement check compiles.
  public var statementExample: String {
    let signature = signature
    let gap = signature.first.map { $0 == " " || $0 == "\n" } ?? true ? "" : " "
    return modifiers + "example" + gap + signature + " := sorry"
  }

  static func trimmingTrailingSpace(_ text: Substring) -> Substring {
    var end = text.endIndex
    while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
    return text[..<end]
  }

  /// The identifier at the start of `text`: name components, `«…»` escapes and `.{u, v}`
  /// universe parameters, up to white space or the first binder or colon.
  static func identifier(at text: Substring) -> Substring {
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      if character == "«", let end = text[index...].firstIndex(of: "»") {
        index = text.index(after: end)
      } else if character == ".", text[index...].dropFirst().first == "{",
        let end = closing(of: text[text.index(after: index)...], open: "{", close: "}")
      {
        index = end
      } else if character.isWhitespace || "({[⦃:".contains(character) {
        break
      } else {
        index = text.index(after: index)
      }
    }
    return text[text.startIndex..<index]
  }

  /// The index just after the bracket closing the one `text` starts with, nested brackets
  /// counted; nil when it is not closed.
  static func closing(of text: Substring, open: Character, close: Character) -> Substring.Index? {
    var depth = 0
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == open {
        depth += 1
      } else if text[index] == close {
        depth -= 1
        if depth == 0 { return text.index(after: index) }
      }
      index = text.index(after: index)
    }
    return nil
  }
}
