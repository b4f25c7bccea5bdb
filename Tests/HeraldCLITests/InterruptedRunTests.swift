import CSQLite
import Foundation
import Testing

/// A run killed with SIGKILL part-way leaves a consistent database, and a rerun completes it.
@Suite struct InterruptedRunTests {
  private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func product(_ name: String) throws -> String {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [here, here.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")]
    return try #require(
      candidates.map { $0.appendingPathComponent(name).path }.first {
        FileManager.default.isExecutableFile(atPath: $0)
      })
  }

  static func count(_ database: String, _ sql: String) throws -> Int {
    var handle: OpaquePointer?
    guard sqlite3_open_v2(database, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { return -1 }
    defer { sqlite3_close(handle) }
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { return -1 }
    defer { sqlite3_finalize(statement) }
    guard sqlite3_step(statement) == SQLITE_ROW else { return -1 }
    return Int(sqlite3_column_int64(statement, 0))
  }

  @Test func aKilledRunLeavesWholeModulesOnlyAndARerunFinishes() async throws {
    let herald = try Self.product("herald")
    let fake = try Self.product("fake-jixia")
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("herald-kill-\(UUID().uuidString)")
    let root = base.appendingPathComponent("sample")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let sample = Self.packageRoot.appendingPathComponent("pipelines/sample")
    for item in ["lean-toolchain", "lakefile.toml", "Sample.lean", "Sample"] {
      try FileManager.default.copyItem(at: sample.appendingPathComponent(item), to: root.appendingPathComponent(item))
    }
    let database = base.appendingPathComponent("sample.sqlite").path
    func launch(faults: String) throws -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: herald)
      process.arguments = [
        "extract", "--project", root.path, "--lake", fake, "--analyzer", fake, "--db", database, "--jobs", "1",
        "--quiet",
      ]
      var environment = ProcessInfo.processInfo.environment
      environment["FAKE_JIXIA_RECORDINGS"] = sample.appendingPathComponent("analyzer-output").path
      environment["FAKE_JIXIA_FAULTS"] = faults
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }
    // Every analyzer run takes 2 s; kill herald in the middle of the third module.
    let slow = try launch(faults: "*=slow")
    try await Task.sleep(for: .seconds(5))
    kill(slow.processIdentifier, SIGKILL)
    await exited(slow)
    #expect(slow.terminationReason == .uncaughtSignal)

    let modules = try Self.count(database, "SELECT count(*) FROM modules")
    #expect(modules >= 1 && modules < 10)
    #expect(try Self.count(database, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0)
    // A module is in whole or not at all: no orphan rows, and each stored module has its symbols.
    #expect(
      try Self.count(database, "SELECT count(*) FROM symbols WHERE module_id NOT IN (SELECT id FROM modules)") == 0)
    #expect(
      try Self.count(
        database,
        "SELECT count(*) FROM modules m WHERE m.name != 'Sample' AND NOT EXISTS (SELECT 1 FROM symbols s WHERE s.module_id = m.id)"
      ) == 0)

    let rerun = try launch(faults: "")
    await exited(rerun)
    #expect(rerun.terminationStatus == 0)
    #expect(try Self.count(database, "SELECT count(*) FROM modules") == 10)
    #expect(try Self.count(database, "SELECT count(*) FROM failures") == 0)
    #expect(try Self.count(database, "SELECT count(*) FROM levels") > 0)
  }
}
