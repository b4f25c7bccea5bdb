import HeraldCore
import Testing

@testable import LLM

/// Canonical bodies and cache keys.
@Suite struct ChatRequestTests {
  @Test func bodyIsCompactWithKeysSortedAndUnsetFieldsLeftOut() throws {
    let full = ChatRequest(
      model: "m", messages: [.user("hi \"there\"")], temperature: 0.5, maxTokens: 10, n: 2, stop: ["\n\n"],
      seed: 3)
    #expect(
      full.body
        == #"{"max_tokens":10,"messages":[{"content":"hi \"there\"","role":"user"}],"model":"m","n":2,"seed":3,"#
        + #""stop":["\n\n"],"temperature":0.5}"#)
    #expect(try ChatRequest(json: full.body) == full)
    let bare = ChatRequest(model: "m", messages: [.user("hi")])
    #expect(bare.body == #"{"messages":[{"content":"hi","role":"user"}],"model":"m","n":1}"#)
  }

  @Test func sameRequestInAnotherFieldOrderHasTheSameKey() throws {
    let one = try ChatRequest(
      json: #"{"model":"m","temperature":0.0,"messages":[{"role":"user","content":"x"}],"n":1,"max_tokens":5}"#)
    let two = try ChatRequest(
      json: #"{"max_tokens":5,"n":1,"messages":[{"content":"x","role":"user"}],"temperature":0,"model":"m"}"#)
    #expect(one.cacheKey == two.cacheKey)
    #expect(one == ChatRequest(model: "m", messages: [.user("x")], temperature: 0, maxTokens: 5))
    #expect(one.cacheKey.count == 64 && one.cacheKey.allSatisfy { $0.isHexDigit && !$0.isUppercase })
  }

  @Test func modelAndEveryBodyFieldChangeTheKeyButTimeoutDoesNot() {
    let base = Fixture.request()
    var otherModel = base
    otherModel.model = "other-model"
    var otherTemperature = base
    otherTemperature.temperature = 0.3
    var otherStop = base
    otherStop.stop = ["END"]
    var otherMessage = base
    otherMessage.messages[1].content += " "
    var otherSeed = base
    otherSeed.seed = 1
    let keys = [base, otherModel, otherTemperature, otherStop, otherMessage, otherSeed].map(\.cacheKey)
    #expect(Set(keys).count == keys.count)
    var slower = base
    slower.timeout = 999
    #expect(slower.cacheKey == base.cacheKey)
  }

  @Test func keyIsTheSHA256OfTheBodyAndIsPinned() {
    // Pinned so an accidental change of the canonical form (which would orphan every cache row) fails here.
    let request = ChatRequest(model: "m", messages: [.user("hi")])
    #expect(request.cacheKey == "14ecc8cfd88f4b493ff9bdee381a03d6646b7a9649ab3336c6b32af0b8bad8dc")
    #expect(request.cacheKey == SHA256.hexDigest(of: request.body))
  }

  @Test func decodingRejectsWhatIsNotAChatRequest() {
    #expect(throws: LLMError.self) { try ChatRequest(json: "nope") }
    #expect(throws: LLMError.invalidRequest(reason: "no string member \"model\"")) {
      try ChatRequest(json: #"{"messages":[]}"#)
    }
    #expect(throws: LLMError.invalidRequest(reason: "message 0 lacks a string role or content")) {
      try ChatRequest(json: #"{"model":"m","messages":[{"role":"user"}]}"#)
    }
  }
}
