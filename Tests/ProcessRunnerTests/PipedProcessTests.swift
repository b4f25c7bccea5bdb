import Foundation
import Testing

@testable import ProcessRunner

/// Children talked to over pipes: round trips, deadlines, dead children, process trees and the
/// address-space limit.
@Suite struct PipedProcessTests {
  private func python(_ code: String, limit: Int? = nil) throws -> PipedProcess {
    try PipedProcess(["python3", "-c", code], in: nil, addressSpaceLimit: limit)
  }

  /// Reads until `count` bytes came or the deadline passed.
  private func read(_ process: PipedProcess, count: Int, seconds: Double = 10) -> [UInt8] {
    let deadline = PipedProcess.now() + seconds
    var bytes: [UInt8] = []
    while bytes.count < count {
      guard case .bytes(let chunk) = process.read(deadline: deadline) else { break }
      bytes += chunk
    }
    return bytes
  }

  @Test func echoesLinesBackAndReportsTheExit() throws {
    let child = try python("import sys\nfor line in sys.stdin: sys.stdout.write(line.upper()); sys.stdout.flush()")
    #expect(child.write(Array("héllo\n".utf8), deadline: PipedProcess.now() + 10) == .written)
    #expect(String(decoding: read(child, count: 7), as: UTF8.self) == "HÉLLO\n")
    child.kill()
    #expect(child.finish(grace: 5) == .signaled(SIGKILL))
  }

  /// Both spawns: posix_spawn, and fork for an address-space limit.
  @Test(arguments: [nil, 1 << 30])
  func theChildInheritsOnlyItsThreeDescriptors(limit: Int?) throws {
    // Not close-on-exec, like the sockets herald's HTTP client and test servers open.
    let leaked = open("/dev/null", O_RDONLY)
    defer { close(leaked) }
    let child = try python(
      "import os; print(' '.join(sorted(os.listdir('/proc/self/fd'), key=int)), flush=True)", limit: limit)
    let listed = String(decoding: read(child, count: 8), as: UTF8.self)
    child.finish(grace: 5)
    // 0, 1, 2, and the descriptor listdir itself opened.
    #expect(listed.split(separator: " ").count == 4, "\(listed)")
    #expect(!listed.split(whereSeparator: \.isWhitespace).contains("\(leaked)"))
  }

  @Test func aReadWithNothingToReadTimesOut() throws {
    let child = try python("import time; time.sleep(30)")
    defer { child.finish(grace: 0) }
    #expect(child.read(deadline: PipedProcess.now() + 0.2) == .timedOut)
  }

  @Test func writingToADeadChildSaysClosedInsteadOfRaisingSIGPIPE() throws {
    let child = try python("import sys; sys.stderr.write('bye\\n'); sys.exit(3)")
    #expect(child.read(deadline: PipedProcess.now() + 10) == .endOfFile)
    let big = [UInt8](repeating: 0x61, count: 1 << 20)
    #expect(child.write(big, deadline: PipedProcess.now() + 10) == .closed)
    #expect(child.finish(grace: 5) == .exited(3))
    #expect(child.stderrTail == "bye\n")
  }

  @Test func aMissingProgramOrFolderIsALaunchError() {
    #expect(throws: PipedProcess.LaunchError.self) {
      try PipedProcess(["herald-no-such-program-\(UUID().uuidString)"], in: nil)
    }
    #expect(throws: PipedProcess.LaunchError.self) {
      try PipedProcess(["true"], in: "/nonexistent-\(UUID().uuidString)")
    }
    #expect(throws: PipedProcess.LaunchError.self) {
      try PipedProcess(["herald-no-such-program-\(UUID().uuidString)"], in: nil, addressSpaceLimit: 1 << 30)
    }
  }

  @Test func theTreeIncludesGrandchildrenAndItsMemoryIsTheirSum() throws {
    // The child starts a grandchild holding 64 MB, then waits; the tree's memory includes it.
    let child = try python(
      "import subprocess, sys, time\n"
        + "subprocess.Popen([sys.executable, '-c', 'import time; b = bytearray(64 * 1024 * 1024); "
        + "print(1, flush=True); time.sleep(60)'], stdout=sys.stdout)\n" + "time.sleep(60)")
    defer { child.finish(grace: 0) }
    #expect(read(child, count: 2) == Array("1\n".utf8))
    let tree = try #require(child.residentBytesOfTree())
    let own = try #require(ProcessTree.residentBytes(of: child.pid))
    #expect(ProcessTree.descendants(of: child.pid).count == 1)
    #expect(tree - own > 48 << 20)
  }

  @Test func theAddressSpaceLimitStopsAGreedyChild() throws {
    let child = try python(
      "import sys\ntry:\n  b = bytearray(2 * 1024 * 1024 * 1024)\n  print('allocated')\n"
        + "except MemoryError:\n  print('refused')\n", limit: 1 << 30)
    #expect(String(decoding: read(child, count: 8), as: UTF8.self) == "refused\n")
    #expect(child.finish(grace: 5) == .exited(0))
  }
}
