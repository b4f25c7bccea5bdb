import Testing

@testable import LLM

/// Error texts: one sentence each, naming what failed and the remedy.
@Suite struct LLMErrorTests {
  static let samples: [LLMError] = [
    .invalidBaseURL("nowhere"),
    .invalidRequest(reason: "no model"),
    .httpStatus(code: 401, url: "http://h/v1/chat/completions", excerpt: "bad key", keyVariable: "K", attempts: 1),
    .httpStatus(code: 404, url: "http://h/v1/chat/completions", excerpt: "", keyVariable: "K", attempts: 1),
    .httpStatus(code: 429, url: "http://h/v1/chat/completions", excerpt: "slow down", keyVariable: "K", attempts: 5),
    .httpStatus(code: 503, url: "http://h/v1/chat/completions", excerpt: "busy", keyVariable: "K", attempts: 5),
    .httpStatus(code: 422, url: "http://h/v1/chat/completions", excerpt: "bad n", keyVariable: "K", attempts: 1),
    .timedOut(url: "http://h/v1/chat/completions", seconds: 0.5, attempts: 5),
    .connectionFailed(url: "http://h/v1/chat/completions", reason: "connection refused", attempts: 5),
    .transport(url: "http://h/v1/chat/completions", reason: "unknown host"),
    .malformedResponse(source: "http://h/v1/chat/completions", reason: "unexpected '<'"),
    .noChoices(source: "http://h/v1/chat/completions"),
    .missingUsage(source: "http://h/v1/chat/completions"),
    .cache(path: "/x/cache.sqlite", reason: "disk full"),
    .cancelled,
  ]

  @Test(arguments: samples) func isOneSentenceWithARemedy(_ error: LLMError) {
    let text = error.description
    #expect(text.hasSuffix("."))
    #expect(!text.dropLast().contains(". "))
    #expect(text.contains(": "))
    #expect(text.first?.isUppercase == true || text.first == "'")
  }

  @Test func remediesMatchTheFailure() {
    #expect(Self.samples[2].description.hasSuffix("check the API key variable K."))
    #expect(Self.samples[4].description.contains("after 5 attempts: lower the concurrency"))
    #expect(Self.samples[7].description.contains("within 0.5 s on any of 5 attempts: raise the request timeout"))
    #expect(Self.samples[2].isTransient == false && Self.samples[5].isTransient && Self.samples[7].isTransient)
  }

  @Test func anUnwritableCachePathIsReportedWithTheRemedy() async throws {
    #expect {
      _ = try RequestCache(path: "/proc/herald-no-such-dir/cache.sqlite")
    } throws: { error in
      guard case .cache(let path, _) = error as? LLMError else { return false }
      return path == "/proc/herald-no-such-dir/cache.sqlite" && "\(error)".contains("check that its folder is writable")
    }
  }
}
