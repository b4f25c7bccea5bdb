/// Where a command's output goes: data to stdout, diagnostics to stderr, safely from any task.
///
/// Copies share one channel, so `with(quiet:)` returns a console that still coordinates with
/// progress lines drawn through the original.
public struct Console: Sendable {
  let channel: ConsoleChannel
  /// When true, `note` prints nothing and progress displays stay silent; errors still print.
  public let quiet: Bool

  /// Creates a console over arbitrary sinks; tests pass `MemorySink`s and choose the
  /// terminal flags to exercise both display modes.
  public init(
    output: any TextSink, error: any TextSink, outputIsTerminal: Bool = false,
    errorIsTerminal: Bool = false, quiet: Bool = false,
    terminalColumns: @escaping @Sendable () -> Int? = { nil }
  ) {
    channel = ConsoleChannel(
      output: output, error: error, outputIsTerminal: outputIsTerminal,
      errorIsTerminal: errorIsTerminal, columns: terminalColumns)
    self.quiet = quiet
  }

  /// A copy sharing `channel`, used by `with(quiet:)`.
  private init(channel: ConsoleChannel, quiet: Bool) {
    self.channel = channel
    self.quiet = quiet
  }

  /// The process's real stdout and stderr. A single shared value, because two consoles over
  /// the same terminal could not keep each other's status lines intact.
  public static let standard = Console(
    output: FileDescriptorSink.standardOutput, error: FileDescriptorSink.standardError,
    outputIsTerminal: TerminalSize.isTerminal(1), errorIsTerminal: TerminalSize.isTerminal(2),
    terminalColumns: { TerminalSize.columns(of: 2) })

  /// The same console with a different quiet setting (typically from a `--quiet` flag).
  public func with(quiet: Bool) -> Console {
    Console(channel: channel, quiet: quiet)
  }

  /// Whether stderr is an interactive terminal (so live progress lines are drawn).
  public var isTerminal: Bool { channel.errorIsTerminal }

  /// Whether stdout is an interactive terminal.
  public var isOutputTerminal: Bool { channel.outputIsTerminal }

  /// Width of the stderr terminal, or `TerminalSize.fallbackColumns` when unknown.
  public var terminalColumns: Int { channel.columns() ?? TerminalSize.fallbackColumns }

  /// Writes text to stdout exactly as given.
  public func write(_ text: String) {
    channel.emit(text, toError: false)
  }

  /// Writes a line to stdout.
  public func print(_ line: String) {
    channel.emit(line + "\n", toError: false)
  }

  /// Writes a line to stderr, regardless of `quiet`.
  public func printError(_ line: String) {
    channel.emit(line + "\n", toError: true)
  }

  /// Writes text to stderr exactly as given, regardless of `quiet`.
  public func writeError(_ text: String) {
    channel.emit(text, toError: true)
  }

  /// Writes an informational line to stderr unless `quiet`.
  public func note(_ line: String) {
    guard !quiet else { return }
    printError(line)
  }
}
