import Foundation

/// The short Markdown summary of a section's report, for people: one table row per item.
public enum SectionSummary {
  /// The summary of `report`.
  public static func markdown(_ report: SectionReport) -> String {
    var lines = [
      "# \(report.section)", "",
      "Formalized by herald from `\(report.source)` into `\(report.output)`.", "",
      "- Lean: " + (report.lean ?? "not configured; no candidate was compiled"),
      "- model: \(report.model) (\(report.llmRequestsSent) requests sent, \(report.cacheHits) cache hits)",
      "- items: " + counts(report.statuses) + (report.proved > 0 ? "; \(report.proved) proved" : ""),
    ]
    if !report.faults.isEmpty {
      lines.append("- faults: " + counts(report.faults) + " (a rerun tries those items again)")
    }
    lines += [
      "", "| # | item | status | candidates | repairs | judge | Lean name |", "|---|---|---|---|---|---|---|",
    ]
    for item in report.items {
      let caption = [item.kind, item.number, item.label.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
      let verdicts = item.candidates.compactMap(\.verdict)
      let cells = [
        "\(item.index)", cell(caption), item.status.rawValue, "\(item.candidates.filter { $0.round == 0 }.count)",
        "\(item.repairs)", verdicts.isEmpty ? "–" : verdicts.joined(separator: ", "),
        item.name.map { "`\(cell($0))`" } ?? "–",
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    let reasons = report.items.compactMap { item in item.reason.map { (item, $0) } }
    if !reasons.isEmpty {
      lines += ["", "## Not accepted", ""]
      for (item, reason) in reasons {
        let first = reason.split(separator: "\n").first.map(String.init) ?? reason
        lines.append("- item \(item.index) (\(item.label ?? item.kind)): \(first)")
      }
    }
    if !report.warnings.isEmpty {
      lines += ["", "## Warnings", ""] + report.warnings.map { "- \($0)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `values` as "a 1, b 2", sorted by key; "none" when empty.
  public static func counts(_ values: [String: Int]) -> String {
    values.isEmpty ? "none" : values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
  }

  /// `text` safe in a table cell.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
