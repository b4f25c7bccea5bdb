import HeraldCore

/// Readers for the analyzer's recurring encodings (names, ranges, sum types).
extension JSONValue {
  /// The member `key` when present and not `null` (the analyzer writes both for "absent").
  func present(_ key: String) -> JSONValue? {
    guard let value = self[key], !value.isNull else { return nil }
    return value
  }

  /// A name written as an array of components, or as a dotted string (older output, `extra`).
  var leanName: LeanName? {
    switch kind {
    case .array:
      var components: [LeanName.Component] = []
      components.reserveCapacity(count)
      for element in elements {
        if let text = element.string {
          components.append(.string(text))
        } else if let number = element.int, number >= 0 {
          components.append(.number(number))
        } else {
          return nil
        }
      }
      return LeanName(components)
    case .string:
      return string.map { LeanName(dotted: $0) }
    default:
      return nil
    }
  }

  /// The dotted form of a name, built straight from the JSON (the hot path of reference lists
  /// and goal contexts); the same text as `leanName?.dotted`.
  var dottedName: String? {
    switch kind {
    case .array:
      var out = ""
      var first = true
      for element in elements {
        if !first { out.append(".") }
        first = false
        if let text = element.string {
          LeanName.appendComponent(text, to: &out)
        } else if let number = element.int, number >= 0 {
          out.append(String(number))
        } else {
          return nil
        }
      }
      return out
    case .string:
      return string.map { LeanName(dotted: $0).dotted }
    default:
      return nil
    }
  }

  /// A `[start, stop)` byte range written as a two-element array.
  var byteRangeValue: Range<Int>? {
    guard kind == .array, count == 2, let start = self[0]?.int, let stop = self[1]?.int, start <= stop,
      start >= 0
    else { return nil }
    return start..<stop
  }

  /// Pretty-printed text of a syntax object: `pp` in current output, `str` in older output.
  var syntaxText: String? {
    present("pp")?.string ?? present("str")?.string
  }

  /// Whether this array-encoded name equals `parts` exactly, compared without allocating.
  func nameEquals(_ parts: [StaticString]) -> Bool {
    guard kind == .array, count == parts.count else {
      if kind == .string, let text = string {
        return text == parts.map { "\($0)" }.joined(separator: ".")
      }
      return false
    }
    var index = 0
    for element in elements {
      guard element.stringEquals(parts[index]) else { return false }
      index += 1
    }
    return true
  }

  /// Whether this array-encoded name ends with `last` (cheap pre-check before `nameEquals`).
  func nameLastEquals(_ last: StaticString) -> Bool {
    guard kind == .array, count > 0, let tail = self[count - 1] else {
      return kind == .string && (string?.hasSuffix("\(last)") ?? false)
    }
    return tail.stringEquals(last)
  }
}
