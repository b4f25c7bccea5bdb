import CProcess
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A long-running child (a model server) in its own process group, with standard error going to
/// a log file; killed with its group by `stop()`, by herald's interrupt handler, or when herald
/// exits normally, so no server outlives the run that started it.
public final class BackgroundProcess: Sendable {
  /// The child's process id (also its process group).
  public let pid: pid_t
  /// Where its standard error goes.
  public let logPath: String
  private let stopped = Mutex(false)

  /// Starts `arguments` (program first, searched on PATH when it has no slash) without a shell.
  public init(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil, logPath: String)
    throws
  {
    let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard log >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(log) }
    let pairs = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    var child: pid_t = 0
    let status = Subprocess.withCStrings(arguments) { argv in
      Subprocess.withCStrings(pairs) { envp in herald_spawn(argv, envp, directory, log, &child) }
    }
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT) }
    pid = child
    self.logPath = logPath
    RunningGroups.shared.insert(child)
  }

  deinit { stop() }

  /// Whether the child has exited (reaping it if so).
  public var hasExited: Bool {
    if stopped.withLock({ $0 }) { return true }
    var status: Int32 = 0
    return waitpid(pid, &status, WNOHANG) == pid
  }

  /// Kills the child's whole group and reaps it; safe to call more than once.
  public func stop() {
    let first = stopped.withLock { value -> Bool in
      defer { value = true }
      return !value
    }
    guard first else { return }
    kill(-pid, SIGTERM)
    var status: Int32 = 0
    for _ in 0..<50 {
      if waitpid(pid, &status, WNOHANG) == pid { break }
      usleep(20_000)
    }
    kill(-pid, SIGKILL)
    _ = waitpid(pid, &status, WNOHANG)
    RunningGroups.shared.remove(pid)
  }

  /// A TCP port on 127.0.0.1 that nothing listens on right now.
  public static func freeLoopbackPort() throws -> Int {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(socketFD) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
