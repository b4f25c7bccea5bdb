import HeraldCore
import Storage

/// Reads and writes the `validations` table (one verdict per record) and the validate stage's
/// failure rows.
public struct ValidationStore {
  /// The stage name of failure rows and provenance.
  public static let stage = "validate"
  let connection: SQLiteConnection

  /// A store over `connection`.
  public init(connection: SQLiteConnection) {
    self.connection = connection
  }

  /// One record's verdict as stored.
  public struct Row: Sendable {
    public var recordID: String
    public var name: String
    /// `recordHash` of the texts judged.
    public var recordHash: String
    /// A hash of how they were judged (models, prompts, samples, Lean setup).
    public var settingsHash: String
    public var validation: RecordValidation
    /// Whether a fault (the endpoint, the REPL) kept a check from running: a rerun tries again.
    public var retryable: Bool
    /// What went wrong, for the failure row of a retryable verdict: reason code and detail.
    public var fault: (reason: String, detail: String)?
    public var runID: Int?

    /// A row.
    public init(
      recordID: String, name: String, recordHash: String, settingsHash: String, validation: RecordValidation,
      retryable: Bool, fault: (reason: String, detail: String)?, runID: Int?
    ) {
      self.recordID = recordID
      self.name = name
      self.recordHash = recordHash
      self.settingsHash = settingsHash
      self.validation = validation
      self.retryable = retryable
      self.fault = fault
      self.runID = runID
    }
  }

  /// The hash of what a verdict judges: a record's formal statement and informal name and
  /// statement (SHA-256, hex).
  public static func recordHash(formalStatement: String, informalName: String, informalStatement: String) -> String {
    var hash = SHA256()
    hash.update(formalStatement)
    hash.update("\u{1F}")
    hash.update(informalName)
    hash.update("\u{1F}")
    hash.update(informalStatement)
    return hash.hexDigest()
  }

  /// The hashes of the verdicts a rerun keeps, by record id: those no fault interrupted.
  public func settled() throws -> [String: (recordHash: String, settingsHash: String)] {
    let query = try connection.prepare(
      "SELECT record_id, record_hash, settings_hash FROM validations WHERE retryable = 0")
    var result: [String: (recordHash: String, settingsHash: String)] = [:]
    while try query.step() { result[query.text(0) ?? ""] = (query.text(1) ?? "", query.text(2) ?? "") }
    return result
  }

  /// The stored verdict of `recordID`: the hash of the texts it judged, its status and its
  /// `validation` object (JSON).
  public func verdict(recordID: String) throws -> (recordHash: String, status: String, validation: String)? {
    let query = try connection.prepare(
      "SELECT record_hash, status, validation FROM validations WHERE record_id = ?1")
    try query.bind([.text(recordID)])
    defer { query.reset() }
    guard try query.step() else { return nil }
    return (query.text(0) ?? "", query.text(1) ?? "", query.text(2) ?? "")
  }

  /// Whether any verdict is stored (export skips its lookups when none is).
  public func isEmpty() throws -> Bool {
    try connection.scalarInt("SELECT count(*) FROM (SELECT 1 FROM validations LIMIT 1)") == 0
  }

  /// Records `rows` (each replacing the record's earlier verdict) and their failure rows, in one
  /// transaction.
  public func record(_ rows: [Row]) throws {
    guard !rows.isEmpty else { return }
    try connection.transaction {
      let insert = try connection.prepare(
        """
        INSERT OR REPLACE INTO validations(record_id, name, record_hash, settings_hash, status, reason,
          compile_outcome, back_translations, back_translations_compiled, verdict, retryable, validation,
          provenance_id, created_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
        """)
      for row in rows {
        let validation = row.validation
        try insert.run([
          .text(row.recordID), .text(row.name), .text(row.recordHash), .text(row.settingsHash),
          .text(validation.status.rawValue), .optional(validation.reason), .text(validation.compile.outcome),
          .int(validation.samples.filter { $0.text != nil }.count),
          .int(validation.samples.filter(\.compile.passed).count), .text(validation.judge.verdict.rawValue),
          .int(row.retryable ? 1 : 0), .text(validation.json), .optional(row.runID),
          .text(validation.validatedAt ?? Timestamp.now()),
        ])
        if let fault = row.fault {
          try FailureLog.replace(
            connection, stage: Self.stage, item: row.name,
            with: [FailureRecord(stage: Self.stage, item: row.name, reason: fault.reason, detail: fault.detail)],
            provenanceID: row.runID)
        } else {
          try FailureLog.clear(connection, stage: Self.stage, item: row.name)
        }
      }
    }
  }

  /// Counts of verdicts by status.
  public func counts() throws -> [String: Int] {
    let query = try connection.prepare("SELECT status, count(*) FROM validations GROUP BY status")
    var result: [String: Int] = [:]
    while try query.step() { result[query.text(0) ?? ""] = query.int(1) }
    return result
  }
}
