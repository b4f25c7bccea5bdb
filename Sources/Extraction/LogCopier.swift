import Foundation
import Storage
import Synchronization

/// Copies extract's write-ahead log into the database from a connection and a thread of its own,
/// while the writer goes on writing.
///
/// SQLite's automatic checkpoint runs inside the writer's commit: on Mathlib-size runs each one
/// held the writer for about a second, during which the decoders, with nowhere to put their
/// modules, stalled too, and two cores did the work of one. A passive checkpoint from another
/// connection waits for nobody and blocks no writer, so the copying now overlaps decoding and
/// writing. But such a copy never catches up with a busy writer, and SQLite only starts the log
/// again from its top when a write begins with every frame copied: left at that, the log grew to
/// the size of the database and made the writer slower. So once a copy is done, the writer's next
/// commit copies the little that came in meanwhile itself (`observeLog`), and its next write
/// starts the log from the top. Commits stay atomic and durable (`synchronous = NORMAL`) as
/// before; only who copies the log and when changes.
final class LogCopier: Sendable {
  /// Where the copier stands, as the writer's thread and the copier's see it.
  private struct State {
    /// A copy is wanted and not yet started.
    var requested = false
    var running = false
    /// A copy ended since the writer last checkpointed.
    var copied = false
    var closed = false
    /// The log's frame count when the last copy was requested or the writer last checkpointed.
    var base = 0
  }

  /// The log's growth, in frames (4 KiB pages), that asks for a copy.
  let everyFrames: Int

  /// What the writer's thread and the copier's share: the thread never holds the copier itself,
  /// so the copier's end is what ends the thread.
  private final class Shared: Sendable {
    let state = Mutex(State())
    let wakeup = DispatchSemaphore(value: 0)
    let ended = DispatchSemaphore(value: 0)
  }

  private let shared = Shared()

  /// Starts the copier's thread and connection; nil when the connection cannot be opened (the
  /// writer then keeps SQLite's automatic checkpoints).
  init?(path: String, everyFrames: Int) {
    self.everyFrames = everyFrames
    let opened = Mutex<Bool?>(nil)
    let ready = DispatchSemaphore(value: 0)
    let shared = shared
    let thread = Thread {
      Thread.current.name = "herald-log"
      let connection = try? HeraldDatabase.openExisting(path: path)
      opened.withLock { $0 = connection != nil }
      ready.signal()
      if let connection {
        var open = true
        while open {
          shared.wakeup.wait()
          let (copy, closed) = shared.state.withLock { state in
            defer {
              state.running = state.requested
              state.requested = false
            }
            return (state.requested, state.closed)
          }
          // A failed copy leaves the frames in the log, for the next copy or the final checkpoint.
          if copy {
            try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            shared.state.withLock { state in
              state.running = false
              state.copied = true
            }
          }
          open = !closed
        }
      }
      shared.ended.signal()
    }
    thread.start()
    ready.wait()
    guard opened.withLock({ $0 }) == true else {
      shared.ended.wait()
      return nil
    }
  }

  deinit {
    close()
  }

  /// Called after each commit with the log's frame count, while no copy is asked for or running:
  /// - once a copy is done, returns true (the writer is to checkpoint now) if what came in since
  ///   it was asked for is under a quarter of `everyFrames`, or if the log has grown past four
  ///   times `everyFrames` (so that it stays bounded even when every commit is large); otherwise
  ///   asks for another copy;
  /// - else asks for a copy once the log has grown by `everyFrames` since the last request (or
  ///   since the writer started it from the top).
  func logGrew(to frames: Int) -> Bool {
    let (wanted, checkpoint) = shared.state.withLock { state -> (Bool, Bool) in
      guard !state.closed, !state.requested, !state.running else { return (false, false) }
      // A count below `base` means the writer started the log from the top since.
      let grown = frames >= state.base ? frames - state.base : frames
      let copied = state.copied
      state.copied = false
      if copied && (grown < everyFrames / 4 || frames >= 4 * everyFrames) {
        state.base = frames
        return (false, true)
      }
      guard copied || grown >= everyFrames else { return (false, false) }
      state.requested = true
      state.base = frames
      return (true, false)
    }
    if wanted { shared.wakeup.signal() }
    return checkpoint
  }

  /// Asks for a copy of whatever the log holds now.
  func copyNow() {
    let wanted = shared.state.withLock { state in
      guard !state.closed, !state.requested, !state.running else { return false }
      state.requested = true
      return true
    }
    if wanted { shared.wakeup.signal() }
  }

  /// Lets a requested copy finish, then ends the thread and waits for it: afterwards no copy runs.
  func finish() {
    guard close() else { return }
    shared.ended.wait()
  }

  /// Ends the thread after any requested copy; false if it was already ended.
  @discardableResult
  private func close() -> Bool {
    let open = shared.state.withLock { state in
      defer { state.closed = true }
      return !state.closed
    }
    if open { shared.wakeup.signal() }
    return open
  }
}
