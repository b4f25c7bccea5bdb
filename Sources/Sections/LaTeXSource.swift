import Foundation

/// A LaTeX file's bytes with its comments removed as TeX removes them, and what is needed to
/// name the original line of any offset in them.
struct LaTeXSource {
  /// The bytes without comments.
  let bytes: [UInt8]
  /// Offsets in `bytes` where a line of the file starts after the first, sorted (the lines after
  /// line breaks eaten by comments included).
  private let lineStarts: [Int]

  /// Strips the comments of `raw`: `%` up to the end of the line, the line break, and the
  /// next line's leading blanks (so `a%⏎ b` reads `ab`, as in TeX); `\%` is not a comment.
  init(_ raw: UnsafeBufferPointer<UInt8>) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.count)
    var eatenStarts: [Int] = []
    eatenStarts.reserveCapacity(raw.count / 40)
    guard let start = raw.baseAddress, !raw.isEmpty else {
      self.bytes = []
      self.lineStarts = []
      return
    }
    let count = raw.count
    var index = 0
    // Copy up to each `%` in one go; a backslash before it (counted in runs: `\\%` is a comment)
    // makes it a character.
    while index < count {
      guard let found = memchr(start + index, Int32(Byte.percent), count - index) else {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: raw[index..<count]))
        break
      }
      let percent = start.distance(to: found.assumingMemoryBound(to: UInt8.self))
      var backslashes = 0
      while percent - backslashes - 1 >= index, raw[percent - backslashes - 1] == Byte.backslash { backslashes += 1 }
      if backslashes % 2 == 1 {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: raw[index...percent]))
        index = percent + 1
        continue
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: raw[index..<percent]))
      var cursor = percent
      while cursor < count, raw[cursor] != Byte.newline { cursor += 1 }
      if cursor < count {
        // The eaten line break still ends a line of the file.
        eatenStarts.append(bytes.count)
        cursor += 1
        while cursor < count, raw[cursor] == Byte.space || raw[cursor] == 0x09 { cursor += 1 }
        // An empty line after the comment is still a paragraph break.
        if cursor < count, raw[cursor] == Byte.newline || raw[cursor] == 0x0D { bytes.append(Byte.newline) }
      }
      index = cursor
    }
    self.bytes = bytes
    // The real line breaks, merged with those the comments ate (both lists are sorted).
    var merged: [Int] = []
    merged.reserveCapacity(eatenStarts.count + bytes.count / 40)
    var eaten = 0
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count,
        let found = memchr(base + offset, Int32(Byte.newline), buffer.count - offset)
      {
        let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        while eaten < eatenStarts.count, eatenStarts[eaten] <= position {
          merged.append(eatenStarts[eaten])
          eaten += 1
        }
        merged.append(position + 1)
        offset = position + 1
      }
    }
    merged.append(contentsOf: eatenStarts[eaten...])
    self.lineStarts = merged
  }

  /// The 1-based line of the original file that `offset` (in `bytes`) lies on.
  func line(at offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count
    while low < high {
      let middle = (low + high) / 2
      if lineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
    }
    return low + 1
  }
}
