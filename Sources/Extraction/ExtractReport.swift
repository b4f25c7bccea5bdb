/// The summary of an extract run, printed at the end and stored with its provenance.
public struct ExtractReport: Sendable, Codable, Equatable {
  /// Modules considered.
  public var modules = 0
  /// Modules decoded and written.
  public var ingested = 0
  /// Modules unchanged since the last run.
  public var skipped = 0
  /// Modules that failed (see `failures`).
  public var failed = 0
  /// Failed modules by reason.
  public var failuresByReason: [String: Int] = [:]
  /// Rows written this run.
  public var declarations = 0
  /// Rows written this run.
  public var symbols = 0
  /// Rows written this run.
  public var tacticSteps = 0
  /// Warnings recorded (modules ingested with a doubt).
  public var warnings = 0
  /// Graph units after the run.
  public var graphUnits = 0
  /// Graph edges after the run.
  public var graphEdges = 0
  /// Highest level after the run.
  public var maxLevel = 0
  /// Wall-clock seconds.
  public var seconds = 0.0

  enum CodingKeys: String, CodingKey {
    case modules, ingested, skipped, failed, declarations, symbols, warnings, seconds
    case failuresByReason = "failures_by_reason"
    case tacticSteps = "tactic_steps"
    case graphUnits = "graph_units"
    case graphEdges = "graph_edges"
    case maxLevel = "max_level"
  }
}
