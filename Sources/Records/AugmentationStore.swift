import HeraldCore
import Storage

/// Reads and writes the `augmentations` table (augmented statements) and the `proofs` table
/// (informal proofs), with the augment stage's failure rows.
public struct AugmentationStore {
  /// The stage name of failure rows and provenance.
  public static let stage = "augment"
  let connection: SQLiteConnection

  /// A store over `connection`.
  public init(connection: SQLiteConnection) {
    self.connection = connection
  }

  /// One augmented statement as stored.
  public struct Row: Sendable, Hashable {
    public var id: String
    public var augmentation: Augmentation
    /// Its formal name (a tactic state's theorem; a rewrite's parent).
    public var name: String
    /// The goal's index in the step's state (tactic states).
    public var goal: Int?
    /// A tactic state's declaration, without a value.
    public var statement: String?
    public var universes: [String]
    public var sourceHash: String
    /// A tactic state's compile check: its outcome and JSON (`RecordValidation.Compile`).
    public var compileOutcome: String?
    public var compile: String?
    /// `candidate`, `rejected`, `translated`, `abstained` or `failed`.
    public var status: String
    public var reason: String?
    public var informalName: String?
    public var informalStatement: String?
    public var rawAnswer: String?
    public var attempts: Int
    public var model: String?
    public var promptVersion: String?
    public var runID: Int?

    /// A row.
    public init(
      id: String, augmentation: Augmentation, name: String, goal: Int? = nil, statement: String? = nil,
      universes: [String] = [], sourceHash: String, compileOutcome: String? = nil, compile: String? = nil,
      status: String, reason: String? = nil, informalName: String? = nil, informalStatement: String? = nil,
      rawAnswer: String? = nil, attempts: Int = 0, model: String? = nil, promptVersion: String? = nil,
      runID: Int? = nil
    ) {
      self.id = id
      self.augmentation = augmentation
      self.name = name
      self.goal = goal
      self.statement = statement
      self.universes = universes
      self.sourceHash = sourceHash
      self.compileOutcome = compileOutcome
      self.compile = compile
      self.status = status
      self.reason = reason
      self.informalName = informalName
      self.informalStatement = informalStatement
      self.rawAnswer = rawAnswer
      self.attempts = attempts
      self.model = model
      self.promptVersion = promptVersion
      self.runID = runID
    }
  }

  /// A failure to record with a row: reason code and detail (cleared when absent).
  public struct Fault: Sendable, Hashable {
    public var reason: String
    public var detail: String

    /// A fault.
    public init(reason: String, detail: String) {
      self.reason = reason
      self.detail = detail
    }
  }

  /// The stored rows of `kind`, by id: their source hash and status (what a rerun keeps).
  public func existing(kind: Augmentation.Kind) throws -> [String: (sourceHash: String, status: String)] {
    let query = try connection.prepare("SELECT id, source_hash, status FROM augmentations WHERE kind = ?1")
    try query.bind([.text(kind.rawValue)])
    var result: [String: (sourceHash: String, status: String)] = [:]
    while try query.step() { result[query.text(0) ?? ""] = (query.text(1) ?? "", query.text(2) ?? "") }
    return result
  }

  /// Records `rows` (each replacing its earlier version) with their failure rows (items are the
  /// rows' ids), in one transaction.
  public func record(_ rows: [(row: Row, fault: Fault?)]) throws {
    guard !rows.isEmpty else { return }
    try connection.transaction {
      let insert = try connection.prepare(
        """
        INSERT OR REPLACE INTO augmentations(id, kind, parent, name, step, depth, goal, strategy, language,
          statement, universes, source_hash, compile_outcome, compile, status, reason, informal_name,
          informal_statement, raw_answer, attempts, model, prompt_version, provenance_id, created_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
          ?22, ?23, ?24)
        """)
      for (row, fault) in rows {
        let augmentation = row.augmentation
        try insert.run([
          .text(row.id), .text(augmentation.kind.rawValue), .optional(augmentation.parentName), .text(row.name),
          .optional(augmentation.step), .optional(augmentation.depth), .optional(row.goal),
          .optional(augmentation.strategy?.rawValue), .optional(augmentation.language), .optional(row.statement),
          .text(Self.jsonList(row.universes)), .text(row.sourceHash), .optional(row.compileOutcome),
          .optional(row.compile), .text(row.status), .optional(row.reason), .optional(row.informalName),
          .optional(row.informalStatement), .optional(row.rawAnswer), .int(row.attempts), .optional(row.model),
          .optional(row.promptVersion), .optional(row.runID), .text(Timestamp.now()),
        ])
        try replaceFailure(item: row.id, fault: fault, runID: row.runID)
      }
    }
  }

  /// Tactic states waiting for their informal texts (compiled, or not compiled without a REPL;
  /// not those a REPL fault interrupted),
  /// with their parent's name, step and statement, in parent order; failures after an endpoint
  /// fault count as waiting too, unless `retryUnusable` is false and the answers were unusable.
  public func untranslatedTacticStates(retryUnusable: Bool = false) throws -> [Row] {
    let query = try connection.prepare(
      """
      SELECT id, parent, name, step, depth, goal, statement, universes, source_hash, compile_outcome, status
      FROM augmentations
      WHERE kind = 'tactic' AND coalesce(compile_outcome, 'not_run') IN ('ok', 'sorry', 'not_run')
        AND (status = 'candidate' OR (status = 'failed' AND (reason != 'unparseable' OR ?1 = 1)))
      ORDER BY parent, step, goal
      """)
    try query.bind([.int(retryUnusable ? 1 : 0)])
    var rows: [Row] = []
    while try query.step() {
      rows.append(
        Row(
          id: query.text(0) ?? "",
          augmentation: Augmentation(
            kind: .tactic, parentName: query.text(1), step: query.isNull(3) ? nil : query.int(3),
            depth: query.isNull(4) ? nil : query.int(4)),
          name: query.text(2) ?? "", goal: query.isNull(5) ? nil : query.int(5), statement: query.text(6),
          universes: list(query.text(7)), sourceHash: query.text(8) ?? "", compileOutcome: query.text(9),
          status: query.text(10) ?? "candidate"))
    }
    return rows
  }

  /// Records the informal texts (or the failure) of a tactic state.
  public func recordInformalization(
    id: String, status: String, reason: String?, informalName: String?, informalStatement: String?,
    rawAnswer: String?, attempts: Int, model: String, promptVersion: String, fault: Fault?, runID: Int?
  ) throws {
    try connection.transaction {
      try connection.prepare(
        """
        UPDATE augmentations SET status = ?2, reason = ?3, informal_name = ?4, informal_statement = ?5,
          raw_answer = ?6, attempts = ?7, model = ?8, prompt_version = ?9, provenance_id = ?10, created_at = ?11
        WHERE id = ?1
        """
      ).run([
        .text(id), .text(status), .optional(reason), .optional(informalName), .optional(informalStatement),
        .optional(rawAnswer), .int(attempts), .text(model), .text(promptVersion), .optional(runID),
        .text(Timestamp.now()),
      ])
      try replaceFailure(item: id, fault: fault, runID: runID)
    }
  }

  /// Records a tactic state's new compile check; one that failed becomes `rejected` (whatever it
  /// was: a state that does not compile is never a record).
  public func recordCompile(
    id: String, outcome: String, compile: String, rejected: Bool, fault: Fault?, runID: Int?
  ) throws {
    try connection.transaction {
      try connection.prepare(
        """
        UPDATE augmentations SET compile_outcome = ?2, compile = ?3,
          status = CASE WHEN ?4 = 1 THEN 'rejected' ELSE status END WHERE id = ?1
        """
      ).run([.text(id), .text(outcome), .text(compile), .int(rejected ? 1 : 0)])
      try replaceFailure(item: id, fault: fault, runID: runID)
    }
  }

  /// Counts of rows by kind and status (`tactic/translated`, …).
  public func counts() throws -> [String: Int] {
    let query = try connection.prepare("SELECT kind, status, count(*) FROM augmentations GROUP BY kind, status")
    var result: [String: Int] = [:]
    while try query.step() { result["\(query.text(0) ?? "")/\(query.text(1) ?? "")"] = query.int(2) }
    return result
  }

  /// One theorem's informal proof as stored.
  public struct Proof: Sendable, Hashable {
    public var name: String
    /// `explained` or `failed`.
    public var status: String
    /// The steps with their explanations (JSON array of `{ord, depth, tactic, explanation}`).
    public var steps: String
    public var informalProof: String?
    public var commentedProof: String?
    public var reason: String?
    public var rawAnswer: String?
    public var attempts: Int
    public var model: String
    public var promptVersion: String
    public var sourceHash: String
    public var runID: Int?

    /// A proof.
    public init(
      name: String, status: String, steps: String, informalProof: String?, commentedProof: String?, reason: String?,
      rawAnswer: String?, attempts: Int, model: String, promptVersion: String, sourceHash: String, runID: Int?
    ) {
      self.name = name
      self.status = status
      self.steps = steps
      self.informalProof = informalProof
      self.commentedProof = commentedProof
      self.reason = reason
      self.rawAnswer = rawAnswer
      self.attempts = attempts
      self.model = model
      self.promptVersion = promptVersion
      self.sourceHash = sourceHash
      self.runID = runID
    }
  }

  /// The stored proofs' source hashes and statuses, by theorem name.
  public func existingProofs() throws -> [String: (sourceHash: String, status: String, reason: String?)] {
    let query = try connection.prepare("SELECT name, source_hash, status, reason FROM proofs")
    var result: [String: (sourceHash: String, status: String, reason: String?)] = [:]
    while try query.step() { result[query.text(0) ?? ""] = (query.text(1) ?? "", query.text(2) ?? "", query.text(3)) }
    return result
  }

  /// Records `proofs` (each replacing the theorem's earlier one) with their failure rows (items
  /// are `proof:<name>`), in one transaction.
  public func record(proofs: [(proof: Proof, fault: Fault?)]) throws {
    guard !proofs.isEmpty else { return }
    try connection.transaction {
      let insert = try connection.prepare(
        """
        INSERT OR REPLACE INTO proofs(name, status, steps, informal_proof, commented_proof, reason, raw_answer,
          attempts, model, prompt_version, source_hash, provenance_id, created_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        """)
      for (proof, fault) in proofs {
        try insert.run([
          .text(proof.name), .text(proof.status), .text(proof.steps), .optional(proof.informalProof),
          .optional(proof.commentedProof), .optional(proof.reason), .optional(proof.rawAnswer), .int(proof.attempts),
          .text(proof.model), .text(proof.promptVersion), .text(proof.sourceHash), .optional(proof.runID),
          .text(Timestamp.now()),
        ])
        try replaceFailure(item: "proof:" + proof.name, fault: fault, runID: proof.runID)
      }
    }
  }

  private func replaceFailure(item: String, fault: Fault?, runID: Int?) throws {
    if let fault {
      try FailureLog.replace(
        connection, stage: Self.stage, item: item,
        with: [FailureRecord(stage: Self.stage, item: item, reason: fault.reason, detail: fault.detail)],
        provenanceID: runID)
    } else {
      try FailureLog.clear(connection, stage: Self.stage, item: item)
    }
  }

  private func list(_ text: String?) -> [String] { StatementBuilder.list(text ?? "[]") }

  /// `values` as a JSON array of strings.
  static func jsonList(_ values: [String]) -> String {
    var writer = JSONWriter()
    writer.beginArray()
    for value in values { writer.value(value) }
    writer.endArray()
    return writer.string
  }
}
