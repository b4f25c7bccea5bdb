import Foundation
import LoopbackHTTP
import Storage
import Testing

@testable import LLM

/// The API key reaches the server and nothing else: not errors, descriptions, dumps or cache files.
@Suite struct SecretKeyTests {
  @Test func theKeyIsSentButNeverStoredPrintedOrThrown() async throws {
    let variable = Fixture.uniqueVariable()
    let key = "sk-secret-123-" + UUID().uuidString
    Fixture.set(variable, to: key)
    // Servers may echo the key back in an error body; the last one puts it across the excerpt's cut.
    let server = try LoopbackServer([
      .failure(401, message: "Incorrect API key provided: \(key)."),
      .completion("fine"),
      ScriptedResponse(status: 400, body: String(repeating: "x", count: 190) + key + " trailing"),
    ])
    defer { server.stop() }
    let path = Fixture.cachePath()
    let client = try Fixture.client(server, keyVariable: variable)
    let cached = CachedClient(
      client: client, cache: try RequestCache(path: path), limiter: ConcurrencyLimiter(limit: 2), meter: UsageMeter())

    var texts: [String] = []
    for request in [Fixture.request("a"), Fixture.request("b"), Fixture.request("c")] {
      do {
        _ = try await cached.complete(request, stage: "informalize")
      } catch {
        texts += [String(describing: error), String(reflecting: error), error.localizedDescription]
        var dumped = ""
        dump(error, to: &dumped)
        texts.append(dumped)
      }
    }
    #expect(texts.count == 8)
    #expect(texts.contains { $0.contains("[redacted]") })
    var dumped = ""
    dump(client, to: &dumped)
    dump(client.endpoint, to: &dumped)
    texts += [dumped, client.endpoint.description, String(reflecting: client.endpoint)]

    try await cached.flush()
    let database = try SQLiteConnection(path: path)
    let rows = try database.prepare("SELECT key || model || request || response || created_at FROM llm_cache")
    while try rows.step() { texts.append(rows.text(0) ?? "") }
    #expect(texts.count == 12)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
      texts.append(String(decoding: bytes, as: UTF8.self))
    }

    #expect(server.requests.map { $0.headers["authorization"] } == Array(repeating: "Bearer \(key)", count: 3))
    for text in texts {
      #expect(!text.contains("sk-secret"), "key leaked into: \(text.prefix(300))")
    }
  }
}
