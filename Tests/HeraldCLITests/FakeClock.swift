import Synchronization

/// A manually advanced clock so progress tests control time exactly.
final class FakeClock: Sendable {
  private let seconds = Mutex(0.0)

  /// Moves the clock to `time` seconds.
  func set(_ time: Double) {
    seconds.withLock { $0 = time }
  }

  /// The closure handed to `ProgressDisplay`.
  var reading: @Sendable () -> Double {
    { self.seconds.withLock { $0 } }
  }
}
