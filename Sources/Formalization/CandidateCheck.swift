import Foundation
import Records

/// The verdict on one candidate from the compile check of the file with it: Lean checks the
/// whole file, and the earlier items compiled before, so any error is the candidate's (Lean
/// elaborates commands in order; a later one cannot break an earlier one).
struct CandidateCheck: Sendable, Hashable {
  /// `ok`, `sorry`, `lean_error`, `timeout`, `repl_error`, `crashed` or `not_run`.
  var outcome: String
  /// Lean's errors, positioned in the candidate's own lines where they fall in it.
  var errors: [String]
  /// Whether the candidate may be accepted: it compiles, and a definition or proof uses no sorry.
  var passed: Bool
  /// Why it does not pass, for the report and the repair message.
  var problem: String?

  /// Outcomes a fault of the REPL gave, not Lean.
  static let faults: Set<String> = ["timeout", "repl_error", "crashed"]

  /// The verdict on `code` (of `form`) placed at `placement`, from `compile`.
  init(
    compile: RecordValidation.Compile, placement: SectionLeanFile.Placement, code: String, form: CandidateAnswer.Form
  ) {
    let errorMessages = compile.messages.filter { $0.severity == "error" }
    errors = errorMessages.map { message in
      let firstLine = message.text.split(separator: "\n").first.map(String.init) ?? message.text
      let rest = message.text.split(separator: "\n").dropFirst().prefix(6).joined(separator: "\n")
      let text = rest.isEmpty ? firstLine : firstLine + "\n" + rest
      if let line = placement.codeLine(message.line) { return "line \(line): \(text)" }
      return "line \(message.line) of the file: \(text)"
    }
    if compile.outcome == "not_run" || Self.faults.contains(compile.outcome) {
      outcome = compile.outcome
      passed = false
      problem = compile.detail ?? compile.outcome
      return
    }
    if !errorMessages.isEmpty || compile.outcome == "lean_error" {
      outcome = "lean_error"
      passed = false
      problem = "Lean reports \(max(1, errorMessages.count)) error(s)"
      return
    }
    let sorryWarning = compile.messages.contains { message in
      message.severity == "warning" && message.text.contains("sorry") && placement.lines.contains(message.line)
    }
    let usesSorry = sorryWarning || Self.mentionsSorry(code)
    outcome = usesSorry ? "sorry" : "ok"
    switch form {
    case .statement:
      passed = true
    case .definition, .proof:
      passed = !usesSorry
      problem = usesSorry ? "it uses sorry" : nil
    }
  }

  /// Whether `code` holds the word `sorry`.
  static func mentionsSorry(_ code: String) -> Bool {
    code.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "'" }).contains("sorry")
  }
}
