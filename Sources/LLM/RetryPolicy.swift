/// How often and how long to wait before repeating a failed attempt.
///
/// Waits grow exponentially from `baseDelay` and are capped by `maxDelay`, with "full jitter"
/// (a uniform draw between zero and the cap) so that many clients throttled together do not
/// retry in lockstep. A server's `Retry-After` replaces the draw, still capped by `maxDelay`.
public struct RetryPolicy: Sendable {
  /// Attempts in all, the first included; at least 1.
  public var maxAttempts: Int
  /// The cap of the first wait.
  public var baseDelay: Duration
  /// No wait is longer, whatever the exponent or the server asks.
  public var maxDelay: Duration
  /// Draws a wait between zero and the given cap; replaceable so tests can pin the draw.
  public var jitter: @Sendable (Duration) -> Duration

  /// A policy of `maxAttempts` attempts with waits from `baseDelay` up to `maxDelay`.
  public init(
    maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
    jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = max(.zero, baseDelay)
    self.maxDelay = max(.zero, maxDelay)
    self.jitter = jitter
  }

  /// A uniform draw in `0...cap`.
  public static let fullJitter: @Sendable (Duration) -> Duration = { cap in
    let seconds = cap.seconds
    return seconds > 0 ? .seconds(Double.random(in: 0...seconds)) : .zero
  }

  /// The upper bound of the wait before retry number `retry` (1 for the wait after the first attempt).
  public func cap(forRetry retry: Int) -> Duration {
    // Computed in Double seconds so large exponents saturate instead of overflowing.
    let grown = baseDelay.seconds * Double(sign: .plus, exponent: max(0, retry - 1), significand: 1)
    return grown >= maxDelay.seconds ? maxDelay : .seconds(grown)
  }

  /// The wait before retry number `retry`: the server's `retryAfter` when given, else a jittered draw.
  public func delay(forRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
    if let retryAfter { return min(max(retryAfter, .zero), maxDelay) }
    let cap = cap(forRetry: retry)
    return min(max(jitter(cap), .zero), cap)
  }
}

extension Duration {
  /// The duration as fractional seconds.
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
