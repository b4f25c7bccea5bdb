import Testing

@testable import LeanREPL

/// The decision rule (§3): statements pass without errors, proofs also need no sorry.
@Suite struct CheckResultTests {
  private static let straight = LeanMessage(
    severity: .warning, line: 1, column: 8, text: "declaration uses 'sorry'")
  private static let backtick = LeanMessage(
    severity: .warning, line: 1, column: 8, text: "declaration uses `sorry`")
  private static let error = LeanMessage(severity: .error, line: 2, column: 4, text: "unsolved goals")
  private static let unused = LeanMessage(severity: .warning, line: 1, column: 0, text: "unused variable `h`")

  @Test(
    arguments: [
      ([LeanMessage](), 0, CompileOutcome.ok),
      ([unused], 0, .ok),
      ([straight], 0, .sorry),
      ([backtick], 0, .sorry),
      ([], 1, .sorry),
      ([error, backtick], 1, .leanError),
      ([LeanMessage(severity: .info, line: 1, column: 0, text: "declaration uses `sorry`")], 0, .ok),
    ])
  func outcomes(messages: [LeanMessage], sorries: Int, expected: CompileOutcome) {
    #expect(CheckResult.outcome(messages: messages, sorries: sorries) == expected)
  }

  @Test(arguments: CompileOutcome.allCases)
  func whoPasses(outcome: CompileOutcome) {
    let statement = CheckResult(outcome: outcome, mode: .statement).passed
    let proof = CheckResult(outcome: outcome, mode: .proof).passed
    #expect(statement == (outcome == .ok || outcome == .sorry))
    #expect(proof == (outcome == .ok))
  }

  @Test func notRunNeverPasses() {
    let result = CheckResult.notRun(reason: "no REPL configured")
    #expect(result.outcome == .notRun && !result.passed && result.detail == "no REPL configured")
  }

  @Test func messagesMoveDownButPositionlessOnesStay() {
    let moved = LeanMessage(severity: .error, line: 2, column: 4, endLine: 3, endColumn: 1, text: "x").shifted(by: 5)
    #expect(moved.line == 7 && moved.endLine == 8 && moved.column == 4)
    #expect(LeanMessage(severity: .error, line: 0, column: 0, text: "tactic").shifted(by: 5).line == 0)
  }
}
