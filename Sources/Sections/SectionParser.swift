import Foundation

/// Reads a section of mathematics (LaTeX, or HTML through libxml2) into its items.
public enum SectionParser {
  /// Parses `data` (read from `path`, used in messages); `format` nil = detect. With a selector,
  /// the section whose label (HTML: id) or number matches, or the one holding the item whose
  /// label or number matches; without one, the only section (a file with no section at all is
  /// one section titled by its file name; with several sections and no selector, throws
  /// `.ambiguous`). Throws `.empty` when the section has no item.
  public static func parse(
    _ data: Data, path: String, format: SectionFormat? = nil, selecting selector: SectionSelector? = nil
  ) throws(SectionError) -> ParsedSection {
    let source = try read(data, path: path, format: format)
    let outlines = source.outlines
    let index: Int
    switch selector {
    case nil:
      guard outlines.count == 1 else {
        throw .ambiguous(path: path, sections: outlines.map(\.displayName))
      }
      index = 0
    case .label(let label)?:
      guard
        let found = outlines.firstIndex(where: { $0.label == label })
          ?? outlines.firstIndex(where: { $0.itemLabels.contains(label) })
      else {
        let available = outlines.compactMap(\.label) + outlines.flatMap(\.itemLabels)
        throw .labelNotFound(label, path: path, available: available)
      }
      index = found
    case .number(let number)?:
      let wanted = number.trimmingCharacters(in: .whitespaces)
      guard
        let found = outlines.firstIndex(where: { $0.number == wanted })
          ?? outlines.firstIndex(where: { $0.itemNumbers.contains(wanted) })
      else {
        let available = outlines.compactMap(\.number) + outlines.flatMap(\.itemNumbers)
        throw .numberNotFound(number, path: path, available: available)
      }
      index = found
    }
    let section = attachingDocumentWarnings(source.section(at: index), at: index, of: source)
    guard !section.items.isEmpty else { throw .empty(section: section.displayName, path: path) }
    return section
  }

  /// Parses every section of `data` in document order (one for a file without sections),
  /// empty ones included.
  public static func parseAll(_ data: Data, path: String, format: SectionFormat? = nil) throws(SectionError)
    -> [ParsedSection]
  {
    let source = try read(data, path: path, format: format)
    return source.outlines.indices.map { attachingDocumentWarnings(source.section(at: $0), at: $0, of: source) }
  }

  /// Checks the encoding and reads the file's outline in its format.
  private static func read(_ data: Data, path: String, format: SectionFormat?) throws(SectionError)
    -> any SectionSource
  {
    let format = format ?? SectionFormat.detect(data, path: path)
    let valid = data.withUnsafeBytes { raw in
      Byte.isValidUTF8(raw.bindMemory(to: UInt8.self))
    }
    guard valid else { throw .notText(path: path) }
    return data.withUnsafeBytes { raw -> any SectionSource in
      var bytes = raw.bindMemory(to: UInt8.self)
      // A byte order mark is no text.
      if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
        bytes = UnsafeBufferPointer(rebasing: bytes[3...])
      }
      switch format {
      case .latex: return LaTeXDocument(bytes, path: path)
      case .html: return HTMLDocument(bytes, path: path)
      }
    }
  }

  /// Adds the file's own warnings to the section they concern.
  private static func attachingDocumentWarnings(_ section: ParsedSection, at index: Int, of source: any SectionSource)
    -> ParsedSection
  {
    let outlines = source.outlines
    var section = section
    var extra: [String] = []
    for warning in source.documentWarnings {
      if let line = warning.line, let owner = outlines.firstIndex(where: { $0.lines.contains(line) }) {
        if owner == index { extra.append(warning.message) }
      } else {
        extra.append(warning.message)
      }
    }
    section.warnings = extra + section.warnings
    return section
  }
}
