/// A destination for text that may be written from any task; each call's text arrives intact.
public protocol TextSink: Sendable {
  /// Writes `text` exactly as given (no newline added).
  func write(_ text: String)
}
