import Foundation

/// A theorem's source with each step's explanation as a `--` comment on the line above the step,
/// indented like it: Herald's `commented_proof`.
public enum CommentedProof {
  /// One step: where it starts in the declaration's text (UTF-8 bytes from its start) and its
  /// explanation.
  public struct Step: Sendable, Hashable {
    public var offset: Int
    public var explanation: String

    /// A step.
    public init(offset: Int, explanation: String) {
      self.offset = offset
      self.explanation = explanation
    }
  }

  /// `text` (the whole declaration) with the explanations inserted; steps whose offset falls
  /// outside the text are left out. Several steps on one line get one comment each, in order.
  public static func text(_ text: String, steps: [Step]) -> String {
    let bytes = Array(text.utf8)
    // The start of each line, in bytes.
    var lineStarts = [0]
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
    var comments: [Int: [String]] = [:]
    for step in steps where step.offset >= 0 && step.offset < bytes.count {
      let line = (lineStarts.lastIndex { $0 <= step.offset }) ?? 0
      let start = lineStarts[line]
      let indent = bytes[start...].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
      let flat = step.explanation.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: " ")
      comments[line, default: []].append(String(decoding: indent, as: UTF8.self) + "-- " + flat)
    }
    var lines: [String] = []
    for (index, start) in lineStarts.enumerated() {
      let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
      lines += comments[index] ?? []
      lines.append(String(decoding: bytes[start..<max(start, end)], as: UTF8.self))
    }
    return lines.joined(separator: "\n")
  }
}
