import LLM

/// How one declaration's translation ended.
public struct TranslationOutcome: Sendable, Hashable {
  /// The three outcomes a row can record.
  public enum Status: String, Sendable, Hashable {
    case translated, abstained, failed
  }

  /// The declaration's full name.
  public var name: String
  public var status: Status
  public var informalName: String?
  public var informalStatement: String?
  /// Why it abstained or failed (a reason code for failures: `unparseable`, `http_429`, …).
  public var reason: String?
  /// For failures: what happened, naming the remedy.
  public var detail: String?
  /// The model's last answer as received (kept for review in every outcome that has one).
  public var rawAnswer: String?
  /// Answers received (1 + corrections asked).
  public var attempts: Int

  /// The failure code of an LLM error, for counting and for `failures.reason`.
  public static func reason(of error: LLMError) -> String { error.reasonCode }
}
