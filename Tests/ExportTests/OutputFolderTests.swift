import Foundation
import HeraldCore
import Storage
import Testing

@testable import Export

/// Bad databases and bad output folders: a clear error, nothing written, the earlier dataset kept.
@Suite struct OutputFolderTests {
  private func export(_ options: ExportOptions) async throws -> ExportReport {
    try await ExportStage(options: options).run(progress: SilentProgress())
  }

  private func expectError(_ options: ExportOptions, _ check: (ExportError) -> Bool) async {
    await #expect {
      _ = try await export(options)
    } throws: { error in
      guard let error = error as? ExportError else { return false }
      return check(error)
    }
  }

  @Test func aMissingEmptyOrForeignDatabaseIsRefusedBeforeTheFolderIsTouched() async throws {
    let folder = ExportFixture.folder()
    let out = folder.appendingPathComponent("dataset")
    let missing = folder.appendingPathComponent("missing.sqlite").path
    await expectError(ExportFixture.options(missing, out: out)) {
      $0 == .database(.missing(path: missing)) && $0.description.contains("run 'herald extract' first")
    }
    let empty = folder.appendingPathComponent("empty.sqlite").path
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    await expectError(ExportFixture.options(empty, out: out)) {
      $0 == .emptyDatabase(path: empty) && $0.description.contains("is an empty file")
    }
    let text = folder.appendingPathComponent("notes.sqlite").path
    _ = FileManager.default.createFile(
      atPath: text, contents: Data(String(repeating: "not a database\n", count: 200).utf8))
    await expectError(ExportFixture.options(text, out: out)) { $0.description.contains("not an SQLite database") }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func aDatabaseOfAnotherSchemaVersionNamesBothVersionsAndTheRemedy() async throws {
    let database = try await ExportFixture.database()
    try ExportFixture.execute(database, "UPDATE herald_meta SET value = '99' WHERE key = 'schema_version'")
    await expectError(ExportFixture.options(database)) { error in
      let text = error.description
      return text.contains("schema version 99") && text.contains("reads version \(Schema.version)")
        && text.contains("export it with the herald release that wrote it")
    }
  }

  @Test func aDatabaseWithoutTranslationsSaysWhatToRunFirst() async throws {
    let database = try await ExportFixture.database()
    try ExportFixture.execute(database, "DELETE FROM translations")
    let units = try ExportFixture.count(
      database,
      """
      SELECT count(*) FROM levels l JOIN symbols s ON s.id = l.symbol_id
      LEFT JOIN declarations d ON d.id = s.declaration_id WHERE s.is_internal = 0 AND coalesce(d.is_generated, 0) = 0
      """)
    let options = ExportFixture.options(database)
    await expectError(options) { error in
      error == .nothingToExport(database: database, excluded: [.notTranslated: units])
        && error.description.contains("run 'herald translate --db \(database)' first")
    }
    #expect(!FileManager.default.fileExists(atPath: options.outputDirectory))
  }

  @Test func anOutputPathThatIsAFileOrSomeoneElsesFolderIsRefused() async throws {
    let database = try await ExportFixture.database()
    let folder = ExportFixture.folder()
    let file = folder.appendingPathComponent("dataset.txt")
    _ = FileManager.default.createFile(atPath: file.path, contents: Data("keep me".utf8))
    await expectError(ExportFixture.options(database, out: file)) { $0 == .outputIsFile(path: file.path) }
    #expect(FileManager.default.contents(atPath: file.path) == Data("keep me".utf8))

    let foreign = folder.appendingPathComponent("photos")
    try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: foreign.appendingPathComponent("cat.jpg").path, contents: Data([1]))
    await expectError(ExportFixture.options(database, out: foreign)) {
      $0 == .outputNotOurs(path: foreign.path, entry: "cat.jpg")
    }

    let readme = folder.appendingPathComponent("project")
    try FileManager.default.createDirectory(at: readme, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(
      atPath: readme.appendingPathComponent("README.md").path, contents: Data("# Mine".utf8))
    await expectError(ExportFixture.options(database, out: readme)) {
      $0 == .outputNotOurs(path: readme.path, entry: "README.md")
    }
    #expect(
      FileManager.default.contents(atPath: readme.appendingPathComponent("README.md").path) == Data("# Mine".utf8))
  }

  @Test func aFolderThatCannotBeWrittenIsRefusedWithTheSystemsReason() async throws {
    let database = try await ExportFixture.database()
    let out: URL
    if geteuid() == 0 {
      // Permissions do not stop root; sysfs refuses new entries even to root.
      out = URL(fileURLWithPath: "/sys/kernel/herald-export-\(UUID().uuidString)/dataset")
    } else {
      let locked = ExportFixture.folder().appendingPathComponent("locked")
      try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
      chmod(locked.path, 0o555)
      out = locked
    }
    await expectError(ExportFixture.options(database, out: out)) { error in
      guard case .outputNotWritable(let path, let message) = error else { return false }
      return path == out.path && !message.isEmpty && error.description.contains("Give --out a folder you can write to")
    }
  }

  @Test func aCancelledExportLeavesTheEarlierDatasetAndNoStagingFolder() async throws {
    let database = try await ExportFixture.database()
    let options = ExportFixture.options(database)
    _ = try await export(options)
    let before = try ExportFixture.files(options.outputDirectory)
    try ExportFixture.execute(database, "UPDATE translations SET informal_name = informal_name || ' (new)'")
    let cancelled = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return try await ExportStage(options: options).run(progress: SilentProgress())
    }
    await #expect(throws: CancellationError.self) { try await cancelled.value }
    #expect(try ExportFixture.files(options.outputDirectory) == before)
    let entries = try FileManager.default.contentsOfDirectory(atPath: options.outputDirectory)
    #expect(!entries.contains { $0.hasPrefix(".herald-export-") })
  }

  @Test func anotherLiveExportIntoTheFolderIsRefusedAndADeadOnesStagingIsRemoved() async throws {
    let database = try await ExportFixture.database()
    let options = ExportFixture.options(database)
    _ = try await export(options)
    let before = try ExportFixture.files(options.outputDirectory)

    // A staging folder of a process that has exited (a killed export) is cleaned up.
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    let dead = options.outputDirectory + "/.herald-export-\(finished.processIdentifier)"
    try FileManager.default.createDirectory(atPath: dead + "/herald/data", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(
      atPath: dead + "/herald/data/train-part-0.jsonl", contents: Data("{\"trunc".utf8))
    _ = try await export(options)
    #expect(!FileManager.default.fileExists(atPath: dead))
    #expect(try ExportFixture.files(options.outputDirectory) == before)

    // Process 1 is always alive: its staging folder means an export is running.
    let live = options.outputDirectory + "/.herald-export-1"
    try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
    await expectError(options) { $0 == .outputBusy(path: options.outputDirectory, process: 1) }
    try FileManager.default.removeItem(atPath: live)
    #expect(try ExportFixture.files(options.outputDirectory) == before)
  }
}
