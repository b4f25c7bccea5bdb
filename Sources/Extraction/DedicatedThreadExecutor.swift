import Foundation
import Synchronization

/// A serial executor with a thread of its own, for an actor whose work would otherwise take one
/// of the cooperative pool's threads (there is one per core).
///
/// Extract's database writer is such an actor: on the cooperative pool, a module being written
/// kept one of the two decoding threads away from decoding, and decoded modules waiting for the
/// writer left a core idle. On its own thread, the operating system shares both cores between the
/// writer and the two decoders, so both stay busy while there is work.
final class DedicatedThreadExecutor: SerialExecutor {
  /// What the thread and the executor share: the thread never holds the executor itself, so
  /// the executor's end (when its actor is gone) is what ends the thread.
  private final class Queue: Sendable {
    let jobs = Mutex<(waiting: [UnownedJob], closed: Bool)>(([], false))
    let wakeup = DispatchSemaphore(value: 0)
  }

  private let queue = Queue()

  /// An executor whose thread is called `name`.
  init(name: String) {
    let queue = queue
    let executor = UnownedSerialExecutor(ordinary: self)
    let thread = Thread {
      Thread.current.name = name
      while true {
        queue.wakeup.wait()
        let next = queue.jobs.withLock { jobs -> (job: UnownedJob?, closed: Bool) in
          jobs.waiting.isEmpty ? (nil, jobs.closed) : (jobs.waiting.removeFirst(), false)
        }
        if let job = next.job { job.runSynchronously(on: executor) } else if next.closed { return }
      }
    }
    thread.start()
  }

  deinit {
    queue.jobs.withLock { $0.closed = true }
    queue.wakeup.signal()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.jobs.withLock { $0.waiting.append(job) }
    queue.wakeup.signal()
  }

  func asUnownedSerialExecutor() -> UnownedSerialExecutor {
    UnownedSerialExecutor(ordinary: self)
  }
}
