/// Hands out translation jobs in dependency order: a job becomes ready as soon as every job it
/// depends on has an outcome (translated, abstained or failed), not when a whole level is done.
///
/// A job is one strongly connected component of the graph (usually a single declaration; a
/// `mutual` block is one job, translated as a group). Dependencies on jobs outside the schedule
/// (already translated, filtered out, or in another shard) count as satisfied.
public struct DataflowScheduler: Sendable {
  /// One unit of scheduling.
  public struct Job: Sendable, Hashable {
    /// The component's id (its smallest symbol id, as in `levels.component`).
    public var component: Int
    /// The graph units (symbol ids) translated together.
    public var members: [Int]

    /// Creates a job.
    public init(component: Int, members: [Int]) {
      self.component = component
      self.members = members
    }
  }

  private var jobsByComponent: [Int: Job] = [:]
  private var waitingOn: [Int: Int] = [:]
  private var dependents: [Int: [Int]] = [:]
  private var ready: [Int] = []
  private var readHead = 0
  private var handedOut: Set<Int> = []
  private var finished: Set<Int> = []

  /// Builds the schedule from units, their components and unit-level edges (source depends on
  /// target). Edges inside a component are ignored; units not in `units` are outside.
  public init(units: [Int], componentOf: [Int: Int], edges: [(source: Int, target: Int)]) {
    var members: [Int: [Int]] = [:]
    for unit in units { members[componentOf[unit] ?? unit, default: []].append(unit) }
    for (component, list) in members { jobsByComponent[component] = Job(component: component, members: list.sorted()) }
    var needs: [Int: Set<Int>] = [:]
    for edge in edges {
      guard let source = componentOf[edge.source] ?? (jobsByComponent[edge.source] != nil ? edge.source : nil),
        let target = componentOf[edge.target] ?? (jobsByComponent[edge.target] != nil ? edge.target : nil),
        source != target, jobsByComponent[source] != nil, jobsByComponent[target] != nil
      else { continue }
      needs[source, default: []].insert(target)
    }
    for (source, targets) in needs {
      waitingOn[source] = targets.count
      for target in targets { dependents[target, default: []].append(source) }
    }
    // Smallest component first among the initially ready: deterministic runs.
    ready = jobsByComponent.keys.filter { (waitingOn[$0] ?? 0) == 0 }.sorted()
  }

  /// Jobs in the schedule.
  public var count: Int { jobsByComponent.count }

  /// Every job, in no particular order.
  public var jobs: [Job] { Array(jobsByComponent.values) }

  /// Jobs whose outcome is recorded.
  public var finishedCount: Int { finished.count }

  /// Whether every job has an outcome.
  public var isFinished: Bool { finished.count == jobsByComponent.count }

  /// Whether some job is ready and not yet handed out.
  public var hasReady: Bool { readHead < ready.count }

  /// The next ready job, or `nil` when every remaining job waits on one in flight.
  public mutating func next() -> Job? {
    guard readHead < ready.count else { return nil }
    let component = ready[readHead]
    readHead += 1
    handedOut.insert(component)
    return jobsByComponent[component]
  }

  /// Records that `job` has an outcome, releasing the jobs that waited only on it.
  public mutating func complete(_ job: Job) {
    guard handedOut.contains(job.component), finished.insert(job.component).inserted else { return }
    for dependent in dependents[job.component] ?? [] {
      let remaining = (waitingOn[dependent] ?? 1) - 1
      waitingOn[dependent] = remaining
      if remaining == 0 { ready.append(dependent) }
    }
  }
}
