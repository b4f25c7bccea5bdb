import Foundation
import Glibc
import LoopbackHTTP

@testable import LLM

/// Builders shared by the suites: endpoints, clients and environment variables for keys.
enum Fixture {
  /// A two-message request for `model`.
  static func request(_ text: String = "State Fermat's theorem.", model: String = "test-model", timeout: Double = 5)
    -> ChatRequest
  {
    ChatRequest(
      model: model, messages: [.system("You translate Lean to English."), .user(text)], temperature: 0.2,
      maxTokens: 64, timeout: timeout)
  }

  /// A fresh, unset environment variable name, so parallel tests never share a key.
  static func uniqueVariable() -> String {
    "HERALD_TEST_KEY_" + UUID().uuidString.replacingOccurrences(of: "-", with: "_")
  }

  /// Sets `variable` to `value` for this process.
  static func set(_ variable: String, to value: String) {
    setenv(variable, value, 1)
  }

  /// A client of `server` with fast retries whose waits go to `sleeper`.
  static func client(
    _ server: LoopbackServer, sleeper: SleepRecorder = SleepRecorder(), keyVariable: String = uniqueVariable(),
    maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .milliseconds(250),
    jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter
  ) throws -> OpenAIClient {
    try client(
      baseURL: server.baseURL, sleeper: sleeper, keyVariable: keyVariable, maxAttempts: maxAttempts,
      baseDelay: baseDelay, maxDelay: maxDelay, jitter: jitter)
  }

  /// A client of the server at `baseURL`.
  static func client(
    baseURL: String, sleeper: SleepRecorder = SleepRecorder(), keyVariable: String = uniqueVariable(),
    maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .milliseconds(250),
    jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter
  ) throws -> OpenAIClient {
    let endpoint = try LLMEndpoint(baseURL: baseURL, model: "test-model", apiKeyVariable: keyVariable)
    let policy = RetryPolicy(maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay, jitter: jitter)
    return OpenAIClient(endpoint: endpoint, retry: policy, sleep: sleeper.sleep)
  }

  /// A path for a cache file in a fresh temporary folder.
  static func cachePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("herald-llm-\(UUID().uuidString)")
      .appendingPathComponent("cache.sqlite").path
  }

  /// Polls `condition` until it holds or `limit` passes, so a broken implementation fails instead of hanging.
  static func eventually(within limit: Duration = .seconds(30), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(5))
    }
    return await condition()
  }
}
