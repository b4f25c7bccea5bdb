import Foundation
import LoopbackHTTP
import Testing

@testable import LLM

/// What goes over the wire: method, path, body and the Authorization header.
@Suite struct OpenAIClientRequestTests {
  @Test func postsTheCanonicalBodyToChatCompletions() async throws {
    let server = try LoopbackServer([.completion()])
    defer { server.stop() }
    let client = try Fixture.client(server)
    let request = Fixture.request()
    _ = try await client.send(request)
    let received = try #require(server.requests.first)
    #expect(received.method == "POST")
    #expect(received.path == "/v1/chat/completions")
    #expect(received.body == request.body)
    #expect(received.headers["content-type"] == "application/json")
  }

  @Test func aLargePromptArrivesWholeWithoutWaitingFor100Continue() async throws {
    let server = try LoopbackServer([.completion()])
    defer { server.stop() }
    let client = try Fixture.client(server)
    let request = Fixture.request(String(repeating: "theorem ∀ n, n + 0 = n\n", count: 12_000))
    _ = try await client.send(request)
    // curl's 100-continue handshake would add a one-second stall per request against servers without it.
    let received = try #require(server.requests.first)
    #expect(received.body == request.body)
    #expect(received.headers["expect"] == nil)
  }

  @Test func authorizationIsSentOnlyWhenTheKeyVariableIsSet() async throws {
    let server = try LoopbackServer([.completion(), .completion(), .completion()])
    defer { server.stop() }
    let variable = Fixture.uniqueVariable()
    let client = try Fixture.client(server, keyVariable: variable)
    _ = try await client.send(Fixture.request())
    Fixture.set(variable, to: "sk-test-abc")
    _ = try await client.send(Fixture.request())
    // An empty variable counts as unset, as a blank `export` line would leave it.
    Fixture.set(variable, to: "")
    _ = try await client.send(Fixture.request())
    #expect(server.requests.map { $0.headers["authorization"] } == [nil, "Bearer sk-test-abc", nil])
  }

  @Test func baseURLComesFromTheEnvironmentThenTheDefault() throws {
    let fromEnvironment = try LLMEndpoint(model: "m", environment: ["OPENAI_BASE_URL": "https://api.example.org/v1/"])
    #expect(fromEnvironment.chatCompletionsURL.absoluteString == "https://api.example.org/v1/chat/completions")
    let fallback = try LLMEndpoint(model: "m", environment: [:])
    #expect(fallback.chatCompletionsURL.absoluteString == "http://127.0.0.1:8080/v1/chat/completions")
    let explicit = try LLMEndpoint(
      baseURL: "http://localhost:9/v1", model: "m", environment: ["OPENAI_BASE_URL": "https://ignored/v1"])
    #expect(explicit.baseURL.absoluteString == "http://localhost:9/v1")
    #expect(throws: LLMError.invalidBaseURL("ftp://x/v1")) { try LLMEndpoint(baseURL: "ftp://x/v1", model: "m") }
  }
}
