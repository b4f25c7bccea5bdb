import Foundation
import ProcessRunner

/// A bounded pool of Lean REPL processes that checks Lean text, elaborating each header once
/// per worker and reusing its environment for every later check with that header.
///
/// Scheduling: a check goes to an idle worker that already has its header's environment, else
/// to an idle worker (one already running first) that elaborates the header, else it waits. A
/// worker that comes free takes the oldest waiting check whose header it has among the next
/// few, else the oldest; a check passed over `workers` times is taken next whatever its header,
/// so waiting is fair. At most `workers` processes run, started lazily.
///
/// Failures: a body past `commandTimeout` kills the worker's process group (`timeout`; the
/// worker restarts lazily). A process that ends gives `crashed` with its exit status or signal
/// and stderr tail, and is not retried (a stack overflow would only repeat). Output that is not
/// a reply kills the worker and gives `repl_error` (the process may be alive, but the protocol
/// is broken and Lean gave no verdict). `Unknown environment.` for an env the worker made means
/// the process lost its state: it is restarted and the check retried once. A header whose reply
/// has error messages is remembered: every check with it gets `repl_error` with the header's
/// messages at once, without sending it again; a header that times out or crashes twice is
/// remembered the same way. A missing project folder or REPL program, or a REPL that twice dies
/// before its first answer, is a setup failure: every later check gets `repl_error` naming the
/// setting to fix, without starting anything.
///
/// Recycling: a worker is restarted after `maxCommandsPerWorker` commands (headers included) or
/// when its process tree's resident memory passes `maxResidentBytes` (read from /proc after
/// every command).
///
/// Cancellation: cancelling the task of a `check` kills that worker's process (a pending
/// command cannot be interrupted otherwise) or takes the check out of the queue, and returns
/// `not_run` with the detail "cancelled" at once. Processes are in process groups of their own,
/// registered so herald's interrupt handler and its exit kill them; `shutdown()` kills them all.
public actor REPLPool {
  public let configuration: REPLConfiguration
  /// What the pool did so far.
  public internal(set) var statistics = REPLPoolStatistics()

  /// One worker slot: at most one process at a time, and the header environments it holds.
  final class Worker {
    let index: Int
    var process: REPLProcess?
    /// Header → env id in the current process.
    var environments: [String: Int] = [:]
    /// Commands sent to the current process.
    var commands = 0
    /// Whether the current process has answered anything yet.
    var answered = false
    var busy = false

    init(index: Int) {
      self.index = index
    }
  }

  /// A check waiting for a worker.
  private struct Waiter {
    var id: Int
    var header: String
    var continuation: CheckedContinuation<Int?, Never>
    var passedOver = 0
  }

  /// A check waiting for a header's first elaboration to end.
  private struct GateWaiter {
    var id: Int
    var continuation: CheckedContinuation<Void, Never>
  }

  /// A header that failed to elaborate, and what every check with it gets.
  struct FailedHeader {
    var messages: [LeanMessage]
    var detail: String
  }

  var workers: [Worker]
  private var waiters: [Waiter] = []
  private var nextWaiterID = 0
  var failedHeaders: [String: FailedHeader] = [:]
  /// Headers that elaborated without errors somewhere: from then on workers elaborate them in
  /// parallel. Until then one elaboration runs at a time, so a failing header is sent once.
  var provenHeaders: Set<String> = []
  /// Headers in their first elaboration, with the checks waiting for its end.
  private var headerGates: [String: [GateWaiter]] = [:]
  /// Timeouts and crashes while elaborating each header.
  var headerTroubles: [String: Int] = [:]
  /// Why nothing can run (no project, no program); set once, answered to every check.
  var setupFailure: String?
  /// Processes in a row that ended before their first answer.
  var startupDeaths = 0
  var isShutDown = false

  public init(_ configuration: REPLConfiguration) {
    var configuration = configuration
    configuration.workers = max(1, configuration.workers)
    self.configuration = configuration
    workers = (0..<configuration.workers).map(Worker.init)
    statistics.headerElaborationsPerWorker = Array(repeating: 0, count: configuration.workers)
  }

  /// Compiles `check` and returns the verdict; never throws. See the type's notes for outcomes.
  public func check(_ check: LeanCheck) async -> CheckResult {
    let started = PipedProcess.now()
    statistics.checks += 1
    var result = await schedule(check)
    result.seconds = PipedProcess.now() - started
    statistics.outcomes[result.outcome.rawValue, default: 0] += 1
    return result
  }

  /// Kills every worker's process group and answers every waiting check `not_run`; later
  /// checks are `not_run` too. Safe to call more than once.
  public func shutdown() async {
    isShutDown = true
    for worker in workers {
      worker.process?.retire()
      worker.process = nil
      worker.environments = [:]
    }
    let waiting = waiters
    waiters = []
    for waiter in waiting { waiter.continuation.resume(returning: nil) }
    for header in Array(headerGates.keys) { openGate(header) }
  }

  /// Finds a worker for `check`, runs it there and frees the worker.
  private func schedule(_ check: LeanCheck) async -> CheckResult {
    if let early = answerWithoutRunning(check) { return early }
    if !provenHeaders.contains(check.header) {
      guard await passGate(check.header) else { return Self.cancelledResult }
      if let early = answerWithoutRunning(check) { return early }
    }
    guard let index = await acquire(header: configuration.freshProcessPerCheck ? "" : check.header) else {
      return isShutDown ? Self.shutDownResult : Self.cancelledResult
    }
    let worker = workers[index]
    let result: CheckResult
    if let early = answerWithoutRunning(check) {
      result = early
    } else if configuration.freshProcessPerCheck {
      result = await runFresh(check, on: worker)
    } else {
      result = await run(check, on: worker)
    }
    release(index)
    return result
  }

  /// The answer for checks that cannot run: shut down, cancelled, a setup failure, or a header
  /// known to fail.
  func answerWithoutRunning(_ check: LeanCheck) -> CheckResult? {
    if isShutDown { return Self.shutDownResult }
    if Task.isCancelled { return Self.cancelledResult }
    if let setupFailure { return CheckResult(outcome: .replError, detail: setupFailure, mode: check.mode) }
    if let failed = failedHeaders[check.header] {
      return CheckResult(
        outcome: .replError, messages: Self.placeHeaderMessages(failed.messages, in: check), detail: failed.detail,
        mode: check.mode)
    }
    return nil
  }

  static let cancelledResult = CheckResult.notRun(reason: "cancelled before the REPL answered")
  static let shutDownResult = CheckResult.notRun(reason: "the REPL pool was shut down")

  /// Header messages moved to the header's lines in the check's own text.
  static func placeHeaderMessages(_ messages: [LeanMessage], in check: LeanCheck) -> [LeanMessage] {
    messages.map { message in
      guard message.line >= 1, message.line <= check.headerSourceLines.count else { return message }
      return message.shifted(by: check.headerSourceLines[message.line - 1] - message.line)
    }
  }

  // MARK: Scheduling

  /// Waits while `header` is in its first elaboration elsewhere; false when cancelled.
  func passGate(_ header: String) async -> Bool {
    while !provenHeaders.contains(header), headerGates[header] != nil {
      let id = nextWaiterID
      nextWaiterID += 1
      await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
          headerGates[header, default: []].append(GateWaiter(id: id, continuation: continuation))
        }
      } onCancel: {
        Task { await self.leaveGate(header, id) }
      }
      if Task.isCancelled { return false }
    }
    return true
  }

  /// Marks `header` as in its first elaboration, if it is not proven; returns whether it did
  /// (the caller then opens the gate when the elaboration ends).
  func closeGate(_ header: String) -> Bool {
    guard !provenHeaders.contains(header), headerGates[header] == nil else { return false }
    headerGates[header] = []
    return true
  }

  /// Ends a header's first elaboration, letting its waiting checks go on.
  func openGate(_ header: String) {
    for waiter in headerGates.removeValue(forKey: header) ?? [] { waiter.continuation.resume() }
  }

  /// Lets a cancelled check stop waiting for a header.
  private func leaveGate(_ header: String, _ id: Int) {
    guard let position = headerGates[header]?.firstIndex(where: { $0.id == id }) else { return }
    headerGates[header]?.remove(at: position).continuation.resume()
  }

  /// An idle worker for `header`, waiting for one if all are busy; nil when cancelled or shut down.
  private func acquire(header: String) async -> Int? {
    if let index = idleWorker(for: header) {
      workers[index].busy = true
      return index
    }
    let id = nextWaiterID
    nextWaiterID += 1
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        waiters.append(Waiter(id: id, header: header, continuation: continuation))
      }
    } onCancel: {
      Task { await self.withdraw(id) }
    }
  }

  /// Takes a cancelled check out of the queue.
  private func withdraw(_ id: Int) {
    guard let position = waiters.firstIndex(where: { $0.id == id }) else { return }
    waiters.remove(at: position).continuation.resume(returning: nil)
  }

  /// The idle worker best placed for `header`: one holding its environment, else one running,
  /// else any.
  private func idleWorker(for header: String) -> Int? {
    let idle = workers.filter { !$0.busy }
    let chosen =
      idle.first { $0.environments[header] != nil } ?? idle.first { $0.process != nil } ?? idle.first
    return chosen?.index
  }

  /// Frees a worker, handing it straight to a waiting check if there is one.
  private func release(_ index: Int) {
    let worker = workers[index]
    worker.busy = false
    guard !waiters.isEmpty else { return }
    var chosen = 0
    if waiters[0].passedOver < configuration.workers {
      let window = waiters.prefix(2 * configuration.workers + 2)
      chosen = window.firstIndex { worker.environments[$0.header] != nil } ?? 0
    }
    for position in 0..<chosen { waiters[position].passedOver += 1 }
    let waiter = waiters.remove(at: chosen)
    worker.busy = true
    waiter.continuation.resume(returning: index)
  }
}
