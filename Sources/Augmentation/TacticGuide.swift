import Foundation
import HeraldCore
import LLM

/// The hand-written notes on what each tactic family does (`pipelines/prompts/tactic-guide.md`):
/// one `### name name …` section per family. A proof's prompt shows the notes of the families
/// its steps use, so the model reads what `rw` or `omega` does before explaining a step.
public struct TacticGuide: Sendable, Hashable {
  /// One family: the tactic names its heading lists, and its note.
  public struct Family: Sendable, Hashable {
    public var names: [String]
    public var note: String
  }

  public var families: [Family]
  /// The first 16 hex digits of the SHA-256 of the file (part of the proof prompt's version).
  public var version: String

  /// Reads the guide at `path`.
  public static func load(path: String) throws -> TacticGuide {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ChatTemplate.Invalid(path: path, reason: "cannot be read")
    }
    return parse(text)
  }

  /// Parses guide text.
  public static func parse(_ text: String) -> TacticGuide {
    var families: [Family] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("### ") {
        families.append(Family(names: line.dropFirst(4).split(separator: " ").map(String.init), note: ""))
      } else if !families.isEmpty {
        let last = families.count - 1
        families[last].note += (families[last].note.isEmpty ? "" : "\n") + line
      }
    }
    families = families.map {
      Family(names: $0.names, note: $0.note.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return TacticGuide(families: families, version: String(SHA256.hexDigest(of: text).prefix(16)))
  }

  /// The notes of the families `tactics` use (by each tactic's first word), in the guide's
  /// order, as the prompt shows them.
  public func notes(for tactics: [String]) -> String {
    let words = Set(tactics.map { Self.keyword(of: $0) })
    let used = families.filter { family in family.names.contains { words.contains($0) } }
    guard !used.isEmpty else { return "(no notes for these tactics)" }
    return used.map { "### \($0.names.joined(separator: " "))\n\($0.note)" }.joined(separator: "\n")
  }

  /// The tactic's name: its first word, without a trailing `!`, `?` or `'` variant mark kept.
  static func keyword(of tactic: String) -> String {
    let word = tactic.drop { $0 == " " || $0 == "·" || $0 == "\n" }.prefix { !$0.isWhitespace && $0 != "[" }
    return String(word.hasSuffix("!") || word.hasSuffix("?") ? word.dropLast() : word)
  }
}
