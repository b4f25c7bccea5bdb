import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 client over plain sockets, for `http://` endpoints.
///
/// FoundationNetworking's URLSession costs a lot of CPU per request on Linux (a libcurl multi handle,
/// dispatch sources and several thread hops); this client costs a handful of system calls. Each
/// exchange runs on a thread of `BlockingThreadPool` with non-blocking sockets and `poll()` in slices
/// of at most 50 ms, so the deadline and the caller's cancellation are both noticed promptly.
///
/// Connections are kept alive and reused per host and port. A request on a reused connection that
/// fails before any byte of the answer arrives (the server closed the idle connection meanwhile) is
/// sent once more on a fresh connection; that retry is part of the same attempt.
final class SocketHTTPClient: Sendable {
  /// Why an exchange ended without an answer.
  enum Failure: Error, Equatable {
    case timedOut
    case cancelled
    case unknownHost
    case refused
    case unreachable
    case reset
    case closedWithoutReply
    case closedMidAnswer
    case malformed(String)

    /// What `OpenAIClient` is told.
    var outcome: AttemptOutcome {
      switch self {
      case .timedOut: return .timedOut
      case .cancelled: return .cancelled
      case .unknownHost: return .failed(reason: "unknown host")
      case .refused: return .connectionFailed(reason: "connection refused")
      case .unreachable: return .connectionFailed(reason: "network unreachable")
      case .reset: return .connectionFailed(reason: "connection reset")
      case .closedWithoutReply: return .connectionFailed(reason: "closed without a reply")
      case .closedMidAnswer: return .connectionFailed(reason: "closed in the middle of the answer")
      case .malformed(let detail): return .failed(reason: "malformed HTTP response (\(detail))")
      }
    }

    /// Whether a reused connection failing this way before any answer byte was merely stale.
    var meansStaleConnection: Bool { self == .reset || self == .closedWithoutReply }
  }

  /// Where a request goes: the host to resolve, the port, and the pool key.
  struct Target: Sendable {
    let host: String
    let port: UInt16
    /// The `Host` header value, with the port (and brackets around an IPv6 literal).
    let authority: String
    /// The request target: percent-encoded path and query.
    let path: String

    /// The target of an `http://` URL; nil for other schemes or without a host.
    init?(_ url: URL) {
      guard url.scheme?.lowercased() == "http", var host = url.host(percentEncoded: false), !host.isEmpty else {
        return nil
      }
      if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
      guard let port = UInt16(exactly: url.port ?? 80) else { return nil }
      self.host = host
      self.port = port
      authority = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
      var path = url.path(percentEncoded: true)
      if path.isEmpty { path = "/" }
      if let query = url.query(percentEncoded: true) { path += "?" + query }
      self.path = path
    }
  }

  private let pool: ConnectionPool
  private let threads: BlockingThreadPool

  /// A client keeping at most `maxIdlePerHost` idle connections per host and port.
  init(maxIdlePerHost: Int = 256, threads: BlockingThreadPool = .shared) {
    pool = ConnectionPool(maxIdlePerHost: maxIdlePerHost)
    self.threads = threads
  }

  deinit { pool.closeAll() }

  /// Idle kept-alive connections to the host and port of `url`.
  func idleConnections(to url: URL) -> Int {
    guard let target = Target(url) else { return 0 }
    return pool.idleCount(for: target.authority)
  }

  /// POSTs `body` to the `http://` URL `url` and waits at most `timeout` seconds for the whole answer.
  func post(url: URL, headers: [String: String], body: Data, timeout: TimeInterval) async -> AttemptOutcome {
    guard let target = Target(url) else { return .failed(reason: "unsupported URL") }
    guard let request = Self.serialize(target: target, headers: headers, body: body) else {
      return .failed(reason: "invalid header")
    }
    let exchange = Exchange(timeout: timeout)
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<AttemptOutcome, Never>) in
        guard exchange.install(continuation) else { return }
        threads.run { [self] in exchange.finish(perform(request, to: target, exchange)) }
      }
    } onCancel: {
      exchange.cancel()
    }
  }

  /// The request head and body as sent: the caller's headers, then Host and Content-Length.
  static func serialize(target: Target, headers: [String: String], body: Data) -> [UInt8]? {
    var head = "POST \(target.path) HTTP/1.1\r\nHost: \(target.authority)\r\n"
    let reserved: Set<String> = ["host", "content-length", "transfer-encoding", "connection", "expect"]
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
      guard !reserved.contains(name.lowercased()) else { continue }
      // A line break in a header would let it smuggle in headers (or a second request) of its own.
      guard !name.isEmpty, !(name + value).utf8.contains(where: { $0 == 13 || $0 == 10 }) else { return nil }
      head += "\(name): \(value)\r\n"
    }
    head += "Content-Length: \(body.count)\r\n\r\n"
    var bytes = [UInt8]()
    bytes.reserveCapacity(head.utf8.count + body.count)
    bytes.append(contentsOf: head.utf8)
    bytes.append(contentsOf: body)
    return bytes
  }

  /// Sends `request` on a pooled or new connection and reads the answer (on a pool thread).
  private func perform(_ request: [UInt8], to target: Target, _ exchange: Exchange) -> AttemptOutcome {
    var allowReuse = true
    while true {
      let connection: Int32
      let reused: Bool
      if allowReuse, let idle = pool.checkout(target.authority) {
        connection = idle
        reused = true
      } else {
        do {
          connection = try Self.connect(to: target, exchange)
        } catch {
          return error.outcome
        }
        reused = false
      }
      var reader = HTTPResponseReader(connection: connection, exchange: exchange)
      do {
        try Self.send(request, on: connection, exchange)
        let answer = try reader.read()
        if answer.keepAlive {
          pool.checkin(connection, for: target.authority)
        } else {
          close(connection)
        }
        return .response(status: answer.status, headers: answer.headers, body: answer.body)
      } catch {
        close(connection)
        if reused, reader.received == 0, error.meansStaleConnection {
          allowReuse = false
          continue
        }
        return error.outcome
      }
    }
  }

  /// A connected non-blocking socket to the first address of `target` that accepts.
  private static func connect(to target: Target, _ exchange: Exchange) throws(Failure) -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_protocol = Int32(IPPROTO_TCP)
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(target.host, String(target.port), &hints, &list) == 0, let first = list else {
      throw .unknownHost
    }
    defer { freeaddrinfo(first) }
    var failure = Failure.refused
    var entry: UnsafeMutablePointer<addrinfo>? = first
    while let address = entry {
      entry = address.pointee.ai_next
      let descriptor = socket(
        address.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue),
        address.pointee.ai_protocol)
      guard descriptor >= 0 else {
        failure = .unreachable
        continue
      }
      var one: Int32 = 1
      setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
      var result = Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen)
      var code = result == 0 ? 0 : errno
      if result != 0, code == EINPROGRESS {
        do {
          try exchange.wait(for: descriptor, events: POLLOUT)
        } catch {
          close(descriptor)
          throw error
        }
        var length = socklen_t(MemoryLayout<Int32>.size)
        result = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
        if result != 0 { code = errno }
      }
      if code == 0 { return descriptor }
      close(descriptor)
      switch code {
      case ECONNREFUSED: failure = .refused
      case ETIMEDOUT: throw .timedOut
      default: failure = .unreachable
      }
    }
    throw failure
  }

  /// Writes all of `bytes`, waiting while the socket's buffer is full.
  private static func send(_ bytes: [UInt8], on connection: Int32, _ exchange: Exchange) throws(Failure) {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { buffer in
        Glibc.send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent >= 0 {
        offset += sent
        continue
      }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: try exchange.wait(for: connection, events: POLLOUT)
      default: throw .reset
      }
    }
  }
}

/// One exchange's deadline, its caller's cancellation, and the continuation it resumes exactly once.
///
/// Cancellation resumes the caller at once; the pool thread notices the flag within one poll slice,
/// drops its connection and finds nobody left to resume.
final class Exchange: Sendable {
  /// The longest a single `poll()` waits before the flags are checked again.
  static let pollSlice: UInt64 = 50_000_000

  /// When the whole exchange must be over, in `CLOCK_MONOTONIC` nanoseconds.
  let deadline: UInt64
  private let cancelled = Atomic<Bool>(false)
  private let waiter = Mutex<(continuation: CheckedContinuation<AttemptOutcome, Never>?, cancelled: Bool)>(
    (nil, false))

  /// An exchange that must end within `timeout` seconds from now.
  init(timeout: TimeInterval) {
    let nanoseconds = timeout.isNaN ? 0 : min(max(0, timeout), 10 * 365 * 86_400) * 1e9
    deadline = Self.now() + UInt64(nanoseconds)
  }

  /// The monotonic clock in nanoseconds.
  static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// Whether the caller gave up.
  var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

  /// Keeps `continuation` for `finish`; resumes it at once (and returns false) when already cancelled.
  func install(_ continuation: CheckedContinuation<AttemptOutcome, Never>) -> Bool {
    let installed = waiter.withLock { waiter -> Bool in
      guard !waiter.cancelled else { return false }
      waiter.continuation = continuation
      return true
    }
    if !installed { continuation.resume(returning: .cancelled) }
    return installed
  }

  /// Resumes the caller with `outcome`, unless cancellation already resumed it.
  func finish(_ outcome: AttemptOutcome) {
    let continuation = waiter.withLock { waiter in
      defer { waiter.continuation = nil }
      return waiter.continuation
    }
    continuation?.resume(returning: outcome)
  }

  /// Marks the exchange cancelled and resumes the caller with `.cancelled` at once.
  func cancel() {
    cancelled.store(true, ordering: .releasing)
    let continuation = waiter.withLock { waiter in
      defer { waiter.continuation = nil }
      waiter.cancelled = true
      return waiter.continuation
    }
    continuation?.resume(returning: .cancelled)
  }

  /// Waits until `descriptor` is ready for `events` (or failed), in slices so that the deadline and
  /// the cancellation flag are checked at least every `pollSlice`.
  func wait(for descriptor: Int32, events: Int32) throws(SocketHTTPClient.Failure) {
    while true {
      if isCancelled { throw .cancelled }
      let now = Self.now()
      guard now < deadline else { throw .timedOut }
      let slice = min(deadline - now, Self.pollSlice)
      // Round up, so a wait never ends just before the deadline and spins.
      let milliseconds = Int32((slice + 999_999) / 1_000_000)
      var entry = pollfd(fd: descriptor, events: Int16(events), revents: 0)
      let ready = poll(&entry, 1, milliseconds)
      if ready > 0 { return }
      if ready < 0, errno != EINTR { throw .reset }
    }
  }
}

/// Idle keep-alive connections per host and port, the most recently used reused first.
final class ConnectionPool: Sendable {
  private struct Idle {
    let descriptor: Int32
    let since: UInt64
  }

  /// Idle connections older than this are closed rather than reused.
  static let maxIdleAge: UInt64 = 60_000_000_000

  private let idle = Mutex<[String: [Idle]]>([:])
  private let maxIdlePerHost: Int

  /// A pool keeping at most `maxIdlePerHost` idle connections per key.
  init(maxIdlePerHost: Int) {
    self.maxIdlePerHost = max(0, maxIdlePerHost)
  }

  /// Idle connections kept for `key` (for tests).
  func idleCount(for key: String) -> Int { idle.withLock { $0[key]?.count ?? 0 } }

  /// An idle connection to `key` that still looks open, or nil.
  func checkout(_ key: String) -> Int32? {
    while true {
      guard let candidate = idle.withLock({ $0[key]?.popLast() }) else { return nil }
      // Readable while idle means the server closed it (or sent something unasked): unusable.
      var entry = pollfd(fd: candidate.descriptor, events: Int16(POLLIN), revents: 0)
      if Exchange.now() - candidate.since < Self.maxIdleAge, poll(&entry, 1, 0) == 0 { return candidate.descriptor }
      close(candidate.descriptor)
    }
  }

  /// Keeps `descriptor` for the next request to `key`, closing the oldest beyond the limit.
  func checkin(_ descriptor: Int32, for key: String) {
    let evicted = idle.withLock { idle -> Int32? in
      idle[key, default: []].append(Idle(descriptor: descriptor, since: Exchange.now()))
      guard idle[key]!.count > maxIdlePerHost else { return nil }
      return idle[key]!.removeFirst().descriptor
    }
    if let evicted { close(evicted) }
  }

  /// Closes every idle connection.
  func closeAll() {
    let all = idle.withLock { idle in
      defer { idle = [:] }
      return idle.values.flatMap { $0.map(\.descriptor) }
    }
    for descriptor in all { close(descriptor) }
  }
}
