/// The closing lines every stage prints about its failures: counts by reason, and where the
/// details are (the `failures` table), followed by what a rerun does.
enum FailureSummary {
  static func lines(byReason: [String: Int], stage: String, database: String, rerun: String) -> [String] {
    let reasons = byReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    return [
      "  failed by reason: \(reasons.joined(separator: ", "))",
      "  details: sqlite3 \(database) \"SELECT item, reason, detail FROM failures WHERE stage = '\(stage)'\"; "
        + rerun,
    ]
  }
}
