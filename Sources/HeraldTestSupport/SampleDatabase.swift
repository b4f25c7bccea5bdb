import Extraction
import Foundation
import HeraldCore
import Records
import Storage

/// The bundled sample extracted into databases for tests: once per test process, then copied,
/// so that a suite does not run dozens of extractions at once.
public enum SampleDatabase {
  /// The package's root folder.
  public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The bundled sample project.
  public static let sampleProject = packageRoot.appendingPathComponent("pipelines/sample")

  /// A new empty folder under the temporary directory.
  public static func folder(_ prefix: String = "herald-test") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The sample extracted once for the whole test process.
  public static let extracted = Task { () throws -> String in
    let database = folder().appendingPathComponent("extracted.sqlite").path
    var options = ExtractOptions(
      input: .analyzerOutput(
        directory: sampleProject.appendingPathComponent("analyzer-output").path, sourceRoot: sampleProject.path),
      database: database)
    options.jobs = 1
    _ = try await ExtractStage(options: options).run(progress: SilentProgress())
    try HeraldDatabase.openExisting(path: database).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database
  }

  /// A fresh copy of the extracted sample; returns its path.
  public static func fresh(_ prefix: String = "herald-test") async throws -> String {
    let database = folder(prefix).appendingPathComponent("sample.sqlite").path
    try FileManager.default.copyItem(atPath: try await extracted.value, toPath: database)
    return database
  }

  /// The sample with every translatable unit translated as translate records it (model
  /// `test-model`, name `Fact about <name>`), except `abstained` (the model declined) and
  /// `untranslated` (no row); returns its path.
  public static func translated(abstained: Set<String> = [], untranslated: Set<String> = []) async throws -> String {
    let database = try await fresh()
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

  /// The folder holding the built executables (`herald`, `fake-jixia`, `fake-repl`, `fake-llm`).
  public static let productsDirectory: URL = {
    var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("herald").path) { return candidate }
      candidate = candidate.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug")
  }()

  /// The path of the built executable `name`.
  public static func product(_ name: String) -> String {
    productsDirectory.appendingPathComponent(name).path
  }
}
