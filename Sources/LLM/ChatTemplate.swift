import Foundation
import HeraldCore

/// A prompt file of `pipelines/prompts/`: chat messages (a system message, demonstration
/// exchanges, the real request) under `## system`, `## user` and `## assistant` headings, with
/// `{{placeholders}}`. Its version is the hash of its content, recorded on every row it
/// produced, so a changed prompt is never mistaken for the one that made old rows.
public struct ChatTemplate: Sendable, Hashable {
  /// One chat message of the template.
  public struct Message: Sendable, Hashable {
    public var role: String
    public var content: String
  }

  /// The messages, placeholders unfilled.
  public var messages: [Message]
  /// First 16 hex digits of the SHA-256 of the file.
  public var version: String

  /// Errors reading a template, naming the file.
  public struct Invalid: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "prompt template \(path): \(reason)" }

    /// The file at `path` cannot be used because of `reason`.
    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// Reads the file at `path`, whose last user message must contain `{{required}}`.
  public static func load(path: String, required: String) throws -> ChatTemplate {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw Invalid(path: path, reason: "cannot be read")
    }
    return try parse(text, path: path, required: required)
  }

  /// Parses template text: `## system`, `## user`, `## assistant` headings start messages; the
  /// last must be a user message containing `{{required}}`.
  public static func parse(_ text: String, path: String = "<text>", required: String) throws -> ChatTemplate {
    var messages: [Message] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("## "),
        ["system", "user", "assistant"].contains(line.dropFirst(3).trimmingCharacters(in: .whitespaces))
      {
        messages.append(Message(role: line.dropFirst(3).trimmingCharacters(in: .whitespaces), content: ""))
      } else if !messages.isEmpty {
        messages[messages.count - 1].content += (messages[messages.count - 1].content.isEmpty ? "" : "\n") + line
      }
    }
    messages = messages.map {
      Message(role: $0.role, content: $0.content.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard messages.last?.role == "user" else { throw Invalid(path: path, reason: "the last message must be '## user'") }
    guard messages.last?.content.contains("{{\(required)}}") == true else {
      throw Invalid(path: path, reason: "the last message must contain {{\(required)}}")
    }
    return ChatTemplate(messages: messages, version: String(SHA256.hexDigest(of: text).prefix(16)))
  }

  /// The messages with placeholders filled from `values`; unknown placeholders are left as they are.
  /// One pass over each message (values are never rescanned, so a value containing `{{x}}` stays
  /// as it is).
  public func render(_ values: [String: String]) -> [Message] {
    messages.map { message in
      var content = ""
      content.reserveCapacity(message.content.utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
      var rest = Substring(message.content)
      while let open = Self.find(UInt8(ascii: "{"), in: rest) {
        content += rest[..<open.lowerBound]
        let afterOpen = rest[open.upperBound...]
        guard let close = Self.find(UInt8(ascii: "}"), in: afterOpen) else {
          rest = rest[open.lowerBound...]
          break
        }
        let key = String(afterOpen[..<close.lowerBound])
        if let value = values[key] {
          content += value
        } else {
          content += rest[open.lowerBound..<close.upperBound]
        }
        rest = afterOpen[close.upperBound...]
      }
      content += rest
      return Message(role: message.role, content: content)
    }
  }

  /// The first occurrence of the byte `byte` twice in a row (`{{` or `}}`), without Foundation.
  private static func find(_ byte: UInt8, in text: Substring) -> Range<String.Index>? {
    let bytes = text.utf8
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let next = bytes.index(after: index)
      if bytes[index] == byte, next != bytes.endIndex, bytes[next] == byte {
        return index..<bytes.index(after: next)
      }
      index = next
    }
    return nil
  }
}
