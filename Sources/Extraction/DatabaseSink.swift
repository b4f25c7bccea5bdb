import Storage

/// The single writer of an extract run: modules are decoded in parallel and written here one
/// at a time, each in its own transaction, on a thread of its own (see `DedicatedThreadExecutor`).
actor DatabaseSink {
  /// What the database already holds for a module, for the skip decision.
  struct Existing: Sendable {
    var sourceHash: String?
    var fingerprint: String
    var analyzer: String?
    var toolchain: String?
    var path: String?
  }

  private let connection: SQLiteConnection
  private let provenanceID: Int
  private let copier: LogCopier?
  private let executor = DedicatedThreadExecutor(name: "herald-db")
  /// The writer's page cache, and its cache while it builds the name indexes (SQLite's units:
  /// negative means KiB; its sorts use as much again).
  private static let cacheSize = -16_384
  private static let indexCacheSize = -4_096

  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

  init(path: String, provenance: Provenance) throws {
    let connection = try HeraldDatabase.openForWriting(path: path)
    try connection.execute("PRAGMA cache_size = \(Self.cacheSize)")
    // The log is copied into the database by a connection of its own (see `LogCopier`) every
    // 64 MB; should that connection fail to open, SQLite checkpoints every 256 MB itself (each
    // checkpoint fsyncs, and at the default 4 MB those fsyncs were a fifth of the wall time).
    let copier = LogCopier(path: path, everyFrames: 16_384)
    if let copier {
      connection.observeLog { copier.logGrew(to: $0) }
    } else {
      try connection.execute("PRAGMA wal_autocheckpoint = 65536")
    }
    self.copier = copier
    self.connection = connection
    self.provenanceID = try ProvenanceLog.begin(connection, provenance)
  }

  /// The modules already ingested.
  func existingModules() throws -> [String: Existing] {
    let query = try connection.prepare(
      "SELECT name, source_hash, output_fingerprint, analyzer, toolchain, path FROM modules")
    var result: [String: Existing] = [:]
    while try query.step() {
      result[query.text(0) ?? ""] = Existing(
        sourceHash: query.text(1), fingerprint: query.text(2) ?? "", analyzer: query.text(3),
        toolchain: query.text(4), path: query.text(5))
    }
    return result
  }

  /// Modules whose last attempt failed, to be retried even when their inputs look unchanged.
  func failedModules() throws -> Set<String> {
    let query = try connection.prepare(
      "SELECT DISTINCT item FROM failures WHERE stage = 'extract' AND severity = 'error'")
    var result: Set<String> = []
    while try query.step() { result.insert(query.text(0) ?? "") }
    return result
  }

  /// Writes a decoded module's rows and marks the graph stale.
  func write(_ rows: ModuleWriter.Rows, record: ModuleRecord) throws -> ModuleWriter.Counts {
    try ModuleWriter(connection: connection).write(rows, record: record, provenanceID: provenanceID)
  }

  /// Records a module's failure, replacing its earlier ones; its previous rows stay as they were.
  func fail(_ record: FailureRecord) throws {
    try connection.transaction {
      try FailureLog.replace(
        connection, stage: "extract", item: record.item, with: [record], provenanceID: provenanceID)
    }
  }

  /// Removes a module whose source is gone, recording why.
  func remove(module: String, record: FailureRecord) throws {
    try connection.transaction {
      try connection.prepare("DELETE FROM modules WHERE name = ?1").run([.text(module)])
      try FailureLog.replace(connection, stage: "extract", item: module, with: [record], provenanceID: provenanceID)
      try HeraldDatabase.setMeta(connection, "graph_state", "stale")
    }
  }

  /// Drops the name indexes for a bulk ingest; `restoreNameIndexes` builds them afterwards.
  func deferNameIndexes() throws {
    try NameIndexes.deferBuilding(connection)
  }

  /// Builds the name indexes if they were deferred, removing modules that define a constant an
  /// earlier module defines (each with a failure row).
  func restoreNameIndexes() throws -> [NameIndexes.Removal] {
    // Sorting the names in smaller runs costs no time; the graph is being computed meanwhile
    // (`SideConnection`), and together they were the run's peak of memory.
    try connection.execute("PRAGMA cache_size = \(Self.indexCacheSize); PRAGMA shrink_memory")
    defer { try? connection.execute("PRAGMA cache_size = \(Self.cacheSize)") }
    return try NameIndexes.restore(connection, provenanceID: provenanceID)
  }

  /// Whether the graph must be rebuilt.
  func graphIsStale() throws -> Bool {
    try GraphBuilder.needsRebuild(connection)
  }

  /// The writer connection's `PRAGMA data_version`, which changes when another connection commits.
  func dataVersion() throws -> Int {
    try connection.scalarInt("PRAGMA data_version") ?? 0
  }

  /// Rebuilds the graph when some module changed since it was last built, storing `precomputed`
  /// if no other connection committed since `dataVersion`.
  func rebuildGraphIfStale(
    precomputed: GraphBuilder.Computed? = nil, dataVersion: Int? = nil
  ) throws -> GraphBuilder.Result? {
    guard try GraphBuilder.needsRebuild(connection) else { return nil }
    return try GraphBuilder.rebuild(connection, precomputed: precomputed, dataVersion: dataVersion)
  }

  /// The graph's figures as stored.
  func graphFigures() throws -> GraphBuilder.Result {
    GraphBuilder.Result(
      units: try connection.scalarInt("SELECT count(*) FROM levels") ?? 0,
      edges: try connection.scalarInt("SELECT count(*) FROM dependencies") ?? 0,
      cycles: try connection.scalarInt("SELECT count(DISTINCT component) FROM levels WHERE component_size > 1") ?? 0,
      maxLevel: try connection.scalarInt("SELECT max(level) FROM levels") ?? 0)
  }

  /// Has the log copied into the database by the copier's connection now, while this one goes on.
  func copyLog() {
    copier?.copyNow()
  }

  /// Stores the run's report with its provenance row.
  func finish(report: String) throws {
    try ProvenanceLog.finish(connection, id: provenanceID, report: report)
    // The final checkpoint cannot run beside another connection's.
    copier?.finish()
    try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  }
}
