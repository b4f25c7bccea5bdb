/// How a section is formalized: candidates, repair rounds, proofs, the file's header, and what
/// each prompt may show.
public struct SectionSettings: Sendable, Hashable {
  /// Candidates asked per item at most (the first greedy, the others sampled).
  public var samples = 2
  /// Times a candidate that does not compile goes back to the model with Lean's errors.
  public var repairRounds = 2
  /// Ask for proofs of the accepted statements, kept only when they compile without sorry.
  public var prove = false
  /// The file's first lines (its imports).
  public var header = "import Mathlib"
  /// Library declarations retrieved per item.
  public var retrieved = 5
  /// Characters the context of one prompt may take (earlier items, references, declarations).
  public var contextCharacters = 6_000
  /// The temperature of samples after the first.
  public var sampleTemperature = 0.7
  /// The prompt files' folder.
  public var prompts = "pipelines/prompts"

  /// The defaults.
  public init() {}

  /// The context budget for a model with a window of `tokens` tokens answering in at most
  /// `answerTokens`: about three characters a token, less the answer and the prompt's own text.
  public static func contextCharacters(window tokens: Int, answerTokens: Int) -> Int {
    max(800, (tokens - answerTokens) * 3 - 2_500)
  }
}
