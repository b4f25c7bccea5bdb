import Synchronization

/// Collects written text in memory; used by tests and by callers that want to capture output.
public final class MemorySink: TextSink {
  private let buffer = Mutex("")

  /// Creates an empty sink.
  public init() {}

  /// Appends `text`.
  public func write(_ text: String) {
    buffer.withLock { $0 += text }
  }

  /// Everything written so far.
  public var text: String {
    buffer.withLock { $0 }
  }

  /// Everything written so far, split into lines (a trailing newline yields no empty last line).
  public var lines: [String] {
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" { parts.removeLast() }
    return parts
  }
}
