import Foundation
import Sections

/// The Lean file a section becomes, built item by item: the header, a module docstring naming
/// the source, then per item its original text in a comment and its Lean (or, when nothing was
/// accepted, the best candidate commented out with its errors). Every check compiles the file as
/// it stands plus one candidate, so an item is checked in exactly the environment it is written
/// into.
struct SectionLeanFile: Sendable {
  /// The text so far.
  private(set) var text: String
  /// The namespace the items are declared in (named after the section): a name the model gives
  /// an item cannot clash with the library's, and the section's own names come first when
  /// later items use them.
  let namespace: String
  /// The text checks compile: the file without its commented-out items.
  private(set) var checked: String
  /// The Lean of the items written as code so far, without their comments (what a proof
  /// prompt shows as the declarations in scope).
  private(set) var declarations = ""

  /// A file with `header` (import lines and any other lines that open it) and a module
  /// docstring describing `section` from `source`.
  init(header: String, section: ParsedSection, source: String) {
    var heading = section.title
    if let number = section.number { heading = "\(number) \(heading)" }
    // `noncomputable section`: a definition over the reals or by choice must not cost a repair
    // round for a missing `noncomputable`; the section ends with the file.
    var lines = [
      header.trimmingCharacters(in: .whitespacesAndNewlines), "", "set_option autoImplicit false", "",
      "noncomputable section", "",
    ]
    lines.append("/-!")
    lines.append("# \(Self.commentSafe(heading))")
    lines.append("")
    var origin = "Formalized by herald from `\(Self.commentSafe(source))`"
    if let label = section.label { origin += ", section `\(Self.commentSafe(label))`" }
    lines.append(origin + ", item by item; each item's original text is in the comment before it.")
    if !section.introduction.isEmpty {
      lines.append("")
      lines.append(Self.commentSafe(section.introduction))
    }
    lines.append("-/")
    namespace = Self.namespaceName(section)
    lines += ["", "namespace \(namespace)"]
    text = lines.joined(separator: "\n") + "\n"
    checked = text
  }

  /// The whole file: the text so far and the end of its namespace.
  var finished: String { text + "\nend \(namespace)\n" }

  /// A Lean identifier from the section's label (else its title), in upper camel case, ASCII
  /// letters and digits only: `section-kernels` gives `SectionKernels`.
  static func namespaceName(_ section: ParsedSection) -> String {
    let words = (section.label ?? section.title).split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
    let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    guard let first = name.first, first.isLetter else { return "Section" + name }
    return name
  }

  /// Where a candidate's code lands in the file: its lines there, and the line of the code as
  /// the model wrote it for each (the doc comment sits between the code's `open` lines and its
  /// declaration).
  struct Placement: Sendable, Hashable {
    /// The checked text with the candidate.
    var text: String
    /// What the candidate adds to the file: its `open` lines, doc comment and declaration.
    var block: String
    /// The file lines (1-based, inclusive) of the candidate's block.
    var lines: ClosedRange<Int>
    var scopeStart: Int
    var scopeCount: Int
    var declarationStart: Int

    /// The line of the model's code that file line `line` holds; nil outside the code.
    func codeLine(_ line: Int) -> Int? {
      if line >= scopeStart, line < scopeStart + scopeCount { return line - scopeStart + 1 }
      if line >= declarationStart, line <= lines.upperBound { return scopeCount + line - declarationStart + 1 }
      return nil
    }
  }

  /// The file with `code` appended as `item`'s accepted Lean.
  func appending(_ code: String, for item: SectionItem) -> Placement {
    let (scope, declaration) = Self.split(code)
    let scopeCount = scope.isEmpty ? 0 : Self.lineCount(scope)
    var block = "\n"
    if !scope.isEmpty { block += scope + "\n" }
    block += "/-- \(Self.commentSafe(Self.caption(item))): \(Self.commentSafe(item.text)) -/\n"
    let before = Self.lineCount(checked)
    let declarationStart = before + Self.lineCount(block) + 1
    block += declaration + "\n"
    return Placement(
      text: checked + block, block: block, lines: (before + 1)...(before + Self.lineCount(block)),
      scopeStart: before + 2,
      scopeCount: scopeCount, declarationStart: declarationStart)
  }

  /// Appends `code` as `item`'s accepted Lean.
  mutating func accept(_ code: String, for item: SectionItem) {
    let placement = appending(code, for: item)
    text += placement.block
    checked = placement.text
    declarations += (declarations.isEmpty ? "" : "\n") + code
  }

  /// Appends `item` without Lean: its text and `note` in a comment, and `code` (the best
  /// candidate, if any) commented out.
  mutating func reject(_ item: SectionItem, note: String, code: String?) {
    var block = "\n/- \(Self.commentSafe(Self.caption(item))): \(Self.commentSafe(item.text))\n\n"
    block += Self.commentSafe(note) + "\n"
    if let code { block += "\n" + Self.commentSafe(code) + "\n" }
    block += "-/\n"
    text += block
  }

  /// Appends `code` as `item`'s Lean with `note` above it (a candidate that could not be checked).
  mutating func add(_ code: String, for item: SectionItem, note: String) {
    text += "\n-- \(Self.oneLine(note))\n"
    accept(code, for: item)
  }

  /// "Lemma 1.3 [Title] (label)".
  static func caption(_ item: SectionItem) -> String { ItemContext.caption(item) }

  /// `code` split into its leading `open` lines and the declaration.
  static func split(_ code: String) -> (scope: String, declaration: String) {
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    let scopeCount = lines.prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("open ") }.count
    return (
      lines.prefix(scopeCount).joined(separator: "\n"),
      lines.dropFirst(scopeCount).joined(separator: "\n")
    )
  }

  /// `text` made safe inside a Lean comment: comment delimiters are broken up, since Lean's
  /// comments nest and a stray `-/` would end one early.
  static func commentSafe(_ text: String) -> String {
    text.replacingOccurrences(of: "-/", with: "- /").replacingOccurrences(of: "/-", with: "/ -")
  }

  /// `text` on one line.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// The number of lines of `text` (a final newline does not start a line).
  static func lineCount(_ text: String) -> Int {
    var count = 0
    var sawAny = false
    for byte in text.utf8 {
      sawAny = true
      if byte == UInt8(ascii: "\n") { count += 1 }
    }
    if sawAny, text.utf8.last != UInt8(ascii: "\n") { count += 1 }
    return count
  }
}
