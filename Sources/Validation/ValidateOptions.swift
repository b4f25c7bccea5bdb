import HeraldCore

/// What `herald validate` does: which records, how many back-translations, how hard it tries.
public struct ValidateOptions: Sendable {
  /// The database translate wrote.
  public var database: String
  /// The folder of `back-translate.md` and `judge.md`.
  public var prompts = "pipelines/prompts"
  /// Back-translations asked per record at most (asking stops at the first judged the same).
  public var samples = 2
  /// The temperature of back-translations after the first (the first is greedy, temperature 0).
  public var sampleTemperature = 0.8
  /// Answers per question (1 + corrections of unusable answers).
  public var maxAnswers = 2
  /// The longest answer asked for.
  public var maxTokens: Int? = 400
  /// Seconds per HTTP attempt.
  public var timeout: Double = 300
  /// Records validated at once.
  public var concurrency = 4
  /// At most this many records (in the export's order: module by module).
  public var limit: Int?
  /// Only records of modules starting with one of these (all when empty).
  public var modulePrefixes: [String] = []
  /// This machine's slice of the records.
  public var shard: Shard?
  /// Validate again records whose verdict is current.
  public var force = false
  /// Lean's `autoImplicit` option in every check.
  public var autoImplicit = false
  /// After this many records in a row fail because the endpoint cannot be reached, stop.
  public var unreachableLimit = 6

  /// Options for `database` with the defaults above.
  public init(database: String) {
    self.database = database
  }
}
