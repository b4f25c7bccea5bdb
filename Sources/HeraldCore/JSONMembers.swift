/// The members of a JSON object in document order, duplicates included.
public struct JSONMembers: Sequence, Sendable {
  let storage: JSONStorage
  let start: Int
  let end: Int

  /// Walks key/value entry pairs, jumping over each value's subtree via its `next` index.
  public struct Iterator: IteratorProtocol, Sendable {
    let storage: JSONStorage
    var cursor: Int
    let end: Int

    /// The next member; only the key is decoded, the value stays a cursor.
    public mutating func next() -> (key: String, value: JSONValue)? {
      guard cursor < end else { return nil }
      let key = JSONValue(storage: storage, index: cursor)
      let value = JSONValue(storage: storage, index: cursor + 1)
      cursor = Int(storage.tape[cursor + 1].next)
      return (key.string ?? "", value)
    }
  }

  public func makeIterator() -> Iterator {
    Iterator(storage: storage, cursor: start, end: end)
  }

  public var underestimatedCount: Int { start < end ? storage.tape[start - 1].count : 0 }

  /// The members with each key left as an undecoded string cursor, for allocation-free scans
  /// that test keys with `JSONValue.stringEquals`.
  public var undecoded: some Sequence<(key: JSONValue, value: JSONValue)> {
    let storage = storage
    return sequence(state: start) { cursor -> (key: JSONValue, value: JSONValue)? in
      guard cursor < end else { return nil }
      let pair = (
        key: JSONValue(storage: storage, index: cursor), value: JSONValue(storage: storage, index: cursor + 1)
      )
      cursor = Int(storage.tape[cursor + 1].next)
      return pair
    }
  }
}
