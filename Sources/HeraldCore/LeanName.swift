/// A Lean name as a sequence of components, each a string or a number.
///
/// The analyzer writes names as JSON arrays (`["Nat", "add_comm"]`, `["_private", "M", 0, "f"]`)
/// except inside `extra` objects, where they are dotted strings; both decode to this type.
public struct LeanName: Sendable, Hashable, Codable, CustomStringConvertible {
  /// One component of a name.
  public enum Component: Sendable, Hashable, Codable {
    case string(String)
    case number(Int)
  }

  /// The components, outermost namespace first.
  public var components: [Component]

  /// Creates a name from its components.
  public init(_ components: [Component]) {
    self.components = components
  }

  /// Creates a name from string components.
  public init(strings: [String]) {
    self.components = strings.map { .string($0) }
  }

  /// The anonymous (empty) name.
  public static let anonymous = LeanName([])

  /// Whether the name has no components.
  public var isAnonymous: Bool { components.isEmpty }

  /// The last component as text, or `""` for the anonymous name.
  public var last: String {
    guard let tail = components.last else { return "" }
    return Self.text(of: tail)
  }

  /// The name without its last component.
  public var parent: LeanName {
    LeanName(Array(components.dropLast()))
  }

  /// Whether some component is numeric (a sign of a generated name).
  public var hasNumericComponent: Bool {
    components.contains { if case .number = $0 { return true } else { return false } }
  }

  /// The dotted form, with `«»` around components that would not read back as one component.
  public var description: String { dotted }

  /// The dotted form used in the database and in Lean source.
  public var dotted: String {
    var out = ""
    for (index, component) in components.enumerated() {
      if index > 0 { out.append(".") }
      switch component {
      case .number(let value): out.append(String(value))
      case .string(let text): Self.appendComponent(text, to: &out)
      }
    }
    return out
  }

  /// Parses a dotted name as the analyzer writes it inside `extra` objects (`Nat.add_zero`,
  /// `_uniq.66`, `Foo.«term_≋_»`): digits-only components become numbers.
  public init(dotted text: String) {
    var components: [Component] = []
    var current = ""
    var inGuillemets = false
    var wasEscaped = false
    for character in text {
      if inGuillemets {
        if character == "»" { inGuillemets = false } else { current.append(character) }
      } else if character == "«" {
        inGuillemets = true
        wasEscaped = true
      } else if character == "." {
        components.append(Self.component(current, escaped: wasEscaped))
        current = ""
        wasEscaped = false
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty || wasEscaped || !components.isEmpty {
      components.append(Self.component(current, escaped: wasEscaped))
    }
    self.components = components
  }

  private static func component(_ text: String, escaped: Bool) -> Component {
    if !escaped, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text) {
      return .number(value)
    }
    return .string(text)
  }

  private static func text(of component: Component) -> String {
    switch component {
    case .number(let value): return String(value)
    case .string(let text): return text
    }
  }

  /// Appends a string component in dotted form, in `«»` when it would not read back as one.
  public static func appendComponent(_ text: String, to out: inout String) {
    if needsEscape(text) {
      out.append("«")
      out.append(text)
      out.append("»")
    } else {
      out.append(text)
    }
  }

  /// Whether a string component must be written in `«»` to read back as one component.
  public static func needsEscape(_ text: String) -> Bool {
    if text.isEmpty { return true }
    if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return true }
    return text.utf8.contains { $0 == 46 || $0 == 32 || $0 == 10 || $0 == 9 }
  }
}
