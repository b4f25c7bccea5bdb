import Foundation
import Testing

@testable import LeanREPL

/// The pool against real `fake-repl` processes: header reuse, recycling, every failure path,
/// cancellation and setup errors.
@Suite struct REPLPoolTests {
  private typealias Support = FakeREPLSupport

  /// A log file in a new folder and the fake's arguments to append to it.
  private func logged(_ extra: [String] = [], label: String = #function) -> (path: String, arguments: [String]) {
    let path = Support.temporaryDirectory(label).appendingPathComponent("requests.log").path
    return (path, ["--log", path] + extra)
  }

  /// Whether `pid` is gone, waiting up to 5 s for it to be reaped.
  private func gone(_ pid: String) async -> Bool {
    guard let id = pid_t(pid) else { return false }
    for _ in 0..<250 {
      if kill(id, 0) != 0 && errno == ESRCH { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return false
  }

  @Test func aHeaderIsElaboratedOncePerWorkerAndReusedByEveryCheck() async {
    let log = logged()
    let pool = REPLPool(Support.configuration(log.arguments))
    let texts = [
      "import A\ntheorem a1 : True := trivial", "import B\ntheorem b1 : True := trivial",
      "-- same header, other layout\nimport  A\n\ntheorem a2 : True := trivial", "import B\ndef b2 := 2",
      "import A\ndef a3 := 3",
    ]
    for text in texts {
      #expect(await pool.check(LeanCheck(text: text)).outcome == .ok)
    }
    let entries = Support.logEntries(log.path)
    #expect(Set(entries.map(\.pid)).count == 1)
    #expect(entries.filter { $0.kind == "header" }.count == 2)
    // Every reply makes an env: A's header is env 0, B's is env 2 (after A's first body).
    #expect(entries.filter { $0.kind == "body" }.map(\.env) == ["0", "2", "0", "2", "0"])
    let statistics = await pool.statistics
    #expect(statistics.headerElaborations == 2)
    #expect(statistics.headerElaborationsPerHeader == ["import A": 1, "import B": 1])
    #expect(statistics.commandsSent == 7)
    #expect(statistics.processesStarted == 1)
    await pool.shutdown()
  }

  @Test func concurrentChecksUseAllWorkersEachElaboratingTheHeaderOnce() async {
    let log = logged(["--latency-ms", "20"])
    let pool = REPLPool(Support.configuration(log.arguments, workers: 3))
    let results = await withTaskGroup(of: CheckResult.self) { group in
      for index in 0..<24 {
        group.addTask { await pool.check(LeanCheck(text: "import Mathlib\ntheorem t\(index) : True := trivial")) }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.allSatisfy { $0.outcome == .ok && $0.passed })
    let entries = Support.logEntries(log.path)
    let pids = Set(entries.map(\.pid))
    #expect(pids.count <= 3)
    for pid in pids {
      #expect(entries.filter { $0.pid == pid && $0.kind == "header" }.count == 1)
    }
    let statistics = await pool.statistics
    #expect(statistics.headerElaborations == pids.count)
    #expect(statistics.headerElaborationsPerWorker.allSatisfy { $0 <= 1 })
    #expect(statistics.outcomes == ["ok": 24])
    await pool.shutdown()
  }

  @Test func aFailingHeaderIsSentOnceAndAllItsChecksGetItsError() async {
    let log = logged()
    let pool = REPLPool(Support.configuration(log.arguments, workers: 2))
    let text = "import Missing.Module\nimport Mathlib\n\ntheorem t : True := trivial"
    let results = await withTaskGroup(of: CheckResult.self) { group in
      for _ in 0..<6 { group.addTask { await pool.check(LeanCheck(text: text)) } }
      return await group.reduce(into: []) { $0.append($1) }
    }
    let later = await pool.check(LeanCheck(text: text))
    for result in results + [later] {
      #expect(result.outcome == .replError && !result.passed)
      #expect(result.detail?.contains("unknown module prefix 'Missing'") == true)
      #expect(result.messages.first?.line == 1)
    }
    #expect(Support.logEntries(log.path).filter { $0.kind == "header" }.count == 1)
    #expect(await pool.statistics.failedHeaders == 1)
    // Other headers are unaffected.
    #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef x := 1")).outcome == .ok)
    await pool.shutdown()
  }

  @Test func aTimeoutKillsTheWorkerAndTheNextCheckRunsOnANewOne() async {
    let log = logged()
    let pool = REPLPool(Support.configuration(log.arguments, timeout: 0.5))
    let hung = await pool.check(LeanCheck(text: "import Mathlib\ntheorem t : True := by FAKE_HANG"))
    #expect(hung.outcome == .timeout && !hung.passed)
    #expect(hung.detail?.contains("killed") == true)
    let next = await pool.check(LeanCheck(text: "import Mathlib\ntheorem t : True := trivial"))
    #expect(next.outcome == .ok)
    let pids = Support.logEntries(log.path).map(\.pid)
    #expect(Set(pids).count == 2)
    #expect(await gone(pids[0]))
    #expect(await pool.statistics.restarts(.timeout) == 1)
    await pool.shutdown()
  }

  @Test func aCrashIsReportedWithItsStatusAndStderrAndTheWorkerRestarts() async {
    let pool = REPLPool(Support.configuration())
    let crashed = await pool.check(LeanCheck(text: "import Mathlib\ntheorem t : True := by FAKE_CRASH"))
    #expect(crashed.outcome == .crashed && !crashed.passed)
    #expect(crashed.detail?.contains("exit status 134") == true)
    #expect(crashed.detail?.contains("Stack overflow detected") == true)
    #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef x := 1")).outcome == .ok)
    let midAnswer = await pool.check(LeanCheck(text: "import Mathlib\ndef y := FAKE_CRASH_MID_ANSWER sorry"))
    #expect(midAnswer.outcome == .crashed)
    #expect(midAnswer.detail?.contains("SIGKILL") == true)
    #expect(midAnswer.detail?.contains("out of memory") == true)
    #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef z := 1")).outcome == .ok)
    let statistics = await pool.statistics
    #expect(statistics.restarts(.crash) == 2)
    #expect(statistics.processesStarted == 3)
    await pool.shutdown()
  }

  @Test func garbageOnStdoutIsAREPLErrorAndTheWorkerRestarts() async {
    let pool = REPLPool(Support.configuration())
    let garbage = await pool.check(LeanCheck(text: "theorem t : True := by FAKE_GARBAGE"))
    #expect(garbage.outcome == .replError)
    #expect(garbage.detail?.contains("not a reply") == true)
    #expect(garbage.detail?.contains("PANIC at") == true)
    #expect(await pool.check(LeanCheck(text: "def x := 1")).outcome == .ok)
    #expect(await pool.statistics.restarts(.garbage) == 1)
    await pool.shutdown()
  }

  @Test func aWorkerIsRestartedAfterItsShareOfCommands() async {
    let log = logged()
    var configuration = Support.configuration(log.arguments)
    configuration.maxCommandsPerWorker = 3
    let pool = REPLPool(configuration)
    for index in 0..<4 {
      #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef x\(index) := 1")).outcome == .ok)
    }
    // Header, body, body: recycled; header, body, body: recycled again.
    let entries = Support.logEntries(log.path)
    let pids = entries.map(\.pid).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
    #expect(pids.count == 2)
    #expect(entries.map(\.kind) == ["header", "body", "body", "header", "body", "body"])
    let statistics = await pool.statistics
    #expect(statistics.restarts(.commands) == 2)
    #expect(statistics.headerElaborations == 2)
    #expect(await gone(pids[0]))
    await pool.shutdown()
  }

  @Test func aWorkerWhoseMemoryGrowsPastTheLimitIsRestarted() async {
    let log = logged(["--memory-mb", "30"])
    var configuration = Support.configuration(log.arguments)
    configuration.maxResidentBytes = 80 << 20
    let pool = REPLPool(configuration)
    for index in 0..<3 {
      #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef x\(index) := 1")).outcome == .ok)
    }
    // 30 MB per command on about 10 MB: past 80 MB at the third command (header, body, body), not before.
    #expect(await pool.statistics.restarts(.memory) == 1)
    let entries = Support.logEntries(log.path)
    #expect(entries.map(\.kind) == ["header", "body", "body", "header", "body"])
    #expect(Set(entries.map(\.pid)).count == 2)
    await pool.shutdown()
  }

  @Test func anAddressSpaceLimitTurnsRunawayMemoryIntoACrashAndARestart() async {
    var configuration = Support.configuration(["--memory-mb", "25"])
    configuration.addressSpaceLimit = 80 << 20
    let pool = REPLPool(configuration)
    // 25 MB per command on about 16 MB of address space: the header and one body fit in 80 MB,
    // the second body does not.
    #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef a := 1")).outcome == .ok)
    let grown = await pool.check(LeanCheck(text: "import Mathlib\ndef b := 1"))
    #expect(grown.outcome == .crashed)
    #expect(grown.detail?.contains("out of memory") == true)
    #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef c := 1")).outcome == .ok)
    await pool.shutdown()
  }

  @Test func unknownEnvironmentMeansADeadWorkerThatIsRestartedAndTheCheckRetried() async {
    let log = logged(["--forget-envs-after", "2"])
    let pool = REPLPool(Support.configuration(log.arguments))
    #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef a := 1")).outcome == .ok)
    let retried = await pool.check(LeanCheck(text: "import Mathlib\ntheorem b : True := sorry"))
    #expect(retried.outcome == .sorry && retried.passed)
    let statistics = await pool.statistics
    #expect(statistics.restarts(.unknownEnvironment) == 1)
    #expect(statistics.processesStarted == 2)
    #expect(Support.logEntries(log.path).map(\.kind) == ["header", "body", "body", "header", "body"])
    await pool.shutdown()
  }

  @Test(arguments: ["backtick", "straight"])
  func outcomesFollowTheDecisionRuleInBothModes(quote: String) async {
    let pool = REPLPool(Support.configuration(["--sorry-quote", quote], workers: 2))
    let cases: [(String, CompileOutcome, statement: Bool, proof: Bool)] = [
      ("theorem t : True := trivial", .ok, true, true),
      ("theorem t : True := by sorry", .sorry, true, false),
      ("theorem t : False := by FAKE_ERROR", .leanError, false, false),
      ("theorem t : 5 ^ 999999 = 0 := by FAKE_HEARTBEAT", .leanError, false, false),
    ]
    for (body, outcome, statement, proof) in cases {
      let text = "import Mathlib\n" + body
      let asStatement = await pool.check(LeanCheck(text: text, mode: .statement))
      let asProof = await pool.check(LeanCheck(text: text, mode: .proof))
      #expect(asStatement.outcome == outcome && asProof.outcome == outcome, "\(body)")
      #expect(asStatement.passed == statement && asProof.passed == proof, "\(body)")
    }
    let sorry = await pool.check(LeanCheck(text: "theorem t : True := by sorry", mode: .proof))
    #expect(sorry.messages.map(\.isSorryWarning) == [true])
    #expect(sorry.messages.first?.text.contains(quote == "straight" ? "'sorry'" : "`sorry`") == true)
    await pool.shutdown()
  }

  @Test(arguments: ["reverse", "sorted"])
  func nonASCIITextTravelsAsIsAndRepliesAreReadInAnyKeyOrder(order: String) async throws {
    let pool = REPLPool(Support.configuration(["--key-order", order]))
    let result = await pool.check(
      LeanCheck(text: "import Mathlib\n-- ∀ε>0\ntheorem ∀é_ℝ : ∃ x : ℝ, x = 1 := by\n  sorry"))
    #expect(result.outcome == .sorry && result.passed)
    // The name `∀é_ℝ` is four code points (more UTF-8 bytes, more UTF-16 units) on line 3.
    let warning = try #require(result.messages.first)
    #expect(warning.line == 3 && warning.column == 8 && warning.endLine == 3 && warning.endColumn == 12)
    #expect(warning.isSorryWarning)
    await pool.shutdown()
  }

  @Test func positionsPointIntoTheWholeTextWithOrWithoutAHeaderOverride() async throws {
    let rules = try Support.rules(
      #"{"rules": [{"match": "bad_tactic", "action": "error", "line": 3, "column": 2, "end_line": 3, "#
        + #""end_column": 12, "text": "unknown tactic"}]}"#)
    let pool = REPLPool(Support.configuration(["--rules", rules]))
    let text = "import Mathlib.Tactic\n\ntheorem t : 1 = 2 := by\n  bad_tactic"
    for override in [nil, "import Mathlib\nopen Real"] {
      let result = await pool.check(LeanCheck(text: text, headerOverride: override))
      #expect(result.outcome == .leanError)
      let message = try #require(result.messages.first)
      #expect(message.line == 4 && message.column == 2 && message.endLine == 4 && message.endColumn == 12)
      #expect(message.severity == .error && message.text == "unknown tactic")
    }
    await pool.shutdown()
  }

  @Test func aFreshProcessPerCheckGivesTheSameVerdictsAndPositions() async {
    let log = logged()
    var configuration = Support.configuration(log.arguments, workers: 2)
    let pooled = REPLPool(configuration)
    configuration.freshProcessPerCheck = true
    let fresh = REPLPool(configuration)
    let texts = [
      "import Mathlib\nimport Mathlib.Tactic\n\n-- a comment\ntheorem t : True := by\n  sorry",
      "import Mathlib\ntheorem u : True := trivial", "theorem v : True := by sorry",
    ]
    for text in texts {
      let a = await pooled.check(LeanCheck(text: text))
      let b = await fresh.check(LeanCheck(text: text))
      #expect(a.outcome == b.outcome && a.messages == b.messages, "\(text)")
    }
    #expect(await fresh.check(LeanCheck(text: "import Missing.Thing\ndef x := 1")).outcome == .replError)
    let statistics = await fresh.statistics
    #expect(statistics.processesStarted == 4)
    #expect(statistics.headerElaborations == 4)
    await pooled.shutdown()
    await fresh.shutdown()
  }

  /// Starts a check that hangs and waits (boundedly) until its body is with the REPL.
  private func hungCheck(_ pool: REPLPool, log: String, text: String) async -> Task<CheckResult, Never> {
    let task = Task { await pool.check(LeanCheck(text: text)) }
    for _ in 0..<250 where !Support.logEntries(log).contains(where: { $0.kind == "body" }) {
      try? await Task.sleep(for: .milliseconds(20))
    }
    return task
  }

  @Test func cancellingARunningCheckKillsItsWorkerAndReturnsNotRun() async {
    let log = logged()
    let pool = REPLPool(Support.configuration(log.arguments, timeout: 60))
    let task = await hungCheck(pool, log: log.path, text: "import Mathlib\ntheorem t : True := by FAKE_HANG")
    task.cancel()
    let result = await task.value
    #expect(result.outcome == .notRun && !result.passed)
    #expect(result.detail?.contains("cancelled") == true)
    #expect(await gone(Support.logEntries(log.path)[0].pid))
    #expect(await pool.check(LeanCheck(text: "import Mathlib\ndef x := 1")).outcome == .ok)
    #expect(await pool.statistics.restarts(.cancelled) == 1)
    await pool.shutdown()
  }

  @Test func cancellingAWaitingCheckTakesItOutOfTheQueue() async {
    let log = logged()
    let pool = REPLPool(Support.configuration(log.arguments, timeout: 60))
    let running = await hungCheck(pool, log: log.path, text: "theorem t : True := by FAKE_HANG")
    let waiting = Task { await pool.check(LeanCheck(text: "def x := 1")) }
    try? await Task.sleep(for: .milliseconds(50))
    waiting.cancel()
    let result = await waiting.value
    #expect(result.outcome == .notRun && result.detail?.contains("cancelled") == true)
    // The waiting check never reached the REPL.
    #expect(Support.logEntries(log.path).filter { $0.kind == "body" }.count == 1)
    await pool.shutdown()
    #expect(await running.value.outcome == .notRun)
    #expect(await pool.check(LeanCheck(text: "def y := 1")).detail == "the REPL pool was shut down")
  }

  @Test func aMissingProjectFolderIsReportedOnceWithTheSettingToFix() async {
    var configuration = Support.configuration()
    configuration.projectDirectory = "/nonexistent/herald-project-\(UUID().uuidString)"
    let pool = REPLPool(configuration)
    for _ in 0..<3 {
      let result = await pool.check(LeanCheck(text: "def x := 1"))
      #expect(result.outcome == .replError && !result.passed)
      #expect(result.detail?.contains("lean.project") == true)
    }
    #expect(await pool.statistics.processesStarted == 0)
  }

  @Test func aFolderWithoutALakefileIsNotALakeProject() async {
    let pool = REPLPool(
      REPLConfiguration(command: ["lake", "exe", "repl"], projectDirectory: Support.temporaryDirectory().path))
    let result = await pool.check(LeanCheck(text: "def x := 1"))
    #expect(result.outcome == .replError)
    #expect(result.detail?.contains("not a Lake project") == true)
  }

  @Test func aMissingREPLProgramIsReportedOnceWithTheSettingToFix() async {
    var configuration = Support.configuration()
    configuration.command = ["herald-no-such-repl-\(UUID().uuidString)"]
    let pool = REPLPool(configuration)
    for _ in 0..<2 {
      let result = await pool.check(LeanCheck(text: "def x := 1"))
      #expect(result.outcome == .replError)
      #expect(result.detail?.contains("lean.repl") == true)
    }
    #expect(await pool.statistics.processesStarted == 0)
  }

  /// Checks `text` three times: the first two end with `first`, the third is a `repl_error`
  /// naming `remedy` without trying again.
  private func failsTwiceThenGivesUp(
    _ pool: REPLPool, _ text: String, first: CompileOutcome, remedy: String
  ) async {
    for _ in 0..<2 {
      #expect(await pool.check(LeanCheck(text: text)).outcome == first)
    }
    let third = await pool.check(LeanCheck(text: text))
    #expect(third.outcome == .replError)
    #expect(third.detail?.contains(remedy) == true, "\(third.detail ?? "")")
  }

  @Test func aREPLThatDiesBeforeAnsweringTwiceStopsBeingStarted() async {
    var configuration = Support.configuration()
    configuration.command = ["false"]
    let pool = REPLPool(configuration)
    await failsTwiceThenGivesUp(pool, "def x := 1", first: .crashed, remedy: "ended before answering")
    #expect(await pool.statistics.processesStarted == 2)
  }

  @Test func aHeaderThatTimesOutTwiceIsGivenUpWithTheRemedy() async {
    let log = logged(["--header-delay-ms", "5000"])
    var configuration = Support.configuration(log.arguments)
    configuration.headerTimeout = 0.3
    let pool = REPLPool(configuration)
    await failsTwiceThenGivesUp(pool, "import Mathlib\ndef x := 1", first: .timeout, remedy: "lean.header_timeout")
    #expect(Support.logEntries(log.path).filter { $0.kind == "header" }.count == 2)
    // A header-free check still runs.
    #expect(await pool.check(LeanCheck(text: "def y := 1")).outcome == .ok)
    await pool.shutdown()
  }

  @Test func shutdownKillsEveryWorker() async {
    let log = logged()
    let pool = REPLPool(Support.configuration(log.arguments, workers: 2))
    async let first = pool.check(LeanCheck(text: "import A\ndef x := FAKE_SLOW=200"))
    async let second = pool.check(LeanCheck(text: "import B\ndef y := FAKE_SLOW=200"))
    _ = await (first, second)
    await pool.shutdown()
    for pid in Set(Support.logEntries(log.path).map(\.pid)) {
      #expect(await gone(pid))
    }
  }
}
