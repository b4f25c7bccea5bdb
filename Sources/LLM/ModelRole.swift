import Foundation

/// One model a stage asks for one kind of answer (the back-translator, the judge, a rewriter):
/// its client, name and settings, and the loop that sends an unusable answer back with a
/// correction.
public struct ModelRole: Sendable {
  public let client: any LLMClient
  public let model: String
  /// The stage name requests are metered under (`back_translate`, `judge`).
  public let stage: String
  /// Answers per question at most (1 + corrections).
  public let maxAnswers: Int
  public let maxTokens: Int?
  public let timeout: Double
  /// Where the client sums this role's requests and tokens (the report reads `stage`'s share).
  public let meter: UsageMeter?

  /// A role asking `client` for `model`.
  public init(
    client: any LLMClient, model: String, stage: String, maxAnswers: Int = 2, maxTokens: Int? = 400,
    timeout: Double = ChatRequest.defaultTimeout, meter: UsageMeter? = nil
  ) {
    self.meter = meter
    self.client = client
    self.model = model
    self.stage = stage
    self.maxAnswers = max(1, maxAnswers)
    self.maxTokens = maxTokens
    self.timeout = timeout
  }

  /// How one question ended.
  public enum Answer<Value: Sendable>: Sendable {
    /// A usable answer, read into `value`.
    case usable(Value, raw: String)
    /// Every answer was unusable; the last one and what was wrong with it.
    case unusable(raw: String, problem: String)
    /// The endpoint failed (after the client's retries): a reason code and the message.
    case failed(reason: String, detail: String)
  }

  /// Asks `messages`; `read` turns an answer into a value or the problem to correct. With an
  /// `endMarker`, generation stops on it, and an answer that ended by itself (not cut off by the
  /// token limit) gets it back, since servers drop the stop sequence from the text: the marker is
  /// how a reader tells a whole answer from a cut one. Throws only `CancellationError`.
  public func ask<Value: Sendable>(
    _ messages: [ChatMessage], temperature: Double?, seed: Int?, endMarker: String? = nil,
    read: (String) -> Result<Value, Unusable>
  ) async throws -> Answer<Value> {
    var conversation = messages
    var last: (raw: String, problem: String) = ("", "no answer")
    for _ in 0..<maxAnswers {
      let request = ChatRequest(
        model: model, messages: conversation, temperature: temperature, maxTokens: maxTokens, n: 1,
        stop: endMarker.map { [$0] } ?? [], seed: seed, timeout: timeout)
      let response: ChatResponse
      do {
        response = try await client.complete(request, stage: stage)
      } catch let error as LLMError {
        if error == .cancelled || Task.isCancelled { throw CancellationError() }
        return .failed(reason: error.reasonCode, detail: error.description)
      } catch {
        if Task.isCancelled { throw CancellationError() }
        return .failed(reason: "client", detail: "\(error)")
      }
      var answer = response.choices.first?.content ?? ""
      if let endMarker, response.choices.first?.finishReason == "stop", !answer.contains(endMarker) {
        answer += (answer.hasSuffix("\n") || answer.isEmpty ? "" : "\n") + endMarker
      }
      switch read(answer) {
      case .success(let value):
        return .usable(value, raw: answer)
      case .failure(let unusable):
        last = (answer, unusable.problem)
        conversation.append(.assistant(answer))
        conversation.append(.user(unusable.correction))
      }
    }
    return .unusable(raw: last.raw, problem: last.problem)
  }

  /// Why an answer cannot be used, and what to tell the model.
  public struct Unusable: Error, Sendable {
    public var problem: String
    public var correction: String

    /// A problem and what to tell the model.
    public init(problem: String, correction: String) {
      self.problem = problem
      self.correction = correction
    }
  }

}

extension ModelRole {
  /// The requests and tokens `roles` have used so far, each role's stage counted once from its
  /// meter (roles without a meter count nothing).
  public static func usage(of roles: [ModelRole]) async -> StageUsage {
    var total = StageUsage()
    var seen: Set<String> = []
    for role in roles where seen.insert(role.stage).inserted {
      guard let meter = role.meter else { continue }
      let usage = await meter.usage(stage: role.stage)
      total.requests += usage.requests
      total.cacheHits += usage.cacheHits
      total.promptTokens += usage.promptTokens
      total.completionTokens += usage.completionTokens
    }
    return total
  }
}
