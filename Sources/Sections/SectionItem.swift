/// One numbered statement of a section (a definition, lemma, theorem, …) with its proof.
public struct SectionItem: Sendable, Hashable, Codable {
  /// The 1-based position among the section's items, in document order.
  public var index: Int
  /// What the environment states.
  public var kind: SectionItemKind
  /// The LaTeX `\label`; in HTML, the item element's `id` (or Stacks `data-tag`).
  public var label: String?
  /// The number as the document prints it, e.g. "1.3".
  public var number: String?
  /// The optional title (`\begin{lemma}[Title]`).
  public var title: String?
  /// The statement: white space collapsed, math kept as LaTeX in `$…$` (display math `$$…$$`),
  /// custom macros expanded, references kept as `\ref{label}`.
  public var text: String
  /// Labels referenced by the statement, its title and its proof, in document order, once each.
  public var references: [String]
  /// The proof that follows the item, normalised like `text`; nil if none.
  public var proof: String?

  /// An item with every field given.
  public init(
    index: Int, kind: SectionItemKind, label: String?, number: String?, title: String?, text: String,
    references: [String], proof: String?
  ) {
    self.index = index
    self.kind = kind
    self.label = label
    self.number = number
    self.title = title
    self.text = text
    self.references = references
    self.proof = proof
  }
}
