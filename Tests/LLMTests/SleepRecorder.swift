import Synchronization

/// Stands in for `Task.sleep` between retries: records each requested wait and returns at once.
final class SleepRecorder: Sendable {
  private let waits = Mutex<[Duration]>([])

  /// The waits requested so far, in order.
  var recorded: [Duration] { waits.withLock { $0 } }

  /// The function to inject as the client's sleep.
  var sleep: @Sendable (Duration) async throws -> Void {
    { [self] duration in waits.withLock { $0.append(duration) } }
  }
}
