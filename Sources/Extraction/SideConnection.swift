import Storage

/// A second connection to the database, on a thread of its own, for work that reads while the
/// writer writes. Extract starts two when ingestion ends, since the name indexes and the graph
/// then keep the writer's thread busy for seconds with the other core idle:
///
/// - one copies the write-ahead log into the database (a passive checkpoint waits for nobody and
///   never blocks the writer): the log holds up to a gigabyte of ingested pages that the run's
///   last checkpoint would otherwise copy alone at the very end; whatever it leaves (the graph's
///   own pages, or all of it if it fails) the final checkpoint copies;
/// - the other computes the graph from the ingested symbols (`GraphBuilder.compute`) while the
///   writer builds the name indexes, for the writer to store.
actor SideConnection {
  private let path: String
  private let executor = DedicatedThreadExecutor(name: "herald-side")

  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

  init(path: String) {
    self.path = path
  }

  /// Checkpoints what the log holds now; failures are left to the final checkpoint.
  func checkpoint() {
    guard let connection = try? HeraldDatabase.openExisting(path: path) else { return }
    try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
  }

  /// The graph computed from the symbols as they are now, or nil if anything failed (the writer
  /// then computes it itself).
  func computeGraph() -> GraphBuilder.Computed? {
    guard let connection = try? HeraldDatabase.openExisting(path: path) else { return nil }
    try? connection.execute("PRAGMA cache_size = -4096")
    return try? connection.readTransaction { try GraphBuilder.compute(connection) }
  }
}
