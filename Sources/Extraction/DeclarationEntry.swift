import HeraldCore

/// One declaration command (or constructor) as the `-d` plugin reports it.
public struct DeclarationEntry: Sendable, Hashable {
  /// The analyzer's kind string (`theorem`, `definition`, `constructor`, …).
  public var kind: String
  /// The full name; for constructors the double prefix is already repaired.
  public var name: LeanName
  /// `ref.original == false`: output of a notation or macro command.
  public var isGenerated: Bool
  /// The whole command, doc comment and attributes included.
  public var refRange: Range<Int>?
  /// Pretty-printed whole command.
  public var refText: String?
  /// The name token.
  public var idRange: Range<Int>?
  /// Binders and type.
  public var signatureRange: Range<Int>?
  /// Pretty-printed binders and type (leading space removed).
  public var signatureText: String?
  /// The type after the colon.
  public var typeRange: Range<Int>?
  /// Pretty-printed type, when the analyzer printed it.
  public var typeText: String?
  /// The value, starting at `:=`, the first `|` or `where`.
  public var valueRange: Range<Int>?
  /// Pretty-printed value, when printed.
  public var valueText: String?
  /// Doc comment, attributes and visibility keywords.
  public var modifiersRange: Range<Int>?
  /// The doc comment's text.
  public var docString: String?
  /// `regular`, `private` or `public`.
  public var visibility: String
  /// Declared `protected`.
  public var isProtected: Bool
  /// `regular`, `meta` or `noncomputable`.
  public var computeKind: String
  /// Attribute names, in source order.
  public var attributes: [String]
  /// The namespace the command sits in.
  public var namespace: LeanName
  /// `open` lines in scope, rendered as Lean reads them.
  public var openDecls: [String]
  /// `variable` commands in scope.
  public var varDecls: [String]
  /// Universe level names in scope.
  public var levelNames: [String]
  /// Constructors of an inductive type.
  public var constructors: [DeclarationEntry]
}
