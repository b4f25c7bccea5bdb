import Foundation

/// Reads an equivalence judge's answer: its reasoning, then the verdict between double bars,
/// `||same||` or `||different||` (the format of the Herald paper's and Lean Workbook's judges).
///
/// The last verdict span counts, not the first: an answer that quotes the format before
/// reasoning (`… end with ||same|| or ||different||`) would otherwise be misread, as the
/// paper's parser misreads it.
public enum JudgeAnswer {
  /// What one answer gave.
  public enum Outcome: Sendable, Equatable {
    /// `same` or `different`, with the reasoning before the verdict (nil when there is none).
    case verdict(RecordValidation.Verdict, reason: String?)
    /// No verdict; `problem` says what to correct.
    case unparseable(problem: String)
  }

  /// The correction sent back after an answer without a verdict.
  public static let correction =
    "Your answer has no verdict. End your answer with exactly ||same|| or ||different||."

  /// Parses `answer`.
  public static func parse(_ answer: String) -> Outcome {
    let scalars = Array(answer.unicodeScalars)
    var found: (verdict: RecordValidation.Verdict, start: Int)?
    var index = 0
    while index + 1 < scalars.count {
      guard scalars[index] == "|", scalars[index + 1] == "|" else {
        index += 1
        continue
      }
      var cursor = index + 2
      var word = ""
      while cursor < scalars.count, scalars[cursor] != "|", word.unicodeScalars.count < 20 {
        word.unicodeScalars.append(scalars[cursor])
        cursor += 1
      }
      if cursor + 1 < scalars.count, scalars[cursor] == "|", scalars[cursor + 1] == "|" {
        switch word.trimmingCharacters(in: .whitespaces).lowercased() {
        case "same": found = (.same, index)
        case "different": found = (.different, index)
        default: break
        }
        // A pair that closes a span cannot open the next one.
        index = cursor + 2
        continue
      }
      index += 2
    }
    guard let found else {
      return .unparseable(problem: "no verdict ||same|| or ||different|| in the answer")
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[..<found.start])
    let reason = String(view).trimmingCharacters(in: .whitespacesAndNewlines)
    return .verdict(found.verdict, reason: reason.isEmpty ? nil : String(reason.prefix(2000)))
  }
}
