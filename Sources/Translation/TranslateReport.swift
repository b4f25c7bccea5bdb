/// What one `herald translate` run did, for people and (with `--json`) for scripts.
public struct TranslateReport: Sendable, Codable, Equatable {
  /// Declarations selected by the filters (module, shard), before skipping finished ones.
  public var selected = 0
  /// Selected declarations that already had an outcome from an earlier run.
  public var skipped = 0
  /// Declarations translated in this run.
  public var translated = 0
  /// Declarations the model declined to translate (kept for review, never exported).
  public var abstained = 0
  /// Declarations that ended with a failure row.
  public var failed = 0
  /// Declarations left for a later run (`--limit`, or the endpoint became unreachable).
  public var notAttempted = 0
  /// Failures by reason (`unparseable`, `http_429`, `unreachable`, …).
  public var failuresByReason: [String: Int] = [:]
  /// Answers used per translated declaration, summed (1 each when no correction was needed).
  public var answersUsed = 0
  /// HTTP requests sent (retries included); 0 when every answer came from the cache.
  public var llmRequestsSent = 0
  /// Answers served by the request cache.
  public var cacheHits = 0
  /// Tokens of the prompts sent.
  public var promptTokens = 0
  /// Tokens of the answers received.
  public var completionTokens = 0
  /// The model asked.
  public var model = ""
  /// Prompt versions used, by family.
  public var promptVersions: [String: String] = [:]
  /// Median time of one retrieval search (similar examples for a prompt), in milliseconds.
  public var retrievalP50Milliseconds: Double?
  /// 99th percentile of the same.
  public var retrievalP99Milliseconds: Double?
  /// Tactic states of herald augment informalized in this run (after the declarations).
  public var tacticStates = Augmented()
  /// Why the run stopped early, when it did.
  public var stoppedEarly: String?
  /// Wall time.
  public var seconds = 0.0

  /// An empty report.
  public init() {}

  /// Declarations with an outcome recorded in this run.
  public var done: Int { translated + abstained + failed }

  /// Counts of augmented statements informalized.
  public struct Augmented: Sendable, Codable, Equatable {
    public var translated = 0
    public var abstained = 0
    public var failed = 0
    /// Left for a later run (their parent is not translated, or the run stopped).
    public var waiting = 0

    /// No counts yet.
    public init() {}
  }

  enum CodingKeys: String, CodingKey {
    case selected, skipped, translated, abstained, failed, model, seconds
    case notAttempted = "not_attempted"
    case failuresByReason = "failures_by_reason"
    case answersUsed = "answers_used"
    case llmRequestsSent = "llm_requests_sent"
    case cacheHits = "cache_hits"
    case promptTokens = "prompt_tokens"
    case completionTokens = "completion_tokens"
    case promptVersions = "prompt_versions"
    case stoppedEarly = "stopped_early"
    case tacticStates = "tactic_states"
    case retrievalP50Milliseconds = "retrieval_p50_ms"
    case retrievalP99Milliseconds = "retrieval_p99_ms"
  }
}
