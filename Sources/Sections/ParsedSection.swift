/// A section of mathematics split into its items, with what went wrong while reading it.
public struct ParsedSection: Sendable, Hashable, Codable {
  /// The markup it was read from.
  public var format: SectionFormat
  /// The section's title (the file name's stem for a file without sections).
  public var title: String
  /// The section number as the document prints it.
  public var number: String?
  /// The section's `\label` (HTML: the section element's `id`).
  public var label: String?
  /// The text before the first item, normalised like an item's text (may be empty).
  public var introduction: String
  /// The items in document order.
  public var items: [SectionItem]
  /// Macros neither defined in the file nor known LaTeX/amsmath, kept verbatim in the text;
  /// sorted, once each, with their backslash.
  public var unknownMacros: [String]
  /// One sentence each: unbalanced environments, recovered HTML errors, unknown macros, …
  public var warnings: [String]

  /// A section with every field given.
  public init(
    format: SectionFormat, title: String, number: String?, label: String?, introduction: String,
    items: [SectionItem], unknownMacros: [String], warnings: [String]
  ) {
    self.format = format
    self.title = title
    self.number = number
    self.label = label
    self.introduction = introduction
    self.items = items
    self.unknownMacros = unknownMacros
    self.warnings = warnings
  }

  /// How messages name the section: its number and title ("1 Kernels").
  public var displayName: String {
    guard let number, !number.isEmpty else { return title }
    return "\(number) \(title)"
  }
}
