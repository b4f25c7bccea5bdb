import Foundation
import HeraldCore

/// A JSON value built in memory for one output line: checked against its schema, then written.
///
/// Objects keep their members sorted by the code points of their keys, so every line is written
/// with sorted keys (what makes reruns byte-identical) without sorting at write time.
public enum RecordValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  /// A string kept escaped (see `EscapedText`); written and checked like `.string`.
  case escaped(EscapedText)
  case array([RecordValue])
  case object(Members)

  /// One member of an object.
  public struct Member: Sendable, Hashable {
    public var key: String
    public var value: RecordValue

    /// A member.
    public init(_ key: String, _ value: RecordValue) {
      self.key = key
      self.value = value
    }
  }

  /// The members of an object, sorted by key when made, so that writing and checking can rely
  /// on the order.
  public struct Members: Sendable, Hashable {
    /// The members in key order.
    public let list: [Member]

    /// `members` in key order (they are usually given in that order already).
    public init(_ members: [Member]) {
      var list = members
      if list.indices.dropFirst().contains(where: { !CodePointOrder.precedes(list[$0 - 1].key, list[$0].key) }) {
        list.sort { CodePointOrder.precedes($0.key, $1.key) }
      }
      self.list = list
    }
  }

  /// An object with `members`, sorted by key.
  public static func object(_ members: KeyValuePairs<String, RecordValue>) -> RecordValue {
    .object(Members(members.map { Member($0.key, $0.value) }))
  }

  /// A string, or `null` when it is nil.
  public static func optional(_ text: String?) -> RecordValue {
    text.map { .string($0) } ?? .null
  }

  /// An array of strings.
  public static func strings(_ texts: [String]) -> RecordValue {
    .array(texts.map { .string($0) })
  }

  /// The member `key` of an object, nil for other values or a missing key.
  public subscript(key: String) -> RecordValue? {
    guard case .object(let members) = self else { return nil }
    return members.list.first { $0.key == key }?.value
  }

  /// The text of a string value.
  public var string: String? {
    switch self {
    case .string(let text): text
    case .escaped(let text): text.text
    default: nil
    }
  }

  /// The value with escaped strings decoded, for comparing with literals.
  var decoded: RecordValue {
    if case .escaped(let text) = self { return .string(text.text) }
    return self
  }

  /// Writes the value as compact JSON (Python's `json.dumps(…, ensure_ascii=False,
  /// separators=(",", ":"), sort_keys=True)` writes the same bytes).
  public func write(to writer: inout JSONWriter) {
    switch self {
    case .null: writer.nullValue()
    case .bool(let flag): writer.value(flag)
    case .int(let number): writer.value(number)
    case .string(let text): writer.value(text)
    case .escaped(let text): writer.value(escapedPieces: text.pieces)
    case .array(let elements):
      writer.beginArray()
      // Elements and members are read in place, without a copy (and its reference counting) each.
      elements.withUnsafeBufferPointer { buffer in
        for index in buffer.indices { buffer[index].write(to: &writer) }
      }
      writer.endArray()
    case .object(let members):
      writer.beginObject()
      members.list.withUnsafeBufferPointer { buffer in
        for index in buffer.indices {
          writer.key(buffer[index].key)
          buffer[index].value.write(to: &writer)
        }
      }
      writer.endObject()
    }
  }

  /// The compact JSON text of the value.
  public var jsonText: String {
    var writer = JSONWriter()
    write(to: &writer)
    return writer.string
  }
}
