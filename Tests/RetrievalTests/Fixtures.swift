import Foundation

/// Paths the retrieval tests share: scratch databases and the example bank of the repository.
enum Fixtures {
  /// A fresh database path in its own temporary folder (created on first open).
  static func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("herald-retrieval-\(UUID().uuidString)")
      .appendingPathComponent("herald.sqlite").path
  }

  /// A fresh, existing temporary folder.
  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-bank-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// `pipelines/examples` of this checkout, found from this file's location.
  static var exampleDirectory: String {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("pipelines/examples").path
  }
}
