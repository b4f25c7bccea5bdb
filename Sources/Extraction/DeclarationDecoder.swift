import HeraldCore

/// Decodes the `-d` plugin's array of declarations, tolerant of the format drift the format
/// document lists (`pp`/`str`, `fullname`, string doc strings, `ctor`, `protected` visibility).
enum DeclarationDecoder {
  /// The kinds jixia writes; anything else is kept but reported as a warning.
  static let knownKinds: Set<String> = [
    "abbrev", "definition", "theorem", "opaque", "axiom", "inductive", "classInductive", "instance",
    "example", "structure", "proofWanted", "constructor", "ctor",
  ]

  /// Decodes the whole file.
  static func decode(_ root: JSONValue) throws(DecodeError) -> [DeclarationEntry] {
    guard root.kind == .array else {
      throw DecodeError(.unexpectedShape, plugin: .declaration, message: "expected an array of declarations")
    }
    var result: [DeclarationEntry] = []
    result.reserveCapacity(root.count)
    var index = 0
    for element in root.elements {
      do {
        result.append(try entry(element, parent: nil))
      } catch {
        throw error.prefixed("[\(index)]")
      }
      index += 1
    }
    return result
  }

  private static func entry(_ value: JSONValue, parent: LeanName?) throws(DecodeError) -> DeclarationEntry {
    guard value.kind == .object else { throw shape("", "expected an object") }
    guard var kind = value["kind"]?.string else { throw shape(".kind", "missing or not a string") }
    if kind == "ctor" { kind = "constructor" }
    guard let rawName = (value.present("fullname") ?? value["name"])?.leanName else {
      throw shape(".name", "missing or not a name (array of strings and numbers)")
    }
    var name = rawName
    if let parent, kind == "constructor" {
      // jixia prefixes constructors twice (`Option.Option.IsSome.of_some`); the parent's name
      // plus the last component is the real one.
      name = LeanName(parent.components + (rawName.components.last.map { [$0] } ?? []))
    }
    let ref = value.present("ref")
    let signature = value.present("signature")
    let modifiers = value.present("modifiers")
    let scope = value.present("scopeInfo")
    var signatureText = signature?.syntaxText
    if let text = signatureText, text.hasPrefix(" ") { signatureText = String(text.dropFirst()) }

    var constructors: [DeclarationEntry] = []
    if let list = value.present("constructors") {
      var index = 0
      for element in list.elements {
        do {
          constructors.append(try entry(element, parent: name))
        } catch {
          throw error.prefixed(".constructors[\(index)]")
        }
        index += 1
      }
    }
    let visibilityRaw = modifiers?.present("visibility")?.string ?? "regular"
    let isProtected =
      modifiers?.present("isProtected")?.bool ?? false || visibilityRaw == "protected"
    var computeKind = modifiers?.present("computeKind")?.string ?? "regular"
    if modifiers?.present("isNoncomputable")?.bool == true { computeKind = "noncomputable" }
    return DeclarationEntry(
      kind: kind,
      name: name,
      isGenerated: ref?.present("original")?.bool == false,
      refRange: ref?.present("range")?.byteRangeValue,
      refText: ref?.syntaxText,
      idRange: value.present("id")?.present("range")?.byteRangeValue,
      signatureRange: signature?.present("range")?.byteRangeValue,
      signatureText: signatureText,
      typeRange: value.present("type")?.present("range")?.byteRangeValue,
      typeText: value.present("type")?.syntaxText,
      valueRange: value.present("value")?.present("range")?.byteRangeValue,
      valueText: value.present("value")?.syntaxText,
      modifiersRange: modifiers?.present("stx")?.byteRangeValue,
      docString: docString(modifiers?.present("docString")),
      visibility: visibilityRaw == "protected" ? "regular" : visibilityRaw,
      isProtected: isProtected,
      computeKind: computeKind,
      attributes: attributes(modifiers?.present("attrs")),
      namespace: scope?.present("currNamespace")?.leanName ?? .anonymous,
      openDecls: scope.map(openLines) ?? [],
      varDecls: scope?.present("varDecls")?.elements.compactMap(\.string) ?? [],
      levelNames: scope?.present("levelNames")?.elements.compactMap { $0.leanName?.dotted } ?? [],
      constructors: constructors)
  }

  private static func docString(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    if let text = value.string { return text }
    return value[0]?.string
  }

  private static func attributes(_ value: JSONValue?) -> [String] {
    guard let value else { return [] }
    return value.elements.compactMap { attribute in
      if let name = attribute.present("name")?.leanName { return name.dotted }
      return attribute.string
    }
  }

  /// Renders `openDecl` entries (and scoped-only opens) as the `open` lines Lean reads back.
  static func openLines(_ scope: JSONValue) -> [String] {
    var lines: [String] = []
    var opened: Set<String> = []
    for decl in scope.present("openDecl").map({ Array($0.elements) }) ?? [] {
      if let simple = decl.present("simple"), let namespace = simple.present("namespace")?.leanName {
        let hidden = simple.present("except")?.elements.compactMap { $0.leanName?.last } ?? []
        opened.insert(namespace.dotted)
        lines.append(
          hidden.isEmpty
            ? "open \(namespace.dotted)" : "open \(namespace.dotted) hiding \(hidden.joined(separator: " "))")
      } else if let rename = decl.present("rename"), let from = rename.present("name")?.leanName,
        let target = rename.present("as")?.leanName
      {
        let prefix = from.parent
        let head = prefix.isAnonymous ? "open _root_" : "open \(prefix.dotted)"
        lines.append("\(head) renaming \(from.last) → \(target.dotted)")
      }
    }
    for scoped in scope.present("scopedOpenDecl").map({ Array($0.elements) }) ?? [] {
      if let name = scoped.leanName, !opened.contains(name.dotted) {
        lines.append("open scoped \(name.dotted)")
      }
    }
    return lines
  }

  private static func shape(_ path: String, _ message: String) -> DecodeError {
    DecodeError(.unexpectedShape, plugin: .declaration, path: path, message: message)
  }
}
