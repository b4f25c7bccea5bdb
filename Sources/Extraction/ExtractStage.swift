import Foundation
import HeraldCore
import ProcessRunner
import Storage

/// The extract stage: analyzer output → SQLite, one transaction per module, then the graph.
///
/// Per-module problems become failure rows and the run goes on; only setup errors (no
/// project, no analyzer, unusable database) throw.
public struct ExtractStage: Sendable {
  /// The stage's name in failure rows and reports.
  public static let name = "extract"
  /// The options of this run.
  public let options: ExtractOptions

  /// Creates the stage.
  public init(options: ExtractOptions) {
    self.options = options
  }

  /// One unit of work. A run holds one per module until it ends, so an analyzer-output job
  /// keeps only the module's name and which plugin files exist (a bit per plugin); the folder
  /// and source root are strings every job shares, and the paths are made when the job runs.
  private struct Job: Sendable {
    /// Project mode: the module with its source path.
    var module: LakeProject.Module
    /// Analyzer-output mode: the folder of the plugin files.
    var outputDirectory: String?
    /// Analyzer-output mode: bit `i` set when `AnalyzerPlugin.allCases[i]` has a file.
    var outputPlugins: UInt8 = 0
    /// Analyzer-output mode: the source root, when one was given.
    var sourceRoot: String?

    init(module: LakeProject.Module) {
      self.module = module
    }

    init(outputModule name: String, directory: String, plugins: UInt8, sourceRoot: String?) {
      self.module = LakeProject.Module(name: name, path: "")
      self.outputDirectory = directory
      self.outputPlugins = plugins
      self.sourceRoot = sourceRoot
    }

    /// Analyzer-output mode: the module's source path relative to the source root.
    var relativeSourcePath: String { module.name.replacingOccurrences(of: ".", with: "/") + ".lean" }

    /// Analyzer-output mode: the source file, when a source root was given.
    var source: String? { sourceRoot.map { $0 + "/" + relativeSourcePath } }

    /// Analyzer-output mode: the plugin files found.
    var files: [AnalyzerPlugin: String] {
      guard let outputDirectory else { return [:] }
      var files: [AnalyzerPlugin: String] = [:]
      for (bit, plugin) in AnalyzerPlugin.allCases.enumerated() where outputPlugins & (1 << bit) != 0 {
        files[plugin] = outputDirectory + "/" + plugin.fileName(module: module.name)
      }
      return files
    }
  }

  /// How one module ended.
  private enum Outcome: Sendable {
    case ingested(ModuleWriter.Counts, warnings: Int)
    case skipped
    case failed(FailureRecord)
  }

  /// Settings shared by every job of a project run.
  private struct ProjectContext: Sendable {
    var invocation: AnalyzerInvocation
    var cache: AnalyzerCache
    var analyzerIdentity: String
    var toolchain: String?
  }

  /// Runs the stage.
  public func run(progress: any ProgressSink) async throws -> ExtractReport {
    let started = Date()
    var jobs: [Job] = []
    var project: ProjectContext?
    var provenance: Provenance
    switch options.input {
    case .project(let rootPath):
      let root = URL(fileURLWithPath: rootPath).standardizedFileURL
      let lakeProject = try LakeProject.load(root: root)
      jobs = lakeProject.modules.filter { options.selects($0.name) }.map { Job(module: $0) }
      guard !jobs.isEmpty else { throw ExtractionError.noModules(path: root.path, prefixes: options.modulePrefixes) }
      guard let lake = ExecutableLocator.locate(options.lake) else {
        throw ExtractionError.toolNotFound(name: options.lake, option: "--lake")
      }
      guard let analyzer = ExecutableLocator.locate(options.analyzer) else {
        throw ExtractionError.toolNotFound(name: options.analyzer, option: "--analyzer")
      }
      // The `-D` options change the output, so they are part of what "unchanged" compares.
      let analyzerOptions = lakeProject.leanOptions + options.analyzerOptions
      let identity = ([Self.identity(ofExecutable: analyzer)] + analyzerOptions).joined(separator: " ")
      let cacheDirectory =
        options.cacheDirectory
        ?? URL(fileURLWithPath: options.database).deletingLastPathComponent()
        .appendingPathComponent("analyzer-cache").appendingPathComponent(root.lastPathComponent).path
      project = ProjectContext(
        invocation: AnalyzerInvocation(
          lake: lake, analyzer: analyzer, options: analyzerOptions,
          projectRoot: root.path, timeout: options.timeout, environment: options.environment),
        cache: try AnalyzerCache(directory: cacheDirectory), analyzerIdentity: identity,
        toolchain: lakeProject.toolchain)
      provenance = Provenance(
        stage: Self.name, project: root.path, gitRevision: GitRevision.of(root), toolchain: lakeProject.toolchain,
        analyzer: identity, heraldVersion: HeraldVersion.string)
    case .analyzerOutput(let directory, let sourceRoot):
      jobs = try Self.outputJobs(directory: directory, sourceRoot: sourceRoot).filter {
        options.selects($0.module.name)
      }
      guard !jobs.isEmpty else {
        if options.modulePrefixes.isEmpty { throw ExtractionError.noAnalyzerOutput(path: directory) }
        throw ExtractionError.noModules(path: directory, prefixes: options.modulePrefixes)
      }
      let root = sourceRoot.map { URL(fileURLWithPath: $0).standardizedFileURL }
      provenance = Provenance(
        stage: Self.name, project: root?.path, gitRevision: root.flatMap(GitRevision.of),
        toolchain: root.flatMap {
          try? String(contentsOf: $0.appendingPathComponent("lean-toolchain"), encoding: .utf8)
        }?
        .trimmingCharacters(in: .whitespacesAndNewlines),
        analyzer: "analyzer-output:" + URL(fileURLWithPath: directory).standardizedFileURL.path,
        heraldVersion: HeraldVersion.string)
    }

    let sink = try DatabaseSink(path: options.database, provenance: provenance)
    let existing = try await sink.existingModules()
    let failedBefore = try await sink.failedModules()
    // Modules whose source is gone are removed first, so a renamed module's constants do not
    // collide with its old rows.
    var removedWarnings = 0
    if case .project = options.input {
      let discovered = Set(jobs.map(\.module.name))
      for (name, row) in existing where !discovered.contains(name) && row.path != nil && options.selects(name) {
        try await sink.remove(
          module: name,
          record: FailureRecord(
            stage: Self.name, item: name, severity: .warning, reason: "source_missing",
            detail: "the module's source \(row.path ?? "") is gone from the project, so its rows were removed.",
            file: row.path))
        removedWarnings += 1
      }
    }
    // A first ingest, or one that at least doubles the database, builds the name indexes once
    // at the end: updating them module by module was a third of the writer's work.
    let newModules = jobs.count { existing[$0.module.name] == nil }
    if newModules >= max(1, options.bulkFromModules), newModules >= existing.count {
      try await sink.deferNameIndexes()
    }
    var report = ExtractReport()
    report.modules = jobs.count
    report.warnings = removedWarnings
    progress.start(total: jobs.count, label: "extract")

    let context = project
    let force = options.force
    let provenanceAnalyzer = provenance.analyzer
    var ingested: Set<String> = []
    try await withThrowingTaskGroup(of: (String, Outcome).self) { group in
      var pending = jobs.makeIterator()
      func submit() {
        guard let job = pending.next() else { return }
        let previous = existing[job.module.name]
        let retry = failedBefore.contains(job.module.name)
        group.addTask {
          let outcome: Outcome
          if let context {
            outcome = await Self.process(
              job, project: context, previous: previous, force: force || retry, sink: sink)
          } else {
            outcome = await Self.ingestOutput(
              job, analyzer: provenanceAnalyzer, previous: previous, force: force || retry, sink: sink)
          }
          return (job.module.name, outcome)
        }
      }
      // Analyzer-output jobs decode on the cooperative pool (`jobs` at a time at most, one per
      // core) and are written by the sink's own thread: two more jobs in flight let decoding go
      // on while decoded modules wait for the writer, instead of leaving a core idle. A waiting
      // job holds its decoded rows only (its JSON is freed once decoded). Project jobs are
      // analyzer processes, as many as asked.
      let inFlight = max(1, options.jobs) + (context == nil ? 2 : 0)
      for _ in 0..<inFlight { submit() }
      while let (module, outcome) = try await group.next() {
        switch outcome {
        case .ingested(let counts, let warnings):
          ingested.insert(module)
          report.ingested += 1
          report.declarations += counts.declarations
          report.symbols += counts.symbols
          report.tacticSteps += counts.steps
          report.warnings += warnings
        case .skipped:
          report.skipped += 1
        case .failed(let failure):
          Self.count(failure, in: &report, progress: progress)
        }
        progress.advance(item: module)
        submit()
      }
    }
    // Decoding's buffers are done with: the graph and the indexes should not stack on their
    // high-water mark.
    ProcessMemory.releaseFreeMemory()
    // While the writer builds the name indexes and then the graph, the log copier copies the
    // log into the database and a side connection computes the graph (see `SideConnection`).
    await sink.copyLog()
    let dataVersion = try await sink.dataVersion()
    let reader = SideConnection(path: options.database)
    let computing = try await sink.graphIsStale() ? Task { await reader.computeGraph() } : nil
    let removals = try await sink.restoreNameIndexes()
    for removal in removals {
      if ingested.contains(removal.module) {
        report.ingested -= 1
        report.declarations -= removal.declarations
        report.symbols -= removal.symbols
        report.tacticSteps -= removal.steps
      }
      Self.count(removal.failure, in: &report, progress: progress)
    }
    progress.finish()
    // Modules removed for their duplicates may be in the precomputed graph: it is computed again.
    let computed = await computing?.value
    let precomputed = removals.isEmpty ? computed : nil
    var graph = try await sink.rebuildGraphIfStale(precomputed: precomputed, dataVersion: dataVersion)
    if graph == nil { graph = try await sink.graphFigures() }
    report.graphUnits = graph?.units ?? 0
    report.graphEdges = graph?.edges ?? 0
    report.maxLevel = graph?.maxLevel ?? 0
    report.seconds = Date().timeIntervalSince(started)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    try await sink.finish(report: String(decoding: try encoder.encode(report), as: UTF8.self))
    return report
  }

  /// Counts a module's failure in the report and logs it.
  private static func count(_ failure: FailureRecord, in report: inout ExtractReport, progress: any ProgressSink) {
    report.failed += 1
    report.failuresByReason[failure.reason, default: 0] += 1
    let firstLine = failure.detail.split(separator: "\n").first.map(String.init) ?? failure.detail
    progress.log("failed: \(failure.item) [\(failure.reason)] \(firstLine)")
  }

  /// Groups `<Module>.<plugin>.json` files by module.
  private static func outputJobs(directory: String, sourceRoot: String?) throws -> [Job] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ExtractionError.noAnalyzerOutput(path: directory)
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    var byModule: [String: UInt8] = [:]
    for name in names where name.hasSuffix(".json") {
      let stem = name.dropLast(5)
      guard let dot = stem.lastIndex(of: "."),
        let plugin = AnalyzerPlugin(rawValue: String(stem[stem.index(after: dot)...])),
        let bit = AnalyzerPlugin.allCases.firstIndex(of: plugin)
      else { continue }
      byModule[String(stem[..<dot]), default: 0] |= 1 << bit
    }
    return byModule.sorted { $0.key < $1.key }.map { module, plugins in
      Job(outputModule: module, directory: directory, plugins: plugins, sourceRoot: sourceRoot)
    }
  }

  /// `path#sha256:<prefix>` of an executable, so a rebuilt analyzer invalidates the cache.
  static func identity(ofExecutable path: String) -> String {
    let digest = (try? SHA256.hexDigest(ofFile: URL(fileURLWithPath: path))) ?? "unreadable"
    return "\(path)#sha256:\(digest.prefix(16))"
  }

  // MARK: Project mode

  private static func process(
    _ job: Job, project: ProjectContext, previous: DatabaseSink.Existing?, force: Bool, sink: DatabaseSink
  ) async -> Outcome {
    let module = job.module
    let sourcePath = project.invocation.projectRoot + "/" + module.path
    guard let sourceBytes = try? FileBytes.read(sourcePath) else {
      return .failed(
        FailureRecord(
          stage: name, item: module.name, reason: "source_missing",
          detail: "the source file \(module.path) could not be read (it vanished or is unreadable); "
            + "restore it or exclude the module with --module.",
          file: module.path))
    }
    let sourceHash = SHA256.hex(SHA256.hash(sourceBytes))
    if !force, let previous, previous.sourceHash == sourceHash, previous.analyzer == project.analyzerIdentity,
      previous.toolchain == project.toolchain
    {
      return .skipped
    }
    let key = [
      sourceHash, project.analyzerIdentity, project.toolchain ?? "", project.invocation.options.joined(separator: " "),
    ]
    .joined(separator: "\n")
    var files: [AnalyzerPlugin: String]
    var scratch: String?
    if !force, let cached = project.cache.lookup(module.name, key: key) {
      files = cached
    } else {
      let folder: String
      do {
        folder = try project.cache.scratch(for: module.name)
      } catch {
        return .failed(
          FailureRecord(
            stage: name, item: module.name, reason: "analyzer_launch",
            detail: "cannot create a scratch folder in \(project.cache.directory): \(error.localizedDescription)"))
      }
      scratch = folder
      switch await project.invocation.run(module, scratch: folder) {
      case .failure(let failure):
        try? FileManager.default.removeItem(atPath: folder)
        return await record(failure, sink: sink)
      case .success(let produced):
        files = produced
      }
    }
    defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
    let analysis: ModuleAnalysis
    switch decode(module.name, files: files, source: SourceText(bytes: sourceBytes), required: AnalyzerPlugin.allCases)
    {
    case .failure(var failure):
      // Keep what the analyzer wrote, so the failure row points at a file that exists.
      if let folder = scratch, let kept = project.cache.keepFailed(module.name, from: folder) {
        failure.detail += "\nThe analyzer's output is kept in \(kept)."
        failure.file = failure.file.map { kept + "/" + $0 }
      }
      return await record(failure, sink: sink)
    case .success(let decoded): analysis = decoded
    }
    if scratch != nil {
      do {
        files = try project.cache.store(module.name, from: files, key: key)
      } catch {
        // The cache is an optimisation; the module is still ingested.
      }
    }
    let record = ModuleRecord(
      path: module.path, sourceHash: sourceHash, outputFingerprint: fingerprint(files),
      analyzer: project.analyzerIdentity, toolchain: project.toolchain)
    return await write(analysis, record: record, sink: sink)
  }

  // MARK: Analyzer-output mode

  private static func ingestOutput(
    _ job: Job, analyzer: String?, previous: DatabaseSink.Existing?, force: Bool, sink: DatabaseSink
  ) async -> Outcome {
    let module = job.module
    let files = job.files
    var source: SourceText?
    var sourceHash: String?
    var warnings: [ModuleAnalysis.Warning] = []
    if let path = job.source {
      if let bytes = try? FileBytes.read(path) {
        source = SourceText(bytes: bytes)
        sourceHash = SHA256.hex(SHA256.hash(bytes))
      } else {
        warnings.append(
          .init(
            reason: "source_missing",
            detail: "no source at \(path); texts were taken from the analyzer's pretty-printed output instead.",
            path: ""))
      }
    }
    let outputFingerprint = fingerprint(files) + (sourceHash.map { ";source=" + $0 } ?? "")
    if !force, let previous, previous.fingerprint == outputFingerprint {
      return .skipped
    }
    var analysis: ModuleAnalysis
    switch decode(module.name, files: files, source: source, required: ModuleDecoder.requiredPlugins) {
    case .failure(let failure): return await record(failure, sink: sink)
    case .success(let decoded): analysis = decoded
    }
    analysis.warnings += warnings
    let record = ModuleRecord(
      path: source == nil ? nil : job.relativeSourcePath, sourceHash: sourceHash, outputFingerprint: outputFingerprint,
      analyzer: analyzer, toolchain: nil)
    return await write(analysis, record: record, sink: sink)
  }

  // MARK: Shared steps

  private static func decode(
    _ module: String, files: [AnalyzerPlugin: String], source: SourceText?, required: [AnalyzerPlugin]
  ) -> Result<ModuleAnalysis, FailureRecord> {
    let missing = required.filter { files[$0] == nil }
    if !missing.isEmpty {
      return .failure(
        FailureRecord(
          stage: name, item: module, reason: "missing_output",
          detail: "no \(missing.map { $0.fileName(module: module) }.joined(separator: ", ")) for this module; "
            + "rerun the analyzer with \(missing.map(\.flag).joined(separator: " ")).",
          file: missing.first.map { $0.fileName(module: module) }))
    }
    var contents: [AnalyzerPlugin: [UInt8]] = [:]
    for (plugin, path) in files {
      do {
        contents[plugin] = try FileBytes.read(path)
      } catch {
        return .failure(
          FailureRecord(
            stage: name, item: module, reason: "missing_output",
            detail: "cannot read \(path): \(error.localizedDescription).", file: path))
      }
    }
    do throws(DecodeError) {
      return .success(try ModuleDecoder.decode(module: module, files: contents, source: source))
    } catch {
      let file = files[error.plugin].map { URL(fileURLWithPath: $0).lastPathComponent }
      let remedy =
        error.reason == .unexpectedShape
        ? "the file does not have the shape herald expects from jixia; check the jixia version."
        : "the file is damaged (a killed analyzer leaves truncated output); rerun the module with --force."
      return .failure(
        FailureRecord(
          stage: name, item: module, reason: error.reason.rawValue,
          detail: "\(file ?? error.plugin.rawValue): \(error.description); \(remedy)", file: file,
          codingPath: error.path.isEmpty ? nil : error.path))
    }
  }

  private static func write(_ analysis: ModuleAnalysis, record: ModuleRecord, sink: DatabaseSink) async -> Outcome {
    do {
      // The rows are made here, in parallel, rather than by the single writer.
      let counts = try await sink.write(ModuleWriter.Rows(analysis), record: record)
      return .ingested(counts, warnings: analysis.warnings.count)
    } catch let duplicate as DuplicateConstant {
      return await Self.record(
        NameIndexes.failure(
          module: analysis.module, constant: duplicate.name, otherModule: duplicate.otherModule, rowsKept: true),
        sink: sink)
    } catch {
      return await Self.record(
        FailureRecord(
          stage: name, item: analysis.module, reason: "database",
          detail: "the module could not be stored: \(error); its earlier rows, if any, were kept."), sink: sink)
    }
  }

  private static func record(_ failure: FailureRecord, sink: DatabaseSink) async -> Outcome {
    try? await sink.fail(failure)
    return .failed(failure)
  }

  private static func fingerprint(_ files: [AnalyzerPlugin: String]) -> String {
    AnalyzerPlugin.allCases.compactMap { plugin in
      files[plugin].map { "\(plugin.rawValue)=\(FileBytes.fingerprint($0) ?? "?")" }
    }.joined(separator: ";")
  }
}
