import Foundation
import Sections
import Testing

/// Guessing a file's markup from its name, then from its first bytes.
@Suite struct SectionFormatTests {
  @Test(arguments: [
    ("notes.tex", "<html>", SectionFormat.latex),
    ("page.html", "\\section{A}", .html),
    ("page.HTM", "", .html),
    ("page.xhtml", "x", .html),
    ("section", "  \n<!DOCTYPE html><html>", .html),
    ("section", "\u{FEFF}<html>", .html),
    ("section", "\\section{A}", .latex),
    ("section", "% a comment first", .latex),
    ("notes.txt", "Some prose, then <html><body>", .html),
    ("notes.txt", "Some prose and $x$.", .latex),
    ("empty", "", .latex),
  ])
  func detectionUsesTheExtensionThenTheContent(_ path: String, _ content: String, _ expected: SectionFormat) {
    #expect(SectionFormat.detect(Data(content.utf8), path: path) == expected)
  }

  @Test func anExplicitFormatOverridesDetection() throws {
    // HTML bytes read as LaTeX: no `\section`, no environment, so the one section is empty.
    let page = Data("<html><body><div class='ltx_theorem ltx_theorem_lemma'>x</div></body></html>".utf8)
    #expect(try SectionParser.parse(page, path: "p.html").items.count == 1)
    #expect(throws: SectionError.empty(section: "p", path: "p.html")) {
      try SectionParser.parse(page, path: "p.html", format: .latex)
    }
  }

  @Test(arguments: SectionItemKind.allCases) func onlyDefinitionsAreDefinitions(_ kind: SectionItemKind) {
    #expect(kind.isDefinition == (kind == .definition))
  }
}
