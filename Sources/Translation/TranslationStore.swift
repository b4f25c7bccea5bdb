import HeraldCore
import Retrieval
import Storage

/// Reads and writes the `translations` table and the stage's failure rows.
public struct TranslationStore {
  /// The failure rows' stage name.
  public static let stage = "translate"
  let connection: SQLiteConnection

  /// A store over `connection`.
  public init(connection: SQLiteConnection) {
    self.connection = connection
  }

  /// What a unit needs for its row besides the outcome.
  public struct Origin: Sendable, Hashable {
    public var symbolID: Int
    public var model: String
    public var family: PromptTemplate.Family
    public var promptVersion: String
    public var statementHash: String
    public var componentSize: Int
    public var runID: Int?

    public init(
      symbolID: Int, model: String, family: PromptTemplate.Family, promptVersion: String, statementHash: String,
      componentSize: Int, runID: Int?
    ) {
      self.symbolID = symbolID
      self.model = model
      self.family = family
      self.promptVersion = promptVersion
      self.statementHash = statementHash
      self.componentSize = componentSize
      self.runID = runID
    }
  }

  /// The hash recorded with a row, so a changed formal statement is translated again.
  public static func statementHash(_ statement: String) -> String {
    String(StableHash.fnv1a64(statement), radix: 16)
  }

  /// Finished outcomes by name, with their statement hashes: translations, abstentions and,
  /// unless `retryUnusable`, failures because the answers were unusable. Endpoint failures are
  /// never finished.
  public func finished(retryUnusable: Bool = false) throws -> [String: String] {
    let query = try connection.prepare(
      """
      SELECT name, statement_hash FROM translations
      WHERE status IN ('translated', 'abstained') OR (status = 'failed' AND reason = 'unparseable' AND ?1 = 0)
      """)
    try query.bind([.int(retryUnusable ? 1 : 0)])
    var result: [String: String] = [:]
    while try query.step() { result[query.text(0) ?? ""] = query.text(1) ?? "" }
    return result
  }

  /// The informal name and statement of `name`, when it is translated.
  public func translation(of name: String) throws -> (name: String, statement: String)? {
    let query = try connection.prepare(
      "SELECT informal_name, informal_statement FROM translations WHERE name = ?1 AND status = 'translated'")
    try query.bind([.text(name)])
    defer { query.reset() }
    guard try query.step(), let informalName = query.text(0), let statement = query.text(1) else { return nil }
    return (informalName, statement)
  }

  /// Translated declarations missing from the retrieval index in the file `indexPath` (its
  /// writes are batched, so a killed run can leave its last batch out; a deleted index is
  /// missing them all), as index documents.
  public func translatedButNotIndexed(indexPath: String) throws -> [RetrievalIndex.Document] {
    try connection.prepare("ATTACH DATABASE ?1 AS retrieval").run([.text(indexPath)])
    defer { try? connection.execute("DETACH DATABASE retrieval") }
    let query = try connection.prepare(
      """
      SELECT t.name, coalesce(d.statement, s.name || ' : ' || s.type), t.informal_name, t.informal_statement
      FROM translations t JOIN symbols s ON s.name = t.name LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE t.status = 'translated'
        AND NOT EXISTS (
          SELECT 1 FROM retrieval.retrieval_entries e WHERE e.source = 'declaration' AND e.item = t.name)
      """)
    defer { query.reset() }
    var documents: [RetrievalIndex.Document] = []
    while try query.step() {
      documents.append(
        RetrievalIndex.Document(
          source: .declaration, item: query.text(0) ?? "", formal: query.text(1) ?? "", informalName: query.text(2),
          informalStatement: query.text(3)))
    }
    return documents
  }

  /// Records `outcome` (replacing the name's earlier row) and its failure row, in one transaction.
  public func record(_ outcome: TranslationOutcome, _ origin: Origin) throws {
    try record([(outcome, origin)])
  }

  /// Records outcomes (each replacing the name's earlier row) and their failure rows, in one
  /// transaction.
  public func record(_ outcomes: [(outcome: TranslationOutcome, origin: Origin)]) throws {
    try connection.transaction {
      for (outcome, origin) in outcomes { try write(outcome, origin) }
    }
  }

  private func write(_ outcome: TranslationOutcome, _ origin: Origin) throws {
    try connection.prepare(
      """
      INSERT OR REPLACE INTO translations(name, symbol_id, status, informal_name, informal_statement, reason,
        raw_answer, attempts, model, prompt_family, prompt_version, statement_hash, component_size,
        provenance_id, created_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
      """
    ).run([
      .text(outcome.name), .int(origin.symbolID), .text(outcome.status.rawValue),
      .optional(outcome.informalName), .optional(outcome.informalStatement), .optional(outcome.reason),
      .optional(outcome.rawAnswer), .int(outcome.attempts), .text(origin.model),
      .text(origin.family.rawValue), .text(origin.promptVersion), .text(origin.statementHash),
      .int(origin.componentSize), .optional(origin.runID), .text(Timestamp.now()),
    ])
    if outcome.status == .failed {
      let record = FailureRecord(
        stage: Self.stage, item: outcome.name, reason: outcome.reason ?? "failed",
        detail: outcome.detail ?? "no detail")
      try FailureLog.replace(
        connection, stage: Self.stage, item: outcome.name, with: [record], provenanceID: origin.runID)
    } else {
      try FailureLog.clear(connection, stage: Self.stage, item: outcome.name)
    }
  }

  /// Counts of rows by status.
  public func counts() throws -> [String: Int] {
    let query = try connection.prepare("SELECT status, count(*) FROM translations GROUP BY status")
    var result: [String: Int] = [:]
    while try query.step() { result[query.text(0) ?? ""] = query.int(1) }
    return result
  }
}
