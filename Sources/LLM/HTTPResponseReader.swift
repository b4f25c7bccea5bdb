import Foundation
import Glibc

/// Reads one HTTP/1.x response from a non-blocking socket: the head, then a body framed by
/// Content-Length, by chunked transfer coding, or by the end of the connection.
struct HTTPResponseReader {
  /// A complete response.
  struct Answer {
    var status: Int
    /// Header values by lowercased name; repeated headers are joined with ", ".
    var headers: [String: String]
    var body: Data
    /// Whether the connection may carry another request.
    var keepAlive: Bool
  }

  typealias Failure = SocketHTTPClient.Failure

  /// Bytes read from the connection so far (any at all means the server began to answer).
  private(set) var received = 0
  private let connection: Int32
  private let exchange: Exchange
  /// Received bytes not yet consumed, from `position` on.
  private var buffer: [UInt8] = []
  private var position = 0
  private var endOfStream = false

  private static let chunkSize = 16 * 1024
  private static let maxHeadSize = 64 * 1024

  /// A reader of `connection` that honours `exchange`'s deadline and cancellation.
  init(connection: Int32, exchange: Exchange) {
    self.connection = connection
    self.exchange = exchange
  }

  /// Reads the response, skipping interim 1xx answers.
  mutating func read() throws(Failure) -> Answer {
    while true {
      let (version, status, headers) = try readHead()
      // 1xx answers (100 Continue, 103 Early Hints) precede the real one; 101 would switch protocols.
      if (100..<200).contains(status), status != 101 { continue }
      let connectionTokens = Set(
        (headers["connection"] ?? "").lowercased().split(separator: ",").map { $0.withoutOptionalWhitespace }
      )
      var keepAlive = version >= 1 ? !connectionTokens.contains("close") : connectionTokens.contains("keep-alive")
      let body: [UInt8]
      if let coding = headers["transfer-encoding"] {
        if coding.lowercased().split(separator: ",").last?.withoutOptionalWhitespace == "chunked" {
          body = try readChunkedBody()
        } else {
          body = try readUntilClose()
          keepAlive = false
        }
      } else if let length = headers["content-length"] {
        guard let count = Int(length.withoutOptionalWhitespace), count >= 0 else {
          throw .malformed("Content-Length \(length)")
        }
        body = try readBody(count: count)
      } else if status == 204 || status == 304 || status == 101 {
        body = []
      } else {
        body = try readUntilClose()
        keepAlive = false
      }
      // Bytes after the answer were never asked for: the connection's state is unclear.
      if position < buffer.count { keepAlive = false }
      return Answer(status: status, headers: headers, body: Data(body), keepAlive: keepAlive)
    }
  }

  /// Reads a head and parses it into the minor version, the status and the headers.
  private mutating func readHead() throws(Failure) -> (Int, Int, [String: String]) {
    let end = try find([13, 10, 13, 10], limit: Self.maxHeadSize, ifClosed: received == 0 ? .closedWithoutReply : nil)
    let text = String(decoding: buffer[position..<end], as: UTF8.self)
    position = end + 4
    var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
    let statusLine = lines.removeFirst()
    let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100..<1000).contains(status)
    else {
      throw .malformed("status line \(statusLine.prefix(40))")
    }
    let version = parts[0] == "HTTP/1.0" ? 0 : 1
    var headers: [String: String] = [:]
    for line in lines where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { throw .malformed("header line \(line.prefix(40))") }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].withoutOptionalWhitespace
      if let earlier = headers[name] { headers[name] = earlier + ", " + value } else { headers[name] = value }
    }
    return (version, status, headers)
  }

  /// Reads exactly `count` body bytes.
  private mutating func readBody(count: Int) throws(Failure) -> [UInt8] {
    while buffer.count - position < count {
      guard try receive() else { throw .closedMidAnswer }
    }
    defer { position += count }
    return Array(buffer[position..<position + count])
  }

  /// Reads a chunked body: hexadecimal sizes, each chunk followed by CRLF, then trailers.
  private mutating func readChunkedBody() throws(Failure) -> [UInt8] {
    var body: [UInt8] = []
    while true {
      let lineEnd = try find([13, 10], limit: 1024, ifClosed: .closedMidAnswer)
      let line = String(decoding: buffer[position..<lineEnd], as: UTF8.self)
      let digits = line.prefix { $0 != ";" }.withoutOptionalWhitespace
      guard let size = Int(digits, radix: 16), size >= 0 else { throw .malformed("chunk size \(line.prefix(20))") }
      position = lineEnd + 2
      if size == 0 { break }
      let chunk = try readBody(count: size)
      body.append(contentsOf: chunk)
      let end = try readBody(count: 2)
      guard end == [13, 10] else { throw .malformed("chunk without CRLF") }
    }
    // Trailers, if any, up to an empty line.
    while true {
      let lineEnd = try find([13, 10], limit: Self.maxHeadSize, ifClosed: .closedMidAnswer)
      defer { position = lineEnd + 2 }
      if lineEnd == position { break }
    }
    return body
  }

  /// Reads everything up to the end of the connection.
  private mutating func readUntilClose() throws(Failure) -> [UInt8] {
    while try receive() {}
    defer { position = buffer.count }
    return Array(buffer[position...])
  }

  /// The offset of `needle` at or after `position`, reading more as needed. At the end of the stream
  /// it throws `ifClosed`, or `.closedMidAnswer` when that is nil.
  private mutating func find(_ needle: [UInt8], limit: Int, ifClosed: Failure?) throws(Failure) -> Int {
    var from = position
    while true {
      if let found = Self.search(needle, in: buffer, from: from) { return found }
      guard buffer.count - position <= limit else { throw .malformed("line longer than \(limit) bytes") }
      from = max(position, buffer.count - needle.count + 1)
      guard try receive() else { throw ifClosed ?? .closedMidAnswer }
    }
  }

  private static func search(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    haystack.withUnsafeBufferPointer { bytes -> Int? in
      var index = start
      while index + needle.count <= bytes.count {
        if bytes[index] == needle[0], needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) { return index }
        index += 1
      }
      return nil
    }
  }

  /// Waits for and appends more bytes; false at the end of the stream.
  private mutating func receive() throws(Failure) -> Bool {
    if endOfStream { return false }
    if position > 0, position == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      position = 0
    }
    while true {
      try exchange.wait(for: connection, events: POLLIN)
      let start = buffer.count
      buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
      let count = buffer.withUnsafeMutableBytes { bytes in
        recv(connection, bytes.baseAddress! + start, Self.chunkSize, 0)
      }
      buffer.removeSubrange(start + max(0, count)..<buffer.count)
      if count > 0 {
        received += count
        return true
      }
      if count == 0 {
        endOfStream = true
        return false
      }
      switch errno {
      case EINTR, EAGAIN, EWOULDBLOCK: continue
      default: throw .reset
      }
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs (HTTP's optional white space); not
  /// Foundation's `trimmingCharacters`, which bridges through NSString on every header.
  var withoutOptionalWhitespace: String {
    let isSpace = { (byte: UInt8) in byte == 32 || byte == 9 }
    let text = Substring(self)
    guard let first = text.utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = text.utf8.lastIndex(where: { !isSpace($0) }) ?? first
    return String(text[first...last])
  }
}
