import Foundation
import Testing

@testable import ProcessRunner

/// Real child processes: exit statuses, signals, time limits that kill the whole group, and
/// markers seen anywhere in standard error.
@Suite struct SubprocessTests {
  private func python(_ code: String, timeout: Double = 30, watch: [String] = []) -> Subprocess.Result {
    Subprocess.runBlocking(["python3", "-c", code], in: nil, environment: nil, timeout: timeout, watch: watch)
  }

  @Test func reportsExitStatusAndStderrTail() {
    let result = python("import sys; sys.stderr.write('first\\nlast line\\n'); sys.exit(3)")
    #expect(result.termination == .exited(3))
    #expect(result.lastLines(2).contains("last line"))
  }

  @Test func aMarkerEarlyInALongStderrIsStillSeen() {
    let result = python(
      "import sys; sys.stderr.write('PANIC at Lean.Elab.Term\\n' + 'warning: unused\\n' * 4000)",
      watch: ["PANIC at", "never printed"])
    #expect(result.termination == .exited(0))
    #expect(!result.stderrTail.contains("PANIC at"))
    #expect(result.seen == ["PANIC at"])
  }

  @Test func aSignalIsReportedAsSuch() {
    let result = python("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)")
    #expect(result.termination == .signaled(SIGSEGV))
  }

  @Test func theTimeLimitKillsTheChildAndItsChildren() throws {
    let marker = FileManager.default.temporaryDirectory.appendingPathComponent("herald-grandchild-\(UUID().uuidString)")
    // The child starts a grandchild that would write a file after 3 s, then hangs itself.
    let code = """
      import subprocess, sys, time
      subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3); open(r"\(marker.path)", "w").write("alive")'])
      time.sleep(60)
      """
    let result = python(code, timeout: 1)
    #expect(result.termination == .timedOut)
    Thread.sleep(forTimeInterval: 3.5)
    #expect(!FileManager.default.fileExists(atPath: marker.path), "the grandchild outlived the time limit")
  }

  @Test func aMissingProgramIsALaunchFailure() {
    let result = Subprocess.runBlocking(
      ["/nonexistent/herald-analyzer"], in: nil, environment: nil, timeout: 5)
    guard case .launchFailed = result.termination else {
      Issue.record("expected a launch failure, got \(result.termination)")
      return
    }
  }
}
