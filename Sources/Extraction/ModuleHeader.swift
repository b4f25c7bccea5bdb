import Foundation
import HeraldCore

/// The `-m` plugin: a module's direct imports and its `/-! … -/` docstrings.
public struct ModuleHeader: Sendable, Hashable {
  /// Direct imports, dotted.
  public var imports: [String]
  /// The module docstrings, raw and in order.
  public var docstrings: [String]

  /// The docstrings trimmed and joined by a blank line, or `nil` when there are none.
  public var docstring: String? {
    let parts = docstrings.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
  }

  /// Decodes `{imports, docstring}` or the older bare array of imports.
  static func decode(_ root: JSONValue) throws(DecodeError) -> ModuleHeader {
    let importList: JSONValue?
    var docstrings: [String] = []
    switch root.kind {
    case .array:
      importList = root
    case .object:
      importList = root.present("imports")
      if let list = root.present("docstring") {
        guard list.kind == .array else {
          throw DecodeError(
            .unexpectedShape, plugin: .module, path: ".docstring", message: "expected an array of strings")
        }
        docstrings = list.elements.compactMap(\.string)
      }
    default:
      throw DecodeError(.unexpectedShape, plugin: .module, message: "expected an object with imports and docstring")
    }
    var imports: [String] = []
    var index = 0
    for element in importList.map({ Array($0.elements) }) ?? [] {
      guard let name = element.leanName else {
        throw DecodeError(.unexpectedShape, plugin: .module, path: ".imports[\(index)]", message: "not a name")
      }
      imports.append(name.dotted)
      index += 1
    }
    return ModuleHeader(imports: imports, docstrings: docstrings)
  }
}
