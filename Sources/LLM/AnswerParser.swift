import Foundation

/// Reads a model's answer in the marker format the translation prompts ask for:
///
/// ```
/// **Informal name:** Successor bound
/// **Informal statement:**
/// For natural numbers $m$ and $n$, $m + 1 \le n$ if and only if $m < n$.
/// **End of informal statement**
/// ```
///
/// or an abstention, `**Cannot translate:** <reason>`. The parser is strict about the markers
/// (a small model's free-form answer must not become a translation), lenient about white space
/// and bold markup, and keeps the raw answer for review in every outcome.
public enum AnswerParser {
  /// The marker lines, as the prompts spell them.
  public static let nameMarker = "**Informal name:**"
  public static let statementMarker = "**Informal statement:**"
  public static let endMarker = "**End of informal statement**"
  public static let abstainMarker = "**Cannot translate:**"

  /// The outcome of reading one answer.
  public enum Outcome: Sendable, Equatable {
    /// A usable translation.
    case translated(name: String, statement: String)
    /// The model said it cannot translate faithfully.
    case abstained(reason: String)
    /// The answer does not follow the format; `problem` says what to correct.
    case unparseable(problem: String)
  }

  /// The placeholders of the format the prompts show; an answer repeating one is not a translation.
  public static let placeholders = [
    "<name>", "<statement in LaTeX>", "<why>", "<a short name>", "<the statement in LaTeX>",
  ]

  /// Parses `answer`, in the language `language` (an ISO 639-1 code; English by default);
  /// `formalName` (the declaration's Lean name) must not be the informal name.
  public static func parse(_ answer: String, formalName: String? = nil, language: String = "en") -> Outcome {
    let text = answer.utf8.contains(UInt8(ascii: "\r")) ? answer.replacingOccurrences(of: "\r\n", with: "\n") : answer
    if let abstain = range(of: abstainMarker, in: text),
      range(of: statementMarker, in: text).map({ abstain.lowerBound < $0.lowerBound }) ?? true
    {
      let reason = firstLine(after: abstain.upperBound, in: text)
      return .abstained(reason: reason.isEmpty ? "no reason given" : reason)
    }
    guard let name = range(of: nameMarker, in: text) else {
      return .unparseable(problem: "the answer has no line starting with \(nameMarker)")
    }
    guard let start = range(of: statementMarker, in: text) else {
      return .unparseable(problem: "the answer has no \(statementMarker) marker")
    }
    guard let end = range(of: endMarker, in: text[start.upperBound...]) else {
      return .unparseable(problem: "the informal statement is not closed by \(endMarker) (was the answer cut off?)")
    }
    let informalName = firstLine(after: name.upperBound, in: text)
    guard !informalName.isEmpty else { return .unparseable(problem: "the informal name is empty") }
    guard informalName.count <= 200 else {
      return .unparseable(problem: "the informal name is longer than 200 characters")
    }
    let statement = String(text[start.upperBound..<end.lowerBound]).trimmingWhitespace
    guard !statement.isEmpty else { return .unparseable(problem: "the informal statement is empty") }
    if let placeholder = placeholders.first(where: { contains($0, in: informalName) || contains($0, in: statement) }) {
      return .unparseable(
        problem: "the answer repeats the format's placeholder \(placeholder) instead of filling it in")
    }
    if ["(none)", "(not shown)"].contains(informalName) || ["(none)", "(not shown)"].contains(statement) {
      return .unparseable(
        problem: "the answer copies a placeholder such as (none) from the prompt instead of translating")
    }
    if let formalName, informalName == formalName || informalName == "`\(formalName)`" {
      return .unparseable(problem: "the informal name is the Lean name; give a short name in words")
    }
    if let problem = LanguageCheck.problem(statement, expected: language) { return .unparseable(problem: problem) }
    if !balancedDollars(statement) {
      return .unparseable(problem: "the informal statement has an unmatched $ (LaTeX math must be closed)")
    }
    return .translated(name: informalName, statement: statement)
  }

  /// The corrective message sent back to the model after an unparseable answer. It describes
  /// the format in words rather than with placeholders, which small models copy verbatim.
  public static func correction(for problem: String) -> String {
    """
    Your answer could not be used: \(problem). Answer again, in English, in the format of the first example: \
    a line starting with \(nameMarker) and a short name in words, then a line \(statementMarker), then the \
    statement in LaTeX, then a line \(endMarker). If you cannot translate it faithfully, answer with one line \
    starting with \(abstainMarker) and the reason.
    """
  }

  // MARK: Pieces

  /// Where `marker` (or, failing that, the marker without its bold markup) first occurs.
  private static func range(of marker: String, in text: Substring) -> Range<String.Index>? {
    firstRange(of: marker, in: text) ?? firstRange(of: plain(marker), in: text)
  }

  /// A marker without its `**`.
  private static func plain(_ marker: String) -> String {
    String(marker.filter { $0 != "*" })
  }

  /// Where `needle` first occurs in `text`, comparing bytes (Foundation's `range(of:)` bridges
  /// through NSString and the generic searcher allocates; this runs for every answer).
  static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
    let pattern = Array(needle.utf8)
    guard let head = pattern.first else { return nil }
    let bytes = text.utf8
    var start = bytes.startIndex
    while let candidate = bytes[start...].firstIndex(of: head) {
      var position = candidate
      var matched = 0
      while matched < pattern.count, position < bytes.endIndex, bytes[position] == pattern[matched] {
        matched += 1
        position = bytes.index(after: position)
      }
      if matched == pattern.count { return candidate..<position }
      start = bytes.index(after: candidate)
    }
    return nil
  }

  /// Whether `needle` occurs in `text`.
  static func contains(_ needle: String, in text: String) -> Bool {
    firstRange(of: needle, in: text[...]) != nil
  }

  private static func range(of marker: String, in text: String) -> Range<String.Index>? {
    range(of: marker, in: text[...])
  }

  private static func firstLine(after index: String.Index, in text: String) -> String {
    let rest = text[index...]
    let line = rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? rest
    return String(line).trimmingWhitespace
  }

  private static func balancedDollars(_ statement: String) -> Bool {
    // Bytes, not Characters: `$` and the backslash are ASCII, and no other character contains their bytes.
    var count = 0
    var previous: UInt8 = 32
    for byte in statement.utf8 {
      if byte == UInt8(ascii: "$") && previous != UInt8(ascii: "\\") { count += 1 }
      previous = byte
    }
    return count % 2 == 0
  }
}

extension String {
  /// The text without leading and trailing spaces and newlines.
  public var trimmingWhitespace: String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return String(slice)
  }
}
