import Foundation
import Testing

@testable import LLM

/// Backoff caps, jitter bounds and Retry-After parsing, without any waiting.
@Suite struct RetryPolicyTests {
  @Test func capsGrowExponentiallyUpToTheMaximum() {
    let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
    let caps = (1...6).map { policy.cap(forRetry: $0) }
    #expect(
      caps == [
        .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
      ])
    #expect(policy.cap(forRetry: 10_000) == .seconds(1))
  }

  @Test func fullJitterStaysWithinZeroAndTheCapAndVaries() {
    let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
    for retry in 1...5 {
      let draws = (0..<200).map { _ in policy.delay(forRetry: retry) }
      #expect(draws.allSatisfy { $0 >= .zero && $0 <= policy.cap(forRetry: retry) })
      #expect(Set(draws).count > 100)
    }
  }

  @Test func aJitterOutsideTheBoundsIsClamped() {
    let wild = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: { _ in .seconds(60) })
    #expect(wild.delay(forRetry: 2) == .milliseconds(200))
  }

  @Test func retryAfterReplacesTheDrawAndIsCappedByTheMaximum() {
    let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(5), jitter: { _ in .zero })
    #expect(policy.delay(forRetry: 1, retryAfter: .seconds(2)) == .seconds(2))
    #expect(policy.delay(forRetry: 1, retryAfter: .seconds(120)) == .seconds(5))
  }

  @Test func retryAfterReadsSecondsDatesAndMilliseconds() {
    let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
    #expect(RetryAfter.parse("3", now: now) == .seconds(3))
    #expect(RetryAfter.parse(" 1.5 ", now: now) == .milliseconds(1500))
    #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
    #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:42 GMT", now: now) == .seconds(5))
    #expect(RetryAfter.parse("Sun Nov  6 08:49:40 1994", now: now) == .seconds(3))
    #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
    #expect(RetryAfter.parse("soon", now: now) == nil)
    #expect(RetryAfter.parse("-4", now: now) == nil)
    #expect(RetryAfter.delay(headers: ["retry-after-ms": "250", "retry-after": "9"], now: now) == .milliseconds(250))
    #expect(RetryAfter.delay(headers: ["retry-after": "9"], now: now) == .seconds(9))
    #expect(RetryAfter.delay(headers: [:], now: now) == nil)
  }
}
