import LLM

/// Asks the model for one declaration's translation and reads the answer: an unusable answer
/// is sent back with a corrective message, up to `maxAnswers` answers in all; transport
/// failures (after the client's own retries) end the declaration with a failure outcome.
public struct Translator: Sendable {
  /// The stage name requests are metered under.
  public static let stage = "translate"

  public let client: any LLMClient
  public let model: String
  public let maxAnswers: Int
  public let temperature: Double?
  public let maxTokens: Int?
  public let timeout: Double

  /// A translator sending to `client` as `model`.
  public init(
    client: any LLMClient, model: String, maxAnswers: Int = 3, temperature: Double? = 0, maxTokens: Int? = 400,
    timeout: Double = 300
  ) {
    self.client = client
    self.model = model
    self.maxAnswers = max(1, maxAnswers)
    self.temperature = temperature
    self.maxTokens = maxTokens
    self.timeout = timeout
  }

  /// The outcome for the declaration `name` prompted with `messages`. Throws only
  /// `CancellationError`, so an interrupted run records nothing for a half-asked declaration.
  public func translate(name: String, messages: [ChatMessage]) async throws -> TranslationOutcome {
    var conversation = messages
    var lastAnswer: String?
    var problem = ""
    var answers = 0
    while answers < maxAnswers {
      let request = ChatRequest(
        model: model, messages: conversation, temperature: temperature, maxTokens: maxTokens, n: 1,
        stop: [AnswerParser.endMarker], timeout: timeout)
      let response: ChatResponse
      do {
        response = try await client.complete(request, stage: Self.stage)
      } catch let error as LLMError {
        if error == .cancelled || Task.isCancelled { throw CancellationError() }
        return TranslationOutcome(
          name: name, status: .failed, reason: TranslationOutcome.reason(of: error), detail: error.description,
          rawAnswer: lastAnswer, attempts: answers)
      } catch {
        if Task.isCancelled { throw CancellationError() }
        return TranslationOutcome(
          name: name, status: .failed, reason: "client", detail: "\(error)", rawAnswer: lastAnswer, attempts: answers)
      }
      answers += 1
      let answer = Self.restoringStop(response.choices.first)
      lastAnswer = answer
      switch AnswerParser.parse(answer, formalName: name) {
      case .translated(let informalName, let statement):
        return TranslationOutcome(
          name: name, status: .translated, informalName: informalName, informalStatement: statement,
          rawAnswer: answer, attempts: answers)
      case .abstained(let reason):
        return TranslationOutcome(name: name, status: .abstained, reason: reason, rawAnswer: answer, attempts: answers)
      case .unparseable(let found):
        problem = found
        conversation.append(.assistant(answer))
        conversation.append(.user(AnswerParser.correction(for: found)))
      }
    }
    return TranslationOutcome(
      name: name, status: .failed, reason: "unparseable",
      detail: "no usable answer in \(answers) answers; the last one: \(problem). The raw answer is kept in "
        + "translations.raw_answer; a stronger model (or examples in pipelines/examples) usually fixes this",
      rawAnswer: lastAnswer, attempts: answers)
  }

  /// The answer text with the end marker put back when generation ended by itself (on the marker,
  /// which servers drop from the text, or on the model's end of turn) rather than being cut off
  /// by the token limit (`length`): the marker is how the parser tells the two apart.
  static func restoringStop(_ choice: ChatChoice?) -> String {
    guard let choice else { return "" }
    let text = choice.content
    guard choice.finishReason == "stop", text.contains("Informal statement"), !text.contains(AnswerParser.endMarker)
    else { return text }
    return text + (text.hasSuffix("\n") ? "" : "\n") + AnswerParser.endMarker
  }
}
