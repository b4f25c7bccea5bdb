/// Bounds how many requests are in flight at once across every caller sharing it.
///
/// Callers beyond the limit wait in arrival order; a released slot is handed straight to the
/// oldest waiter, so a late caller can never overtake one that has waited longer.
public actor ConcurrencyLimiter {
  /// The most permits held at once.
  public nonisolated let limit: Int
  private var held = 0
  private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
  private var nextWaiterID: UInt64 = 0

  /// A limiter allowing `limit` (at least 1) concurrent holders.
  public init(limit: Int) {
    self.limit = max(1, limit)
  }

  /// Permits held now.
  public var inFlight: Int { held }

  /// Callers waiting now.
  public var waiting: Int { waiters.count }

  /// Waits for a permit; throws `CancellationError` when the task is cancelled while waiting.
  public func acquire() async throws {
    if held < limit && waiters.isEmpty {
      held += 1
      return
    }
    let id = nextWaiterID
    nextWaiterID += 1
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        if Task.isCancelled {
          continuation.resume(throwing: CancellationError())
        } else {
          waiters.append((id, continuation))
        }
      }
    } onCancel: {
      Task { await self.withdraw(id) }
    }
  }

  /// Returns a permit, handing it to the oldest waiter if there is one.
  public func release() {
    if waiters.isEmpty {
      held = max(0, held - 1)
    } else {
      // The permit passes on directly, so `held` is unchanged.
      waiters.removeFirst().continuation.resume()
    }
  }

  /// Runs `body` while holding a permit, releasing it however `body` ends.
  public nonisolated func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    try await acquire()
    do {
      let result = try await body()
      await release()
      return result
    } catch {
      await release()
      throw error
    }
  }

  /// Removes a cancelled waiter that has not been handed a permit yet.
  private func withdraw(_ id: UInt64) {
    guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
    waiters.remove(at: index).continuation.resume(throwing: CancellationError())
  }
}
