/// The `formal_statement` of a record: a Lean file that stands alone, laid out as Herald's published
/// rows are (imports, `open` lines, a blank line, the declaration) and completed with what the
/// declaration's scope held in its module: universes, namespace and `variable` lines.
///
/// ```lean
/// import Sample.Order
///
/// universe u
///
/// open Nat
///
/// namespace Sample
///
/// variable {α : Type u} [Monoid α]
///
/// theorem unit_unique (e : α) (h : ∀ a : α, Monoid.op e a = a) : e = Monoid.unit := sorry
///
/// end Sample
/// ```
///
/// The `open` lines come before the namespace because the analyzer resolved their names from the
/// root; `open scoped` lines that entering the namespace implies are left out. A declaration that
/// uses earlier declarations of its own module imports the module itself and is stated as an
/// `example` (see `DeclarationHead`), since the module declares its name already.
public struct FormalStatement: Sendable, Hashable {
  /// Modules to import (the declaring module's imports; `Init` is implicit and left out).
  public var imports: [String]
  /// Universe names in scope.
  public var universes: [String]
  /// `open …` lines.
  public var openLines: [String]
  /// The current namespace, dotted; empty at the root.
  public var namespace: String
  /// `variable …` lines.
  public var variableLines: [String]
  /// The declaration itself.
  public var declaration: String
  /// Whether the declaration is written inside `noncomputable section … end`: a definition of a
  /// module's `noncomputable section` carries no `noncomputable` of its own, and without the
  /// section it would not compile (in a section, Lean marks only what needs it).
  public var noncomputableSection = false
  /// A namespace of its own around the declaration, for a structure, inductive or class checked
  /// where its own name is declared already (they cannot be restated as an `example`).
  public var innerNamespace: String?

  /// The inner namespace `innerNamespace` is set to.
  public static let restatedNamespace = "HeraldRestated"

  /// A statement from its parts; implied and duplicate lines are dropped here.
  public init(
    imports: [String], universes: [String], openLines: [String], namespace: String, variableLines: [String],
    declaration: String
  ) {
    self.imports = Self.unique(imports.filter { $0 != "Init" && !$0.isEmpty })
    self.universes = Self.unique(universes)
    self.openLines = Self.unique(openLines.filter { !Self.isImplied($0, byNamespace: namespace) })
    self.namespace = namespace
    self.variableLines = variableLines
    self.declaration = declaration
  }

  /// The statement for a file where the declaration's own name is declared already (its module,
  /// or the whole library, is imported): restated as an `example`, the universes of its name
  /// declared by `universe` lines; a structure, inductive or class, which cannot be, is put in a
  /// namespace of its own inside its namespace (names it uses still resolve as in its module).
  public var restated: FormalStatement {
    var restated = self
    if let head = DeclarationHead(declaration) {
      guard head.keyword != "example" else { return self }
      restated.declaration = head.example
      restated.universes = Self.unique(universes + head.universeParameters)
    } else {
      restated.innerNamespace = Self.restatedNamespace
    }
    return restated
  }

  /// What a file needs before the declaration: the imports, universes, `open` lines, namespace
  /// and `variable` lines, ending with a blank line (empty when there is nothing).
  public var header: String {
    let text = render(throughDeclaration: false)
    return text.isEmpty ? "" : text + "\n\n"
  }

  /// The Lean text, blocks separated by blank lines, ending with a newline.
  public var text: String { render(throughDeclaration: true) + "\n" }

  /// The blocks up to the `variable` lines, and with `throughDeclaration` the declaration and the
  /// ends after it.
  private func render(throughDeclaration: Bool) -> String {
    // Written into one string: this runs once per exported declaration.
    var text = ""
    text.reserveCapacity(declaration.utf8.count + 64 * (imports.count + openLines.count + variableLines.count + 2))
    func block(_ lines: [String], prefix: String = "", separator: String = "\n") {
      guard !lines.isEmpty else { return }
      if !text.isEmpty { text += "\n\n" }
      for (index, line) in lines.enumerated() {
        if index > 0 { text += separator }
        text += prefix
        text += line
      }
    }
    block(imports, prefix: "import ")
    if !universes.isEmpty { block(["universe " + universes.joined(separator: " ")]) }
    block(openLines)
    if !namespace.isEmpty { block([namespace], prefix: "namespace ") }
    if noncomputableSection { block(["noncomputable section"]) }
    block(variableLines)
    guard throughDeclaration else { return text }
    if let innerNamespace { block([innerNamespace], prefix: "namespace ") }
    block([declaration])
    if let innerNamespace { block([innerNamespace], prefix: "end ") }
    if noncomputableSection { block(["end"]) }
    if !namespace.isEmpty { block([namespace], prefix: "end ") }
    return text
  }

  /// The declaration as a file states it: theorems end with `:= sorry` (the statement is what
  /// matters, not the proof), definitions and instances keep their body (it is what they mean),
  /// and `noncomputable` is restored since it decides whether the file compiles.
  ///
  /// `statement` runs from the keyword to the value (modifiers dropped); `value` starts at `:=`,
  /// `|` or `where`; `text` is the whole command, which gives the white space between the two.
  public static func declaration(
    kind: String, statement: String, value: String?, text: String?, computeKind: String?
  ) -> String {
    if kind == "theorem" { return statement + " := sorry" }
    var declaration = statement
    if let value, !value.isEmpty {
      declaration += gap(before: value, in: text) + value
    }
    if computeKind == "noncomputable", !statement.hasPrefix("noncomputable") {
      declaration = "noncomputable " + declaration
    }
    return declaration
  }

  /// The white space the source has between the statement and `value`.
  static func gap(before value: String, in text: String?) -> String {
    if let text, text.hasSuffix(value) {
      let before = text.dropLast(value.count)
      let spaces = before.reversed().prefix { $0 == " " || $0 == "\n" || $0 == "\t" }
      if !spaces.isEmpty { return String(spaces.reversed()) }
    }
    return value.hasPrefix("|") ? "\n  " : " "
  }

  /// Whether `line` is an `open scoped` of the namespace or one of its prefixes, which Lean
  /// opens by itself on `namespace`.
  static func isImplied(_ line: String, byNamespace namespace: String) -> Bool {
    let prefix = "open scoped "
    guard line.hasPrefix(prefix), !namespace.isEmpty else { return false }
    let opened = line.dropFirst(prefix.count)
    return namespace == opened || namespace.hasPrefix(opened + ".")
  }

  /// `lines` without repeats, first occurrences kept (the lists are short).
  public static func unique(_ lines: [String]) -> [String] {
    var kept: [String] = []
    kept.reserveCapacity(lines.count)
    for line in lines where !kept.contains(line) { kept.append(line) }
    return kept
  }
}
