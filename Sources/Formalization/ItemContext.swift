import Foundation
import Retrieval
import Sections

/// What one item's prompt shows besides the item itself: the section's earlier items with their
/// accepted Lean, the items it references, and related library declarations from the retrieval
/// index; cut to a budget by relevance, with a note of what was left out.
struct ItemContext: Sendable, Hashable {
  /// An earlier item of the section whose Lean was accepted.
  struct Accepted: Sendable, Hashable {
    var item: SectionItem
    /// The declaration as written in the file (a statement's proof is `by sorry`).
    var lean: String
    var name: String?
  }

  /// The prompt text.
  var text: String
  /// The earlier items shown, by their labels or numbers.
  var earlier: [String]
  /// The referenced items shown.
  var referenced: [String]
  /// The library declarations shown, best first.
  var retrieved: [String]
  /// What the budget left out, for the report; nil when everything fit.
  var truncation: String?

  /// The context of `item`: `accepted` earlier items, the section's items it references, and
  /// `hits`, within `budget` characters. Retrieved declarations are left out first (the least
  /// similar first), then earlier items that `item` does not reference (the least related to
  /// its text first); referenced items go last.
  static func assemble(
    item: SectionItem, section: ParsedSection, accepted: [Accepted], hits: [RetrievalHit], budget: Int
  ) -> ItemContext {
    let references = Set(item.references)
    let words = Self.words(item.text + " " + (item.title ?? ""))
    var earlier = accepted.filter { $0.item.index < item.index }
    let referenced = section.items.filter { other in
      other.index != item.index && other.label.map(references.contains) == true
    }
    var retrieved = hits
    var dropped = (retrieved: 0, earlier: 0, referenced: 0)
    var shownReferences = referenced
    func render() -> String {
      var parts: [String] = []
      if !earlier.isEmpty {
        parts.append(
          "Earlier items of the section, already formalized:\n"
            + earlier.map { "-- \(Self.caption($0.item))\n\($0.lean)" }.joined(separator: "\n"))
      }
      if !shownReferences.isEmpty {
        parts.append(
          "Items this one refers to:\n"
            + shownReferences.map { other in
              let lean = accepted.first { $0.item.index == other.index }?.name.map { " (in Lean: `\($0)`)" } ?? ""
              return "\(Self.caption(other))\(lean): \(other.text)"
            }.joined(separator: "\n"))
      }
      if !retrieved.isEmpty {
        parts.append(
          "Related Mathlib declarations:\n"
            + retrieved.map { hit in
              let informal = hit.informalStatement.map { " — \($0)" } ?? ""
              return "\(hit.item): \(Self.oneLine(hit.formal))\(informal)"
            }.joined(separator: "\n"))
      }
      return parts.isEmpty
        ? "This is the section's first item; no related declarations were found."
        : parts
          .joined(separator: "\n\n")
    }
    var text = render()
    while text.count > budget {
      if !retrieved.isEmpty {
        retrieved.removeLast()
        dropped.retrieved += 1
      } else if let weakest = earlier.indices.filter({
        !references.contains(earlier[$0].item.label ?? "\u{0}")
      }).min(by: {
        Self.relatedness(earlier[$0].item, to: words) < Self.relatedness(earlier[$1].item, to: words)
      }) {
        earlier.remove(at: weakest)
        dropped.earlier += 1
      } else if !earlier.isEmpty {
        earlier.removeFirst()
        dropped.earlier += 1
      } else if !shownReferences.isEmpty {
        shownReferences.removeFirst()
        dropped.referenced += 1
      } else {
        break
      }
      text = render()
    }
    var truncation: String?
    if dropped != (0, 0, 0) {
      truncation =
        "the context was cut to \(budget) characters: left out \(dropped.retrieved) related declarations, "
        + "\(dropped.earlier) earlier items and \(dropped.referenced) referenced items (least related first)"
    }
    return ItemContext(
      text: text, earlier: earlier.map { Self.reference($0.item) }, referenced: shownReferences.map(Self.reference),
      retrieved: retrieved.map(\.item), truncation: truncation)
  }

  /// "Lemma 1.3 (label)", as the prompts and the file name an item.
  static func caption(_ item: SectionItem) -> String {
    var caption = item.kind.rawValue.prefix(1).uppercased() + item.kind.rawValue.dropFirst()
    if let number = item.number { caption += " \(number)" }
    if let title = item.title, !title.isEmpty { caption += " [\(title)]" }
    if let label = item.label { caption += " (\(label))" }
    return caption
  }

  /// The label of `item`, else its number, else its position.
  static func reference(_ item: SectionItem) -> String {
    item.label ?? item.number ?? "item \(item.index)"
  }

  /// How much `item`'s text shares with `words`: the number of common words.
  static func relatedness(_ item: SectionItem, to words: Set<String>) -> Int {
    Self.words(item.text).intersection(words).count
  }

  /// The lower-cased words of four letters or more in `text` (shorter ones are mostly articles
  /// and prepositions).
  static func words(_ text: String) -> Set<String> {
    Set(text.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 }.map(String.init))
  }

  /// `text` on one line, white space runs as single spaces.
  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

extension ParsedSection {
  /// `text` with each `\ref{label}` (or `\eqref`, `\cref`) of one of the section's items
  /// replaced by the item's number as the document prints it ("Definition \ref{x}" reads
  /// "Definition 1.3"; an item without a number by its kind and position): a model reading one
  /// item sees which item a reference means.
  func resolvingReferences(_ text: String) -> String {
    guard text.contains("ref{") else { return text }
    var result = text
    for item in items {
      guard let label = item.label else { continue }
      let name = item.number ?? "\(item.kind.rawValue) \(item.index)"
      for command in ["\\ref", "\\eqref", "\\cref", "\\Cref"] {
        result = result.replacingOccurrences(of: "\(command){\(label)}", with: name)
      }
    }
    return result
  }
}
