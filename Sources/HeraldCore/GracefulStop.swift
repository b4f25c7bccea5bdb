import Synchronization

/// Whether an interrupt (Ctrl-C) should let the running work stop by itself rather than end the
/// process at once: true while some stage keeps results in memory that it writes when it is
/// cancelled (the translate stage's batches). Elsewhere work is committed as it goes and an
/// interrupt ends herald immediately.
public enum GracefulStop {
  private static let depth = Atomic<Int>(0)

  /// Whether some stage is running inside `during`.
  public static var isWanted: Bool { depth.load(ordering: .acquiring) > 0 }

  /// Runs `body` with graceful stopping wanted.
  public static func during<T>(_ body: () async throws -> T) async rethrows -> T {
    depth.add(1, ordering: .acquiringAndReleasing)
    defer { depth.subtract(1, ordering: .acquiringAndReleasing) }
    return try await body()
  }
}
