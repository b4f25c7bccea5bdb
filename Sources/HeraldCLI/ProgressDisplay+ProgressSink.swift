import HeraldCore

/// Lets stages report to the command line's progress display.
extension ProgressDisplay: ProgressSink {
  public func advance(item: String) {
    advance(by: 1, item: item)
  }
}
