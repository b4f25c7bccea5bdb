/// The elements of a JSON array, visited in order without allocating per step.
public struct JSONElements: Sequence, Sendable {
  let storage: JSONStorage
  let start: Int
  let end: Int

  /// Walks sibling entries, jumping over each element's subtree via its `next` index.
  public struct Iterator: IteratorProtocol, Sendable {
    let storage: JSONStorage
    var cursor: Int
    let end: Int

    public mutating func next() -> JSONValue? {
      guard cursor < end else { return nil }
      let value = JSONValue(storage: storage, index: cursor)
      cursor = Int(storage.tape[cursor].next)
      return value
    }
  }

  public func makeIterator() -> Iterator {
    Iterator(storage: storage, cursor: start, end: end)
  }

  public var underestimatedCount: Int { start < end ? storage.tape[start - 1].count : 0 }
}
