#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes straight to a file descriptor with `write(2)`, bypassing stdio buffering so output
/// from concurrent tasks and from a crashing process is never lost or reordered.
public struct FileDescriptorSink: TextSink {
  /// The descriptor written to; not owned, never closed.
  public let descriptor: Int32

  /// Wraps an already-open descriptor.
  public init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  /// Standard output.
  public static let standardOutput = FileDescriptorSink(descriptor: 1)
  /// Standard error.
  public static let standardError = FileDescriptorSink(descriptor: 2)

  /// Writes all bytes, retrying short writes and `EINTR`; other errors drop the rest, since
  /// there is nowhere left to report a failure to write diagnostics.
  public func write(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = systemWrite(descriptor, base + offset, buffer.count - offset)
        if written > 0 {
          offset += written
        } else if written < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
  }
}

/// `write(2)` under a name that does not collide with `TextSink.write`.
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, pointer, count)
}
