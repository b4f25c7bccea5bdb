import Dispatch
import Foundation
import Glibc
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 that plays back scripted answers and records requests.
///
/// It listens on an ephemeral port, serves each connection on its own thread (so concurrent
/// requests really overlap), reads Content-Length bodies, answers with `Connection: close`, and
/// counts connections in flight. `stop()` ends every thread before it returns.
///
/// With `keepAlive`, a connection instead carries request after request until the client closes it,
/// it stays idle for 5 s, an answer says `Connection: close`, or an answer is `closeAfterwards`.
public final class LoopbackServer: Sendable {
  /// Errors setting up the listening socket.
  public struct SocketError: Error, CustomStringConvertible {
    /// The failing call and errno text.
    public let description: String
  }

  /// The script, the record and the counters, guarded by one lock.
  private struct State {
    var script: [ScriptedResponse]
    public var requests: [RecordedRequest] = []
    var inFlight = 0
    var maxInFlight = 0
    var served = 0
    var accepted = 0
    var stopping = false
  }

  /// The port the server listens on.
  public let port: UInt16
  private let listener: Int32
  private let state: Mutex<State>
  private let fallback: ScriptedResponse
  private let handler: (@Sendable (RecordedRequest) -> ScriptedResponse)?
  private let recording: Bool
  private let keepAlive: Bool
  private let threads = DispatchGroup()

  /// Starts serving `script` in order, then `fallback` for every later request; with `keepAlive`,
  /// connections are kept open between requests.
  public convenience init(
    _ script: [ScriptedResponse], fallback: ScriptedResponse = .failure(599, message: "script exhausted"),
    keepAlive: Bool = false
  ) throws {
    try self.init(script: script, fallback: fallback, handler: nil, recording: true, keepAlive: keepAlive)
  }

  /// Starts answering each request with what `handler` returns for it (called on the
  /// connection's own thread, so it may block to model a slow or capacity-limited server).
  /// With `recording` false, requests are not kept (a benchmark sends hundreds of thousands).
  public convenience init(
    recording: Bool = true, keepAlive: Bool = false,
    handler: @escaping @Sendable (RecordedRequest) -> ScriptedResponse
  ) throws {
    try self.init(script: [], fallback: .failure(599), handler: handler, recording: recording, keepAlive: keepAlive)
  }

  private init(
    script: [ScriptedResponse], fallback: ScriptedResponse,
    handler: (@Sendable (RecordedRequest) -> ScriptedResponse)?, recording: Bool, keepAlive: Bool
  ) throws {
    let (listener, port) = try Self.listen()
    self.listener = listener
    self.port = port
    self.state = Mutex(State(script: script))
    self.fallback = fallback
    self.handler = handler
    self.recording = recording
    self.keepAlive = keepAlive
    threads.enter()
    let thread = Thread { [self] in
      acceptLoop()
      threads.leave()
    }
    thread.start()
  }

  /// The `/v1` base URL of this server.
  public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

  /// Every request received so far, in arrival order.
  public var requests: [RecordedRequest] { state.withLock { $0.requests } }

  /// Requests read so far (recorded or not).
  public var served: Int { state.withLock { $0.served } }

  /// Connections accepted so far.
  public var accepted: Int { state.withLock { $0.accepted } }

  /// The most requests answered at the same time (each from its whole request read to its answer
  /// sent).
  public var maxInFlight: Int { state.withLock { $0.maxInFlight } }

  /// Stops accepting, ends every connection thread and closes the socket; safe to call twice.
  public func stop() {
    let first = state.withLock { state -> Bool in
      defer { state.stopping = true }
      return !state.stopping
    }
    guard first else { return }
    // Threads poll the stop flag every few milliseconds, so this wait is short.
    _ = threads.wait(timeout: .now() + 5)
    close(listener)
  }

  /// A port on 127.0.0.1 that nothing listens on: bound, read, and closed again.
  public static func closedPort() throws -> ClosedPort {
    let (socket, port) = try listen(accepting: false)
    return ClosedPort(descriptor: socket, port: port)
  }

  /// A loopback port bound by a socket that never listens: connecting to it is refused, and no
  /// other server of the test process can take the port until `release()` (a port merely closed
  /// again could be handed to another test's server meanwhile, which would then answer).
  public final class ClosedPort: Sendable {
    public let port: UInt16
    private let descriptor: Int32

    init(descriptor: Int32, port: UInt16) {
      self.descriptor = descriptor
      self.port = port
    }

    /// Frees the port; call it when the test is done with it.
    public func release() { close(descriptor) }
  }

  /// Whether `stop()` has begun; every loop polls it.
  private var isStopping: Bool { state.withLock { $0.stopping } }

  /// Accepts connections until stopped, serving each on its own thread.
  private func acceptLoop() {
    while !isStopping {
      guard Self.waitReadable(listener, milliseconds: 10) else { continue }
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { continue }
      state.withLock { $0.accepted += 1 }
      threads.enter()
      let thread = Thread { [self] in
        serve(connection)
        close(connection)
        threads.leave()
      }
      thread.start()
    }
  }

  /// Serves one request, or in keep-alive mode requests until the connection is to be closed.
  private func serve(_ connection: Int32) {
    var buffer: [UInt8] = []
    while answer(connection, buffer: &buffer), keepAlive {}
  }

  /// Reads one request, records it, and plays the next scripted answer; true when the connection may
  /// carry another request.
  private func answer(_ connection: Int32, buffer: inout [UInt8]) -> Bool {
    guard let request = readRequest(connection, buffer: &buffer) else { return false }
    // In flight from the whole request read to the answer sent: a connection's thread may still be
    // closing when the client, already answered, opens its next one, so connections over-count.
    defer { state.withLock { $0.inFlight -= 1 } }
    let scripted = state.withLock { state -> ScriptedResponse? in
      if recording { state.requests.append(request) }
      state.served += 1
      state.inFlight += 1
      state.maxInFlight = max(state.maxInFlight, state.inFlight)
      guard handler == nil else { return nil }
      return state.script.isEmpty ? fallback : state.script.removeFirst()
    }
    guard let answer = scripted ?? handler?(request) else { return false }
    let deadline = ContinuousClock.now + answer.delay
    while ContinuousClock.now < deadline {
      if isStopping { return false }
      // A client that timed out closes its end; stop waiting so the thread ends promptly.
      let left = deadline - ContinuousClock.now
      let milliseconds = Int32(
        max(1, min(50, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
      if Self.waitReadable(connection, milliseconds: milliseconds) {
        var byte: UInt8 = 0
        if recv(connection, &byte, 1, Int32(MSG_PEEK)) <= 0 { return false }
      }
    }
    if answer.resetConnection {
      var option = linger(l_onoff: 1, l_linger: 0)
      setsockopt(connection, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
      return false
    }
    var head = "HTTP/1.1 \(answer.status) \(Self.reason(answer.status))\r\n"
    var headers = answer.headers
    let announcedClose = headers.contains { $0.key.lowercased() == "connection" && $0.value.lowercased() == "close" }
    var staysOpen = keepAlive && !announcedClose && !answer.closeAfterwards
    let body = Array(answer.body.utf8)
    var payload = body
    switch answer.framing {
    case .contentLength:
      headers["Content-Length"] = String(body.count)
    case .chunked(let size):
      headers["Transfer-Encoding"] = "chunked"
      payload = []
      var offset = 0
      while offset < body.count {
        let chunk = body[offset..<min(body.count, offset + max(1, size))]
        payload += Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + [13, 10]
        offset += chunk.count
      }
      payload += Array("0\r\n\r\n".utf8)
    case .untilClose:
      staysOpen = false
    }
    if !keepAlive {
      headers = headers.filter { $0.key.lowercased() != "connection" }
      headers["Connection"] = "close"
    } else if !headers.keys.contains(where: { $0.lowercased() == "connection" }) {
      // `closeAfterwards` deliberately still promises to keep the connection.
      headers["Connection"] = staysOpen || answer.closeAfterwards ? "keep-alive" : "close"
    }
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    head += "\r\n"
    sendAll(connection, Array(head.utf8) + payload)
    if !staysOpen { shutdown(connection, Int32(SHUT_WR)) }
    return staysOpen
  }

  /// Reads a request head and its Content-Length body from `buffer` and then the connection, leaving
  /// any later bytes in `buffer`; nil when the client went away or stalled.
  private func readRequest(_ connection: Int32, buffer: inout [UInt8]) -> RecordedRequest? {
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    var headEnd = Self.find(separator, in: buffer)
    while headEnd == nil {
      // Between requests a kept-alive connection may idle as long as the client likes (a busy test
      // process can leave it alone for seconds); a request under way must keep coming.
      guard receive(connection, into: &buffer, patience: buffer.isEmpty ? .seconds(120) : .seconds(5)) else {
        return nil
      }
      headEnd = Self.find(separator, in: buffer)
    }
    guard let headEnd else { return nil }
    let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let requestLine = lines.removeFirst().split(separator: " ")
    guard requestLine.count >= 2 else { return nil }
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    if headers["expect"]?.lowercased() == "100-continue" {
      sendAll(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
    }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    let bodyStart = headEnd + separator.count
    while buffer.count - bodyStart < length {
      guard receive(connection, into: &buffer) else { return nil }
    }
    let body = String(decoding: buffer[bodyStart..<bodyStart + length], as: UTF8.self)
    buffer.removeSubrange(..<(bodyStart + length))
    return RecordedRequest(
      method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
  }

  /// Appends whatever arrives within `patience`; false on end of stream, error, stall or stop.
  private func receive(_ connection: Int32, into buffer: inout [UInt8], patience: Duration = .seconds(5)) -> Bool {
    let deadline = ContinuousClock.now + patience
    while !Self.waitReadable(connection, milliseconds: 10) {
      if isStopping || ContinuousClock.now > deadline { return false }
    }
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    let count = recv(connection, &chunk, chunk.count, 0)
    guard count > 0 else { return false }
    buffer += chunk[..<count]
    return true
  }

  /// Writes all of `bytes`, giving up quietly if the client has gone.
  private func sendAll(_ connection: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard sent > 0 else { return }
      offset += sent
    }
  }

  /// Whether `descriptor` becomes readable (or hung up) within `milliseconds`.
  private static func waitReadable(_ descriptor: Int32, milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, milliseconds) > 0
  }

  /// The offset of the first occurrence of `needle`.
  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    return (0...(haystack.count - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
  }

  /// The reason phrase of the status line.
  private static func reason(_ status: Int) -> String {
    switch status {
    case 200: return "OK"
    case 400: return "Bad Request"
    case 401: return "Unauthorized"
    case 404: return "Not Found"
    case 429: return "Too Many Requests"
    case 500: return "Internal Server Error"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    case 504: return "Gateway Timeout"
    default: return "Status"
    }
  }

  /// A listening socket on 127.0.0.1 with a kernel-chosen port.
  private static func listen(accepting: Bool = true) throws -> (Int32, UInt16) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SocketError(description: "socket: \(String(cString: strerror(errno)))") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0, !accepting || Glibc.listen(descriptor, 64) == 0 else {
      let message = String(cString: strerror(errno))
      close(descriptor)
      throw SocketError(description: "bind/listen: \(message)")
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return (descriptor, UInt16(bigEndian: address.sin_port))
  }
}
