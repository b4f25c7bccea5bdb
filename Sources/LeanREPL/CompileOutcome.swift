/// How one compile check ended, in the taxonomy of production Lean services (kimina's statuses).
public enum CompileOutcome: String, Sendable, Hashable, Codable, CaseIterable {
  /// Compiled without error messages and without sorry.
  case ok
  /// Compiled with no error messages, but with a sorry (a `sorries` entry or the sorry warning).
  case sorry
  /// Lean reported at least one error message (see the check's messages and their positions).
  case leanError = "lean_error"
  /// No answer within the time limit: the worker was killed and will be restarted.
  case timeout
  /// The REPL answered something other than a verdict on the code: an error object, output that
  /// is not JSON, a header that failed to elaborate, or a setup problem (no project, no REPL).
  case replError = "repl_error"
  /// The REPL process died while checking (exit status or signal and stderr in the detail).
  case crashed
  /// No check was made (no REPL configured, cancelled, pool shut down); never a pass.
  case notRun = "not_run"
}
