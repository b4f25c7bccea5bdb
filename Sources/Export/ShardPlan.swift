/// How many files each split gets and which translated declarations go to which file.
///
/// Shards are contiguous runs of the stable order (module, source order, name), sized from the
/// count of translated declarations per split before any record is built, so the same database
/// always gives the same files. A declaration left out still takes its place in the run, which
/// keeps the cut independent of what is left out; files that end up empty are not written.
/// Without counts (one shard per split) every declaration goes to shard 0.
struct ShardPlan: Sendable {
  private var perShard: [DatasetSplit: Int] = [:]
  private var seen: [DatasetSplit: Int] = [:]
  /// Shards planned per split.
  private(set) var shardCount: [DatasetSplit: Int] = [:]

  /// A plan for `translated` declarations per module, at most `shards` files per split.
  init(translated: [String: Int], assignment: SplitAssignment, shards: Int) {
    var totals: [DatasetSplit: Int] = [:]
    for (module, count) in translated { totals[assignment.split(of: module), default: 0] += count }
    for (split, total) in totals where total > 0 {
      let count = min(max(1, shards), total)
      shardCount[split] = count
      perShard[split] = (total + count - 1) / count
    }
  }

  /// The shard of the next translated declaration of `split` (call once per declaration, in order).
  mutating func next(in split: DatasetSplit) -> Int {
    let position = seen[split, default: 0]
    seen[split] = position + 1
    let count = shardCount[split] ?? 1
    return min(position / max(1, perShard[split] ?? 1), count - 1)
  }
}
