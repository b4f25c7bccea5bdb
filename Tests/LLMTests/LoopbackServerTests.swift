import Foundation
import LoopbackHTTP
import Testing

@testable import LLM

/// The test server itself: it records what it gets and stops promptly even mid-answer.
@Suite struct LoopbackServerTests {
  @Test func stopEndsAPendingAnswerPromptlyAndClosesThePort() async throws {
    let server = try LoopbackServer([.completion(delay: .seconds(10))])
    let client = try Fixture.client(server, maxAttempts: 1)
    let pending = Task { try await client.send(Fixture.request(timeout: 20)) }
    #expect(await Fixture.eventually { server.requests.count == 1 })
    server.stop()
    // The abandoned connection ends without an answer, and nothing listens any more.
    await #expect(throws: LLMError.self) { try await pending.value }
    let after = try Fixture.client(baseURL: server.baseURL, maxAttempts: 1)
    await #expect {
      try await after.send(Fixture.request())
    } throws: { error in
      // Refused, or reset when a concurrently running test's server briefly holds the port.
      guard case .connectionFailed(_, _, 1) = error as? LLMError else { return false }
      return true
    }
  }
}
