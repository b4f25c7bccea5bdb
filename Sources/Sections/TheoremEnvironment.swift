/// An environment that states something numbered, as `\newtheorem` declares one (the standard
/// names are known without a declaration).
struct TheoremEnvironment: Sendable {
  /// The item kind it makes; nil for one that is not an item (an exercise, a situation).
  var kind: SectionItemKind?
  /// Whether it takes a number from the section's shared counter.
  var numbered: Bool

  /// The standard environment names, their abbreviations and plurals (Stacks' `remarks`), and
  /// their starred (unnumbered) forms; also the numbered environments that are no item
  /// (Stacks' `situation` and `exercise`), which take their number from the shared counter.
  static let defaults: ByteNameTable<TheoremEnvironment> = {
    var table = ByteNameTable<TheoremEnvironment>(capacity: 128)
    let names = [
      "definition", "definitions", "def", "defn", "dfn", "lemma", "lem", "proposition", "prop", "theorem", "thm",
      "corollary", "cor", "remark", "remarks", "rem", "rmk", "example", "examples", "ex", "exa",
      "situation", "exercise", "exercises", "conjecture", "question", "problem",
    ]
    for name in names {
      let kind = SectionItemKind(environment: name)
      table.set(name, TheoremEnvironment(kind: kind, numbered: true))
      table.set(name + "*", TheoremEnvironment(kind: kind, numbered: false))
    }
    return table
  }()
}
