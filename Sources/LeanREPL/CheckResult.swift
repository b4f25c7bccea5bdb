/// The verdict on one check: the outcome, Lean's messages, and whether it passes.
public struct CheckResult: Sendable, Hashable, Codable {
  public var outcome: CompileOutcome
  /// Lean's messages, positioned in the whole checked text (for a failed header: in the header).
  public var messages: [LeanMessage]
  /// For `repl_error`, `crashed`, `timeout` and `not_run`: what happened and what to do (stderr
  /// tail, reason, remedy); nil otherwise.
  public var detail: String?
  /// Wall-clock seconds, waiting for a worker included.
  public var seconds: Double
  /// The decision rule for the check's mode: a statement passes with `ok` or `sorry`, a proof
  /// only with `ok`. Never true for `timeout`, `repl_error`, `crashed` or `not_run`.
  public var passed: Bool

  /// A result whose `passed` follows from `outcome` and `mode`.
  public init(
    outcome: CompileOutcome, messages: [LeanMessage] = [], detail: String? = nil, seconds: Double = 0,
    mode: CheckMode
  ) {
    self.outcome = outcome
    self.messages = messages
    self.detail = detail
    self.seconds = seconds
    switch outcome {
    case .ok: passed = true
    case .sorry: passed = mode == .statement
    case .leanError, .timeout, .replError, .crashed, .notRun: passed = false
    }
  }

  /// A check that was not made, with the reason (no REPL configured, cancelled, …).
  public static func notRun(reason: String) -> CheckResult {
    CheckResult(outcome: .notRun, detail: reason, mode: .statement)
  }

  /// The outcome a REPL reply gives under the decision rule (lean-repl-protocol.md §3): error
  /// messages make `lean_error`; otherwise a sorry entry or a sorry warning makes `sorry`.
  static func outcome(messages: [LeanMessage], sorries: Int) -> CompileOutcome {
    if messages.contains(where: { $0.severity == .error }) { return .leanError }
    if sorries > 0 || messages.contains(where: \.isSorryWarning) { return .sorry }
    return .ok
  }
}
