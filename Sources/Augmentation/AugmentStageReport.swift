/// What one `herald augment` run made, for people and (with `--json`) for scripts.
public struct AugmentStageReport: Sendable, Codable, Equatable {
  /// Counts of one kind of augmented item.
  public struct Counts: Sendable, Codable, Equatable {
    /// Made (or compiled) in this run.
    public var made = 0
    /// Kept from an earlier run (same parent, nothing changed).
    public var kept = 0
    /// The model declined, or its answers were unusable.
    public var abstained = 0
    public var failed = 0
    /// Tactic states whose compile check failed (never exported).
    public var rejected = 0
    /// Failures by reason.
    public var reasons: [String: Int] = [:]

    /// No counts yet.
    public init() {}
  }

  /// Theorems considered (translated, selected by the filters and the limit).
  public var theorems = 0
  public var tactic = Counts()
  /// The rendering funnel of the tactic states (states, skipped by reason, duplicates, sampled).
  public var rendering: AugmentReport?
  public var informal = Counts()
  public var proofs = Counts()
  /// Translated theorems whose proof is a term (no tactic steps): not explained.
  public var termProofs = 0
  /// The mixture aimed at, original : tactic : informal.
  public var mixture = ""
  /// LLM usage of the rewriter and the explainer in this run.
  public var llmRequestsSent = 0
  public var cacheHits = 0
  public var promptTokens = 0
  public var completionTokens = 0
  /// Compile checks of tactic states sent to Lean, and answered from the compile cache.
  public var compiles = 0
  public var compilesCached = 0
  /// The Lean setup (nil without a REPL).
  public var lean: String?
  public var seconds = 0.0

  /// An empty report.
  public init() {}

  enum CodingKeys: String, CodingKey {
    case theorems, tactic, rendering, informal, proofs, mixture, compiles, lean, seconds
    case termProofs = "term_proofs"
    case llmRequestsSent = "llm_requests_sent"
    case cacheHits = "cache_hits"
    case promptTokens = "prompt_tokens"
    case completionTokens = "completion_tokens"
    case compilesCached = "compiles_cached"
  }
}
