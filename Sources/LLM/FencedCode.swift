import Foundation

/// The code blocks of a model's answer.
public enum FencedCode {
  /// The contents of the ```-fenced blocks of `text`, in order; an unclosed last block (an
  /// answer cut off by the token limit) counts up to the end.
  public static func blocks(in text: String) -> [String] {
    var blocks: [String] = []
    var current: [Substring]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
        if let lines = current {
          blocks.append(lines.joined(separator: "\n"))
          current = nil
        } else {
          current = []
        }
      } else {
        current?.append(line)
      }
    }
    if let lines = current, !lines.isEmpty { blocks.append(lines.joined(separator: "\n")) }
    return blocks
  }
}
