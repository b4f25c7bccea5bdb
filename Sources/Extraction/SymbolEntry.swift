import HeraldCore

/// One constant of the `-s` plugin: the authoritative list of what a module defines.
public struct SymbolEntry: Sendable, Hashable {
  /// Full name.
  public var name: LeanName
  /// `theorem`, `definition`, `inductive`, `constructor`, `recursor`, `axiom`, `opaque`, `quotient`.
  public var kind: String
  /// The type as Lean's delaborator prints it, with implicit arguments.
  public var typeFull: String?
  /// The type printed for people (newer jixia only).
  public var typeReadable: String?
  /// The raw expression, always present.
  public var typeFallback: String
  /// Constants needed to state this one, sorted and deduplicated (dotted).
  public var typeReferences: [String]
  /// Constants used by its value, or `nil` when it has no value.
  public var valueReferences: [String]?
  /// Whether the type is a proposition.
  public var isProp: Bool

  /// The type a person should read: readable, else full, else the raw expression.
  public var displayType: String { typeReadable ?? typeFull ?? typeFallback }
}
