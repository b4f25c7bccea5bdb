import Foundation
import Testing

@testable import HeraldCLI

/// Raw descriptor writes through pipes and files.
struct FileDescriptorSinkTests {
  @Test func writesThroughAPipe() throws {
    let pipe = Pipe()
    let sink = FileDescriptorSink(descriptor: pipe.fileHandleForWriting.fileDescriptor)
    sink.write("héllo ∀ x,\n")
    sink.write("second\n")
    try pipe.fileHandleForWriting.close()
    let data = try pipe.fileHandleForReading.readToEnd() ?? Data()
    #expect(String(decoding: data, as: UTF8.self) == "héllo ∀ x,\nsecond\n")
  }

  @Test func writesLargeTextCompletely() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-sink-\(UUID()).txt")
    #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
    defer { try? FileManager.default.removeItem(at: url) }
    let handle = try FileHandle(forWritingTo: url)
    let text = String(repeating: "Mathlib.Algebra.Group.Basic\n", count: 100_000)
    FileDescriptorSink(descriptor: handle.fileDescriptor).write(text)
    try handle.close()
    #expect(try String(contentsOf: url, encoding: .utf8) == text)
  }

  @Test func consoleOverPipeIsPlain() throws {
    let pipe = Pipe()
    let console = Console(
      output: MemorySink(), error: FileDescriptorSink(descriptor: pipe.fileHandleForWriting.fileDescriptor),
      errorIsTerminal: TerminalSize.isTerminal(pipe.fileHandleForWriting.fileDescriptor))
    #expect(!console.isTerminal)
    #expect(TerminalSize.columns(of: pipe.fileHandleForWriting.fileDescriptor) == nil)
    let progress = ProgressDisplay(console: console, heartbeatInterval: nil, clock: { 7 })
    #expect(progress.mode == .plain)
    progress.start(total: 1, label: "extract")
    progress.advance()
    progress.finish()
    try pipe.fileHandleForWriting.close()
    let data = try pipe.fileHandleForReading.readToEnd() ?? Data()
    #expect(String(decoding: data, as: UTF8.self) == "extract 1/1 (100%) in 0.0s\n")
  }
}
