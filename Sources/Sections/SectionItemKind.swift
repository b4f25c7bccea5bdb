/// What a numbered environment of a section states: the kinds a section is split into.
public enum SectionItemKind: String, Sendable, Hashable, Codable, CaseIterable {
  case definition, lemma, proposition, theorem, corollary, remark, example

  /// Whether the item introduces a notion (formalized as a `def`) rather than a claim.
  public var isDefinition: Bool { self == .definition }

  /// The kind an environment name stands for: the standard names and their usual abbreviations
  /// (`thm`, `lem`, `defn`, …); nil for any other name.
  init?(environment name: String) {
    let lowered = name.lowercased()
    if let kind = SectionItemKind(rawValue: lowered) {
      self = kind
      return
    }
    switch lowered {
    case "def", "defn", "dfn", "defi", "definitions": self = .definition
    case "lem", "lemm", "lma", "lemmas": self = .lemma
    case "prop", "prp", "pro", "propositions": self = .proposition
    case "thm", "theo", "thrm", "theorems": self = .theorem
    case "cor", "coro", "corr", "corol", "corollaries": self = .corollary
    case "rem", "rmk", "rk", "remarks": self = .remark
    case "ex", "exa", "exm", "exmp", "eg", "examples": self = .example
    default: return nil
    }
  }

  /// The kind a printed name stands for (`Theorem`, `Main Lemma`, `Definition.`): its words are
  /// tried last first, so a qualified name keeps its head noun.
  init?(printedName: String) {
    let words = printedName.split { !$0.isLetter }
    for word in words.reversed() {
      if let kind = SectionItemKind(environment: String(word)) {
        self = kind
        return
      }
    }
    return nil
  }
}
