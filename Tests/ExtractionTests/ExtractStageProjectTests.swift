import Foundation
import HeraldCore
import Storage
import Testing

@testable import Extraction

/// `extract --project`: the real subprocess path against `fake-jixia`, which accepts jixia's
/// command line (and plays `lake env`) and replays the sample's recorded output.
@Suite(.serialized) struct ExtractStageProjectTests {
  private static let modules = [
    "Sample", "Sample.Algebra.Group", "Sample.Algebra.Monoid", "Sample.Arith", "Sample.Basic", "Sample.Logic",
    "Sample.Mutual", "Sample.Order", "Sample.Sets", "Sample.Tactics",
  ]

  /// A private copy of the sample project (sources only) and a log of analyzer runs.
  private struct Workspace {
    var root: URL
    var database: URL
    var log: URL
    var cache: URL

    /// Analyzer runs so far, as (module, argv).
    func runs() -> [(String, [String])] {
      guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
      return text.split(separator: "\n").map { line in
        let parts = line.split(separator: "\t", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? parts[1].split(separator: " ").map(String.init) : [])
      }
    }
  }

  private func workspace() throws -> Workspace {
    let base = TestSupport.temporaryDirectory("project")
    let root = base.appendingPathComponent("sample")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for item in ["lean-toolchain", "lakefile.toml", "Sample.lean", "Sample"] {
      try FileManager.default.copyItem(
        at: TestSupport.sampleProject.appendingPathComponent(item), to: root.appendingPathComponent(item))
    }
    return Workspace(
      root: root, database: base.appendingPathComponent("sample.sqlite"), log: base.appendingPathComponent("runs.log"),
      cache: base.appendingPathComponent("cache"))
  }

  private func options(_ space: Workspace, faults: String? = nil, timeout: Double = 60) -> ExtractOptions {
    var options = ExtractOptions(input: .project(root: space.root.path), database: space.database.path)
    options.lake = TestSupport.fakeAnalyzer
    options.analyzer = TestSupport.fakeAnalyzer
    options.jobs = 2
    options.timeout = timeout
    options.cacheDirectory = space.cache.path
    options.environment = [
      "FAKE_JIXIA_RECORDINGS": TestSupport.sampleOutput.path, "FAKE_JIXIA_LOG": space.log.path,
      "FAKE_JIXIA_FAULTS": faults ?? "",
    ]
    return options
  }

  private func run(_ options: ExtractOptions) async throws -> ExtractReport {
    try await ExtractStage(options: options).run(progress: SilentProgress())
  }

  @Test func runsTheAnalyzerOncePerModuleAsJixiaIsRun() async throws {
    let space = try workspace()
    let report = try await run(options(space))
    #expect(report.modules == 10)
    #expect(report.ingested == 10)
    #expect(report.failed == 0)
    #expect(report.maxLevel >= 4)
    let runs = space.runs()
    #expect(runs.map(\.0).sorted() == Self.modules)
    let basic = try #require(runs.first { $0.0 == "Sample.Basic" }?.1)
    // argv as the analyzer sees it after `lake env`: flags, one file per plugin, -D options, the source.
    #expect(basic.first.map { URL(fileURLWithPath: $0).lastPathComponent } == "fake-jixia")
    #expect(Array(basic.dropFirst().prefix(1)) == ["-i"])
    for (flag, plugin) in [("-m", "mod"), ("-d", "decl"), ("-s", "sym"), ("-e", "elab"), ("-l", "line")] {
      let position = try #require(basic.firstIndex(of: flag))
      #expect(basic[position + 1].hasSuffix("/Sample.Basic.\(plugin).json"))
    }
    #expect(basic.contains("-DautoImplicit=false"))
    #expect(basic.last == "Sample/Basic.lean")

    let connection = try HeraldDatabase.openExisting(path: space.database.path)
    #expect(try connection.scalarInt("SELECT count(*) FROM modules WHERE source_hash IS NOT NULL") == 10)
    #expect(try connection.scalarText("SELECT toolchain FROM provenance") == "leanprover/lean4:v4.28.0-rc1")
    let analyzer = try #require(try connection.scalarText("SELECT analyzer FROM modules LIMIT 1"))
    #expect(analyzer.contains("fake-jixia#sha256:"))
    #expect(FileManager.default.fileExists(atPath: space.cache.appendingPathComponent("Sample.Basic.key").path))
  }

  @Test func skipsUnchangedModulesRerunsChangedOnesAndReusesTheCache() async throws {
    let space = try workspace()
    _ = try await run(options(space))
    #expect(space.runs().count == 10)

    let unchanged = try await run(options(space))
    #expect(unchanged.skipped == 10)
    #expect(space.runs().count == 10)

    let source = space.root.appendingPathComponent("Sample/Sets.lean")
    try (try String(contentsOf: source, encoding: .utf8) + "\n-- edited\n").write(
      to: source, atomically: true, encoding: .utf8)
    let edited = try await run(options(space))
    #expect(edited.ingested == 1)
    #expect(edited.skipped == 9)
    #expect(space.runs().map(\.0).last == "Sample.Sets")
    #expect(space.runs().count == 11)

    // A new database over the same cache: everything is ingested, nothing is analyzed again.
    var fresh = options(space)
    fresh.database = space.root.deletingLastPathComponent().appendingPathComponent("second.sqlite").path
    let second = try await run(fresh)
    #expect(second.ingested == 10)
    #expect(space.runs().count == 11)

    var forced = options(space)
    forced.force = true
    _ = try await run(forced)
    #expect(space.runs().count == 21)

    // Another Lean option changes the analyzer's output, so every module is analyzed again.
    var defined = options(space)
    defined.analyzerOptions = ["-DmaxHeartbeats=0"]
    let redefined = try await run(defined)
    #expect(redefined.ingested == 10)
    #expect(space.runs().count == 31)
    #expect(space.runs().last?.1.contains("-DmaxHeartbeats=0") == true)
  }

  @Test func everyAnalyzerFaultIsAFailureRowAndARerunRetriesOnlyThose() async throws {
    let space = try workspace()
    let faults = [
      "Sample.Basic=crash", "Sample.Arith=signal", "Sample.Order=hang", "Sample.Sets=truncate",
      "Sample.Logic=missing", "Sample.Mutual=panic", "Sample.Algebra.Group=nonutf8",
    ]
    let started = Date()
    let report = try await run(options(space, faults: faults.joined(separator: ","), timeout: 3))
    #expect(Date().timeIntervalSince(started) < 50, "the hung analyzer must be killed by the timeout")
    #expect(report.ingested == 3)
    #expect(report.failed == 7)
    let rows = Dictionary(
      uniqueKeysWithValues: try FailureLog.all(HeraldDatabase.openExisting(path: space.database.path), stage: "extract")
        .map { ($0.item, $0) })
    #expect(rows["Sample.Basic"]?.reason == "analyzer_exit")
    #expect(rows["Sample.Basic"]?.detail.contains("INTERNAL PANIC") == true)
    #expect(rows["Sample.Basic"]?.detail.contains("command: ") == true)
    #expect(rows["Sample.Arith"]?.reason == "analyzer_signal")
    #expect(rows["Sample.Order"]?.reason == "analyzer_timeout")
    #expect(rows["Sample.Sets"]?.reason == "malformed_json")
    // The damaged output is kept for inspection where the failure row says.
    let kept = try #require(rows["Sample.Sets"]?.file)
    #expect(kept.hasSuffix("failed/Sample.Sets/Sample.Sets.decl.json"))
    #expect(FileManager.default.fileExists(atPath: kept))
    #expect(rows["Sample.Logic"]?.reason == "missing_output")
    #expect(rows["Sample.Mutual"]?.reason == "analyzer_panic")
    #expect(rows["Sample.Algebra.Group"]?.reason == "invalid_utf8")
    #expect(rows.values.allSatisfy { $0.file != nil })
    // Nothing half-written is cached as complete.
    #expect(!FileManager.default.fileExists(atPath: space.cache.appendingPathComponent("Sample.Sets.key").path))

    let before = space.runs().count
    let rerun = try await run(options(space))
    #expect(rerun.ingested == 7)
    #expect(rerun.skipped == 3)
    #expect(rerun.failed == 0)
    #expect(space.runs().count == before + 7)
    #expect(try FailureLog.all(HeraldDatabase.openExisting(path: space.database.path), stage: "extract").isEmpty)
  }

  @Test func aVanishedSourceRemovesItsRowsWithAWarning() async throws {
    let space = try workspace()
    _ = try await run(options(space))
    try FileManager.default.removeItem(at: space.root.appendingPathComponent("Sample/Sets.lean"))
    let report = try await run(options(space))
    #expect(report.modules == 9)
    #expect(report.warnings == 1)
    let connection = try HeraldDatabase.openExisting(path: space.database.path)
    #expect(try connection.scalarInt("SELECT count(*) FROM modules WHERE name = 'Sample.Sets'") == 0)
    let failures = try FailureLog.all(connection, stage: "extract")
    #expect(failures.map(\.reason) == ["source_missing"])
    #expect(failures.first?.severity == .warning)
  }

  @Test func aVanishedSourceUnderTheSelectedPrefixIsRemovedToo() async throws {
    let space = try workspace()
    _ = try await run(options(space))
    try FileManager.default.removeItem(at: space.root.appendingPathComponent("Sample/Algebra/Group.lean"))
    var some = options(space)
    some.modulePrefixes = ["Sample.Algebra"]
    let report = try await run(some)
    #expect(report.modules == 1)
    #expect(report.warnings == 1)
    let connection = try HeraldDatabase.openExisting(path: space.database.path)
    #expect(try connection.scalarInt("SELECT count(*) FROM modules") == 9)
    #expect(try connection.scalarInt("SELECT count(*) FROM modules WHERE name = 'Sample.Algebra.Group'") == 0)
  }

  @Test func missingToolsAndModulesAreSetupErrors() async throws {
    let space = try workspace()
    var noLake = options(space)
    noLake.lake = "/nonexistent/lake"
    await #expect(throws: ExtractionError.toolNotFound(name: "/nonexistent/lake", option: "--lake")) {
      _ = try await run(noLake)
    }
    var noModules = options(space)
    noModules.modulePrefixes = ["Mathlib"]
    await #expect(throws: ExtractionError.noModules(path: space.root.path, prefixes: ["Mathlib"])) {
      _ = try await run(noModules)
    }
    var some = options(space)
    some.modulePrefixes = ["Sample.Algebra"]
    let report = try await run(some)
    #expect(report.modules == 2)
  }
}
