/// Why a section could not be read at all. Problems confined to one item or one tag are
/// warnings of the `ParsedSection` instead.
public enum SectionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file is not UTF-8 text.
  case notText(path: String)
  /// No section or item carries the label asked for.
  case labelNotFound(String, path: String, available: [String])
  /// No section or item carries the number asked for.
  case numberNotFound(String, path: String, available: [String])
  /// The file has several sections and none was chosen.
  case ambiguous(path: String, sections: [String])
  /// The chosen section has no definition, lemma, proposition, theorem, corollary, remark or example.
  case empty(section: String, path: String)

  public var description: String {
    switch self {
    case .notText(let path):
      return "'\(path)' is not UTF-8 text; convert it (for example with iconv -t UTF-8) and give the converted file."
    case .labelNotFound(let label, let path, let available):
      return "'\(path)' has no section or item labelled '\(label)'; "
        + (available.isEmpty
          ? "it has no labels at all, so choose the section with --number instead."
          : "choose one of its labels: \(Self.list(available)).")
    case .numberNotFound(let number, let path, let available):
      return "'\(path)' has no section or item numbered '\(number)'; "
        + (available.isEmpty
          ? "its sections are not numbered, so choose one with --label instead."
          : "choose one of its section numbers: \(Self.list(available)).")
    case .ambiguous(let path, let sections):
      return "'\(path)' has \(sections.count) sections (\(Self.list(sections))): choose one with --label or --number."
    case .empty(let section, let path):
      return "section '\(section)' of '\(path)' has no definition, lemma, proposition, theorem, corollary, remark "
        + "or example environment to translate; choose another section with --label or --number."
    }
  }

  /// The first names of a long list, with how many more there are.
  private static func list(_ names: [String], limit: Int = 40) -> String {
    guard names.count > limit else { return names.joined(separator: ", ") }
    return names.prefix(limit).joined(separator: ", ") + ", and \(names.count - limit) more"
  }
}
