import Storage

/// Copies the write-ahead log into the database from a connection and a thread of its own, while
/// the writer goes on.
///
/// Started when ingestion ends: the name indexes and the graph pass then keep the writer's thread
/// busy for seconds with the other core idle, and the log holds up to a gigabyte of ingested pages
/// that the run's last checkpoint would otherwise copy alone at the very end. A passive checkpoint
/// waits for nobody and never blocks the writer; whatever it leaves (the graph's own pages, or all
/// of it if it fails) the final checkpoint copies.
actor WALCheckpointer {
  private let path: String
  private let executor = DedicatedThreadExecutor(name: "herald-checkpoint")

  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

  init(path: String) {
    self.path = path
  }

  /// Checkpoints what the log holds now; failures are left to the final checkpoint.
  func checkpoint() {
    guard let connection = try? HeraldDatabase.openExisting(path: path) else { return }
    try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
  }
}
