import Extraction
import Foundation
import HeraldCore
import HeraldTestSupport
import Storage

@testable import Augmentation

/// The databases the augmentation tests read: jixia's real output and the bundled sample, each
/// extracted once per test process.
enum AugmentationFixture {
  /// jixia's own output for its Example.lean (`../shared/fixtures/jixia-real`).
  static let realOutput = SampleDatabase.packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/fixtures/jixia-real")

  /// The real fixture extracted into a database; returns its path.
  static let real = Task { () throws -> String in
    let folder = SampleDatabase.folder("herald-augment")
    for plugin in ["decl", "sym", "elab"] {
      try FileManager.default.copyItem(
        at: realOutput.appendingPathComponent("Example.\(plugin).json"),
        to: folder.appendingPathComponent("Example.\(plugin).json"))
    }
    let database = folder.appendingPathComponent("real.sqlite").path
    var options = ExtractOptions(input: .analyzerOutput(directory: folder.path, sourceRoot: nil), database: database)
    options.jobs = 1
    _ = try await ExtractStage(options: options).run(progress: SilentProgress())
    return database
  }

  /// A read-only connection to the extracted real fixture.
  static func realConnection() async throws -> SQLiteConnection {
    try HeraldDatabase.openExisting(path: try await real.value, readOnly: true)
  }

  /// A read-only connection to the extracted sample.
  static func sampleConnection() async throws -> SQLiteConnection {
    try HeraldDatabase.openExisting(path: try await SampleDatabase.extracted.value, readOnly: true)
  }

  /// The stored goals before step `ord` of `declaration`.
  static func goalsBefore(_ connection: SQLiteConnection, declaration: String, ord: Int) throws -> [ProofState] {
    let json = try connection.scalarText(
      """
      SELECT t.goals_before FROM tactic_steps t JOIN declarations d ON d.id = t.declaration_id
      WHERE d.name = ?1 AND t.ord = ?2
      """, [.text(declaration), .int(ord)])
    return ProofState.decodeGoals(json ?? "").compactMap { try? $0.get() }
  }

  /// The goal of step `ord` of `declaration` that the step acts on (the first when none is marked).
  static func actedOnState(_ connection: SQLiteConnection, declaration: String, ord: Int) throws -> ProofState? {
    let goals = try goalsBefore(connection, declaration: declaration, ord: ord)
    return goals.first(where: \.actedOn) ?? goals.first
  }
}
