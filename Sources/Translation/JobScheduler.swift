/// Hands out translation jobs and learns when they have outcomes.
public protocol JobScheduler {
  /// The next job that may start now, or nil when every remaining one must wait.
  mutating func next() -> DataflowScheduler.Job?
  /// Records that `job` has an outcome.
  mutating func complete(_ job: DataflowScheduler.Job)
}

extension DataflowScheduler: JobScheduler {}

/// How a run orders its jobs.
public enum SchedulingMode: Sendable, Hashable, CustomStringConvertible {
  /// A job starts as soon as its dependencies have outcomes (herald's way).
  case dataflow
  /// Level by level in batches, each batch finished before the next starts (LeanSearch's way);
  /// kept for comparison in `scripts/bench translate`.
  case levelBarrier(batch: Int)

  /// Parses `dataflow` or `levels[:BATCH]`.
  public init?(_ text: String) {
    if text == "dataflow" {
      self = .dataflow
    } else if text == "levels" {
      self = .levelBarrier(batch: 50)
    } else if text.hasPrefix("levels:"), let batch = Int(text.dropFirst("levels:".count)), batch > 0 {
      self = .levelBarrier(batch: batch)
    } else {
      return nil
    }
  }

  public var description: String {
    switch self {
    case .dataflow: return "dataflow"
    case .levelBarrier(let batch): return "levels:\(batch)"
    }
  }
}

/// LeanSearch's order: all jobs of level 0 in batches of `batch`, waiting for each batch to
/// finish, then level 1, and so on. Correct (a level's dependencies are all on lower levels)
/// but idle while a batch's slowest answer is awaited.
public struct LevelBarrierScheduler: JobScheduler {
  private var batches: [[DataflowScheduler.Job]] = []
  private var batchIndex = 0
  private var handed = 0
  private var open = 0

  /// Jobs with their levels, cut into batches of at most `batch` jobs within each level.
  public init(jobs: [(job: DataflowScheduler.Job, level: Int)], batch: Int) {
    let byLevel = Dictionary(grouping: jobs, by: \.level)
    for level in byLevel.keys.sorted() {
      let ordered = (byLevel[level] ?? []).map(\.job).sorted { $0.component < $1.component }
      var start = 0
      while start < ordered.count {
        batches.append(Array(ordered[start..<min(ordered.count, start + max(1, batch))]))
        start += max(1, batch)
      }
    }
  }

  public mutating func next() -> DataflowScheduler.Job? {
    while batchIndex < batches.count {
      if handed < batches[batchIndex].count {
        handed += 1
        open += 1
        return batches[batchIndex][handed - 1]
      }
      // The batch is handed out; the next one waits until all of it is done.
      guard open == 0 else { return nil }
      batchIndex += 1
      handed = 0
    }
    return nil
  }

  public mutating func complete(_ job: DataflowScheduler.Job) {
    open -= 1
  }
}
