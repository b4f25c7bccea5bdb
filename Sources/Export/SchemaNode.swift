import HeraldCore

/// One compiled (sub)schema: the checks that apply to a value at its place in a record.
///
/// A class, so that walking a record does not copy the nodes' tables.
final class SchemaNode: Sendable {
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

  let types: Types?
  /// `enum` (or a one-element `const`).
  let allowed: [RecordValue]?
  /// `properties` (and whether `required` names them), sorted by key like the members of
  /// records, so members are checked in one walk.
  let properties: [(key: String, node: SchemaNode, isRequired: Bool)]
  /// `required` names that `properties` does not list.
  let requiredElsewhere: [String]
  /// `additionalProperties: false`.
  let closed: Bool
  let minLength: Int?
  let maxLength: Int?
  let minItems: Int?
  let maxItems: Int?
  /// `items`: the schema of every element of an array.
  let items: SchemaNode?
  /// `$ref`: a schema from `$defs` that also applies.
  let reference: SchemaNode?

  /// A node with the checks of `draft`.
  init(_ draft: Draft) {
    types = draft.types
    allowed = draft.allowed
    let required = Set(draft.required)
    properties = draft.properties.map { (key: $0.key, node: $0.value, isRequired: required.contains($0.key)) }
      .sorted { CodePointOrder.precedes($0.key, $1.key) }
    requiredElsewhere = draft.required.filter { draft.properties[$0] == nil }
    closed = draft.closed
    minLength = draft.minLength
    maxLength = draft.maxLength
    minItems = draft.minItems
    maxItems = draft.maxItems
    items = draft.items
    reference = draft.reference
  }

  /// The checks of a node while its schema is read.
  struct Draft {
    var types: Types?
    var allowed: [RecordValue]?
    var properties: [String: SchemaNode] = [:]
    var required: [String] = []
    var closed = false
    var minLength: Int?
    var maxLength: Int?
    var minItems: Int?
    var maxItems: Int?
    var items: SchemaNode?
    var reference: SchemaNode?
  }

  /// The first violation of this schema by `value`; the path is built only on failure.
  func check(_ value: RecordValue) -> SchemaViolation? {
    if let reference, let violation = reference.check(value) { return violation }
    if let types, !Self.matches(value, types) {
      return SchemaViolation(
        path: "", message: "expected \(types.names.joined(separator: " or ")), found \(Self.typeName(value))")
    }
    if let allowed, !allowed.contains(value.decoded) {
      let listed = allowed.map(\.jsonText).joined(separator: ", ")
      return SchemaViolation(path: "", message: "expected one of \(listed), found \(value.jsonText)")
    }
    switch value {
    case .string(let text):
      let bytes = text.utf8.count
      return checkLength(bytes: bytes) { text.unicodeScalars.count }
    case .escaped(let text): return checkLength(bytes: text.utf8Count) { text.length }
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
    case .object(let members): return checkMembers(members.list)
    default: return nil
    }
  }

  /// Members and properties are both sorted by key, so one merge walk checks them; in a
  /// conforming record the two go in step and only equal keys are compared.
  private func checkMembers(_ members: [RecordValue.Member]) -> SchemaViolation? {
    var property = 0
    for member in members {
      while property < properties.count, properties[property].key != member.key,
        CodePointOrder.precedes(properties[property].key, member.key)
      {
        if properties[property].isRequired { return missing(properties[property].key) }
        property += 1
      }
      if property < properties.count, properties[property].key == member.key {
        if let violation = properties[property].node.check(member.value) { return violation.inside(member.key) }
        property += 1
      } else if closed {
        return SchemaViolation(path: "", message: "the member \"\(member.key)\" is not allowed")
      }
    }
    if let absent = properties[property...].first(where: \.isRequired) { return missing(absent.key) }
    for name in requiredElsewhere where !members.contains(where: { $0.key == name }) { return missing(name) }
    return nil
  }

  private func missing(_ name: String) -> SchemaViolation {
    SchemaViolation(path: "", message: "the required member \"\(name)\" is missing")
  }

  /// Lengths count code points, as JSON Schema does; the count is skipped when the UTF-8 length
  /// already decides (a code point takes 1 to 4 bytes).
  private func checkLength(bytes: Int, codePoints: () -> Int) -> SchemaViolation? {
    if let minLength, bytes / 4 < minLength, codePoints() < minLength {
      return SchemaViolation(path: "", message: "expected at least \(minLength) characters, found \(codePoints())")
    }
    if let maxLength, bytes > maxLength, codePoints() > maxLength {
      return SchemaViolation(path: "", message: "expected at most \(maxLength) characters, found \(codePoints())")
    }
    return nil
  }

  private static func matches(_ value: RecordValue, _ types: Types) -> Bool {
    switch value {
    case .null: types.contains(.null)
    case .bool: types.contains(.boolean)
    case .int: types.contains(.integer) || types.contains(.number)
    case .string, .escaped: types.contains(.string)
    case .array: types.contains(.array)
    case .object: types.contains(.object)
    }
  }

  private static func typeName(_ value: RecordValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .int: "integer"
    case .string, .escaped: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}
