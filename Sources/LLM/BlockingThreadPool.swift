import Dispatch
import Foundation
import Synchronization

/// Threads of our own for blocking work, so that blocking calls never occupy Swift's cooperative pool.
///
/// A job runs on an idle thread when there is one (the most recently idled first, so a steady load
/// keeps reusing the same warm threads) and otherwise on a new thread. The pool therefore grows to the
/// peak number of jobs running at once; a thread left idle for `idleLifetime` ends.
final class BlockingThreadPool: Sendable {
  /// A job: it runs once, on one of the pool's threads.
  typealias Job = @Sendable () -> Void

  /// The pool every socket client shares.
  static let shared = BlockingThreadPool()

  /// One thread's mailbox: a job handed over under the pool's lock, and the signal that wakes it.
  private final class Worker: Sendable {
    let wakeup = DispatchSemaphore(value: 0)
    let job = Mutex<Job?>(nil)
  }

  /// Threads waiting for work, the most recently idled last.
  private let idle = Mutex<[Worker]>([])
  private let idleLifetime: DispatchTimeInterval
  private let name: String

  /// A pool whose threads are called `name` and end after `idleLifetime` without work.
  init(name: String = "herald-http", idleLifetime: DispatchTimeInterval = .seconds(10)) {
    self.name = name
    self.idleLifetime = idleLifetime
  }

  /// Runs `job` on an idle thread, or on a new one when every thread is busy.
  func run(_ job: @escaping Job) {
    if let worker = idle.withLock({ $0.popLast() }) {
      worker.job.withLock { $0 = job }
      worker.wakeup.signal()
      return
    }
    let worker = Worker()
    let thread = Thread { [self] in
      // Named from inside: a profile then tells these threads from the cooperative pool's.
      Thread.current.name = name
      serve(worker, first: job)
    }
    thread.start()
  }

  /// Runs jobs on the calling thread until it has been idle too long.
  private func serve(_ worker: Worker, first: @escaping Job) {
    var job: Job? = first
    while true {
      job?()
      idle.withLock { $0.append(worker) }
      if worker.wakeup.wait(timeout: .now() + idleLifetime) == .timedOut {
        let retired = idle.withLock { workers -> Bool in
          guard let index = workers.firstIndex(where: { $0 === worker }) else { return false }
          workers.remove(at: index)
          return true
        }
        if retired { return }
        // Someone took this worker off the idle list just as the wait expired: its job is coming.
        worker.wakeup.wait()
      }
      job = worker.job.withLock { slot -> Job? in
        defer { slot = nil }
        return slot
      }
    }
  }
}
