import Testing

@testable import HeraldCLI

/// Progress in plain, live and silent modes, driven by a fake clock.
struct ProgressDisplayTests {
  let output = MemorySink()
  let error = MemorySink()
  let clock = FakeClock()
  let erase = "\r\u{1B}[2K"

  /// A display over memory sinks and the fake clock, without heartbeat.
  private func display(terminal: Bool, quiet: Bool = false, columns: Int = 100) -> ProgressDisplay {
    let console = Console(
      output: output, error: error, errorIsTerminal: terminal, quiet: quiet,
      terminalColumns: { columns })
    return ProgressDisplay(console: console, heartbeatInterval: nil, clock: clock.reading)
  }

  @Test func choosesModeFromConsole() {
    #expect(display(terminal: true).mode == .live)
    #expect(display(terminal: false).mode == .plain)
    #expect(display(terminal: true, quiet: true).mode == .silent)
  }

  @Test func plainModePrintsEveryIntervalAndAtTheEnd() {
    let progress = display(terminal: false)
    progress.start(total: 10, label: "extract")
    clock.set(1)
    progress.advance(item: "A")
    #expect(error.text.isEmpty)
    clock.set(5)
    progress.advance(item: "B")
    clock.set(6)
    progress.advance(item: "C")
    clock.set(10.5)
    progress.advance(by: 2)
    clock.set(12)
    progress.finish()
    #expect(
      error.lines == [
        "extract 2/10 (20%) 0.4/s ETA 20.0s  B",
        "extract 5/10 (50%) 0.5/s ETA 10.5s  C",
        "extract 5/10 (50%) in 12.0s, 0.4/s",
      ])
    #expect(!error.text.contains("\u{1B}"))
    #expect(output.text.isEmpty)
  }

  @Test func plainIntervalIsConfigurable() {
    let console = Console(output: output, error: error)
    let progress = ProgressDisplay(
      console: console, plainInterval: 1, heartbeatInterval: nil, clock: clock.reading)
    progress.start(total: 4, label: "graph")
    for second in 1...3 {
      clock.set(Double(second))
      progress.advance()
    }
    #expect(error.lines.count == 3)
  }

  @Test func quietConsoleShowsNothingButLogStillPrints() {
    let progress = display(terminal: true, quiet: true)
    progress.start(total: 3, label: "extract")
    clock.set(10)
    progress.advance(by: 3)
    progress.finish()
    #expect(error.text.isEmpty)
    progress.log("failed: Mathlib.Foo")
    #expect(error.text == "failed: Mathlib.Foo\n")
  }

  @Test func liveModeRedrawsOneLineAtMostTenTimesASecond() {
    let progress = display(terminal: true)
    progress.start(total: 100, label: "extract")
    #expect(error.text == erase + "extract 0/100 (0%)")
    clock.set(0.05)
    progress.advance(item: "A")
    #expect(error.text == erase + "extract 0/100 (0%)", "redrawn sooner than 0.1 s")
    clock.set(0.2)
    progress.advance(item: "B")
    #expect(error.text.hasSuffix(erase + "extract 2/100 (2%) 10.0/s ETA 9.8s  B"))
    #expect(!error.text.contains("\n"))
  }

  @Test func liveLineFitsTerminalWidth() {
    let progress = display(terminal: true, columns: 50)
    progress.start(total: 100, label: "extract")
    clock.set(1)
    progress.advance(item: "Mathlib.Algebra.Category.ModuleCat.Monoidal.Closed")
    let drawn = error.text.components(separatedBy: erase).last!
    #expect(drawn.count == 49)
    #expect(drawn.hasSuffix("Closed"))
  }

  @Test func liveFinishErasesLineAndPrintsSummary() {
    let progress = display(terminal: true)
    progress.start(total: 2, label: "extract")
    clock.set(4)
    progress.advance(by: 2)
    progress.finish()
    #expect(error.text.hasSuffix(erase + "extract 2/2 (100%) in 4.0s, 0.5/s\n"))
    progress.finish()
    #expect(error.text.components(separatedBy: "in 4.0s").count == 2, "second finish printed again")
  }

  @Test func logLiftsTheLiveLine() {
    let progress = display(terminal: true)
    progress.start(total: 5, label: "extract")
    progress.log("warning: skipped Foo")
    #expect(
      error.text == erase + "extract 0/5 (0%)" + erase + "warning: skipped Foo\n" + "extract 0/5 (0%)")
  }

  @Test func ignoresAdvanceOutsideABatch() {
    let progress = display(terminal: false)
    progress.advance(by: 5)
    progress.start(total: 2, label: "x")
    clock.set(1)
    progress.finish()
    progress.advance(by: 5)
    #expect(error.lines == ["x 0/2 (0%) in 1.0s, 0.0/s"])
  }

  @Test func progressSinkEntryPointCountsOneItem() {
    let progress = display(terminal: false)
    progress.start(total: 3, label: "extract")
    clock.set(6)
    progress.advance(item: "Mathlib.Logic.Basic")
    progress.finish()
    #expect(
      error.lines == [
        "extract 1/3 (33%) 0.2/s ETA 12.0s  Mathlib.Logic.Basic", "extract 1/3 (33%) in 6.0s, 0.2/s",
      ])
  }

  @Test func setTotalChangesTheDenominator() {
    let progress = display(terminal: false)
    progress.start(total: 0, label: "scan")
    clock.set(2)
    progress.advance(by: 4)
    progress.setTotal(8)
    progress.finish()
    #expect(error.lines == ["scan 4/8 (50%) in 2.0s, 2.0/s"])
  }

  @Test func countsExactlyUnderConcurrentAdvances() async {
    let progress = display(terminal: true)
    progress.start(total: 8000, label: "extract")
    await withTaskGroup(of: Void.self) { group in
      for worker in 0..<8 {
        group.addTask {
          for index in 0..<1000 { progress.advance(item: "w\(worker)-\(index)") }
        }
      }
    }
    clock.set(8)
    progress.finish()
    #expect(error.text.hasSuffix("extract 8000/8000 (100%) in 8.0s, 1.0k/s\n"))
  }

  @Test func heartbeatRedrawsWithoutProgress() async throws {
    let console = Console(output: output, error: error, errorIsTerminal: true)
    let progress = ProgressDisplay(console: console, heartbeatInterval: 0.02, clock: clock.reading)
    progress.start(total: 10, label: "extract")
    clock.set(3)
    for _ in 0..<200 where !error.text.contains("0/10 (0%) 0.0/s") {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(error.text.hasSuffix(erase + "extract 0/10 (0%) 0.0/s"))
    progress.finish()
  }
}
