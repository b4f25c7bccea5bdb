import Foundation
import Glibc
import Synchronization

/// A one-shot server on 127.0.0.1 that answers one connection per script entry with exactly the bytes
/// given (nil: close without answering), for responses `LoopbackServer` cannot produce.
final class RawHTTPServer: Sendable {
  /// The port it listens on.
  let port: UInt16
  private let listener: Int32
  private let done = DispatchSemaphore(value: 0)
  private let received = Mutex<[String]>([])

  /// Starts answering successive connections with `answers`, reading each request first.
  init(_ answers: [String?]) throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard descriptor >= 0, bound == 0, listen(descriptor, 8) == 0 else {
      close(descriptor)
      throw CocoaError(.fileWriteUnknown)
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    listener = descriptor
    port = UInt16(bigEndian: address.sin_port)
    let thread = Thread { [self] in
      for answer in answers {
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else { break }
        received.withLock { $0.append(Self.readRequest(connection)) }
        if let answer {
          let bytes = Array(answer.utf8)
          _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        close(connection)
      }
      done.signal()
    }
    thread.start()
  }

  /// The base URL of this server.
  var baseURL: String { "http://127.0.0.1:\(port)/v1" }

  /// The requests read so far, head and body as text.
  var requests: [String] { received.withLock { $0 } }

  /// Waits for the script to finish (at most 10 s) and closes the socket.
  func stop() {
    _ = done.wait(timeout: .now() + 10)
    close(listener)
  }

  /// Reads up to the end of the head plus a Content-Length body, giving up after 5 s.
  private static func readRequest(_ connection: Int32) -> String {
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      var entry = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
      guard poll(&entry, 1, 100) > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let count = recv(connection, &chunk, chunk.count, 0)
      guard count > 0 else { break }
      bytes += chunk[..<count]
      let text = String(decoding: bytes, as: UTF8.self)
      guard let end = text.range(of: "\r\n\r\n") else { continue }
      let length =
        text[..<end.lowerBound].split(separator: "\r\n")
        .first { $0.lowercased().hasPrefix("content-length:") }
        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
      if text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { break }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
