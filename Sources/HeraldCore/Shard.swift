/// One of N disjoint slices of a database's work, so N machines (a Slurm array, say) can
/// translate one database together: `--shard I/N` takes the components whose representative
/// name hashes to I modulo N, with a hash that is the same on every machine and every run.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// Which slice, from 0 to `count - 1` (as `SLURM_ARRAY_TASK_ID` with `--array=0-<N-1>`).
  public var index: Int
  /// How many slices.
  public var count: Int

  /// The slice `index` of `count`.
  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `I/N` with `0 ≤ I < N`; nil when malformed.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0,
      index < count
    else { return nil }
    self.init(index: index, count: count)
  }

  /// Whether the unit named `name` (a component's representative) belongs to this slice.
  public func contains(_ name: String) -> Bool {
    Int(StableHash.fnv1a64(name) % UInt64(count)) == index
  }

  public var description: String { "\(index)/\(count)" }
}
