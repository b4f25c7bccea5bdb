import Extraction
import Foundation
import HeraldCore
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

  /// The sample extracted once for the whole test run (each test copies the file, rather than
  /// extracting again: the process then does not run dozens of extractions at once).
  static let extracted = Task { () throws -> String in
    let database = folder().appendingPathComponent("extracted.sqlite").path
    let sample = packageRoot.appendingPathComponent("pipelines/sample")
    var options = ExtractOptions(
      input: .analyzerOutput(
        directory: sample.appendingPathComponent("analyzer-output").path, sourceRoot: sample.path),
      database: database)
    options.jobs = 1
    _ = try await ExtractStage(options: options).run(progress: SilentProgress())
    try HeraldDatabase.openExisting(path: database).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database
  }

  /// The sample's database with every translatable unit translated, except `abstained` (the
  /// model declined) and `untranslated` (no row); returns its path.
  static func database(abstained: Set<String> = [], untranslated: Set<String> = []) async throws -> String {
    let database = folder().appendingPathComponent("sample.sqlite").path
    try FileManager.default.copyItem(atPath: try await extracted.value, toPath: database)
    let connection = try HeraldDatabase.openExisting(path: database)
    let units = try connection.prepare(
      """
      SELECT s.id, s.name, coalesce(d.statement, s.name || ' : ' || s.type) FROM levels l
      JOIN symbols s ON s.id = l.symbol_id LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE s.is_internal = 0 AND coalesce(d.is_generated, 0) = 0 ORDER BY s.name
      """)
    var rows: [(Int, String, String)] = []
    while try units.step() { rows.append((units.int(0), units.text(1) ?? "", units.text(2) ?? "")) }
    try connection.transaction {
      for (id, name, statement) in rows where !untranslated.contains(name) {
        let declined = abstained.contains(name)
        try connection.prepare(
          """
          INSERT INTO translations(name, symbol_id, status, informal_name, informal_statement, reason, raw_answer,
            attempts, model, prompt_family, prompt_version, statement_hash, component_size, provenance_id, created_at)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'raw', 1, 'test-model', 'theorem', '0123456789abcdef', ?7, 1, NULL,
            '2026-11-25T10:00:00Z')
          """
        ).run([
          .text(name), .int(id), .text(declined ? "abstained" : "translated"),
          declined ? .null : .text("Fact about \(name)"),
          declined ? .null : .text("For every $n \\in \\mathbb{N}$, the statement of \(name) holds."),
          declined ? .text("not faithful") : .null, .text(StatementBuilder.statementHash(statement)),
        ])
      }
    }
    return database
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
