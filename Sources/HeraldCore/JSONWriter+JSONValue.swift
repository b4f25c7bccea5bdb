extension JSONWriter {
  /// An object or array of the written value whose children are still to be written.
  private struct Walk {
    var isObject: Bool
    /// Next child's tape index (the key's, for objects) and the end of the children.
    var cursor: Int
    var end: Int
    /// Members after collapsing duplicate keys, used instead of `cursor` when not nil.
    var members: [(key: Int, value: Int)]?
    var position = 0
  }

  /// Writes `value` and its whole subtree as Python writes `json.loads` of its text.
  ///
  /// So integers keep their digits (`-0` becomes `0`), other numbers become Double `repr`, escapes
  /// are normalised, and duplicate keys collapse into one member at the first key's position with
  /// the last key's value. Works iteratively, so any nesting depth is fine.
  public mutating func write(_ value: JSONValue) {
    let storage = value.storage
    storage.tape.withUnsafeBufferPointer { tape in
      storage.bytes.withUnsafeBufferPointer { input in
        var scratch: [UInt8] = []
        var stack: [Walk] = []
        writeValue(value.index, tape, input, &stack, &scratch)
        while !stack.isEmpty {
          var walk = stack[stack.count - 1]
          let child: Int
          var key = -1
          if let members = walk.members {
            if walk.position < members.count {
              (key, child) = members[walk.position]
              walk.position += 1
            } else {
              child = -1
            }
          } else if walk.cursor < walk.end {
            if walk.isObject {
              key = walk.cursor
              walk.cursor += 1
            }
            child = walk.cursor
            walk.cursor = Int(tape[child].next)
          } else {
            child = -1
          }
          guard child >= 0 else {
            stack.removeLast()
            if walk.isObject { endObject() } else { endArray() }
            continue
          }
          stack[stack.count - 1] = walk
          if key >= 0 { writeKey(tape[key], input, &scratch) }
          writeValue(child, tape, input, &stack, &scratch)
        }
      }
    }
  }

  private mutating func writeKey(
    _ entry: JSONTapeEntry, _ input: UnsafeBufferPointer<UInt8>, _ scratch: inout [UInt8]
  ) {
    let raw = contents(entry, input)
    if keyOrder == .codePoint {
      prepareKey(sortKey: JSONStringCodec.decode(raw, escaped: entry.hasEscapes))
    } else {
      prepareKey(sortKey: "")
    }
    appendString(entry, input, &scratch)
    appendByte(UInt8(ascii: ":"))
  }

  /// Writes a scalar, or opens a container and pushes it for the loop in `write(_:)`.
  private mutating func writeValue(
    _ index: Int, _ tape: UnsafeBufferPointer<JSONTapeEntry>, _ input: UnsafeBufferPointer<UInt8>,
    _ stack: inout [Walk], _ scratch: inout [UInt8]
  ) {
    let entry = tape[index]
    let token = UnsafeBufferPointer(rebasing: input[Int(entry.offset)..<entry.end])
    switch entry.kind {
    case .object:
      beginObject()
      let members = Self.collapsedMembers(index, tape, input)
      stack.append(Walk(isObject: true, cursor: index + 1, end: Int(entry.next), members: members))
    case .array:
      beginArray()
      stack.append(Walk(isObject: false, cursor: index + 1, end: Int(entry.next), members: nil))
    case .string:
      beforeValue()
      appendString(entry, input, &scratch)
    case .number:
      beforeValue()
      if !entry.isInteger {
        scratch.removeAll(keepingCapacity: true)
        Self.appendDouble(JSONNumber.double(token), to: &scratch)
        scratch.withUnsafeBufferPointer { appendVerbatim($0) }
      } else if token.count == 2 && token[0] == UInt8(ascii: "-") && token[1] == UInt8(ascii: "0") {
        // Python reads "-0" as the integer 0.
        appendVerbatim(UnsafeBufferPointer(rebasing: token[1...]))
      } else {
        appendVerbatim(token)
      }
    case .bool, .null:
      beforeValue()
      appendVerbatim(token)
    }
  }

  /// Appends a string value, re-escaped only if its input text used escapes.
  private mutating func appendString(
    _ entry: JSONTapeEntry, _ input: UnsafeBufferPointer<UInt8>, _ scratch: inout [UInt8]
  ) {
    if !entry.hasEscapes {
      // Unescaped input has no quote, backslash or control byte, so it is already in output form.
      appendVerbatim(UnsafeBufferPointer(rebasing: input[Int(entry.offset)..<entry.end]))
      return
    }
    scratch.removeAll(keepingCapacity: true)
    JSONStringCodec.decode(contents(entry, input), appendingTo: &scratch)
    scratch.withUnsafeBufferPointer { appendQuoted(utf8: $0) }
  }

  /// A string entry's raw bytes between the quotes.
  private func contents(
    _ entry: JSONTapeEntry, _ input: UnsafeBufferPointer<UInt8>
  ) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: input[Int(entry.offset) + 1..<entry.end - 1])
  }

  /// The object's members with duplicate keys merged as a Python dict would, or nil when its keys
  /// are all distinct (the common case, checked without allocating for small objects).
  private static func collapsedMembers(
    _ index: Int, _ tape: UnsafeBufferPointer<JSONTapeEntry>, _ input: UnsafeBufferPointer<UInt8>
  ) -> [(key: Int, value: Int)]? {
    let object = tape[index]
    guard object.count > 1 else { return nil }
    let end = Int(object.next)
    func raw(_ key: Int) -> (bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
      let entry = tape[key]
      return (UnsafeBufferPointer(rebasing: input[Int(entry.offset) + 1..<entry.end - 1]), entry.hasEscapes)
    }
    func decoded(_ key: Int) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONStringCodec.decode(raw(key).bytes, appendingTo: &bytes)
      return bytes
    }
    /// Compares two keys, decoding only when both use escapes.
    func sameKey(_ a: Int, _ b: Int) -> Bool {
      let (rawA, escapedA) = raw(a)
      let (rawB, escapedB) = raw(b)
      if !escapedA { return JSONStringCodec.equals(rawB, escaped: escapedB, rawA) }
      if !escapedB { return JSONStringCodec.equals(rawA, escaped: escapedA, rawB) }
      return decoded(a).withUnsafeBufferPointer { JSONStringCodec.equals(rawB, escaped: true, $0) }
    }
    // Small objects (nearly all of them) are checked pairwise in place; big ones go straight to
    // the hashing pass below, which also detects duplicates.
    if object.count <= 16 {
      var duplicate = false
      var a = index + 1
      search: while a < end {
        var b = Int(tape[a + 1].next)
        while b < end {
          if sameKey(a, b) {
            duplicate = true
            break search
          }
          b = Int(tape[b + 1].next)
        }
        a = Int(tape[a + 1].next)
      }
      if !duplicate { return nil }
    }
    var firstPosition: [[UInt8]: Int] = [:]
    var merged: [(key: Int, value: Int)] = []
    var cursor = index + 1
    while cursor < end {
      let key = decoded(cursor)
      if let position = firstPosition[key] {
        merged[position].value = cursor + 1
      } else {
        firstPosition[key] = merged.count
        merged.append((cursor, cursor + 1))
      }
      cursor = Int(tape[cursor + 1].next)
    }
    return merged.count == object.count ? nil : merged
  }
}
