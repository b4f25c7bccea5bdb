/// A file read far enough to list its sections; each is rendered when asked for.
protocol SectionSource {
  /// The sections in document order; one covering the whole file when it has none.
  var outlines: [SectionOutline] { get }
  /// Problems of the whole file: each goes to the section whose lines hold it, or to every
  /// section when it has no line or lies outside them all.
  var documentWarnings: [DocumentWarning] { get }
  /// The section at `index` of `outlines`, without the document's warnings.
  func section(at index: Int) -> ParsedSection
}

/// A problem of a whole file (a preamble definition, a recovered HTML error) and where it is.
struct DocumentWarning: Sendable, Hashable {
  var line: Int?
  var message: String
}
