import CLibXML2
import Foundation

/// Collects libxml2's messages during one parse as warnings with their line.
final class ParserMessages {
  private(set) var warnings: [DocumentWarning] = []
  private var seen: Set<DocumentWarning> = []
  private var dropped = 0
  private static let limit = 50

  /// Keeps `error` unless it only says that an HTML5 tag (`section`, `math`, …) is not HTML 4.
  func add(_ error: xmlError) {
    guard error.code != Int32(XML_HTML_UNKNOWN_TAG.rawValue) else { return }
    var text = error.message.map { String(cString: $0) } ?? "an unnamed error"
    text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasSuffix(".") { text.removeLast() }
    let line = error.line > 0 ? Int(error.line) : nil
    let warning = DocumentWarning(
      line: line,
      message: "libxml2 recovered from malformed HTML\(line.map { " at line \($0)" } ?? ""): \(text).")
    guard seen.insert(warning).inserted else { return }
    if warnings.count < Self.limit {
      warnings.append(warning)
    } else {
      dropped += 1
      if dropped == 1 {
        warnings.append(
          DocumentWarning(
            line: nil, message: "libxml2 reported more problems than the first \(Self.limit); the rest are not listed.")
        )
      }
    }
  }
}
