/// What one `herald validate` run did, for people and (with `--json`) for scripts.
public struct ValidateReport: Sendable, Codable, Equatable {
  /// Records the filters selected (translated declarations with a writable statement).
  public var selected = 0
  /// Of those, records whose verdict was current (same texts, same settings) and kept.
  public var skipped = 0
  /// Records validated in this run, by status.
  public var passed = 0
  public var failed = 0
  public var notRun = 0
  /// Records left for a later run (`--limit`, or the run stopped early).
  public var notAttempted = 0
  /// Verdicts by reason of failure or of not running (first words of the reason).
  public var reasons: [String: Int] = [:]
  /// Compile outcomes of the records' formal statements.
  public var compileOutcomes: [String: Int] = [:]
  /// Back-translations asked and their verdicts (`same`, `different`, `unparseable`, …).
  public var backTranslations = 0
  public var verdicts: [String: Int] = [:]
  /// Back-translations judged the same without asking the judge (equal up to bound names).
  public var exactMatches = 0
  /// Compile checks sent to Lean, and those answered from the compile cache.
  public var compiles = 0
  public var compilesCached = 0
  /// REPL header elaborations in this run (one per header per worker when all goes well).
  public var headerElaborations = 0
  /// Faults that kept a check from running (each a row in failures, stage validate), by reason.
  public var faults: [String: Int] = [:]
  /// LLM usage of the back-translator and the judge in this run.
  public var llmRequestsSent = 0
  public var cacheHits = 0
  public var promptTokens = 0
  public var completionTokens = 0
  /// The Lean setup (nil without a REPL) and the models.
  public var lean: String?
  public var backTranslator = ""
  public var judge = ""
  /// Set when the run stopped sending before the end, with the reason.
  public var stoppedEarly: String?
  public var seconds = 0.0

  /// An empty report.
  public init() {}

  /// Records that got a verdict in this run.
  public var done: Int { passed + failed + notRun }

  enum CodingKeys: String, CodingKey {
    case selected, skipped, passed, failed, reasons, compiles, verdicts, faults, lean, judge, seconds
    case notRun = "not_run"
    case notAttempted = "not_attempted"
    case compileOutcomes = "compile_outcomes"
    case backTranslations = "back_translations"
    case exactMatches = "exact_matches"
    case compilesCached = "compiles_cached"
    case headerElaborations = "header_elaborations"
    case llmRequestsSent = "llm_requests_sent"
    case cacheHits = "cache_hits"
    case promptTokens = "prompt_tokens"
    case completionTokens = "completion_tokens"
    case backTranslator = "back_translator"
    case stoppedEarly = "stopped_early"
  }
}
