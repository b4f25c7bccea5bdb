/// Lays out JSON as Lean's `Json.pretty` does (the REPL prints every reply with it): Lean's
/// `Format` with width 80, objects and arrays as `bracket` groups nested by the bracket's width,
/// each member a group `"key":⟨line⟩value`, members joined by `,⟨line⟩`. A group goes on one line
/// when it fits up to the next line break of the rest; groups inside are measured flat.
struct LeanJSONLayout {
  /// How object members are ordered.
  enum KeyOrder: String {
    /// Descending by key, as the REPL's replies come out (Lean folds its sorted map into a list).
    case reverse
    /// Ascending by key.
    case sorted
  }

  var width = 80
  var keyOrder: KeyOrder = .reverse

  /// Lean's `Format`, reduced to what `Json.render` uses.
  private indirect enum Doc {
    case text(String)
    case line
    case nest(Int, Doc)
    case group(Doc)
    case concat([Doc])
  }

  /// The text of `value`, without a trailing newline.
  func render(_ value: FakeJSON) -> String {
    layout(document(value))
  }

  private func document(_ value: FakeJSON) -> Doc {
    switch value {
    case .null: return .text("null")
    case .bool(let flag): return .text(flag ? "true" : "false")
    case .int(let number): return .text(String(number))
    case .number(let text): return .text(text)
    case .string(let text): return .text(Self.quoted(text))
    case .array(let elements):
      return bracket("[", joined(elements.map(document)), "]")
    case .object(let members):
      let ordered =
        switch keyOrder {
        case .reverse: members.sorted { Self.precedes($1.0, $0.0) }
        case .sorted: members.sorted { Self.precedes($0.0, $1.0) }
        }
      let parts = ordered.map { key, value in
        Doc.group(.concat([.text(Self.quoted(key) + ":"), .line, document(value)]))
      }
      return bracket("{", joined(parts), "}")
    }
  }

  /// Lean's `String` order: by code points.
  private static func precedes(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
  }

  private func bracket(_ open: String, _ body: Doc, _ close: String) -> Doc {
    .group(.nest(open.unicodeScalars.count, .concat([.text(open), body, .text(close)])))
  }

  private func joined(_ parts: [Doc]) -> Doc {
    var items: [Doc] = []
    for (index, part) in parts.enumerated() {
      if index > 0 { items += [.text(","), .line] }
      items.append(part)
    }
    return .concat(items)
  }

  /// The characters Lean escapes with a backslash (a tab is not among them: it becomes `\u0009`).
  private static let backslashed: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r"]

  /// A JSON string as Lean escapes it: quote, backslash, newline and carriage return with a
  /// backslash, other characters below U+0020 as lowercase `\u00xx`, everything else as is.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      if let escaped = backslashed[scalar] {
        result += escaped
      } else if scalar.value < 0x20 {
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// One pending piece of the document: its indentation and whether it is laid out flat.
  private struct Item {
    var indent: Int
    var flat: Bool
    var doc: Doc
  }

  private func layout(_ root: Doc) -> String {
    var output = ""
    var column = 0
    var stack = [Item(indent: 0, flat: false, doc: root)]
    while let item = stack.popLast() {
      switch item.doc {
      case .text(let text):
        output += text
        column += text.unicodeScalars.count
      case .line:
        if item.flat {
          output += " "
          column += 1
        } else {
          output += "\n" + String(repeating: " ", count: item.indent)
          column = item.indent
        }
      case .nest(let amount, let inner):
        stack.append(Item(indent: item.indent + amount, flat: item.flat, doc: inner))
      case .concat(let parts):
        for part in parts.reversed() { stack.append(Item(indent: item.indent, flat: item.flat, doc: part)) }
      case .group(let inner):
        let flat = item.flat || fits(width - column, Item(indent: item.indent, flat: true, doc: inner), rest: stack)
        stack.append(Item(indent: item.indent, flat: flat, doc: inner))
      }
    }
    return output
  }

  /// Whether `first`, then the rest up to its next line break, fits in `space` columns.
  private func fits(_ space: Int, _ first: Item, rest: [Item]) -> Bool {
    var space = space
    var pending: [(flat: Bool, doc: Doc)] = rest.map { ($0.flat, $0.doc) }
    pending.append((first.flat, first.doc))
    while let (flat, doc) = pending.popLast() {
      if space < 0 { return false }
      switch doc {
      case .text(let text): space -= text.unicodeScalars.count
      case .line:
        if !flat { return true }
        space -= 1
      case .nest(_, let inner): pending.append((flat, inner))
      case .concat(let parts): for part in parts.reversed() { pending.append((flat, part)) }
      case .group(let inner): pending.append((true, inner))
      }
    }
    return space >= 0
  }
}
