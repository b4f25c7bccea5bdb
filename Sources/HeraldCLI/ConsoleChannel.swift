import Synchronization

/// The shared, lock-protected state behind every copy of a `Console`: its sinks and the
/// transient status line currently drawn on the terminal.
///
/// All writes go through one lock so that a line written from any task first erases the
/// status line, appears whole, and then has the status line redrawn beneath it.
final class ConsoleChannel: Sendable {
  let output: any TextSink
  let error: any TextSink
  let outputIsTerminal: Bool
  let errorIsTerminal: Bool
  let columns: @Sendable () -> Int?
  private let statusLine = Mutex<String?>(nil)

  /// Erases the current terminal line and leaves the cursor at its start.
  static let eraseLine = "\r\u{1B}[2K"

  /// Wraps the sinks; the terminal flags decide whether status lines are drawn and lifted.
  init(
    output: any TextSink, error: any TextSink, outputIsTerminal: Bool, errorIsTerminal: Bool,
    columns: @escaping @Sendable () -> Int?
  ) {
    self.output = output
    self.error = error
    self.outputIsTerminal = outputIsTerminal
    self.errorIsTerminal = errorIsTerminal
    self.columns = columns
  }

  /// Writes to stdout or stderr, lifting the status line out of the way when it shares a terminal.
  func emit(_ text: String, toError: Bool) {
    statusLine.withLock { status in
      let sharesTerminal = toError || outputIsTerminal
      let lift = status != nil && sharesTerminal
      if lift { error.write(Self.eraseLine) }
      (toError ? error : output).write(text)
      if lift, let status { error.write(status) }
    }
  }

  /// Draws (or replaces) the status line; ignored unless stderr is a terminal.
  func showStatus(_ line: String) {
    guard errorIsTerminal else { return }
    statusLine.withLock { status in
      status = line
      error.write(Self.eraseLine + line)
    }
  }

  /// Erases the status line, if one is drawn.
  func clearStatus() {
    statusLine.withLock { status in
      guard status != nil else { return }
      status = nil
      error.write(Self.eraseLine)
    }
  }
}
