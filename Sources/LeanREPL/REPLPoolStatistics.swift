/// What a pool did: commands, processes, header elaborations, restarts and outcomes.
public struct REPLPoolStatistics: Sendable, Hashable, Codable {
  /// Why a worker's process was replaced.
  public enum RestartReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// A command passed its time limit.
    case timeout
    /// The process died (end of its output).
    case crash
    /// It wrote something that is not a reply.
    case garbage
    /// It answered `Unknown environment.` for an env it had given (so it lost its state).
    case unknownEnvironment = "unknown_env"
    /// It had run `maxCommandsPerWorker` commands.
    case commands
    /// Its process tree's resident memory passed `maxResidentBytes`.
    case memory
    /// The check it was running was cancelled.
    case cancelled
  }

  /// Checks asked for.
  public var checks = 0
  /// Requests sent to REPL processes (headers and bodies).
  public var commandsSent = 0
  /// REPL processes started.
  public var processesStarted = 0
  /// Header commands sent (each one an elaboration of the imports).
  public var headerElaborations = 0
  /// Header elaborations by worker slot (a slot keeps its number across restarts).
  public var headerElaborationsPerWorker: [Int] = []
  /// Header elaborations by header (its normalised text; empty: Lean's core only).
  public var headerElaborationsPerHeader: [String: Int] = [:]
  /// Headers remembered as failing (their checks get `repl_error` without running).
  public var failedHeaders = 0
  /// Processes replaced, by `RestartReason` raw value.
  public var restarts: [String: Int] = [:]
  /// Results by `CompileOutcome` raw value.
  public var outcomes: [String: Int] = [:]

  public init() {}

  /// Restarts for one reason.
  public func restarts(_ reason: RestartReason) -> Int { restarts[reason.rawValue] ?? 0 }

  /// Results with one outcome.
  public func count(_ outcome: CompileOutcome) -> Int { outcomes[outcome.rawValue] ?? 0 }
}
