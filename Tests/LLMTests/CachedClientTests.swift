import Foundation
import LoopbackHTTP
import Storage
import Testing

@testable import LLM

/// Cache, limiter, HTTP and meter composed: what is sent, stored and counted.
@Suite struct CachedClientTests {
  private func cachedClient(_ server: LoopbackServer, path: String, meter: UsageMeter = UsageMeter()) throws
    -> CachedClient
  {
    CachedClient(
      client: try Fixture.client(server), cache: try RequestCache(path: path), limiter: ConcurrencyLimiter(limit: 4),
      meter: meter)
  }

  @Test func aSecondIdenticalRequestIsAnsweredFromTheCache() async throws {
    let server = try LoopbackServer([.completion("cached answer")], fallback: .failure(500))
    defer { server.stop() }
    let meter = UsageMeter()
    let client = try cachedClient(server, path: Fixture.cachePath(), meter: meter)
    let first = try await client.complete(Fixture.request(), stage: "informalize")
    let second = try await client.complete(Fixture.request(), stage: "informalize")
    #expect(second == first)
    #expect(second.choices.map(\.content) == ["cached answer"])
    #expect(server.requests.count == 1)
    #expect(await meter.requestsSent == 1)
    #expect(await meter.cacheHits == 1)
  }

  @Test func aRerunWithTheSameCacheFileSendsNoRequests() async throws {
    let path = Fixture.cachePath()
    let requests = ["one", "two", "three"].map { Fixture.request($0) }
    do {
      let server = try LoopbackServer([.completion("1"), .completion("2"), .completion("3")])
      defer { server.stop() }
      let client = try cachedClient(server, path: path)
      for request in requests { _ = try await client.complete(request, stage: "informalize") }
      #expect(server.requests.count == 3)
    }
    let server = try LoopbackServer([], fallback: .failure(500))
    defer { server.stop() }
    let meter = UsageMeter()
    let rerun = try cachedClient(server, path: path, meter: meter)
    var answers: [String] = []
    for request in requests {
      answers += try await rerun.complete(request, stage: "informalize").choices.map(\.content)
    }
    #expect(answers == ["1", "2", "3"])
    #expect(server.requests.isEmpty)
    #expect(await meter.requestsSent == 0)
    #expect(await meter.cacheHits == 3)
  }

  @Test func onlySuccessfulResponsesAreStored() async throws {
    let server = try LoopbackServer([.failure(400), .completion("now fine")])
    defer { server.stop() }
    let cache = try RequestCache(path: Fixture.cachePath())
    let client = CachedClient(
      client: try Fixture.client(server), cache: cache, limiter: ConcurrencyLimiter(limit: 1), meter: UsageMeter())
    await #expect(throws: LLMError.self) { try await client.complete(Fixture.request(), stage: "s") }
    #expect(try await cache.count() == 0)
    let response = try await client.complete(Fixture.request(), stage: "s")
    #expect(response.choices.map(\.content) == ["now fine"])
    #expect(try await cache.count() == 1)
    #expect(server.requests.count == 2)
  }

  @Test func anotherModelIsAnotherCacheEntry() async throws {
    let server = try LoopbackServer([.completion("a"), .completion("b")])
    defer { server.stop() }
    let client = try cachedClient(server, path: Fixture.cachePath())
    let first = try await client.complete(Fixture.request(model: "small"), stage: "s")
    let second = try await client.complete(Fixture.request(model: "large"), stage: "s")
    #expect(first.choices.map(\.content) == ["a"])
    #expect(second.choices.map(\.content) == ["b"])
    #expect(server.requests.count == 2)
  }

  @Test func aCorruptRowIsTreatedAsAMissAndReplaced() async throws {
    let path = Fixture.cachePath()
    let server = try LoopbackServer([.completion("first"), .completion("fresh")])
    defer { server.stop() }
    let client = try cachedClient(server, path: path)
    _ = try await client.complete(Fixture.request(), stage: "s")
    try await client.flush()
    let database = try SQLiteConnection(path: path)
    try database.execute("UPDATE llm_cache SET response = 'not json'")
    #expect(database.changes == 1)
    let response = try await client.complete(Fixture.request(), stage: "s")
    #expect(response.choices.map(\.content) == ["fresh"])
    #expect(server.requests.count == 2)
    try await client.flush()
    #expect(try database.scalarText("SELECT response FROM llm_cache")?.contains("fresh") == true)
  }

  @Test func theCacheTableLivesBesideHeraldTables() async throws {
    let path = Fixture.cachePath()
    let herald = try HeraldDatabase.openForWriting(path: path)
    let cache = try RequestCache(path: path)
    let request = Fixture.request()
    let response = ChatResponse(
      choices: [ChatChoice(content: "x", finishReason: "stop")],
      usage: TokenUsage(promptTokens: 1, completionTokens: 1),
      model: "test-model")
    try await cache.store(response, for: request)
    #expect(try await cache.response(forKey: request.cacheKey) == response)
    try await cache.flush()
    #expect(
      try herald.scalarText("SELECT model FROM llm_cache WHERE key = ?1", [.text(request.cacheKey)]) == "test-model")
    #expect(try herald.scalarText("SELECT request FROM llm_cache") == request.body)
    #expect(try HeraldDatabase.meta(herald, "schema_version") == String(Schema.version))

    let memory = try HeraldDatabase.inMemory()
    try RequestCache.createTable(on: memory)
    try RequestCache.createTable(on: memory)
    #expect(try memory.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'llm_cache'") == 1)
  }

  @Test func rowsAreWrittenInBatchesAndFoundBeforeTheyAre() async throws {
    let path = Fixture.cachePath()
    let requests = (0..<5).map { Fixture.request("question \($0)") }
    var cache: RequestCache? = try RequestCache(path: path, batchSize: 3)
    let database = try SQLiteConnection(path: path)
    func stored() throws -> Int? { try database.scalarInt("SELECT count(*) FROM llm_cache") }
    let response = ChatResponse(
      choices: [ChatChoice(content: "x", finishReason: "stop")],
      usage: TokenUsage(promptTokens: 1, completionTokens: 1),
      model: "m")
    for request in requests.prefix(2) { try await cache?.store(response, for: request) }
    #expect(try stored() == 0)
    #expect(try await cache?.response(forKey: requests[1].cacheKey) == response)
    try await cache?.store(response, for: requests[2])
    #expect(try stored() == 3)
    try await cache?.store(response, for: requests[3])
    #expect(try stored() == 3)
    try await cache?.flush()
    #expect(try stored() == 4)
    try await cache?.store(response, for: requests[4])
    // The last row is written when the cache goes away, even unflushed.
    cache = nil
    #expect(try stored() == 5)
    let reopened = try RequestCache(path: path)
    for request in requests { #expect(try await reopened.response(forKey: request.cacheKey) == response) }
  }

  @Test func usageIsSummedPerStageWithRetriesAndCacheHitsApart() async throws {
    let server = try LoopbackServer([
      .completion(promptTokens: 10, completionTokens: 2),
      .failure(503), .completion(promptTokens: 20, completionTokens: 4),
      .completion(promptTokens: 100, completionTokens: 50),
    ])
    defer { server.stop() }
    let meter = UsageMeter()
    let client = try cachedClient(server, path: Fixture.cachePath(), meter: meter)
    _ = try await client.complete(Fixture.request("a"), stage: "informalize")
    _ = try await client.complete(Fixture.request("b"), stage: "informalize")
    _ = try await client.complete(Fixture.request("c"), stage: "validate")
    _ = try await client.complete(Fixture.request("a"), stage: "validate")

    var informalize = StageUsage()
    informalize.requests = 3
    informalize.completions = 2
    informalize.promptTokens = 30
    informalize.completionTokens = 6
    var validate = StageUsage()
    validate.requests = 1
    validate.completions = 1
    validate.cacheHits = 1
    validate.promptTokens = 100
    validate.completionTokens = 50
    #expect(await meter.byStage == ["informalize": informalize, "validate": validate])
    #expect(await meter.requestsSent == 4)
    #expect(await meter.cacheHits == 1)
    #expect(await meter.promptTokens == 130)
    #expect(await meter.completionTokens == 56)
    #expect(await meter.usage(stage: "absent") == StageUsage())
  }
}
