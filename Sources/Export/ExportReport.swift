/// What one `herald export` run wrote, for people and (with `--json`) for scripts.
public struct ExportReport: Sendable, Codable, Equatable {
  /// Statement records written (each is a line of the herald view and two of each other view).
  public var records = 0
  /// Records by split.
  public var recordsBySplit: [String: Int] = [:]
  /// Records by declaration kind.
  public var recordsByKind: [String: Int] = [:]
  /// Proof records written (the `proofs` view).
  public var proofs = 0
  /// Lines written per view.
  public var rowsByView: [String: Int] = [:]
  /// Declarations left out, by reason (`not_translated`, `abstained`, `invalid_record`, …).
  public var excluded: [String: Int] = [:]
  /// Records that broke their schema (each a row in `failures`, stage `export`).
  public var failed = 0
  /// Shard files written.
  public var files = 0
  /// Bytes of the shard files.
  public var bytes = 0
  /// The dataset folder.
  public var output = ""
  /// Wall time.
  public var seconds = 0.0

  /// An empty report.
  public init() {}

  /// The report of a run that wrote `files`, described by `manifest`.
  init(tally: ExportTally, manifest: Manifest, files: [ShardSet.Finished], output: String, seconds: Double) {
    records = tally.records
    proofs = tally.proofs
    recordsBySplit = Dictionary(uniqueKeysWithValues: tally.recordsBySplit.map { ($0.key.rawValue, $0.value) })
    recordsByKind = tally.recordsByKind
    rowsByView = manifest.rowsByView.mapValues { $0.values.reduce(0, +) }
    excluded = Dictionary(uniqueKeysWithValues: tally.excluded.map { ($0.key.rawValue, $0.value) })
    failed = tally.failures.count
    self.files = files.count
    bytes = files.map(\.summary.bytes).reduce(0, +)
    self.output = output
    self.seconds = seconds
  }

  enum CodingKeys: String, CodingKey {
    case records, proofs, excluded, failed, files, bytes, output, seconds
    case recordsBySplit = "records_by_split"
    case recordsByKind = "records_by_kind"
    case rowsByView = "rows_by_view"
  }
}
