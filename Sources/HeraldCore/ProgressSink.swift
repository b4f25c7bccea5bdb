/// Where a stage reports its progress; the command line draws it, tests record it.
public protocol ProgressSink: Sendable {
  /// The stage starts `total` items.
  func start(total: Int, label: String)
  /// One item is done.
  func advance(item: String)
  /// A line for the person running herald (a failure, a note).
  func log(_ line: String)
  /// The stage is done.
  func finish()
}

/// A sink that shows nothing.
public struct SilentProgress: ProgressSink {
  /// Creates the sink.
  public init() {}
  public func start(total: Int, label: String) {}
  public func advance(item: String) {}
  public func log(_ line: String) {}
  public func finish() {}
}
