import Foundation
import LoopbackHTTP
import Testing

@testable import LLM

/// The shared in-flight bound: measured at the server, and FIFO among waiters.
@Suite struct ConcurrencyLimiterTests {
  /// Sends six different requests at once through a limiter of `limit`; returns the server's peak.
  private func peakInFlight(limit: Int) async throws -> Int {
    let server = try LoopbackServer([], fallback: .completion(delay: .milliseconds(150)))
    defer { server.stop() }
    let client = CachedClient(
      client: try Fixture.client(server), cache: nil, limiter: ConcurrencyLimiter(limit: limit), meter: UsageMeter())
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<6 {
        group.addTask { _ = try await client.complete(Fixture.request("q\(index)"), stage: "s") }
      }
      try await group.waitForAll()
    }
    #expect(server.requests.count == 6)
    return server.maxInFlight
  }

  @Test func aLimitOfTwoKeepsAtMostTwoRequestsInFlight() async throws {
    let peak = try await peakInFlight(limit: 2)
    #expect(peak == 2)
  }

  @Test func withoutATightLimitTheSameLoadOverlapsMore() async throws {
    // The control for the test above: the server can observe more than two at once.
    let peak = try await peakInFlight(limit: 6)
    #expect(peak > 2)
  }

  @Test func waitersAreServedInArrivalOrder() async throws {
    let limiter = ConcurrencyLimiter(limit: 1)
    try await limiter.acquire()
    let (order, recorder) = AsyncStream.makeStream(of: Int.self)
    var tasks: [Task<Void, any Error>] = []
    for index in 0..<4 {
      tasks.append(
        Task {
          try await limiter.acquire()
          recorder.yield(index)
          await limiter.release()
        })
      // Each waiter queues before the next starts, so arrival order is known.
      try #require(await Fixture.eventually { await limiter.waiting == index + 1 })
    }
    await limiter.release()
    for task in tasks { try await task.value }
    recorder.finish()
    var served: [Int] = []
    for await index in order { served.append(index) }
    #expect(served == [0, 1, 2, 3])
    #expect(await limiter.inFlight == 0)
  }

  @Test func aCancelledWaiterLeavesWithoutTakingAPermit() async throws {
    let limiter = ConcurrencyLimiter(limit: 1)
    try await limiter.acquire()
    let waiter = Task { try await limiter.acquire() }
    try #require(await Fixture.eventually { await limiter.waiting == 1 })
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    #expect(await limiter.waiting == 0)
    await limiter.release()
    #expect(await limiter.inFlight == 0)
    try await limiter.acquire()
    #expect(await limiter.inFlight == 1)
  }
}
