/// A message Lean reported, positioned in the whole checked text.
///
/// Lines start at 1 and columns at 0; columns count Unicode code points, as the REPL reports
/// them. Messages without a position (tactic mode) have line 0.
public struct LeanMessage: Sendable, Hashable, Codable {
  /// How serious a message is.
  public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    case error, warning, info, trace
  }

  public var severity: Severity
  public var line: Int
  public var column: Int
  public var endLine: Int?
  public var endColumn: Int?
  /// The message text (may span lines).
  public var text: String

  public init(severity: Severity, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil, text: String) {
    self.severity = severity
    self.line = line
    self.column = column
    self.endLine = endLine
    self.endColumn = endColumn
    self.text = text
  }

  /// Whether this is the warning Lean gives for a declaration using sorry, in either quote style
  /// (``declaration uses `sorry` `` since REPL v4.28, `declaration uses 'sorry'` before).
  public var isSorryWarning: Bool {
    severity == .warning && Self.mentionsSorryDeclaration(text)
  }

  /// Matches `declaration uses .sorry.` anywhere in `text`.
  static func mentionsSorryDeclaration(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    let lead = Array("declaration uses ".unicodeScalars)
    let word = Array("sorry".unicodeScalars)
    let needed = lead.count + word.count + 2
    guard scalars.count >= needed else { return false }
    for start in 0...(scalars.count - needed) where scalars[start] == lead[0] {
      if scalars[start..<start + lead.count].elementsEqual(lead)
        && scalars[start + lead.count + 1..<start + lead.count + 1 + word.count].elementsEqual(word)
      {
        return true
      }
    }
    return false
  }

  /// The same message with its lines moved down by `lines` (positioned lines only).
  func shifted(by lines: Int) -> LeanMessage {
    var copy = self
    if copy.line > 0 { copy.line += lines }
    if let end = copy.endLine, end > 0 { copy.endLine = end + lines }
    return copy
  }

  /// `line:column: severity: text`, the form compilers print.
  public var formatted: String {
    "\(line):\(column): \(severity.rawValue): \(text)"
  }
}
