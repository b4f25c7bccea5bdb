import Foundation
import ProcessRunner
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One running REPL process: sends a request, reads its reply off the cooperative pool, and
/// reports what happened in protocol terms.
final class REPLProcess: Sendable {
  /// How one request went.
  enum Exchange: Sendable {
    /// A reply, decoded; `residentBytes` of the process tree afterwards when asked for.
    case reply(REPLReply, residentBytes: Int?)
    /// Output that is not a reply (the first bytes of it).
    case garbage(String)
    /// No reply in time (the process is still running; the caller kills it).
    case timedOut
    /// The process ended (closed its stdout) before replying.
    case ended(Subprocess.Termination, stderr: String)
    /// The check was cancelled; the process was killed.
    case cancelled
  }

  /// Replies above this size are treated as garbage rather than held in memory.
  static let maximumReplyBytes = 256 << 20

  let process: PipedProcess
  private let framer = Mutex(ReplyFramer())

  /// One exchange's state, shared with its cancellation handler: a cancellation kills the process
  /// only while the exchange runs, so one that comes after the reply leaves a healthy process.
  private final class Progress: Sendable {
    private let state = Mutex((running: true, cancelled: false))

    /// Marks the exchange cancelled and, while it still runs, kills `process`; true if it did.
    func cancelKilling(_ process: PipedProcess) -> Bool {
      state.withLock { state in
        state.cancelled = true
        if state.running { process.kill() }
        return state.running
      }
    }

    /// Marks the exchange over; true when it was cancelled first.
    func end() -> Bool {
      state.withLock { state in
        state.running = false
        return state.cancelled
      }
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }
  }

  /// Starts the REPL command in the project folder.
  init(_ configuration: REPLConfiguration) throws(PipedProcess.LaunchError) {
    var arguments = configuration.command
    if arguments[0].contains("/") && !arguments[0].hasPrefix("/") {
      // The child runs in the project folder; a relative program path means ours.
      arguments[0] = URL(fileURLWithPath: arguments[0]).standardizedFileURL.path
    }
    process = try PipedProcess(
      arguments, in: configuration.projectDirectory, environment: configuration.environment,
      addressSpaceLimit: configuration.addressSpaceLimit)
  }

  /// Sends `request` and waits up to `timeout` seconds for the reply on a thread of its own.
  /// Cancelling the calling task kills the process and answers `.cancelled` promptly.
  func exchange(_ request: [UInt8], timeout: Double, measureMemory: Bool) async -> Exchange {
    if Task.isCancelled {
      kill()
      return .cancelled
    }
    let progress = Progress()
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        Thread.detachNewThread { [self] in
          let exchange = exchangeBlocking(request, timeout: timeout, measureMemory: measureMemory, progress)
          // Killed for a cancellation, whatever the pipe said: the process is gone.
          continuation.resume(returning: progress.end() ? .cancelled : exchange)
        }
      }
    } onCancel: {
      // Under the lock, so no kill can follow the end of the exchange.
      _ = progress.cancelKilling(process)
    }
  }

  /// The blocking core of `exchange`.
  private func exchangeBlocking(
    _ request: [UInt8], timeout: Double, measureMemory: Bool, _ progress: Progress
  ) -> Exchange {
    let deadline = PipedProcess.now() + timeout
    switch process.write(request, deadline: deadline) {
    case .written: break
    case .timedOut: return .timedOut
    case .closed: return ended(progress)
    }
    while true {
      if let reply = framer.withLock({ $0.nextReply() }) {
        guard let decoded = REPLReply.decode(reply) else {
          return .garbage(String(decoding: reply.prefix(300), as: UTF8.self))
        }
        return .reply(decoded, residentBytes: measureMemory ? process.residentBytesOfTree() : nil)
      }
      if framer.withLock({ $0.pending.count }) > Self.maximumReplyBytes {
        return .garbage("a reply of more than \(Self.maximumReplyBytes >> 20) MB")
      }
      switch process.read(deadline: deadline) {
      case .bytes(let bytes): framer.withLock { $0.append(bytes) }
      case .timedOut: return .timedOut
      case .endOfFile: return ended(progress)
      }
    }
  }

  /// The process closed its output: how it ended (or that we killed it for a cancellation).
  private func ended(_ progress: Progress) -> Exchange {
    if progress.isCancelled {
      process.finish(grace: 0)
      return .cancelled
    }
    let termination = process.finish(grace: 2)
    return .ended(termination, stderr: process.stderrTail)
  }

  /// Kills the process group now (safe from any thread).
  func kill() {
    process.kill()
  }

  /// Kills the process group and reaps it on a thread of its own, so the caller never waits.
  func retire() {
    process.kill()
    Thread.detachNewThread { [process] in process.finish(grace: 0) }
  }

  /// The last lines of standard error, for messages.
  func stderrLines(_ count: Int) -> String {
    process.stderrTail.split(separator: "\n", omittingEmptySubsequences: true).suffix(count).joined(separator: "\n")
  }
}
