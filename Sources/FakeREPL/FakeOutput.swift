#if canImport(Glibc)
  import Glibc
#endif

/// Unbuffered writes to stdout and stderr, and sleeping.
enum FakeOutput {
  /// Writes `text` to stdout at once (the REPL flushes after every reply).
  static func write(_ text: String) {
    writeAll(1, Array(text.utf8))
  }

  /// Writes `text` to stderr at once.
  static func error(_ text: String) {
    writeAll(2, Array(text.utf8))
  }

  private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      // The reader is gone (herald killed it or closed the pipe): nothing left to do.
      if written <= 0 { exit(0) }
      offset += written
    }
  }

  /// Sleeps `milliseconds`.
  static func sleep(milliseconds: Int) {
    guard milliseconds > 0 else { return }
    var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
  }
}
