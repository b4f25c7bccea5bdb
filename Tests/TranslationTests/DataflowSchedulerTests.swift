import Testing

@testable import Translation

/// Dataflow order: nothing is handed out before its dependencies have outcomes, a cycle is one
/// job, and work starts before a whole level is done.
@Suite struct DataflowSchedulerTests {
  private func drain(_ scheduler: inout DataflowScheduler) -> [[Int]] {
    var order: [[Int]] = []
    while let job = scheduler.next() {
      order.append(job.members)
      scheduler.complete(job)
    }
    return order
  }

  @Test func neverHandsOutAJobBeforeItsDependencies() {
    // 4 → 2 → 1, 3 → 1, 4 → 3
    var scheduler = DataflowScheduler(
      units: [1, 2, 3, 4], componentOf: [:], edges: [(4, 2), (2, 1), (3, 1), (4, 3)])
    var done: Set<Int> = []
    let dependencies: [Int: [Int]] = [4: [2, 3], 2: [1], 3: [1]]
    while let job = scheduler.next() {
      for member in job.members {
        #expect(dependencies[member, default: []].allSatisfy { done.contains($0) })
      }
      done.formUnion(job.members)
      scheduler.complete(job)
    }
    #expect(scheduler.isFinished)
    #expect(done == [1, 2, 3, 4])
  }

  @Test func aCycleIsOneJobAndDoesNotStallItsDependents() {
    // 10 ↔ 11 (component 10), 12 depends on 11, 11 depends on 13
    var scheduler = DataflowScheduler(
      units: [10, 11, 12, 13], componentOf: [10: 10, 11: 10, 12: 12, 13: 13],
      edges: [(10, 11), (11, 10), (12, 11), (11, 13)])
    #expect(scheduler.count == 3)
    #expect(drain(&scheduler) == [[13], [10, 11], [12]])
    #expect(scheduler.isFinished)
  }

  @Test func readyWorkIsNotHeldBackByALevelBarrier() {
    // A slow job at level 0 (1) must not block 3, whose only dependency (2) is done.
    var scheduler = DataflowScheduler(units: [1, 2, 3], componentOf: [:], edges: [(3, 2)])
    let first = scheduler.next()
    let second = scheduler.next()
    #expect(first?.members == [1])
    #expect(second?.members == [2])
    #expect(scheduler.next() == nil)
    scheduler.complete(second!)
    #expect(scheduler.next()?.members == [3])
    #expect(!scheduler.isFinished)
  }

  @Test func dependenciesOutsideTheScheduleCountAsSatisfied() {
    var scheduler = DataflowScheduler(units: [5], componentOf: [:], edges: [(5, 99)])
    #expect(scheduler.next()?.members == [5])
  }

  @Test func completingAJobTwiceOrOneNotHandedOutChangesNothing() {
    var scheduler = DataflowScheduler(units: [1, 2], componentOf: [:], edges: [(2, 1)])
    let stranger = DataflowScheduler.Job(component: 2, members: [2])
    scheduler.complete(stranger)
    #expect(scheduler.finishedCount == 0)
    let job = scheduler.next()!
    scheduler.complete(job)
    scheduler.complete(job)
    #expect(scheduler.finishedCount == 1)
  }

  @Test func levelBarriersWaitForTheWholeBatchThenGoLevelByLevel() {
    func job(_ id: Int) -> DataflowScheduler.Job { DataflowScheduler.Job(component: id, members: [id]) }
    var scheduler = LevelBarrierScheduler(
      jobs: [(job(1), 0), (job(2), 0), (job(3), 0), (job(4), 1)], batch: 2)
    let first = [scheduler.next(), scheduler.next()].compactMap { $0?.component }
    #expect(first == [1, 2])
    #expect(scheduler.next() == nil)
    scheduler.complete(job(1))
    #expect(scheduler.next() == nil, "the batch is not finished")
    scheduler.complete(job(2))
    #expect(scheduler.next()?.component == 3)
    #expect(scheduler.next() == nil, "level 1 waits for level 0")
    scheduler.complete(job(3))
    #expect(scheduler.next()?.component == 4)
    scheduler.complete(job(4))
    #expect(scheduler.next() == nil)
    #expect(SchedulingMode("levels:7") == .levelBarrier(batch: 7))
    #expect(SchedulingMode("levels") == .levelBarrier(batch: 50))
    #expect(SchedulingMode("dataflow") == .dataflow)
    #expect(SchedulingMode("levels:0") == nil && SchedulingMode("fast") == nil)
  }
}
