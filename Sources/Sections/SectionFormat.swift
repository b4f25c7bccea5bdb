import Foundation

/// The markup a section of mathematics is written in.
public enum SectionFormat: String, Sendable, Hashable, Codable, CaseIterable {
  /// A LaTeX file (Stacks-style sections and theorem environments).
  case latex
  /// An HTML page (LaTeXML output as arXiv serves it, or a Stacks-style tag page).
  case html

  /// Guesses from the extension (.tex/.html/.htm/.xhtml) and then the content (leading `<`,
  /// `<!DOCTYPE` or `<html` against `\` or `%`).
  public static func detect(_ data: Data, path: String) -> SectionFormat {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "tex", "latex", "ltx", "sty": return .latex
    case "html", "htm", "xhtml", "xht": return .html
    default: break
    }
    return data.withUnsafeBytes { raw in
      let bytes = raw.bindMemory(to: UInt8.self)
      var index = 0
      // A UTF-8 byte order mark says nothing about the markup.
      if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
      while index < bytes.count, Byte.isSpace(bytes[index]) { index += 1 }
      guard index < bytes.count else { return .latex }
      switch bytes[index] {
      case UInt8(ascii: "<"): return .html
      case UInt8(ascii: "\\"), UInt8(ascii: "%"): return .latex
      default:
        // Prose first: look for a tag of a page near the top before settling on LaTeX.
        let window = String(decoding: bytes[index..<min(bytes.count, index + 4096)], as: UTF8.self).lowercased()
        return window.contains("<html") || window.contains("<!doctype") || window.contains("<body") ? .html : .latex
      }
    }
  }
}
