import HeraldCore

/// The `dataset_info` features of the dataset card, one config per view, made from the view's
/// JSON Schema: Hugging Face `datasets` then types every column as the schema does instead of
/// guessing it from the first split, which fails when a nullable member is null in every line of
/// one split and a number or a string in another ("Couldn't cast array of type int64 to null").
enum DatasetFeatures {
  /// The YAML lines of one config's features (under `dataset_info:`).
  static func lines(config: String, schemaText: String) -> [String] {
    guard let root = try? JSONDocument(text: schemaText).root, let properties = root["properties"] else { return [] }
    var lines = ["- config_name: \(config)", "  features:"]
    for name in sortedKeys(properties) {
      lines += feature(properties[name]!, root: root, name: name, indent: 2)
    }
    return lines
  }

  /// The lines of one member: its name and its type (`dtype`, `sequence`, `struct` or `list`).
  private static func feature(_ node: JSONValue, root: JSONValue, name: String, indent: Int) -> [String] {
    let node = resolved(node, root: root)
    let pad = String(repeating: " ", count: indent)
    var lines = ["\(pad)- name: \(name)"]
    switch type(of: node) {
    case "object":
      lines.append("\(pad)  struct:")
      if let properties = node["properties"] {
        for key in sortedKeys(properties) {
          lines += feature(properties[key]!, root: root, name: key, indent: indent + 2)
        }
      }
    case "array":
      let items = resolved(node["items"] ?? node, root: root)
      if type(of: items) == "object" {
        lines.append("\(pad)  list:")
        if let properties = items["properties"] {
          for key in sortedKeys(properties) {
            lines += feature(properties[key]!, root: root, name: key, indent: indent + 2)
          }
        }
      } else {
        lines.append("\(pad)  sequence: \(dtype(type(of: items)))")
      }
    case let scalar:
      lines.append("\(pad)  dtype: \(dtype(scalar))")
    }
    return lines
  }

  /// The node a `$ref` to `#/$defs/…` points at, or the node itself.
  private static func resolved(_ node: JSONValue, root: JSONValue) -> JSONValue {
    guard let reference = node["$ref"]?.string, reference.hasPrefix("#/$defs/"),
      let target = root["$defs"]?[String(reference.dropFirst("#/$defs/".count))]
    else { return node }
    return target
  }

  /// The JSON type of a node: its `type` (the non-null one of a nullable pair), or the type of
  /// its `enum` values.
  private static func type(of node: JSONValue) -> String {
    if let single = node["type"]?.string { return single }
    if let several = node["type"], several.kind == .array {
      return several.elements.compactMap(\.string).first { $0 != "null" } ?? "string"
    }
    if let values = node["enum"] {
      return values.elements.contains { $0.kind == .string } ? "string" : "integer"
    }
    return "string"
  }

  private static func dtype(_ type: String) -> String {
    switch type {
    case "integer": "int64"
    case "number": "float64"
    case "boolean": "bool"
    default: "string"
    }
  }

  /// The member names of an object, sorted as the lines' keys are.
  private static func sortedKeys(_ object: JSONValue) -> [String] {
    object.members.map(\.0).sorted(by: CodePointOrder.precedes)
  }
}
