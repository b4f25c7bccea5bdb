import CProcess
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A child in its own process group that is talked to over its stdin and stdout (the Lean REPL),
/// with standard error drained continuously into a tail so a chatty child never blocks on it.
///
/// Reads and writes wait with `poll` until a deadline, so one thread at a time may talk to the
/// child (the caller's job); `kill()` may be called from any thread at any moment and makes a
/// pending read end. The group is registered like `Subprocess`'s, so herald's interrupt handler
/// and its exit kill it.
public final class PipedProcess: Sendable {
  /// Why a child could not be started.
  public struct LaunchError: Error, Sendable, CustomStringConvertible {
    /// The errno value (`ENOENT`: no such program).
    public var code: Int32
    /// The program as given.
    public var program: String

    public var description: String {
      "could not start '\(program)': \(String(cString: strerror(code)))"
    }
  }

  /// What a read produced.
  public enum ReadResult: Sendable, Equatable {
    /// Some bytes (never empty).
    case bytes([UInt8])
    /// The child closed its stdout (it exited or was killed).
    case endOfFile
    /// Nothing arrived before the deadline.
    case timedOut
  }

  /// What a write achieved.
  public enum WriteResult: Sendable, Equatable {
    /// Everything was written.
    case written
    /// The child closed its stdin (it exited or was killed).
    case closed
    /// The child did not take the bytes before the deadline.
    case timedOut
  }

  /// The child's process id, also its process group.
  public let pid: pid_t
  /// The command line it was started with.
  public let arguments: [String]
  private let input: Int32
  private let output: Int32
  private let errors: StandardErrorTail
  /// Set once the group has been killed and the leader reaped.
  private let finished = Mutex<Subprocess.Termination?>(nil)
  /// Held through a whole `finish`, so two threads never both wait for the child.
  private let reaping = Mutex(())

  /// Starts `arguments` (program first, searched on the child's PATH when it has no slash)
  /// without a shell, in `directory`, with `environment` (ours when nil) and, when given, an
  /// address-space limit.
  public init(
    _ arguments: [String], in directory: String?, environment: [String: String]? = nil,
    addressSpaceLimit: Int? = nil
  ) throws(LaunchError) {
    precondition(!arguments.isEmpty, "PipedProcess needs a program")
    let environment = environment ?? ProcessInfo.processInfo.environment
    var argv = arguments
    if !arguments[0].contains("/") {
      // The spawn forks and must not search PATH itself (see spawn_piped.c); the child's PATH decides.
      guard let found = Self.locate(arguments[0], searchPath: environment["PATH"]) else {
        throw LaunchError(code: ENOENT, program: arguments[0])
      }
      argv[0] = found
    }
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    var errorPipe: [Int32] = [0, 0]
    // Close-on-exec from the start: another thread may spawn at the same moment, and a child that
    // inherited our end of a pipe would keep it open (no EOF when the REPL dies).
    for index in 0..<3 {
      let status =
        switch index {
        case 0: toChild.withUnsafeMutableBufferPointer { herald_pipe_cloexec($0.baseAddress!) }
        case 1: fromChild.withUnsafeMutableBufferPointer { herald_pipe_cloexec($0.baseAddress!) }
        default: errorPipe.withUnsafeMutableBufferPointer { herald_pipe_cloexec($0.baseAddress!) }
        }
      guard status == 0 else {
        for fd in (toChild + fromChild + errorPipe) where fd > 0 { close(fd) }
        throw LaunchError(code: status, program: arguments[0])
      }
    }
    let pairs = environment.map { "\($0.key)=\($0.value)" }
    var child: pid_t = 0
    let status = Subprocess.withCStrings(argv) { argvPointer in
      Subprocess.withCStrings(pairs) { envp in
        herald_spawn_piped(
          argvPointer, envp, directory, toChild[0], fromChild[1], errorPipe[1],
          UInt64(max(0, addressSpaceLimit ?? 0)), &child)
      }
    }
    close(toChild[0])
    close(fromChild[1])
    close(errorPipe[1])
    guard status == 0 else {
      close(toChild[1])
      close(fromChild[0])
      close(errorPipe[0])
      throw LaunchError(code: status, program: arguments[0])
    }
    RunningGroups.shared.insert(child)
    pid = child
    self.arguments = arguments
    input = toChild[1]
    output = fromChild[0]
    _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
    _ = fcntl(output, F_SETFL, fcntl(output, F_GETFL) | O_NONBLOCK)
    errors = StandardErrorTail(descriptor: errorPipe[0])
  }

  deinit {
    _ = finish(grace: 0)
    close(input)
    close(output)
  }

  /// The current monotonic time in seconds, the clock of every deadline here.
  public static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// Writes all of `bytes` to the child's stdin, waiting for room until `deadline`.
  public func write(_ bytes: [UInt8], deadline: Double) -> WriteResult {
    // A write to a dead child raises SIGPIPE, which would end herald: block it in this thread
    // and consume the one the write raised, if any, before unblocking.
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
    var brokenPipe = false
    defer {
      if brokenPipe {
        var none = timespec()
        _ = sigtimedwait(&pipeSignal, nil, &none)
      }
      pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
      if written > 0 {
        offset += written
        continue
      }
      if written < 0 && errno == EINTR { continue }
      if written < 0 && errno == EPIPE {
        brokenPipe = true
        return .closed
      }
      guard written < 0 && errno == EAGAIN else { return .closed }
      switch wait(for: input, events: Int16(POLLOUT), deadline: deadline) {
      case .ready: continue
      case .timedOut: return .timedOut
      case .closed: return .closed
      }
    }
    return .written
  }

  /// Reads what the child wrote to stdout, waiting until `deadline` for at least one byte.
  public func read(deadline: Double, maximum: Int = 65536) -> ReadResult {
    var buffer = [UInt8](repeating: 0, count: maximum)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
      if count > 0 { return .bytes(Array(buffer[0..<count])) }
      if count == 0 { return .endOfFile }
      if errno == EINTR { continue }
      guard errno == EAGAIN else { return .endOfFile }
      switch wait(for: output, events: Int16(POLLIN), deadline: deadline) {
      case .ready, .closed: continue
      case .timedOut: return .timedOut
      }
    }
  }

  private enum Readiness { case ready, timedOut, closed }

  /// Polls one descriptor until it is ready, closed or the deadline passes.
  private func wait(for descriptor: Int32, events: Int16, deadline: Double) -> Readiness {
    while true {
      let remaining = deadline - Self.now()
      if remaining <= 0 { return .timedOut }
      var entry = pollfd(fd: descriptor, events: events, revents: 0)
      // At most a second per poll, so a deadline is rechecked even if the clock jumps.
      let ready = poll(&entry, 1, Int32(min(1000, max(1, (remaining * 1000).rounded(.up)))))
      if ready < 0 && errno == EINTR { continue }
      if ready < 0 { return .closed }
      if ready == 0 { continue }
      if entry.revents & events != 0 { return .ready }
      if entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .closed }
    }
  }

  /// The last bytes the child wrote to standard error (at most `Subprocess.stderrLimit`).
  public var stderrTail: String { errors.text }

  /// Kills the child's whole process group now; pending reads then see the end of its output.
  /// Safe from any thread, and after the child is gone (the group is reaped only by `finish`).
  public func kill() {
    guard finished.withLock({ $0 == nil }) else { return }
    Glibc.kill(-pid, SIGKILL)
  }

  /// How the child ended, once it has: waits up to `grace` seconds for it to exit by itself,
  /// then kills the group and reaps the child. Later calls return the same answer.
  @discardableResult
  public func finish(grace: Double) -> Subprocess.Termination {
    reaping.withLock { _ in reap(grace: grace) }
  }

  private func reap(grace: Double) -> Subprocess.Termination {
    if let known = finished.withLock({ $0 }) { return known }
    let deadline = Self.now() + grace
    var exitedByItself = false
    while true {
      // Peeks without reaping: the group id must stay ours until the group is killed.
      var info = siginfo_t()
      if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid {
        exitedByItself = true
        break
      }
      if Self.now() >= deadline { break }
      usleep(2000)
    }
    Glibc.kill(-pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let termination: Subprocess.Termination
    if status & 0x7f == 0 {
      termination = .exited((status >> 8) & 0xff)
    } else {
      termination = .signaled(status & 0x7f)
    }
    finished.withLock { $0 = termination }
    RunningGroups.shared.remove(pid)
    // The group is dead, so standard error reaches its end soon; wait a little for its last lines.
    errors.waitForEnd(seconds: exitedByItself ? 1 : 0.2)
    return termination
  }

  /// Resident memory of the child and all its descendants (`lake exe repl` runs the REPL as a
  /// child), from /proc; nil where /proc cannot tell.
  public func residentBytesOfTree() -> Int? {
    ProcessTree.residentBytes(root: pid)
  }

  /// The first executable file named `name` on `searchPath`, as execvp looks for it.
  static func locate(_ name: String, searchPath: String?) -> String? {
    for folder in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
    {
      let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + name
      var information = stat()
      if stat(candidate, &information) == 0, information.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
        return candidate
      }
    }
    return nil
  }
}

/// Drains a child's standard error on a thread of its own, keeping the last bytes.
private final class StandardErrorTail: Sendable {
  private let kept = Mutex<[UInt8]>([])
  private let ended = DispatchSemaphore(value: 0)

  init(descriptor: Int32) {
    Thread.detachNewThread { [self] in
      var buffer = [UInt8](repeating: 0, count: 8192)
      while true {
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        kept.withLock { bytes in
          bytes.append(contentsOf: buffer[0..<count])
          if bytes.count > 2 * Subprocess.stderrLimit { bytes.removeFirst(bytes.count - Subprocess.stderrLimit) }
        }
      }
      close(descriptor)
      ended.signal()
    }
  }

  /// Waits up to `seconds` for the end of standard error (once reached, at once).
  func waitForEnd(seconds: Double) {
    if ended.wait(timeout: .now() + seconds) == .success { ended.signal() }
  }

  var text: String {
    String(decoding: kept.withLock { $0.suffix(Subprocess.stderrLimit) }, as: UTF8.self)
  }
}
