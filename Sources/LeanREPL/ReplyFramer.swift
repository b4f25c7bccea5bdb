/// Cuts the REPL's stdout into replies: each is the lines before the first line that is empty
/// after trimming (JSON text never contains one). Blank lines between replies are skipped.
struct ReplyFramer: Sendable {
  /// Bytes received and not yet part of a complete reply.
  private(set) var pending: [UInt8] = []
  /// Where the search for the end of the reply continues (bytes before were already searched).
  private var searched = 0
  /// Where the current line starts.
  private var lineStart = 0

  /// Adds received bytes.
  mutating func append(_ bytes: [UInt8]) {
    pending.append(contentsOf: bytes)
  }

  /// The next complete reply's bytes, if one has arrived.
  mutating func nextReply() -> [UInt8]? {
    while searched < pending.count {
      let byte = pending[searched]
      searched += 1
      guard byte == UInt8(ascii: "\n") else { continue }
      let line = pending[lineStart..<searched - 1]
      let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
      if blank {
        // Without the newline that ended its last line.
        let reply = Array(pending[0..<max(0, lineStart - 1)])
        pending.removeFirst(searched)
        searched = 0
        lineStart = 0
        // A blank line with nothing before it separates nothing: keep looking.
        if reply.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) { continue }
        return reply
      }
      lineStart = searched
    }
    return nil
  }

  /// Whether output arrived that is not part of a reply yet.
  var hasPartialReply: Bool {
    pending.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
  }
}
