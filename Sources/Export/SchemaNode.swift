/// One compiled (sub)schema: the checks that apply to a value at its place in a record.
struct SchemaNode: Sendable {
  /// JSON types as a bit set (`type`).
  struct Types: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = Types(rawValue: 1)
    static let boolean = Types(rawValue: 2)
    static let integer = Types(rawValue: 4)
    static let number = Types(rawValue: 8)
    static let string = Types(rawValue: 16)
    static let array = Types(rawValue: 32)
    static let object = Types(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The type a schema names, e.g. `"string"`.
    init?(name: String) {
      switch name {
      case "null": self = .null
      case "boolean": self = .boolean
      case "integer": self = .integer
      case "number": self = .number
      case "string": self = .string
      case "array": self = .array
      case "object": self = .object
      default: return nil
      }
    }

    /// The names, for messages.
    var names: [String] {
      let all: [(Types, String)] = [
        (.null, "null"), (.boolean, "boolean"), (.integer, "integer"), (.number, "number"), (.string, "string"),
        (.array, "array"), (.object, "object"),
      ]
      return all.filter { contains($0.0) }.map(\.1)
    }
  }

  var types: Types?
  /// `enum` (or a one-element `const`).
  var allowed: [RecordValue]?
  var properties: [String: SchemaNode] = [:]
  var required: [String] = []
  /// `additionalProperties: false`.
  var closed = false
  var minLength: Int?
  var maxLength: Int?
  var minItems: Int?
  var maxItems: Int?
  /// Held in arrays because a struct cannot contain itself directly.
  private var itemsStorage: [SchemaNode] = []
  private var referenceStorage: [SchemaNode] = []

  /// `items`: the schema of every element of an array.
  var items: SchemaNode? {
    get { itemsStorage.first }
    set { itemsStorage = newValue.map { [$0] } ?? [] }
  }

  /// `$ref`: a schema from `$defs` that also applies.
  var reference: SchemaNode? {
    get { referenceStorage.first }
    set { referenceStorage = newValue.map { [$0] } ?? [] }
  }

  /// The first violation of this schema by `value`; the path is built only on failure.
  func check(_ value: RecordValue) -> SchemaViolation? {
    if let reference, let violation = reference.check(value) { return violation }
    if let types, !Self.matches(value, types) {
      return SchemaViolation(
        path: "", message: "expected \(types.names.joined(separator: " or ")), found \(Self.typeName(value))")
    }
    if let allowed, !allowed.contains(value) {
      let listed = allowed.map(\.jsonText).joined(separator: ", ")
      return SchemaViolation(path: "", message: "expected one of \(listed), found \(value.jsonText)")
    }
    switch value {
    case .string(let text): return checkLength(text)
    case .array(let elements):
      if let minItems, elements.count < minItems {
        return SchemaViolation(path: "", message: "expected at least \(minItems) items, found \(elements.count)")
      }
      if let maxItems, elements.count > maxItems {
        return SchemaViolation(path: "", message: "expected at most \(maxItems) items, found \(elements.count)")
      }
      if let items {
        for (index, element) in elements.enumerated() {
          if let violation = items.check(element) { return violation.inside(String(index)) }
        }
      }
      return nil
    case .object(let members): return checkMembers(members)
    default: return nil
    }
  }

  private func checkMembers(_ members: [RecordValue.Member]) -> SchemaViolation? {
    for name in required where !members.contains(where: { $0.key == name }) {
      return SchemaViolation(path: "", message: "the required member \"\(name)\" is missing")
    }
    for member in members {
      if let property = properties[member.key] {
        if let violation = property.check(member.value) { return violation.inside(member.key) }
      } else if closed {
        return SchemaViolation(path: "", message: "the member \"\(member.key)\" is not allowed")
      }
    }
    return nil
  }

  /// Lengths count code points, as JSON Schema does; the count is skipped when the UTF-8 length
  /// already decides (a code point takes 1 to 4 bytes).
  private func checkLength(_ text: String) -> SchemaViolation? {
    let bytes = text.utf8.count
    if let minLength, bytes / 4 < minLength, text.unicodeScalars.count < minLength {
      return SchemaViolation(
        path: "", message: "expected at least \(minLength) characters, found \(text.unicodeScalars.count)")
    }
    if let maxLength, bytes > maxLength, text.unicodeScalars.count > maxLength {
      return SchemaViolation(
        path: "", message: "expected at most \(maxLength) characters, found \(text.unicodeScalars.count)")
    }
    return nil
  }

  private static func matches(_ value: RecordValue, _ types: Types) -> Bool {
    switch value {
    case .null: types.contains(.null)
    case .bool: types.contains(.boolean)
    case .int: types.contains(.integer) || types.contains(.number)
    case .string: types.contains(.string)
    case .array: types.contains(.array)
    case .object: types.contains(.object)
    }
  }

  private static func typeName(_ value: RecordValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .int: "integer"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}
