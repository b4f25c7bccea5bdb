import Foundation
import HeraldCore
import Records
import Storage

/// The export stage: statement records built from the database, each checked against its
/// schema, written as JSONL shards per view and split, with `manifest.json`, the dataset card and
/// the schemas. A rerun on the same database writes the same bytes.
public struct ExportStage: Sendable {
  /// The stage's name in `failures` and `provenance`.
  public static let name = "export"
  public let options: ExportOptions

  /// A stage with `options`.
  public init(options: ExportOptions) {
    self.options = options
  }

  /// Declarations per batch handed to another thread, and batches in flight at most.
  static let batchSize = 1024
  static let batchesInFlight = 3

  /// Exports; throws `ExportError` when the database or the folder is unusable or a write fails,
  /// in which case the folder keeps what an earlier export put there.
  public func run(progress: some ProgressSink) async throws -> ExportReport {
    let clock = ContinuousClock()
    let started = clock.now
    // A file size limit must surface as an error naming the file, not kill the process.
    signal(SIGXFSZ, SIG_IGN)
    let size = (try? FileManager.default.attributesOfItem(atPath: options.database)[.size] as? Int) ?? nil
    if size == 0 { throw ExportError.emptyDatabase(path: options.database) }
    let connection: SQLiteConnection
    do {
      connection = try HeraldDatabase.openExisting(path: options.database)
    } catch {
      throw ExportError.database(error)
    }
    // Export reads most of the database once: mapping it saves a copy of every page read.
    try connection.execute("PRAGMA mmap_size = 17179869184")
    let source = StatementSource(connection: connection)
    let total = try source.translatedCount()
    guard total > 0 else {
      throw ExportError.nothingToExport(database: options.database, excluded: try source.exclusionsBeforeRecords())
    }
    // Only several shards per split need the counts per module up front (to cut even shards).
    let translated = options.shards > 1 ? try source.translatedPerModule() : [:]
    // What is left out before any record is built is counted on a connection of its own while
    // the records are written.
    let database = options.database
    async let excludedEarly = Self.exclusionsBeforeRecords(database)

    let folder = try OutputFolder.prepare(options.outputDirectory)
    do {
      let runID = try ProvenanceLog.begin(
        connection,
        Provenance(
          stage: Self.name, project: nil, gitRevision: nil, toolchain: nil, analyzer: nil,
          heraldVersion: HeraldVersion.string))
      var tally = ExportTally()
      progress.start(total: total, label: "export")
      let files = try await writeShards(
        source, translated: translated, folder: folder, tally: &tally, progress: progress)
      progress.finish()
      let (excluded, translatable) = try await excludedEarly
      tally.excluded.merge(excluded, uniquingKeysWith: +)
      tally.funnel.extracted = translatable
      guard tally.records > 0 else {
        try FailureLog.replaceAll(connection, stage: Self.name, with: tally.failures, provenanceID: runID)
        throw ExportError.nothingToExport(database: options.database, excluded: tally.excluded)
      }
      let mixtureTarget = try HeraldDatabase.meta(connection, Augmentation.mixtureKey)
      let manifest = try writeDescription(files, tally: tally, mixtureTarget: mixtureTarget, folder: folder)
      try folder.publish(
        shards: files.map { ($0.staged, $0.final) },
        others: manifest.schemas.values.map(\.path).sorted() + ["README.md", "manifest.json"])

      let elapsed = clock.now - started
      let report = ExportReport(
        tally: tally, manifest: manifest, files: files, output: options.outputDirectory,
        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
      try connection.transaction {
        try FailureLog.replaceAll(connection, stage: Self.name, with: tally.failures, provenanceID: runID)
        try ProvenanceLog.finish(connection, id: runID, report: Self.json(report))
      }
      return report
    } catch {
      folder.abandon()
      throw error
    }
  }

  /// `StatementSource.exclusionsBeforeRecords` and `translatableCount` on a read-only connection
  /// of their own.
  private static func exclusionsBeforeRecords(_ database: String) async throws -> (
    [ExclusionReason: Int], Int
  ) {
    let source = StatementSource(connection: try HeraldDatabase.openExisting(path: database, readOnly: true))
    return (try source.exclusionsBeforeRecords(), try source.translatableCount())
  }

  /// Builds, checks and writes every record's lines; returns the finished shard files.
  ///
  /// This task reads the database and writes the files; batches of declarations are turned into
  /// lines by child tasks meanwhile (on another core when there is one), and their output is
  /// written in the batches' order.
  private func writeShards(
    _ source: StatementSource, translated: [String: Int], folder: OutputFolder, tally: inout ExportTally,
    progress: some ProgressSink
  ) async throws -> [ShardSet.Finished] {
    var plan = ShardPlan(translated: translated, assignment: options.split, shards: options.shards)
    let shards = ShardSet(folder: folder)
    let cursor = try source.rows()
    let views = options.views
    var module = ""
    var split = DatasetSplit.train
    try await withThrowingTaskGroup(of: (Int, LineBatch.Output).self) { group in
      var submitted = 0
      var written = 0
      var finished: [Int: LineBatch.Output] = [:]
      /// Waits for batches until at most `limit` are unwritten, writing them in order.
      func write(keeping limit: Int) async throws {
        while submitted - written > limit, let (index, output) = try await group.next() {
          finished[index] = output
          while let next = finished.removeValue(forKey: written) {
            for chunk in next.chunks { try shards.append(chunk) }
            tally.merge(next.tally)
            for name in next.names { progress.advance(item: name) }
            written += 1
          }
        }
      }
      while true {
        // A cancelled run stops here; the staging folder is removed and the dataset is untouched.
        try Task.checkCancellation()
        let rows = try cursor.next(Self.batchSize)
        if rows.isEmpty { break }
        var items: [LineBatch.Item] = []
        items.reserveCapacity(rows.count)
        for row in rows {
          if row.module != module {
            module = row.module
            split = options.split.split(of: module)
          }
          items.append(LineBatch.Item(row: row, split: split, shard: plan.next(in: split)))
        }
        let batch = LineBatch(items: items)
        let index = submitted
        let requirement = options.requirement
        group.addTask { (index, batch.process(views: views, requirement: requirement)) }
        submitted += 1
        try await write(keeping: Self.batchesInFlight)
      }
      try await write(keeping: 0)
    }
    if options.views.contains(.proofs) {
      try writeProofs(source, shards: shards, tally: &tally, progress: progress)
    }
    return try shards.finish()
  }

  /// Writes the proof records (one file per split: there are far fewer proofs than statements),
  /// each checked against its schema; one that breaks it is left out with a failure row.
  private func writeProofs(
    _ source: StatementSource, shards: ShardSet, tally: inout ExportTally, progress: some ProgressSink
  ) throws {
    let schema = ExportView.proofs.schema
    var writers: [DatasetSplit: (writer: JSONWriter, rows: Int)] = [:]
    for record in try ProofCursor(connection: source.connection).records() {
      try Task.checkCancellation()
      let value = record.value
      if let violation = schema.violation(of: value) {
        tally.rejectProof(record.name, violation: violation)
        continue
      }
      let split = options.split.split(of: record.module)
      var entry = writers.removeValue(forKey: split) ?? (JSONWriter(), 0)
      value.write(to: &entry.writer)
      entry.writer.endLine()
      entry.rows += 1
      writers[split] = entry
      tally.proofs += 1
    }
    for (split, entry) in writers.sorted(by: { $0.key < $1.key }) {
      try shards.append(
        LineBatch.Chunk(view: .proofs, split: split, shard: 0, bytes: entry.writer.bytes, rows: entry.rows))
    }
  }

  /// Stages the schemas, the manifest and the card; returns the manifest.
  private func writeDescription(
    _ files: [ShardSet.Finished], tally: ExportTally, mixtureTarget: String?, folder: OutputFolder
  ) throws(ExportError) -> Manifest {
    var schemas: [String: Manifest.SchemaEntry] = [:]
    for view in options.views {
      let schema = view.schema
      let path = "schemas/\(view.schemaFile)"
      let summary = try StagedFile.write(schema.text + "\n", to: try folder.stagedPath(path))
      schemas[view.rawValue] = Manifest.SchemaEntry(
        id: schema.id, version: schema.version, path: path, sha256: summary.sha256)
    }
    var rowsByView: [String: [String: Int]] = [:]
    for file in files {
      rowsByView[file.view.rawValue, default: [:]][file.split.rawValue, default: 0] += file.summary.rows
    }
    let database = URL(fileURLWithPath: options.database).lastPathComponent
    let manifest = Manifest(
      heraldVersion: HeraldVersion.string,
      settings: Manifest.Settings(
        views: options.views.map(\.rawValue), shards: options.shards,
        validationFraction: options.split.validationFraction, testFraction: options.split.testFraction,
        seed: options.split.seed, splitBy: "module", require: options.requirement.rawValue),
      records: tally.records, proofs: tally.proofs,
      recordsBySplit: Dictionary(uniqueKeysWithValues: tally.recordsBySplit.map { ($0.key.rawValue, $0.value) }),
      recordsByKind: tally.recordsByKind,
      modulesBySplit: Dictionary(uniqueKeysWithValues: tally.modulesBySplit.map { ($0.key.rawValue, $0.value.count) }),
      rowsByView: rowsByView, schemas: schemas,
      files: files.map {
        Manifest.File(
          path: $0.final, view: $0.view.rawValue, split: $0.split.rawValue, rows: $0.summary.rows,
          bytes: $0.summary.bytes, sha256: $0.summary.sha256)
      },
      provenance: tally.sources(database: database),
      excluded: tally.excluded.sorted { $0.key < $1.key }.map {
        Manifest.Exclusion(reason: $0.key.rawValue, count: $0.value, explanation: $0.key.explanation)
      },
      invalidRecords: tally.invalid, funnel: tally.funnel,
      mixture: Manifest.Mixture(
        records: tally.recordsByAugmentation, passed: tally.passedByAugmentation, target: mixtureTarget))
    _ = try StagedFile.write(DatasetCard.render(manifest, name: options.name), to: try folder.stagedPath("README.md"))
    _ = try StagedFile.write(manifest.jsonText, to: try folder.stagedPath("manifest.json"))
    return manifest
  }

  /// The report as recorded in `provenance.report`.
  static func json(_ report: ExportReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}
