#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Queries the terminal attached to a descriptor.
public enum TerminalSize {
  /// Width used when the descriptor is not a terminal or the kernel reports no size
  /// (some CI pseudo-terminals report 0 columns).
  public static let fallbackColumns = 100

  /// Whether the descriptor is a terminal; `TERM=dumb` counts as not one, because such
  /// terminals cannot interpret the carriage-return/clear-line redraw.
  public static func isTerminal(_ descriptor: Int32) -> Bool {
    guard isatty(descriptor) == 1 else { return false }
    if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
    return true
  }

  /// The descriptor's terminal width in columns, or `nil` if unknown.
  public static func columns(of descriptor: Int32) -> Int? {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }
}
