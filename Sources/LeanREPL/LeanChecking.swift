/// What compiles Lean for the stages: the REPL pool, or anything that answers like it.
public protocol LeanChecking: Sendable {
  /// The verdict on `check`; never throws (faults are outcomes).
  func check(_ check: LeanCheck) async -> CheckResult
  /// Header elaborations so far (for the report).
  func headerElaborations() async -> Int
}

extension REPLPool: LeanChecking {
  public func headerElaborations() async -> Int { statistics.headerElaborations }
}
