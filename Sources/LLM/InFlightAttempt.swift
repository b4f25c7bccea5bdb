import Foundation
import Synchronization

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The state of one transfer shared by its completion handler, its timer and task cancellation.
///
/// Whichever of the three comes first decides how the attempt ended; the others see it has.
final class InFlightAttempt: Sendable {
  /// How the attempt ended, as decided by the first of the three parties.
  enum Ending: Sendable {
    /// Still running when the session completed it: the session's own result stands.
    case running
    /// Our timer fired first.
    case expired
    /// The calling task was cancelled first.
    case cancelled
  }

  /// The transfer while it runs, and how it ended.
  private struct State {
    var task: URLSessionDataTask?
    var ending = Ending.running
    var finished = false
  }

  private let state = Mutex(State())

  /// Records the transfer; cancels it at once when the caller was cancelled before it existed.
  func start(_ task: URLSessionDataTask) {
    let cancelNow = state.withLock { state -> Bool in
      state.task = task
      return state.ending == .cancelled
    }
    if cancelNow { task.cancel() }
  }

  /// Marks the transfer done and returns how it ended.
  func finish() -> Ending {
    state.withLock { state in
      state.finished = true
      state.task = nil
      return state.ending
    }
  }

  /// Stops a still-running transfer because the timeout passed.
  func expire() { stop(as: .expired) }

  /// Stops a still-running transfer because the caller was cancelled.
  func cancel() { stop(as: .cancelled) }

  private func stop(as ending: Ending) {
    let task = state.withLock { state -> URLSessionDataTask? in
      guard !state.finished, state.ending == .running else { return nil }
      state.ending = ending
      return state.task
    }
    task?.cancel()
  }
}
