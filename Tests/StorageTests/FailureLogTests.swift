import Testing

@testable import Storage

/// Failure rows: replaced per item, cleared on success, counted by reason.
@Suite struct FailureLogTests {
  @Test func replacesAnItemsFailuresAndCountsOnlyErrors() throws {
    let connection = try HeraldDatabase.inMemory()
    let first = FailureRecord(stage: "extract", item: "A", reason: "analyzer_timeout", detail: "slow")
    try FailureLog.replace(connection, stage: "extract", item: "A", with: [first], provenanceID: nil)
    let second = FailureRecord(
      stage: "extract", item: "A", reason: "malformed_json", detail: "cut", file: "A.decl.json", codingPath: "[3]")
    try FailureLog.replace(connection, stage: "extract", item: "A", with: [second], provenanceID: nil)
    let warning = FailureRecord(stage: "extract", item: "B", severity: .warning, reason: "unknown_kind", detail: "odd")
    try FailureLog.replace(connection, stage: "extract", item: "B", with: [warning], provenanceID: nil)

    let all = try FailureLog.all(connection, stage: "extract")
    #expect(all == [second, warning])
    #expect(try FailureLog.errorCounts(connection) == ["extract:malformed_json": 1])
    try FailureLog.clear(connection, stage: "extract", item: "A")
    #expect(try FailureLog.all(connection, stage: "extract") == [warning])
  }
}
