import Foundation
import HeraldCore

/// A file being written into the staging folder: hashed as it is written, and synced to disk
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
  private var hash = SHA256()
  private(set) var rows = 0
  private(set) var bytes = 0

  /// Creates (truncating) the file at `path`; its folder must exist.
  init(path: String) throws(ExportError) {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Self.failure(path) }
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Appends `rows` serialized lines (callers hand over hundreds of kilobytes at a time, so
  /// they are written as they come, without a buffer of their own).
  func append(_ lines: [UInt8], rows: Int) throws(ExportError) {
    var failure: ExportError?
    lines.withUnsafeBytes { raw in
      do throws(ExportError) { try write(raw) } catch { failure = error }
    }
    if let failure { throw failure }
    self.rows += rows
  }

  /// Syncs the file to disk and closes it.
  func finish() throws(ExportError) -> Summary {
    guard fsync(descriptor) == 0 else { throw Self.failure(path) }
    let status = close(descriptor)
    descriptor = -1
    guard status == 0 else { throw Self.failure(path) }
    return Summary(rows: rows, bytes: bytes, sha256: hash.hexDigest())
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
    try file.append(Array(text.utf8), rows: 0)
    return try file.finish()
  }
}
