import CLibXML2
import Foundation

/// An HTML page parsed by libxml2 in recovery mode and walked into sections: LaTeXML's markup
/// (arXiv HTML) or a Stacks-style tag page. What libxml2 recovered from becomes warnings.
struct HTMLDocument: SectionSource {
  private let sections: [ParsedSection]
  let outlines: [SectionOutline]
  let documentWarnings: [DocumentWarning]

  /// libxml2's one-time set-up, which is not safe to race: Swift runs a static's initializer once.
  private static let libraryReady: Bool = {
    xmlInitParser()
    return true
  }()

  /// Parses `bytes` (UTF-8) read from `path`.
  init(_ bytes: UnsafeBufferPointer<UInt8>, path: String) {
    _ = Self.libraryReady
    let messages = ParserMessages()
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
    // libxml2 reports through a per-thread handler; this parse runs on one thread from here to
    // the reset below, so the handler sees this parse's messages only.
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(messages).toOpaque()) { context, error in
      guard let context, let error else { return }
      Unmanaged<ParserMessages>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
    }
    let document = bytes.withMemoryRebound(to: CChar.self) { chars in
      htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), path, "UTF-8", options)
    }
    xmlSetStructuredErrorFunc(nil, nil)
    defer { if let document { xmlFreeDoc(document) } }

    let fileTitle = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let dialect: HTMLSectionWalker.Dialect = Self.contains(bytes, "ltx_") ? .latexml : .stacks
    var walker = HTMLSectionWalker(dialect: dialect, fileTitle: fileTitle)
    if let document, let root = xmlDocGetRootElement(document) {
      walker.walk(root)
    }
    let (sections, outlines) = walker.finish()
    self.sections = sections
    self.outlines = outlines
    var warnings = messages.warnings
    if document == nil {
      warnings.append(DocumentWarning(line: nil, message: "libxml2 could not read '\(path)' as HTML at all."))
    }
    documentWarnings = warnings
  }

  /// The section at `index`, read with the rest while walking the page.
  func section(at index: Int) -> ParsedSection {
    sections[index]
  }

  /// Whether `bytes` contains `word`.
  private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
    let length = word.utf8CodeUnitCount
    guard let base = bytes.baseAddress, bytes.count >= length else { return false }
    var offset = 0
    while let found = memchr(base + offset, Int32(word.utf8Start[0]), bytes.count - length + 1 - offset) {
      let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if memcmp(base + position, word.utf8Start, length) == 0 { return true }
      offset = position + 1
      if offset > bytes.count - length { return false }
    }
    return false
  }
}
