import Foundation
import LoopbackHTTP
import Testing

@testable import LLM

/// Which failures are retried, how long the client waits, and how it gives up.
@Suite struct OpenAIClientRetryTests {
  @Test func a429IsRetriedOnceAfterTheServersRetryAfter() async throws {
    let server = try LoopbackServer([.failure(429, headers: ["Retry-After": "2"]), .completion("second")])
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper, maxDelay: .seconds(30), jitter: { _ in .zero })
    let response = try await client.send(Fixture.request())
    #expect(response.choices.map(\.content) == ["second"])
    #expect(server.requests.count == 2)
    #expect(sleeper.recorded == [.seconds(2)])
  }

  @Test func retryAfterLongerThanTheMaximumIsCapped() async throws {
    let server = try LoopbackServer([.failure(503, headers: ["Retry-After": "3600"]), .completion()])
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper, maxDelay: .milliseconds(250))
    _ = try await client.send(Fixture.request())
    #expect(sleeper.recorded == [.milliseconds(250)])
  }

  @Test func aBurstOf5xxIsRetriedWithGrowingCappedBackoff() async throws {
    let server = try LoopbackServer([
      .failure(500), .failure(502), .failure(503), .failure(504), .completion("finally"),
    ])
    defer { server.stop() }
    let sleeper = SleepRecorder()
    // The draw pinned at its cap exposes the exponential bound itself.
    let client = try Fixture.client(
      server, sleeper: sleeper, baseDelay: .milliseconds(100), maxDelay: .milliseconds(250), jitter: { $0 })
    let response = try await client.send(Fixture.request())
    #expect(response.choices.map(\.content) == ["finally"])
    #expect(server.requests.count == 5)
    #expect(sleeper.recorded == [.milliseconds(100), .milliseconds(200), .milliseconds(250), .milliseconds(250)])
  }

  @Test func randomBackoffStaysWithinItsBounds() async throws {
    let server = try LoopbackServer([.failure(500), .failure(500), .failure(500), .completion()])
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
    _ = try await client.send(Fixture.request())
    let bounds: [Duration] = [.milliseconds(100), .milliseconds(200), .milliseconds(400)]
    #expect(sleeper.recorded.count == 3)
    #expect(zip(sleeper.recorded, bounds).allSatisfy { $0 >= .zero && $0 <= $1 })
  }

  @Test func persistent5xxFailsAfterMaxAttemptsWithTheStatus() async throws {
    let server = try LoopbackServer([], fallback: .failure(503, message: "overloaded"))
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper, maxAttempts: 3)
    await #expect {
      try await client.send(Fixture.request())
    } throws: { error in
      guard case .httpStatus(503, _, let excerpt, _, 3) = error as? LLMError else { return false }
      return excerpt.contains("overloaded") && "\(error)".contains("after 3 attempts")
    }
    #expect(server.requests.count == 3)
    #expect(sleeper.recorded.count == 2)
  }

  @Test func aSlowAnswerTimesOutIsRetriedAndFailsAfterMaxAttempts() async throws {
    let server = try LoopbackServer([], fallback: .completion(delay: .seconds(3)))
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper, maxAttempts: 3)
    await #expect(throws: LLMError.timedOut(url: server.baseURL + "/chat/completions", seconds: 0.2, attempts: 3)) {
      try await client.send(Fixture.request(timeout: 0.2))
    }
    // Three attempts, each abandoned by the client's own timer (the server would answer after 3 s).
    #expect(server.requests.count == 3)
    #expect(sleeper.recorded.count == 2)
  }

  @Test func aSlowAnswerThatRecoversSucceeds() async throws {
    let server = try LoopbackServer([.completion("late", delay: .seconds(5)), .completion("prompt")])
    defer { server.stop() }
    let client = try Fixture.client(server)
    let response = try await client.send(Fixture.request(timeout: 1.5))
    #expect(response.choices.map(\.content) == ["prompt"])
    #expect(server.requests.count == 2)
  }

  @Test func aRefusedConnectionIsRetriedThenReported() async throws {
    let closed = try LoopbackServer.closedPort()
    defer { closed.release() }
    let port = closed.port
    let sleeper = SleepRecorder()
    let client = try Fixture.client(baseURL: "http://127.0.0.1:\(port)/v1", sleeper: sleeper, maxAttempts: 3)
    await #expect {
      try await client.send(Fixture.request())
    } throws: { error in
      guard case .connectionFailed(let url, "connection refused", 3) = error as? LLMError else { return false }
      return url == "http://127.0.0.1:\(port)/v1/chat/completions"
        && "\(error)".contains("check that the server is running")
    }
    #expect(sleeper.recorded.count == 2)
  }

  @Test func aResetConnectionIsRetried() async throws {
    let server = try LoopbackServer([.reset, .completion("after reset")])
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper)
    let response = try await client.send(Fixture.request())
    #expect(response.choices.map(\.content) == ["after reset"])
    #expect(server.requests.count == 2)
    #expect(sleeper.recorded.count == 1)
  }

  @Test func a400FailsAtOnceWithTheStatusAndAnExcerpt() async throws {
    let server = try LoopbackServer(
      [.failure(400, message: "max_tokens is too large: 999999. " + String(repeating: "x", count: 500))],
      fallback: .completion())
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper)
    await #expect {
      try await client.send(Fixture.request())
    } throws: { error in
      guard case .httpStatus(400, _, let excerpt, _, 1) = error as? LLMError else { return false }
      return excerpt.contains("max_tokens is too large") && excerpt.count <= OpenAIClient.excerptLength + 1
        && "\(error)".hasPrefix("HTTP 400 from \(server.baseURL)/chat/completions")
    }
    #expect(server.requests.count == 1)
    #expect(sleeper.recorded.isEmpty)
  }

  @Test func a401NamesTheKeyVariableAndIsNotRetried() async throws {
    let server = try LoopbackServer([.failure(401, message: "invalid key")], fallback: .completion())
    defer { server.stop() }
    let client = try Fixture.client(server, keyVariable: "MY_LLM_KEY")
    await #expect {
      try await client.send(Fixture.request())
    } throws: { error in
      "\(error)" == "HTTP 401 from \(server.baseURL)/chat/completions ({\"error\":{\"message\":\"invalid key\"}}): "
        + "check the API key variable MY_LLM_KEY."
    }
    #expect(server.requests.count == 1)
  }

  @Test func aGarbageBodyIsMalformedAndNotRetried() async throws {
    let server = try LoopbackServer(
      [ScriptedResponse(status: 200, body: "<html>upstream hiccup</html>")], fallback: .completion())
    defer { server.stop() }
    let client = try Fixture.client(server)
    await #expect {
      try await client.send(Fixture.request())
    } throws: { error in
      guard case .malformedResponse = error as? LLMError else { return false }
      return true
    }
    #expect(server.requests.count == 1)
  }

  @Test func emptyChoicesAreReported() async throws {
    let server = try LoopbackServer([
      ScriptedResponse(body: #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":0}}"#)
    ])
    defer { server.stop() }
    let client = try Fixture.client(server)
    await #expect(throws: LLMError.noChoices(source: server.baseURL + "/chat/completions")) {
      try await client.send(Fixture.request())
    }
  }

  @Test func cancellingTheCallerStopsTheAttempt() async throws {
    let server = try LoopbackServer([], fallback: .completion(delay: .seconds(3)))
    defer { server.stop() }
    let client = try Fixture.client(server)
    let task = Task { try await client.send(Fixture.request(timeout: 10)) }
    try await Task.sleep(for: .milliseconds(150))
    task.cancel()
    await #expect(throws: LLMError.cancelled) { try await task.value }
  }
}
