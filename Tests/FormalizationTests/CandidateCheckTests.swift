import Records
import Sections
import Testing

@testable import Formalization

/// The verdict on a candidate from the check of the whole file with it.
@Suite struct CandidateCheckTests {
  static let section = ParsedSection(
    format: .latex, title: "T", number: nil, label: nil, introduction: "", items: [], unknownMacros: [],
    warnings: [])
  static let item = SectionItem(
    index: 2, kind: .definition, label: "d", number: "1.2", title: nil, text: "A definition.", references: [],
    proof: nil)

  /// The file with an earlier theorem (whose sorry warning is its own) and `code` placed after it.
  static func placed(_ code: String) -> SectionLeanFile.Placement {
    var file = SectionLeanFile(header: "import Mathlib", section: section, source: "s.tex")
    file.accept(
      "theorem earlier : True := by sorry",
      for: SectionItem(
        index: 1, kind: .lemma, label: "l", number: "1.1", title: nil, text: "True.", references: [], proof: nil))
    return file.appending(code, for: item)
  }

  static func message(_ severity: String, line: Int, _ text: String) -> RecordValidation.Message {
    RecordValidation.Message(severity: severity, line: line, column: 0, endLine: nil, endColumn: nil, text: text)
  }

  @Test func errorsInTheCandidateArePositionedInItsOwnLines() {
    let placement = Self.placed("open Nat\ndef d : ℕ :=\n  oops")
    let lines = placement.text.split(separator: "\n", omittingEmptySubsequences: false)
    let bodyLine = lines.firstIndex(of: "  oops")! + 1
    let check = CandidateCheck(
      compile: RecordValidation.Compile(
        outcome: "lean_error", messages: [Self.message("error", line: bodyLine, "unknown identifier 'oops'")]),
      placement: placement, code: "open Nat\ndef d : ℕ :=\n  oops", form: .definition)
    #expect(check.outcome == "lean_error")
    #expect(!check.passed)
    #expect(check.errors == ["line 3: unknown identifier 'oops'"])
  }

  @Test func anEarlierItemsSorryDoesNotCountAgainstADefinitionButItsOwnDoes() {
    let placement = Self.placed("def d : ℕ := 1")
    let lines = placement.text.split(separator: "\n", omittingEmptySubsequences: false)
    let earlier = lines.firstIndex { $0.hasPrefix("theorem earlier") }! + 1
    let own = lines.firstIndex(of: "def d : ℕ := 1")! + 1
    let warning = "declaration uses 'sorry'"
    let clean = CandidateCheck(
      compile: RecordValidation.Compile(outcome: "sorry", messages: [Self.message("warning", line: earlier, warning)]),
      placement: placement, code: "def d : ℕ := 1", form: .definition)
    #expect(clean.outcome == "ok")
    #expect(clean.passed)
    let dirty = CandidateCheck(
      compile: RecordValidation.Compile(outcome: "sorry", messages: [Self.message("warning", line: own, warning)]),
      placement: placement, code: "def d : ℕ := 1", form: .definition)
    #expect(dirty.outcome == "sorry")
    #expect(!dirty.passed)
  }

  @Test(arguments: ["timeout", "crashed", "repl_error", "not_run"])
  func aCheckThatDidNotRunNeitherPassesNorFails(_ outcome: String) {
    let check = CandidateCheck(
      compile: RecordValidation.Compile(outcome: outcome, detail: "the REPL \(outcome)"),
      placement: Self.placed("def d : ℕ := 1"), code: "def d : ℕ := 1", form: .definition)
    #expect(check.outcome == outcome)
    #expect(!check.passed)
    #expect(check.problem == "the REPL \(outcome)")
  }
}
