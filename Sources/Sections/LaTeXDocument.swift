import Foundation

/// A LaTeX file read into its outline; a section's text is rendered when the section is asked for.
struct LaTeXDocument: SectionSource {
  private let source: LaTeXSource
  private let outline: LaTeXOutline
  let outlines: [SectionOutline]
  let documentWarnings: [DocumentWarning]

  /// Reads the outline of `raw` (UTF-8), from `path` (its stem titles a file without sections).
  init(_ raw: UnsafeBufferPointer<UInt8>, path: String) {
    let source = LaTeXSource(raw)
    self.source = source
    let outline = source.bytes.withUnsafeBufferPointer { buffer in
      LaTeXScanner.outline(of: LaTeXBytes(buffer), lineOf: { source.line(at: $0) })
    }
    self.outline = outline
    let fileTitle = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    documentWarnings = outline.documentWarnings.map { DocumentWarning(line: nil, message: $0) }
    outlines = source.bytes.withUnsafeBufferPointer { buffer in
      let bytes = LaTeXBytes(buffer)
      return outline.sections.map { section in
        SectionOutline(
          title: Self.title(of: section, in: bytes, outline: outline, source: source, fallback: fileTitle),
          number: section.number, label: section.label,
          itemLabels: section.items.compactMap(\.label), itemNumbers: section.items.compactMap(\.number),
          lines: section.firstLine...max(section.firstLine, section.lastLine))
      }
    }
  }

  /// A section's title rendered as text; the file's name for the whole file.
  private static func title(
    of section: LaTeXOutline.Section, in bytes: LaTeXBytes, outline: LaTeXOutline, source: LaTeXSource,
    fallback: String
  ) -> String {
    guard let range = section.title else { return fallback }
    var renderer = LaTeXTextRenderer(macros: outline.macros, lineOf: { source.line(at: $0) })
    renderer.renderText(bytes, range)
    return renderer.string
  }

  /// Renders the section at `index`: its introduction, and each item's title, statement and proofs.
  func section(at index: Int) -> ParsedSection {
    let section = outline.sections[index]
    let source = self.source
    let lineOf: (Int) -> Int = { source.line(at: $0) }
    return source.bytes.withUnsafeBufferPointer { buffer in
      let bytes = LaTeXBytes(buffer)
      var unknown: [String: Int] = [:]
      var warnings = section.warnings
      /// Renders `ranges` (joined by spaces) as running text; keeps what the renderer found.
      func render(_ ranges: [Range<Int>]) -> LaTeXTextRenderer {
        var renderer = LaTeXTextRenderer(macros: outline.macros, lineOf: lineOf)
        for range in ranges {
          renderer.renderText(bytes, range)
          renderer.space()
        }
        unknown.merge(renderer.unknownMacros) { min($0, $1) }
        warnings.append(contentsOf: renderer.warnings)
        return renderer
      }
      let introduction = render([section.content.lowerBound..<(section.introductionEnd ?? section.content.upperBound)])
      var items: [SectionItem] = []
      for item in section.items {
        let title = item.title.map { render([$0]) }
        let statement = render([item.body])
        let proof = item.proofs.isEmpty ? nil : render(item.proofs)
        var references: [String] = []
        var seen: Set<String> = []
        for renderer in [title, statement, proof].compactMap({ $0 }) {
          for label in renderer.references where seen.insert(label).inserted { references.append(label) }
        }
        let titleText = title?.string
        items.append(
          SectionItem(
            index: items.count + 1, kind: item.kind, label: item.label, number: item.number,
            title: titleText?.isEmpty == false ? titleText : nil, text: statement.string,
            references: references, proof: proof?.string))
      }
      let names = unknown.keys.sorted()
      for name in names {
        warnings.append(UnknownMacroWarning.sentence(name, line: unknown[name]))
      }
      let summary = outlines[index]
      return ParsedSection(
        format: .latex, title: summary.title, number: summary.number, label: summary.label,
        introduction: introduction.string, items: items, unknownMacros: names, warnings: warnings)
    }
  }
}
