import HeraldCore

/// What `herald translate` does: which declarations, with which prompts, how hard it tries.
public struct TranslateOptions: Sendable {
  /// The database written by `herald extract`.
  public var database: String
  /// The folder of prompt templates (`theorem.md`, `definition.md`, `instance.md`).
  public var prompts = "pipelines/prompts"
  /// The example bank's folder; nil uses no hand-written examples.
  public var examples: String? = "pipelines/examples"
  /// At most this many declarations (the lowest levels first, so their dependencies come along).
  public var limit: Int?
  /// Only declarations of modules starting with one of these (all when empty).
  public var modulePrefixes: [String] = []
  /// This machine's slice of the work.
  public var shard: Shard?
  /// Dataflow (the default), or LeanSearch's level barriers for comparison.
  public var scheduling = SchedulingMode.dataflow
  /// Declarations asked at once. The requests in flight are held to the client's limit
  /// (`CachedClient.limiter`, shared by all stages), which the command line sets to this number.
  public var concurrency = 4
  /// Declarations in progress beyond `concurrency` (context loaded, examples searched, prompt
  /// filled, waiting for the client's request slot, or recording an answer): the endpoint then
  /// gets its next request the moment one finishes instead of after herald's own work for it;
  /// `nil` is a quarter of `concurrency` (none below 4).
  public var preparedAhead: Int?
  /// Answers asked of the model per declaration: the first, then corrections of unusable ones.
  public var maxAnswers = 3
  /// Similar translated examples shown in a prompt.
  public var exampleCount = 3
  /// Dependencies listed in a prompt before the rest are summarized.
  public var maxDependencies = 12
  /// Sampling temperature; 0 makes reruns and the cache agree.
  public var temperature: Double? = 0
  /// The longest answer asked for.
  public var maxTokens: Int? = 400
  /// Seconds per HTTP attempt.
  public var timeout: Double = 300
  /// Translate again even declarations that already have an outcome.
  public var force = false
  /// Ask again for declarations whose answers were unusable in an earlier run (by default they
  /// keep that outcome: the same model and prompt answer the same way). Endpoint failures
  /// (HTTP errors, timeouts, an unreachable server) are always asked again.
  public var retryUnusable = false
  /// After this many jobs in a row fail because the endpoint cannot be reached, stop sending.
  public var unreachableLimit = 6

  /// Options for `database` with the defaults above.
  public init(database: String) {
    self.database = database
  }

  /// Whether a declaration of `module` is selected by the module prefixes.
  public func selects(module: String) -> Bool {
    ModulePrefix.selects(module, prefixes: modulePrefixes)
  }

  /// Declarations in progress at once: `concurrency` asked, plus those prepared ahead.
  var jobsInProgress: Int {
    let asked = max(1, concurrency)
    return asked + max(0, preparedAhead ?? asked / 4)
  }

  /// Outcomes committed together (see `OutcomeRecorder`): a quarter of `concurrency`, so one
  /// declaration at a time commits each outcome at once.
  var recordBatch: Int { max(1, min(64, concurrency / 4)) }
}
