import Foundation
import Testing

@testable import LLM

/// Tolerant decoding of chat completion bodies, and typed errors for what herald cannot use.
@Suite struct ChatResponseTests {
  private func decode(_ text: String) throws(LLMError) -> ChatResponse {
    try ChatResponse(body: Data(text.utf8), source: "http://server/v1/chat/completions")
  }

  @Test func decodesChoicesFinishReasonsUsageAndModelIgnoringExtras() throws {
    let response = try decode(
      """
      {"id":"x","model":"qwen","system_fingerprint":null,"choices":[
        {"index":0,"message":{"role":"assistant","content":"A","reasoning_content":"…"},"finish_reason":"stop"},
        {"index":1,"message":{"role":"assistant","content":null,"tool_calls":[]},"finish_reason":"length"},
        {"index":2,"message":{"role":"assistant","content":"C"}}],
       "usage":{"prompt_tokens":11,"completion_tokens":5,"total_tokens":16}}
      """)
    #expect(
      response.choices == [
        ChatChoice(content: "A", finishReason: "stop"), ChatChoice(content: "", finishReason: "length"),
        ChatChoice(content: "C", finishReason: nil),
      ])
    #expect(response.usage == TokenUsage(promptTokens: 11, completionTokens: 5))
    #expect(response.model == "qwen")
  }

  @Test func garbageAndNonObjectsAreMalformed() {
    for body in ["<html>Bad Gateway</html>", "", "[1,2]", "{\"choices\":"] {
      #expect {
        try decode(body)
      } throws: { error in
        guard case .malformedResponse(let source, _) = error as? LLMError else { return false }
        return source == "http://server/v1/chat/completions"
      }
    }
  }

  @Test func missingOrEmptyChoicesAreNoChoices() {
    let usage = #""usage":{"prompt_tokens":1,"completion_tokens":1}"#
    for body in ["{\(usage)}", "{\"choices\":[],\(usage)}", "{\"choices\":{},\(usage)}"] {
      #expect(throws: LLMError.noChoices(source: "http://server/v1/chat/completions")) { try decode(body) }
    }
  }

  @Test func missingOrIncompleteUsageIsMissingUsage() {
    let choices = #""choices":[{"message":{"content":"x"}}]"#
    for body in ["{\(choices)}", "{\(choices),\"usage\":null}", "{\(choices),\"usage\":{\"prompt_tokens\":3}}"] {
      #expect(throws: LLMError.missingUsage(source: "http://server/v1/chat/completions")) { try decode(body) }
    }
  }

  @Test func canonicalJSONRoundTrips() throws {
    let response = ChatResponse(
      choices: [ChatChoice(content: "a \"b\"\n", finishReason: "stop"), ChatChoice(content: "c", finishReason: nil)],
      usage: TokenUsage(promptTokens: 4, completionTokens: 9), model: "m")
    #expect(try decode(response.json) == response)
  }
}
