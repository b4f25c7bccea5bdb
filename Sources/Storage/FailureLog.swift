import Foundation

/// One failed or doubtful item, as stored in `failures`.
public struct FailureRecord: Error, Sendable, Hashable, Codable {
  /// `error`: the item was not processed; `warning`: processed with a doubt.
  public enum Severity: String, Sendable, Codable {
    case error
    case warning
  }

  /// The stage (`extract`, …).
  public var stage: String
  /// The item's id (a module name for extract).
  public var item: String
  /// Whether the item was given up.
  public var severity: Severity
  /// Short reason code.
  public var reason: String
  /// One sentence with the remedy, plus any stderr tail.
  public var detail: String
  /// The file concerned.
  public var file: String?
  /// JSON coding path inside `file`.
  public var codingPath: String?

  /// Creates a record.
  public init(
    stage: String, item: String, severity: Severity = .error, reason: String, detail: String,
    file: String? = nil, codingPath: String? = nil
  ) {
    self.stage = stage
    self.item = item
    self.severity = severity
    self.reason = reason
    self.detail = detail
    self.file = file
    self.codingPath = codingPath
  }
}

/// Reads and writes the `failures` table.
public enum FailureLog {
  /// Replaces the item's earlier failures with `records`.
  public static func replace(
    _ connection: SQLiteConnection, stage: String, item: String, with records: [FailureRecord],
    provenanceID: Int?
  ) throws(StorageError) {
    try clear(connection, stage: stage, item: item)
    try insert(connection, records, provenanceID: provenanceID)
  }

  /// Replaces every failure of `stage` with `records`, for a stage that redoes all its items on
  /// every run (export): what an earlier run found no longer holds.
  public static func replaceAll(
    _ connection: SQLiteConnection, stage: String, with records: [FailureRecord], provenanceID: Int?
  ) throws(StorageError) {
    try connection.prepare("DELETE FROM failures WHERE stage = ?1").run([.text(stage)])
    try insert(connection, records, provenanceID: provenanceID)
  }

  private static func insert(
    _ connection: SQLiteConnection, _ records: [FailureRecord], provenanceID: Int?
  ) throws(StorageError) {
    let now = Timestamp.now()
    let insert = try connection.prepare(
      """
      INSERT INTO failures(stage, item, severity, reason, detail, file, coding_path, provenance_id, created_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
      """)
    for record in records {
      try insert.run([
        .text(record.stage), .text(record.item), .text(record.severity.rawValue), .text(record.reason),
        .text(record.detail), .optional(record.file), .optional(record.codingPath), .optional(provenanceID),
        .text(now),
      ])
    }
  }

  /// Removes the item's failures (it has now succeeded).
  public static func clear(_ connection: SQLiteConnection, stage: String, item: String) throws(StorageError) {
    try connection.prepare("DELETE FROM failures WHERE stage = ?1 AND item = ?2").run([.text(stage), .text(item)])
  }

  /// All failures of a stage, oldest first.
  public static func all(_ connection: SQLiteConnection, stage: String) throws(StorageError) -> [FailureRecord] {
    let query = try connection.prepare(
      "SELECT stage, item, severity, reason, detail, file, coding_path FROM failures WHERE stage = ?1 ORDER BY id")
    try query.bind([.text(stage)])
    var result: [FailureRecord] = []
    while try query.step() {
      result.append(
        FailureRecord(
          stage: query.text(0) ?? "", item: query.text(1) ?? "",
          severity: FailureRecord.Severity(rawValue: query.text(2) ?? "") ?? .error, reason: query.text(3) ?? "",
          detail: query.text(4) ?? "", file: query.text(5), codingPath: query.text(6)))
    }
    return result
  }

  /// Error counts by reason (warnings excluded), over all stages.
  public static func errorCounts(_ connection: SQLiteConnection) throws(StorageError) -> [String: Int] {
    let query = try connection.prepare(
      "SELECT stage || ':' || reason, count(*) FROM failures WHERE severity = 'error' GROUP BY 1 ORDER BY 1")
    var result: [String: Int] = [:]
    while try query.step() { result[query.text(0) ?? ""] = query.int(1) }
    return result
  }
}

/// ISO 8601 UTC timestamps for the database.
public enum Timestamp {
  /// Now, to the second (`2026-11-25T14:03:05Z`), formatted without Foundation's date
  /// formatters, which are costly to create and are needed once per module.
  public static func now() -> String {
    var seconds = time(nil)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad(_ value: Int32, _ width: Int = 2) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
      + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
  }
}
