import HeraldCore

/// Decodes the `-s` plugin, accepting the older single-`type` form and kind spellings.
enum SymbolDecoder {
  /// Decodes the whole file.
  static func decode(_ root: JSONValue) throws(DecodeError) -> [SymbolEntry] {
    guard root.kind == .array else {
      throw DecodeError(.unexpectedShape, plugin: .symbol, message: "expected an array of symbols")
    }
    var result: [SymbolEntry] = []
    result.reserveCapacity(root.count)
    var index = 0
    for element in root.elements {
      do {
        result.append(try entry(element))
      } catch {
        throw error.prefixed("[\(index)]")
      }
      index += 1
    }
    return result
  }

  private static func entry(_ value: JSONValue) throws(DecodeError) -> SymbolEntry {
    guard value.kind == .object else { throw shape("", "expected an object") }
    guard let name = value["name"]?.leanName else {
      throw shape(".name", "missing or not a name (array of strings and numbers)")
    }
    guard var kind = value["kind"]?.string else { throw shape(".kind", "missing or not a string") }
    switch kind {
    case "def": kind = "definition"
    case "quot": kind = "quotient"
    default: break
    }
    let typeFull = value.present("typeFull")?.string ?? value.present("type")?.string
    let typeReadable = value.present("typeReadable")?.string
    guard let typeFallback = value.present("typeFallback")?.string ?? typeFull ?? typeReadable else {
      throw shape(".typeFallback", "missing: a symbol needs at least one type text")
    }
    let typeReferences = try references(value.present("typeReferences"), ".typeReferences") ?? []
    let valueReferences = try references(value.present("valueReferences"), ".valueReferences")
    return SymbolEntry(
      name: name, kind: kind, typeFull: typeFull, typeReadable: typeReadable, typeFallback: typeFallback,
      typeReferences: typeReferences, valueReferences: valueReferences,
      isProp: value.present("isProp")?.bool ?? false)
  }

  /// A reference list, sorted and deduplicated, because the analyzer writes hash-set order.
  private static func references(_ value: JSONValue?, _ path: String) throws(DecodeError) -> [String]? {
    guard let value else { return nil }
    guard value.kind == .array else { throw shape(path, "expected an array of names") }
    var names: [String] = []
    names.reserveCapacity(value.count)
    var index = 0
    for element in value.elements {
      guard let name = element.dottedName else { throw shape("\(path)[\(index)]", "not a name") }
      names.append(name)
      index += 1
    }
    names.sort()
    var unique: [String] = []
    unique.reserveCapacity(names.count)
    for name in names where unique.last != name { unique.append(name) }
    return unique
  }

  private static func shape(_ path: String, _ message: String) -> DecodeError {
    DecodeError(.unexpectedShape, plugin: .symbol, path: path, message: message)
  }
}
