import LLM
import Records

/// Asks a model for an informal rewrite of a translated statement, by one of the four strategies
/// (a prompt file each, `pipelines/prompts/rewrite-*.md`), and reads the answer in the marker
/// format of translations, checked for the language it should be in: English unless translated.
/// The formal statement stays the parent's; validation later tells whether the rewrite still
/// back-translates to it.
public struct InformalRewriter: Sendable {
  public let role: ModelRole
  /// The prompt of each strategy.
  public let templates: [Augmentation.Strategy: ChatTemplate]

  /// A rewriter asking `role` with `templates`.
  public init(role: ModelRole, templates: [Augmentation.Strategy: ChatTemplate]) {
    self.role = role
    self.templates = templates
  }

  /// Reads the four prompt files from `folder`.
  public static func templates(from folder: String) throws -> [Augmentation.Strategy: ChatTemplate] {
    var templates: [Augmentation.Strategy: ChatTemplate] = [:]
    for strategy in Augmentation.Strategy.allCases {
      templates[strategy] = try ChatTemplate.load(
        path: folder + "/" + strategy.promptFile, required: "informal_statement")
    }
    return templates
  }

  /// What one rewrite gave.
  public enum Outcome: Sendable, Equatable {
    case rewritten(name: String, statement: String, raw: String)
    case abstained(reason: String, raw: String)
    /// Every answer was unusable (the last one and its problem).
    case unusable(raw: String, problem: String)
    /// The endpoint failed.
    case failed(reason: String, detail: String)
  }

  /// Rewrites `informalName` and `informalStatement` by `strategy` into `language`.
  public func rewrite(
    informalName: String, informalStatement: String, strategy: Augmentation.Strategy, language: String
  ) async throws -> Outcome {
    guard let template = templates[strategy] else {
      return .failed(reason: "configuration", detail: "no prompt for the strategy \(strategy.rawValue)")
    }
    let messages = template.render([
      "informal_name": informalName, "informal_statement": informalStatement,
      "language": LanguageCheck.name(language),
    ]).map { ChatMessage(role: $0.role, content: $0.content) }
    enum Reading: Sendable {
      case rewritten(String, String)
      case abstained(String)
    }
    let answer: ModelRole.Answer<Reading> = try await role.ask(
      messages, temperature: 0, seed: nil, endMarker: AnswerParser.endMarker
    ) { text in
      switch AnswerParser.parse(text, language: language) {
      case .translated(let name, let statement):
        if strategy != .translate, statement == informalStatement {
          return .failure(
            ModelRole.Unusable(
              problem: "the rewrite is the statement itself",
              correction: "That is the statement unchanged. Rewrite it as asked, in the same format."))
        }
        return .success(.rewritten(name, statement))
      case .abstained(let reason): return .success(.abstained(reason))
      case .unparseable(let problem):
        return .failure(ModelRole.Unusable(problem: problem, correction: AnswerParser.correction(for: problem)))
      }
    }
    switch answer {
    case .usable(.rewritten(let name, let statement), let raw):
      return .rewritten(name: name, statement: statement, raw: raw)
    case .usable(.abstained(let reason), let raw): return .abstained(reason: reason, raw: raw)
    case .unusable(let raw, let problem): return .unusable(raw: raw, problem: problem)
    case .failed(let reason, let detail): return .failed(reason: reason, detail: detail)
    }
  }

}
