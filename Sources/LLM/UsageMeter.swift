/// Sums tokens and requests per stage for a run's report; shared by every stage's client.
public actor UsageMeter {
  private var stages: [String: StageUsage] = [:]

  /// An empty meter.
  public init() {}

  /// Counts one HTTP request sent for `stage`.
  public func recordRequest(stage: String) {
    stages[stage, default: StageUsage()].requests += 1
  }

  /// Adds a completion that arrived over HTTP and the tokens it was billed.
  public func recordCompletion(stage: String, usage: TokenUsage) {
    stages[stage, default: StageUsage()].completions += 1
    stages[stage, default: StageUsage()].promptTokens += usage.promptTokens
    stages[stage, default: StageUsage()].completionTokens += usage.completionTokens
  }

  /// Counts a request answered from the cache.
  public func recordCacheHit(stage: String) {
    stages[stage, default: StageUsage()].cacheHits += 1
  }

  /// The usage of `stage` (zero when it made no requests).
  public func usage(stage: String) -> StageUsage { stages[stage] ?? StageUsage() }

  /// Usage by stage name.
  public var byStage: [String: StageUsage] { stages }

  /// HTTP requests sent by all stages, retries included.
  public var requestsSent: Int { stages.values.reduce(0) { $0 + $1.requests } }

  /// Requests answered from the cache by all stages.
  public var cacheHits: Int { stages.values.reduce(0) { $0 + $1.cacheHits } }

  /// Prompt tokens billed to all stages.
  public var promptTokens: Int { stages.values.reduce(0) { $0 + $1.promptTokens } }

  /// Completion tokens billed to all stages.
  public var completionTokens: Int { stages.values.reduce(0) { $0 + $1.completionTokens } }
}
