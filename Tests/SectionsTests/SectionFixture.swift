import Foundation
import Sections

/// Inputs the Sections tests share: the bundled sample and small documents written inline.
enum SectionFixture {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The bundled sample section in `format` (its bytes and its path).
  static func sample(_ format: SectionFormat) throws -> (data: Data, path: String) {
    let path = packageRoot.appendingPathComponent(
      "pipelines/sections/group-homomorphisms.\(format == .latex ? "tex" : "html")"
    ).path
    return (try Data(contentsOf: URL(fileURLWithPath: path)), path)
  }

  /// A LaTeX document with `body` inside `\begin{document}`, after `preamble`.
  static func latex(_ body: String, preamble: String = "") -> Data {
    Data("\\documentclass{amsart}\n\(preamble)\n\\begin{document}\n\(body)\n\\end{document}\n".utf8)
  }

  /// The only item of a one-section document whose body is `statement` inside a lemma.
  static func lemmaText(_ statement: String, preamble: String = "") throws -> SectionItem {
    let section = try SectionParser.parse(
      latex("\\section{S}\n\\begin{lemma}\n\(statement)\n\\end{lemma}", preamble: preamble), path: "t.tex")
    return section.items[0]
  }
}
