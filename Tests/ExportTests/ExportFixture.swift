import Extraction
import Foundation
import HeraldCore
import HeraldTestSupport
import Records
import Storage

@testable import Export

/// The bundled sample extracted into a fresh database, with translations written as translate
/// writes them, and helpers to read what an export produced.
enum ExportFixture {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A new empty folder under the temporary directory.
  static func folder(_ prefix: String = "herald-export") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The sample's database with every translatable unit translated, except `abstained` (the
  /// model declined) and `untranslated` (no row); returns its path.
  static func database(abstained: Set<String> = [], untranslated: Set<String> = []) async throws -> String {
    try await SampleDatabase.translated(abstained: abstained, untranslated: untranslated)
  }

  /// Runs SQL on `database`.
  static func execute(_ database: String, _ sql: String) throws {
    try HeraldDatabase.openExisting(path: database).execute(sql)
  }

  /// An integer a query returns.
  static func count(_ database: String, _ sql: String) throws -> Int {
    try HeraldDatabase.openExisting(path: database).scalarInt(sql) ?? -1
  }

  /// Export options for `database` into a new folder, every split non-empty on the sample.
  static func options(_ database: String, out: URL? = nil) -> ExportOptions {
    var options = ExportOptions(
      database: database, outputDirectory: (out ?? folder().appendingPathComponent("dataset")).path)
    options.split = SplitAssignment(validationFraction: 0.25, testFraction: 0.25, seed: 7)
    return options
  }

  /// Every file under `folder` by relative path, with its bytes.
  static func files(_ folder: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let relative = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      let path = folder + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        result[relative] = FileManager.default.contents(atPath: path)
      }
    }
    return result
  }

  /// The JSON objects of a JSONL file.
  static func lines(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
  }

  /// The manifest of an export.
  static func manifest(_ folder: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }
}
