import Foundation
import LeanREPL

/// The built `fake-repl`, temporary folders, and runs of the fake with fixed input.
enum FakeREPLSupport {
  /// The package root (three levels above this file).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The fake REPL executable: next to the test bundle (SwiftPM puts products and the bundle in
  /// one folder) or in `.build/debug`.
  static let fakeREPL: String = {
    var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let path = candidate.appendingPathComponent("fake-repl").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
      candidate = candidate.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/fake-repl").path
  }()

  /// A fresh empty folder under the system's temporary folder.
  static func temporaryDirectory(_ label: String = #function) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "herald-repl-\(label.filter { $0.isLetter || $0.isNumber }.prefix(40))-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// What one run of the fake produced.
  struct Run {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  /// Runs the fake with `arguments`, `input` on stdin, to its end.
  static func run(_ input: String, arguments: [String] = []) throws -> Run {
    let folder = temporaryDirectory("run")
    let inputFile = folder.appendingPathComponent("in")
    let outputFile = folder.appendingPathComponent("out")
    let errorFile = folder.appendingPathComponent("err")
    try Data(input.utf8).write(to: inputFile)
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: fakeREPL)
    process.arguments = arguments
    process.standardInput = try FileHandle(forReadingFrom: inputFile)
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    process.waitUntilExit()
    return Run(
      stdout: try String(contentsOf: outputFile, encoding: .utf8),
      stderr: try String(contentsOf: errorFile, encoding: .utf8), status: process.terminationStatus)
  }

  /// A rules file with `json` in a new folder; returns its path.
  static func rules(_ json: String, label: String = #function) throws -> String {
    let path = temporaryDirectory(label).appendingPathComponent("rules.json").path
    try json.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// A pool configuration running the fake with `arguments` in a temporary folder; time limits
  /// generous enough for a loaded machine unless a test needs one to pass.
  static func configuration(
    _ arguments: [String] = [], workers: Int = 1, timeout: Double = 10, label: String = #function
  ) -> REPLConfiguration {
    REPLConfiguration(
      command: [fakeREPL] + arguments, projectDirectory: temporaryDirectory(label).path, workers: workers,
      commandTimeout: timeout, headerTimeout: max(timeout, 5), maxCommandsPerWorker: nil, maxResidentBytes: nil)
  }

  /// The request log's lines as (pid, kind, env).
  static func logEntries(_ path: String) -> [(pid: String, kind: String, env: String)] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: "\t").map(String.init)
      return fields.count == 3 ? (fields[0], fields[1], fields[2]) : nil
    }
  }
}
