/// What produced the rows of a run: recorded in `provenance` and referenced by them.
public struct Provenance: Sendable, Hashable, Codable {
  /// The stage that ran.
  public var stage: String
  /// The project folder, when there is one.
  public var project: String?
  /// The project's git revision, when it is a git checkout.
  public var gitRevision: String?
  /// The content of `lean-toolchain`.
  public var toolchain: String?
  /// The analyzer's identity (path and content hash), or `analyzer-output:<dir>`.
  public var analyzer: String?
  /// herald's version.
  public var heraldVersion: String

  /// Creates a provenance.
  public init(
    stage: String, project: String?, gitRevision: String?, toolchain: String?, analyzer: String?,
    heraldVersion: String
  ) {
    self.stage = stage
    self.project = project
    self.gitRevision = gitRevision
    self.toolchain = toolchain
    self.analyzer = analyzer
    self.heraldVersion = heraldVersion
  }
}

/// Writes `provenance` rows.
public enum ProvenanceLog {
  /// Records the start of a run; returns the row id.
  public static func begin(_ connection: SQLiteConnection, _ provenance: Provenance) throws(StorageError) -> Int {
    try connection.prepare(
      """
      INSERT INTO provenance(stage, project, git_revision, toolchain, analyzer, herald_version, started_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
      """
    ).run([
      .text(provenance.stage), .optional(provenance.project), .optional(provenance.gitRevision),
      .optional(provenance.toolchain), .optional(provenance.analyzer), .text(provenance.heraldVersion),
      .text(Timestamp.now()),
    ])
    return Int(connection.lastInsertRowID)
  }

  /// Records the end of a run with its JSON report.
  public static func finish(_ connection: SQLiteConnection, id: Int, report: String) throws(StorageError) {
    try connection.prepare("UPDATE provenance SET finished_at = ?1, report = ?2 WHERE id = ?3")
      .run([.text(Timestamp.now()), .text(report), .int(id)])
  }
}
