import Storage

/// A second connection to the database, on a thread of its own, for work that reads while the
/// writer writes: when ingestion ends, the name indexes and then the graph keep the writer's thread
/// busy for seconds, so one computes the graph from the ingested symbols (`GraphBuilder.compute`)
/// while the writer builds the name indexes, for the writer to store. (The log is meanwhile copied
/// by `LogCopier`.)
actor SideConnection {
  private let path: String
  private let executor = DedicatedThreadExecutor(name: "herald-side")

  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

  init(path: String) {
    self.path = path
  }

  /// The graph computed from the symbols as they are now, or nil if anything failed (the writer
  /// then computes it itself).
  func computeGraph() -> GraphBuilder.Computed? {
    guard let connection = try? HeraldDatabase.openExisting(path: path) else { return nil }
    try? connection.execute("PRAGMA cache_size = -4096")
    return try? connection.readTransaction { try GraphBuilder.compute(connection) }
  }
}
