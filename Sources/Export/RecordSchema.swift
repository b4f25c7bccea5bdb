import HeraldCore

/// A JSON Schema (2020-12) compiled for checking records before they are written.
///
/// Only the subset herald's schemas use is understood: `type`, `enum`, `const`, `properties`,
/// `required`, `additionalProperties` (true or false), `items`, `minLength`, `maxLength`,
/// `minItems`, `maxItems`, `$ref` to `#/$defs/…`, and the annotations `$schema`, `$id`, `$comment`,
/// `title`, `description` and `version`. Any other keyword is refused when the schema is loaded,
/// so a schema never asks for a check the validator would silently skip.
public struct RecordSchema: Sendable {
  /// The schema's `$id`.
  public let id: String
  /// The schema's `version` (herald's own annotation: bumped when records change shape).
  public let version: Int
  /// The schema's `title`.
  public let title: String
  /// The schema's text as loaded.
  public let text: String
  let root: SchemaNode

  /// Compiles `text`; throws when it is not JSON, lacks `$id` or `version`, or uses a keyword
  /// outside the subset.
  public init(text: String) throws(SchemaError) {
    let document: JSONDocument
    do {
      document = try JSONDocument(text: text)
    } catch {
      throw SchemaError(path: "", message: "not valid JSON (\(error))")
    }
    let root = document.root
    guard root.kind == .object else { throw SchemaError(path: "", message: "a schema must be a JSON object") }
    guard let id = root["$id"]?.string, !id.isEmpty else {
      throw SchemaError(path: "", message: "the schema has no \"$id\"")
    }
    guard let version = root["version"]?.int, version > 0 else {
      throw SchemaError(path: "", message: "the schema has no whole-number \"version\"")
    }
    var compiler = SchemaCompiler(definitions: root["$defs"])
    self.root = try compiler.compile(root, path: "")
    self.id = id
    self.version = version
    self.title = root["title"]?.string ?? id
    self.text = text
  }

  /// The first way `value` breaks the schema, or nil when it conforms.
  public func violation(of value: RecordValue) -> SchemaViolation? {
    root.check(value)
  }
}

/// A schema that could not be compiled, with the JSON pointer of the offending keyword.
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var message: String

  public var description: String { path.isEmpty ? message : "\(message) (at \(path))" }
}

/// Why a value does not conform: where (a JSON pointer into the value) and what was expected.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
  /// The JSON pointer of the offending value, e.g. `/provenance/model`; empty for the whole record.
  public var path: String
  /// What was expected, e.g. `expected a string, found null`.
  public var message: String

  public var description: String { "\(path.isEmpty ? "/" : path): \(message)" }

  /// The same violation one level further out, under `component`.
  func inside(_ component: String) -> SchemaViolation {
    let escaped = component.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    return SchemaViolation(path: "/" + escaped + path, message: message)
  }
}

/// Turns schema JSON into `SchemaNode`s, resolving `$ref`s to `$defs` as it goes.
private struct SchemaCompiler {
  static let annotations: Set<String> = ["$schema", "$id", "$comment", "title", "description", "version", "$defs"]
  static let checks: Set<String> = [
    "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minLength", "maxLength",
    "minItems", "maxItems", "$ref",
  ]

  let definitions: JSONValue?
  var compiled: [String: SchemaNode] = [:]
  var resolving: Set<String> = []

  init(definitions: JSONValue?) {
    self.definitions = definitions
  }

  mutating func compile(_ schema: JSONValue, path: String) throws(SchemaError) -> SchemaNode {
    guard schema.kind == .object else { throw SchemaError(path: path, message: "a schema must be a JSON object") }
    var node = SchemaNode.Draft()
    for (key, value) in schema.members {
      let here = "\(path)/\(key)"
      guard Self.annotations.contains(key) || Self.checks.contains(key) else {
        throw SchemaError(
          path: here, message: "keyword \"\(key)\" is outside the subset herald's validator understands")
      }
      switch key {
      case "type": node.types = try types(value, path: here)
      case "enum":
        guard value.kind == .array, value.count > 0 else {
          throw SchemaError(path: here, message: "\"enum\" must be a non-empty array")
        }
        node.allowed = try value.elements.map { element throws(SchemaError) in try Self.literal(element, path: here) }
      case "const": node.allowed = [try Self.literal(value, path: here)]
      case "properties":
        guard value.kind == .object else { throw SchemaError(path: here, message: "\"properties\" must be an object") }
        for (name, property) in value.members {
          node.properties[name] = try compile(property, path: "\(here)/\(name)")
        }
      case "required":
        let names = value.elements.compactMap(\.string)
        guard value.kind == .array, names.count == value.count else {
          throw SchemaError(path: here, message: "\"required\" must be an array of strings")
        }
        node.required = names
      case "additionalProperties":
        guard let flag = value.bool else {
          throw SchemaError(path: here, message: "\"additionalProperties\" must be true or false here")
        }
        node.closed = !flag
      case "items": node.items = try compile(value, path: here)
      case "minLength": node.minLength = try count(value, path: here)
      case "maxLength": node.maxLength = try count(value, path: here)
      case "minItems": node.minItems = try count(value, path: here)
      case "maxItems": node.maxItems = try count(value, path: here)
      case "$ref": node.reference = try resolve(value, path: here)
      default: break
      }
    }
    return SchemaNode(node)
  }

  private func types(_ value: JSONValue, path: String) throws(SchemaError) -> SchemaNode.Types {
    let names = value.kind == .array ? value.elements.map(\.string) : [value.string]
    var types: SchemaNode.Types = []
    for name in names {
      guard let name, let type = SchemaNode.Types(name: name) else {
        throw SchemaError(path: path, message: "\"type\" must name JSON types (string, object, …)")
      }
      types.insert(type)
    }
    return types
  }

  private func count(_ value: JSONValue, path: String) throws(SchemaError) -> Int {
    guard let number = value.int, number >= 0 else {
      throw SchemaError(path: path, message: "expected a non-negative whole number")
    }
    return number
  }

  private mutating func resolve(_ value: JSONValue, path: String) throws(SchemaError) -> SchemaNode {
    let prefix = "#/$defs/"
    guard let target = value.string, target.hasPrefix(prefix) else {
      throw SchemaError(path: path, message: "\"$ref\" must point into this schema's \"$defs\" (#/$defs/NAME)")
    }
    let name = String(target.dropFirst(prefix.count))
    if let done = compiled[name] { return done }
    guard let definition = definitions?[name] else {
      throw SchemaError(path: path, message: "\"$ref\" names \(target), which \"$defs\" does not define")
    }
    guard resolving.insert(name).inserted else {
      throw SchemaError(path: path, message: "recursive \"$ref\" to \(target) is outside the subset")
    }
    let node = try compile(definition, path: "/$defs/\(name)")
    resolving.remove(name)
    compiled[name] = node
    return node
  }

  /// An `enum`/`const` literal; only scalars are needed (and supported).
  private static func literal(_ value: JSONValue, path: String) throws(SchemaError) -> RecordValue {
    switch value.kind {
    case .null: return .null
    case .bool: return .bool(value.bool ?? false)
    case .string: return .string(value.string ?? "")
    case .number:
      guard let number = value.int else { throw SchemaError(path: path, message: "only whole numbers are supported") }
      return .int(number)
    case .array, .object:
      throw SchemaError(path: path, message: "only scalar enum and const values are supported")
    }
  }
}
