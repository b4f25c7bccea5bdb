/// A cheap cursor to one value of a `JSONDocument`: the shared storage plus a tape index.
///
/// Nothing is decoded until asked: strings and numbers are converted by their accessors, so
/// reading a few fields of a large document costs little more than the parse itself.
public struct JSONValue: Sendable {
  /// The JSON type of a value.
  public enum Kind: Sendable, Equatable {
    case null, bool, number, string, array, object
  }

  let storage: JSONStorage
  let index: Int

  init(storage: JSONStorage, index: Int) {
    self.storage = storage
    self.index = index
  }

  var entry: JSONTapeEntry { storage.tape[index] }

  /// The document this value belongs to.
  public var document: JSONDocument { JSONDocument(storage: storage) }

  public var kind: Kind { entry.kind }

  public var isNull: Bool { entry.kind == .null }

  public var bool: Bool? {
    let entry = entry
    guard entry.kind == .bool else { return nil }
    return storage.bytes[Int(entry.offset)] == UInt8(ascii: "t")
  }

  /// The value of a number written without fraction or exponent that fits `Int`.
  public var int: Int? {
    let entry = entry
    guard entry.kind == .number && entry.isInteger else { return nil }
    return withRawBytes(entry) { JSONNumber.int($0) }
  }

  /// The nearest Double to any number (infinite when the literal is beyond Double's range).
  public var double: Double? {
    let entry = entry
    guard entry.kind == .number else { return nil }
    return withRawBytes(entry) { JSONNumber.double($0) }
  }

  /// The decoded text of a string value.
  public var string: String? {
    let entry = entry
    guard entry.kind == .string else { return nil }
    return withStringContents(entry) { JSONStringCodec.decode($0, escaped: entry.hasEscapes) }
  }

  /// Whether this is a string whose decoded text is exactly `text`, compared without allocating.
  public func stringEquals(_ text: StaticString) -> Bool {
    let entry = entry
    guard entry.kind == .string else { return false }
    return text.withUTF8Buffer { target in
      withStringContents(entry) { JSONStringCodec.equals($0, escaped: entry.hasEscapes, target) }
    }
  }

  /// Whether this is a string whose decoded text has exactly the UTF-8 bytes of `text`.
  public func stringEquals(_ text: String) -> Bool {
    let entry = entry
    guard entry.kind == .string else { return false }
    return Self.withUTF8(text) { target in
      withStringContents(entry) { JSONStringCodec.equals($0, escaped: entry.hasEscapes, target) }
    }
  }

  /// The value of member `key`; nil if absent or if this is not an object.
  ///
  /// Keys are compared by their decoded UTF-8 bytes (no Unicode normalisation). When a key
  /// occurs more than once the last occurrence wins, as in Python's `json.loads` and JavaScript.
  /// Cost is linear in the member count; whole member subtrees are skipped in one step.
  public subscript(key: String) -> JSONValue? {
    let entry = entry
    guard entry.kind == .object else { return nil }
    let found = Self.withUTF8(key) { target in
      storage.tape.withUnsafeBufferPointer { tape in
        storage.bytes.withUnsafeBufferPointer { bytes in
          var match = -1
          var cursor = index + 1
          let end = Int(entry.next)
          while cursor < end {
            if Self.key(tape[cursor], in: bytes, equals: target) { match = cursor + 1 }
            cursor = Int(tape[cursor + 1].next)
          }
          return match
        }
      }
    }
    return found < 0 ? nil : JSONValue(storage: storage, index: found)
  }

  /// The values of members `first`, `second` and `third`, found in one pass over the members,
  /// for hot paths that read several members of many small objects; each is nil when absent or
  /// `null` (the last occurrence of a repeated key decides), all are nil when this is not an object.
  public func presentMembers(
    _ first: StaticString, _ second: StaticString, _ third: StaticString
  ) -> (JSONValue?, JSONValue?, JSONValue?) {
    let entry = entry
    guard entry.kind == .object else { return (nil, nil, nil) }
    var found = (-1, -1, -1)
    storage.tape.withUnsafeBufferPointer { tape in
      storage.bytes.withUnsafeBufferPointer { bytes in
        var cursor = index + 1
        let end = Int(entry.next)
        while cursor < end {
          let key = tape[cursor]
          func matches(_ name: StaticString) -> Bool {
            name.withUTF8Buffer { Self.key(key, in: bytes, equals: $0) }
          }
          let value = tape[cursor + 1].kind == .null ? -1 : cursor + 1
          if matches(first) {
            found.0 = value
          } else if matches(second) {
            found.1 = value
          } else if matches(third) {
            found.2 = value
          }
          cursor = Int(tape[cursor + 1].next)
        }
      }
    }
    func value(_ index: Int) -> JSONValue? { index < 0 ? nil : JSONValue(storage: storage, index: index) }
    return (value(found.0), value(found.1), value(found.2))
  }

  /// Whether the key string `key` decodes to exactly the bytes of `target`.
  @inline(__always)
  private static func key(
    _ key: JSONTapeEntry, in bytes: UnsafeBufferPointer<UInt8>, equals target: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    // Comparing lengths first rejects most keys before touching their bytes.
    let rawCount = Int(key.length) - 2
    guard rawCount == target.count || (key.hasEscapes && rawCount > target.count) else { return false }
    let raw = UnsafeBufferPointer(rebasing: bytes[Int(key.offset) + 1..<key.end - 1])
    return JSONStringCodec.equals(raw, escaped: key.hasEscapes, target)
  }

  /// Element `index` of an array; nil if out of range or if this is not an array.
  ///
  /// Constant time when every element is a scalar, otherwise linear in `index` (each step skips
  /// a whole element subtree); iterate `elements` to visit them all.
  public subscript(index: Int) -> JSONValue? {
    let entry = entry
    let start = self.index + 1
    guard entry.kind == .array && index >= 0 && index < entry.count else { return nil }
    if Int(entry.next) - start == entry.count {
      return JSONValue(storage: storage, index: start + index)
    }
    var cursor = start
    storage.tape.withUnsafeBufferPointer { tape in
      for _ in 0..<index { cursor = Int(tape[cursor].next) }
    }
    return JSONValue(storage: storage, index: cursor)
  }

  /// Elements of an array or members of an object; zero for scalars.
  public var count: Int { entry.count }

  /// The elements of an array, in order; empty for any other kind.
  public var elements: JSONElements {
    let entry = entry
    guard entry.kind == .array else { return JSONElements(storage: storage, start: 0, end: 0) }
    return JSONElements(storage: storage, start: index + 1, end: Int(entry.next))
  }

  /// The members of an object, in document order (duplicates included); empty for other kinds.
  public var members: JSONMembers {
    let entry = entry
    guard entry.kind == .object else { return JSONMembers(storage: storage, start: 0, end: 0) }
    return JSONMembers(storage: storage, start: index + 1, end: Int(entry.next))
  }

  /// The byte range of the whole value in the document's input (quotes and brackets included).
  public var byteRange: Range<Int> {
    let entry = entry
    return Int(entry.offset)..<entry.end
  }

  /// The value's input bytes as text, exactly as written.
  public var rawText: String {
    String(decoding: storage.bytes[byteRange], as: UTF8.self)
  }

  /// Runs `body` on the value's input bytes.
  func withRawBytes<R>(_ entry: JSONTapeEntry, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    storage.bytes.withUnsafeBufferPointer { bytes in
      body(UnsafeBufferPointer(rebasing: bytes[Int(entry.offset)..<entry.end]))
    }
  }

  /// Runs `body` on a string value's raw contents, between the quotes.
  func withStringContents<R>(_ entry: JSONTapeEntry, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    storage.bytes.withUnsafeBufferPointer { bytes in
      body(UnsafeBufferPointer(rebasing: bytes[Int(entry.offset) + 1..<entry.end - 1]))
    }
  }

  /// Runs `body` on the UTF-8 bytes of `text`, copying only strings without contiguous storage.
  static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    copy.makeContiguousUTF8()
    return copy.utf8.withContiguousStorageIfAvailable(body)!
  }
}
