import Foundation
import HeraldCore

/// The parts of a chat completion herald uses: choice texts, finish reasons, usage and model.
///
/// Decoding is tolerant of everything herald does not read (extra members, `null` content,
/// absent finish reasons) but strict about what it needs: a JSON object with at least one
/// choice and a usage block, since token accounting is part of every stage's report.
public struct ChatResponse: Sendable, Hashable {
  /// The generated alternatives, in the server's order.
  public var choices: [ChatChoice]
  /// Tokens billed for the request.
  public var usage: TokenUsage
  /// The model that answered, as the server names it (empty when it did not say).
  public var model: String

  /// A response with the given parts.
  public init(choices: [ChatChoice], usage: TokenUsage, model: String) {
    self.choices = choices
    self.usage = usage
    self.model = model
  }

  /// Decodes a response body received from `source` (a URL, or the cache), which errors name.
  public init(body: Data, source: String) throws(LLMError) {
    let root: JSONValue
    do {
      root = try JSONDocument(data: body).root
    } catch {
      throw .malformedResponse(source: source, reason: error.message)
    }
    guard root.kind == .object else {
      throw .malformedResponse(source: source, reason: "the body is JSON but not an object")
    }
    guard let list = root["choices"], list.kind == .array, list.count > 0 else {
      throw .noChoices(source: source)
    }
    var choices: [ChatChoice] = []
    for item in list.elements {
      // `message.content` is null for tool calls and refusals; an empty text keeps indices aligned.
      let content = item["message"]?["content"]?.string ?? item["text"]?.string ?? ""
      choices.append(ChatChoice(content: content, finishReason: item["finish_reason"]?.string))
    }
    guard let usage = root["usage"], usage.kind == .object,
      let prompt = usage["prompt_tokens"]?.int, let completion = usage["completion_tokens"]?.int
    else {
      throw .missingUsage(source: source)
    }
    self.init(
      choices: choices, usage: TokenUsage(promptTokens: prompt, completionTokens: completion),
      model: root["model"]?.string ?? "")
  }

  /// The response as compact OpenAI-shaped JSON with sorted keys, decodable by `init(body:source:)`.
  public var json: String {
    var writer = JSONWriter(keyOrder: .codePoint)
    writer.beginObject()
    writer.key("model")
    writer.value(model)
    writer.key("choices")
    writer.beginArray()
    for (index, choice) in choices.enumerated() {
      writer.beginObject()
      writer.key("index")
      writer.value(index)
      writer.key("message")
      writer.beginObject()
      writer.key("role")
      writer.value("assistant")
      writer.key("content")
      writer.value(choice.content)
      writer.endObject()
      writer.key("finish_reason")
      writer.value(choice.finishReason)
      writer.endObject()
    }
    writer.endArray()
    writer.key("usage")
    writer.beginObject()
    writer.key("prompt_tokens")
    writer.value(usage.promptTokens)
    writer.key("completion_tokens")
    writer.value(usage.completionTokens)
    writer.key("total_tokens")
    writer.value(usage.totalTokens)
    writer.endObject()
    writer.endObject()
    return writer.string
  }
}
