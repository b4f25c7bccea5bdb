import CProcess
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program without a shell, in its own process group, with a wall-clock limit that kills
/// the whole group, and keeps the tail of its standard error.
public enum Subprocess {
  /// How a run ended.
  public enum Termination: Sendable, Equatable, CustomStringConvertible {
    /// Exited by itself with this status.
    case exited(Int32)
    /// Killed by this signal (not by us).
    case signaled(Int32)
    /// Killed by us after the time limit.
    case timedOut
    /// Could not be started at all (errno).
    case launchFailed(Int32)

    public var description: String {
      switch self {
      case .exited(let code): return "exit status \(code)"
      case .signaled(let signal): return "killed by signal \(signal) (\(Subprocess.signalName(signal)))"
      case .timedOut: return "killed after the time limit"
      case .launchFailed(let code): return "could not be started: \(String(cString: strerror(code)))"
      }
    }
  }

  /// The outcome of a run.
  public struct Result: Sendable {
    /// How it ended.
    public var termination: Termination
    /// The last bytes of standard error (at most `stderrLimit`), decoded leniently.
    public var stderrTail: String
    /// Wall-clock seconds.
    public var seconds: Double
    /// Which of the `watch` strings appeared anywhere in standard error (not only in the tail).
    public var seen: Set<String> = []

    /// `stderrTail` cut to its last `lines` lines.
    public func lastLines(_ lines: Int) -> String {
      stderrTail.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
  }

  /// Bytes of standard error kept.
  public static let stderrLimit = 16 * 1024

  /// Runs `arguments` (program first) in `directory` and waits for it off the cooperative pool.
  public static func run(
    _ arguments: [String], in directory: String?, environment: [String: String]? = nil, timeout: Double,
    watch: [String] = []
  ) async -> Result {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          returning: runBlocking(arguments, in: directory, environment: environment, timeout: timeout, watch: watch))
      }
    }
  }

  /// The blocking core of `run`.
  public static func runBlocking(
    _ arguments: [String], in directory: String?, environment: [String: String]?, timeout: Double,
    watch: [String] = []
  ) -> Result {
    let started = Date()
    var pipeEnds: [Int32] = [0, 0]
    // Other runs spawn concurrently: no child may inherit this pipe, or EOF would never come.
    let pipeStatus = pipeEnds.withUnsafeMutableBufferPointer { herald_pipe_cloexec($0.baseAddress!) }
    guard pipeStatus == 0 else {
      return Result(termination: .launchFailed(pipeStatus), stderrTail: "", seconds: 0)
    }
    let environmentPairs = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    let status = withCStrings(arguments) { argv in
      withCStrings(environmentPairs) { envp in
        herald_spawn(argv, envp, directory, pipeEnds[1], &pid)
      }
    }
    close(pipeEnds[1])
    guard status == 0 else {
      close(pipeEnds[0])
      return Result(termination: .launchFailed(status), stderrTail: "", seconds: 0)
    }
    RunningGroups.shared.insert(pid)
    defer { RunningGroups.shared.remove(pid) }
    let watchdog = Watchdog(processGroup: pid, timeout: timeout)
    let (tail, seen) = readTail(pipeEnds[0], watch: watch)
    close(pipeEnds[0])
    var waitStatus: Int32 = 0
    while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
    let killedByUs = watchdog.disarm()
    let termination: Termination
    if killedByUs {
      termination = .timedOut
    } else if waitStatus & 0x7f == 0 {
      termination = .exited((waitStatus >> 8) & 0xff)
    } else {
      termination = .signaled(waitStatus & 0x7f)
    }
    return Result(termination: termination, stderrTail: tail, seconds: Date().timeIntervalSince(started), seen: seen)
  }

  /// Reads a pipe to its end, keeping only the last `stderrLimit` bytes and noting which `watch`
  /// strings occurred anywhere (a match may straddle two reads).
  private static func readTail(_ descriptor: Int32, watch: [String]) -> (String, Set<String>) {
    var kept: [UInt8] = []
    var seen: Set<String> = []
    let patterns = watch.map { Array($0.utf8) }
    let overlap = max(0, (patterns.map(\.count).max() ?? 1) - 1)
    var carry: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      let chunk = buffer[0..<count]
      if !patterns.isEmpty && seen.count < patterns.count {
        let window = carry + chunk
        for (index, pattern) in patterns.enumerated() where !seen.contains(watch[index]) {
          if contains(window, pattern) { seen.insert(watch[index]) }
        }
        carry = Array(window.suffix(overlap))
      }
      kept.append(contentsOf: chunk)
      if kept.count > 2 * stderrLimit { kept.removeFirst(kept.count - stderrLimit) }
    }
    if kept.count > stderrLimit { kept.removeFirst(kept.count - stderrLimit) }
    return (String(decoding: kept, as: UTF8.self), seen)
  }

  private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
      if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
    }
    return false
  }

  /// A human name for common signals.
  public static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGKILL: return "SIGKILL"
    case SIGSEGV: return "SIGSEGV"
    case SIGABRT: return "SIGABRT"
    case SIGTERM: return "SIGTERM"
    case SIGINT: return "SIGINT"
    case SIGBUS: return "SIGBUS"
    case SIGILL: return "SIGILL"
    default: return "signal \(signal)"
    }
  }

  static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    let terminated: [UnsafePointer<CChar>?] = pointers.map { $0.map { UnsafePointer($0) } } + [nil]
    return terminated.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}

/// Process groups started by `Subprocess` and not yet reaped, so an interrupt can end them: they
/// run in groups of their own and would not see the terminal's Ctrl-C.
final class RunningGroups: Sendable {
  static let shared = RunningGroups()
  private let groups = Mutex<Set<pid_t>>([])

  func insert(_ group: pid_t) { groups.withLock { _ = $0.insert(group) } }
  func remove(_ group: pid_t) { groups.withLock { _ = $0.remove(group) } }

  /// Kills every running group.
  func killAll() {
    for group in groups.withLock({ $0 }) { kill(-group, SIGKILL) }
  }
}

extension Subprocess {
  /// Kills every child group still running (called when herald exits).
  public static func stopAllChildren() {
    RunningGroups.shared.killAll()
  }

  /// On SIGINT, SIGTERM, SIGHUP or SIGQUIT, kills every running child group, then exits with 128 + the signal.
  /// Work already committed to the database stays; a rerun resumes from it. The caller keeps the
  /// returned sources alive for as long as the handler should work.
  ///
  /// With `stop`, the first signal asks the program to stop instead when `stop` returns true
  /// (it cancels the work, which then writes what it holds in memory and returns): the process
  /// exits with 128 + the signal when the program returns (the caller's part), or after `grace`
  /// seconds, or at a second signal, whichever comes first.
  public static func installInterruptHandler(
    grace: Double = 10, stop: (@Sendable (Int32) -> Bool)? = nil,
    onInterrupt: @escaping @Sendable (Int32) -> Void = { _ in }
  ) -> [any DispatchSourceSignal] {
    var sources: [any DispatchSourceSignal] = []
    let received = Mutex<Int32>(0)
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        let first = received.withLock { earlier -> Bool in
          defer { if earlier == 0 { earlier = signalNumber } }
          return earlier == 0
        }
        if first { onInterrupt(signalNumber) }
        guard first, let stop, stop(signalNumber) else {
          RunningGroups.shared.killAll()
          exit(128 + signalNumber)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
          RunningGroups.shared.killAll()
          exit(128 + signalNumber)
        }
      }
      source.resume()
      sources.append(source)
    }
    return sources
  }
}

/// Kills a process group when its time is up, unless disarmed first.
private final class Watchdog: Sendable {
  private let state = Mutex<(fired: Bool, disarmed: Bool)>((false, false))
  private let processGroup: pid_t

  init(processGroup: pid_t, timeout: Double) {
    self.processGroup = processGroup
    DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout)) { [self] in
      let shouldKill = state.withLock { value -> Bool in
        guard !value.disarmed else { return false }
        value.fired = true
        return true
      }
      // The group is only killed while the leader has not been reaped, so its id is still ours.
      if shouldKill { kill(-processGroup, SIGKILL) }
    }
  }

  /// Stops the timer; returns whether it had already killed the group.
  func disarm() -> Bool {
    state.withLock { value in
      value.disarmed = true
      return value.fired
    }
  }
}
