import Foundation

/// Paths of the fixtures and built products the tests use.
enum TestSupport {
  /// The package root (three levels above this file).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// jixia's own output for its Example.lean (`../shared/fixtures/jixia-real`).
  static let realOutput = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/jixia-real")

  /// The bundled sample project.
  static let sampleProject = packageRoot.appendingPathComponent("pipelines/sample")

  /// The sample's recorded analyzer output.
  static let sampleOutput = sampleProject.appendingPathComponent("analyzer-output")

  /// The folder holding the built executables (`herald`, `fake-jixia`).
  static let productsDirectory: URL = {
    var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("fake-jixia").path) {
        return candidate
      }
      candidate = candidate.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug")
  }()

  /// The fake analyzer executable.
  static var fakeAnalyzer: String { productsDirectory.appendingPathComponent("fake-jixia").path }

  /// A fresh empty folder under the system's temporary folder.
  static func temporaryDirectory(_ label: String = #function) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "herald-tests-\(label.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The bytes of a file.
  static func bytes(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
  }

  /// The real fixture's plugin files as the decoder takes them.
  static func realFiles() throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    for plugin in ["decl", "sym", "elab"] {
      files[plugin] = try bytes(realOutput.appendingPathComponent("Example.\(plugin).json"))
    }
    return files
  }
}
