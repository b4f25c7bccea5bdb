import Foundation
import HeraldCore

/// A file being written into the staging folder: buffered, hashed as it goes, and synced to disk
/// before it may be renamed to its final name.
final class StagedFile {
  /// What a finished file holds.
  struct Summary: Sendable, Hashable {
    var rows: Int
    var bytes: Int
    var sha256: String
  }

  /// Where it is written.
  let path: String
  private var descriptor: Int32
  /// The lines not yet written, serialized straight into the writer's buffer.
  private var writer = JSONWriter()
  private var hash = SHA256()
  private(set) var rows = 0
  private(set) var bytes = 0
  private static let flushSize = 1 << 20

  /// Creates (truncating) the file at `path`; its folder must exist.
  init(path: String) throws(ExportError) {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Self.failure(path) }
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Appends `value` as one line of compact JSON.
  func appendLine(_ value: RecordValue) throws(ExportError) {
    value.write(to: &writer)
    writer.endLine()
    rows += 1
    if writer.bytes.count >= Self.flushSize { try flush() }
  }

  /// Writes what is buffered, syncs the file to disk and closes it.
  func finish() throws(ExportError) -> Summary {
    try flush()
    guard fsync(descriptor) == 0 else { throw Self.failure(path) }
    let status = close(descriptor)
    descriptor = -1
    guard status == 0 else { throw Self.failure(path) }
    return Summary(rows: rows, bytes: bytes, sha256: hash.hexDigest())
  }

  private func flush() throws(ExportError) {
    let pending = writer.bytes
    guard !pending.isEmpty else { return }
    var failure: ExportError?
    pending.withUnsafeBytes { raw in
      do throws(ExportError) { try write(raw) } catch { failure = error }
    }
    if let failure { throw failure }
    writer.reset()
  }

  /// Hashes and writes `raw`, retrying short writes.
  private func write(_ raw: UnsafeRawBufferPointer) throws(ExportError) {
    hash.update(raw)
    var offset = 0
    while offset < raw.count {
      let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw Self.failure(path)
      }
      offset += written
    }
    bytes += raw.count
  }

  /// The error for the last failed call, with the system's message.
  static func failure(_ path: String) -> ExportError {
    .writeFailed(path: path, message: String(cString: strerror(errno)))
  }

  /// Writes a whole small file (manifest, card, schema) and syncs it.
  static func write(_ text: String, to path: String) throws(ExportError) -> Summary {
    let file = try StagedFile(path: path)
    var text = text
    var failure: ExportError?
    text.withUTF8 { utf8 in
      do throws(ExportError) { try file.write(UnsafeRawBufferPointer(utf8)) } catch { failure = error }
    }
    if let failure { throw failure }
    return try file.finish()
  }
}
