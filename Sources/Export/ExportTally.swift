import HeraldCore
import Records
import Storage

/// What a run has written and left out so far: the counts of the report, manifest and card.
struct ExportTally: Sendable {
  var records = 0
  /// Proof records written (the `proofs` view).
  var proofs = 0
  var recordsBySplit: [DatasetSplit: Int] = [:]
  var recordsByKind: [String: Int] = [:]
  var recordsByAugmentation: [String: Int] = [:]
  /// Records built whose validation passed, by augmentation kind (written or left out).
  var passedByAugmentation: [String: Int] = [:]
  var modulesBySplit: [DatasetSplit: Set<String>] = [:]
  var excluded: [ExclusionReason: Int] = [:]
  /// How far the records got through validation (over every record built, written or not).
  var funnel = Manifest.Funnel()
  var invalid: [Manifest.InvalidRecord] = []
  var failures: [FailureRecord] = []
  var projects: Set<String> = []
  var gitRevisions: Set<String> = []
  var toolchains: Set<String> = []
  var analyzers: Set<String> = []
  var models: Set<String> = []
  var promptVersions: Set<String> = []
  var heraldVersions: Set<String> = []
  /// The module, split and provenance of the last record added.
  private var lastAdded: (module: String, split: DatasetSplit, provenance: StatementRecord.Provenance)?

  /// Counts a written record.
  mutating func add(_ record: StatementRecord, split: DatasetSplit) {
    records += 1
    recordsBySplit[split, default: 0] += 1
    recordsByKind[record.kind, default: 0] += 1
    recordsByAugmentation[record.augmentation.kind.rawValue, default: 0] += 1
    // Records come module by module, mostly from one project, model and prompt version: the
    // sets are touched only when a value differs from the previous record's.
    var provenance = record.provenance
    provenance.createdAt = ""  // not summarized; it differs from record to record
    if let last = lastAdded, last.module == record.module, last.split == split, last.provenance == provenance {
      return
    }
    lastAdded = (record.module, split, provenance)
    modulesBySplit[split, default: []].insert(record.module)
    if let project = provenance.project { projects.insert(project) }
    if let revision = provenance.gitRevision { gitRevisions.insert(revision) }
    if let toolchain = provenance.leanToolchain { toolchains.insert(toolchain) }
    if let analyzer = provenance.analyzer { analyzers.insert(analyzer) }
    models.insert(provenance.model)
    promptVersions.insert(provenance.promptVersion)
    heraldVersions.insert(provenance.heraldVersion)
  }

  /// Counts a record built from a translation, by its verdicts, before any is left out.
  mutating func build(_ record: StatementRecord) {
    let kind = record.augmentation.kind.rawValue
    passedByAugmentation[kind, default: 0] += record.validation.status == .passed ? 1 : 0
    // The funnel follows the library's declarations; augmented records are counted by kind.
    guard record.augmentation.kind == .original else { return }
    funnel.translated += 1
    guard case .stored(let status, let json) = record.validation else { return }
    funnel.validated += 1
    if status == .passed { funnel.passed += 1 }
    guard let document = try? JSONDocument(text: json) else { return }
    let root = document.root
    let outcome = root["compile"]?["outcome"]?.string ?? ""
    if outcome == "ok" || outcome == "sorry" { funnel.compiled += 1 }
    if outcome == "not_run" { funnel.compileNotRun += 1 }
    let samples = root["back_translation"]?["samples"]?.elements.map { $0 } ?? []
    if samples.contains(where: { ["ok", "sorry"].contains($0["compile"]?["outcome"]?.string ?? "") }) {
      funnel.backTranslated += 1
    }
    if root["judge"]?["verdict"]?.string == "same" { funnel.judgedSame += 1 }
  }

  /// Counts a declaration left out.
  mutating func exclude(_ reason: ExclusionReason) {
    excluded[reason, default: 0] += 1
  }

  /// Counts a proof record that broke its schema, with its failure row.
  mutating func rejectProof(_ name: String, violation: SchemaViolation) {
    invalid.append(Manifest.InvalidRecord(name: name, view: ExportView.proofs.rawValue, problem: violation.description))
    failures.append(
      FailureRecord(
        stage: ExportStage.name, item: "proof:" + name, reason: ExclusionReason.invalidRecord.rawValue,
        detail: "its proofs line breaks \(ExportView.proofs.schemaFile) at \(violation); it was left out. The data is "
          + "unexpected or herald has a defect: check the proof's row, and report it if it looks right",
        codingPath: violation.path))
  }

  /// Counts a record that broke the schema of `view`, with its failure row.
  mutating func reject(_ record: StatementRecord, view: ExportView, violation: SchemaViolation) {
    exclude(.invalidRecord)
    invalid.append(Manifest.InvalidRecord(name: record.formalName, view: view.rawValue, problem: violation.description))
    failures.append(
      FailureRecord(
        stage: ExportStage.name, item: record.formalName, reason: ExclusionReason.invalidRecord.rawValue,
        detail: "its \(view.rawValue) line breaks \(view.schemaFile) at \(violation); it was left out of every "
          + "view. The data is unexpected or herald has a defect: check the declaration's rows, and report it "
          + "if they look right",
        codingPath: violation.path))
  }

  /// Adds the counts of a later batch.
  mutating func merge(_ other: ExportTally) {
    records += other.records
    recordsBySplit.merge(other.recordsBySplit, uniquingKeysWith: +)
    recordsByKind.merge(other.recordsByKind, uniquingKeysWith: +)
    recordsByAugmentation.merge(other.recordsByAugmentation, uniquingKeysWith: +)
    passedByAugmentation.merge(other.passedByAugmentation, uniquingKeysWith: +)
    modulesBySplit.merge(other.modulesBySplit) { $0.union($1) }
    excluded.merge(other.excluded, uniquingKeysWith: +)
    funnel.merge(other.funnel)
    invalid += other.invalid
    failures += other.failures
    projects.formUnion(other.projects)
    gitRevisions.formUnion(other.gitRevisions)
    toolchains.formUnion(other.toolchains)
    analyzers.formUnion(other.analyzers)
    models.formUnion(other.models)
    promptVersions.formUnion(other.promptVersions)
    heraldVersions.formUnion(other.heraldVersions)
  }

  /// The provenance summary of the manifest.
  func sources(database: String) -> Manifest.Sources {
    func sorted(_ values: Set<String>) -> [String] { values.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    return Manifest.Sources(
      database: database, databaseSchemaVersion: Schema.version, projects: sorted(projects),
      gitRevisions: sorted(gitRevisions), leanToolchains: sorted(toolchains), analyzers: sorted(analyzers),
      models: sorted(models), promptVersions: sorted(promptVersions), heraldVersions: sorted(heraldVersions))
  }
}
