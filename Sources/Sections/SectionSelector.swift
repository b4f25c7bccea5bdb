/// Which section of a file to read (`--label` or `--number`).
public enum SectionSelector: Sendable, Hashable {
  /// The section with this label, or the section holding the item with this label.
  case label(String)
  /// The section with this number, or the section holding the item with this number.
  case number(String)
}
