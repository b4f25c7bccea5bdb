import Foundation

/// `manifest.json`: what the dataset folder holds, so a consumer can check it and a person can
/// tell where it came from. Written last: a folder whose files match its manifest is complete.
public struct Manifest: Sendable, Codable, Equatable {
  /// One shard file.
  public struct File: Sendable, Codable, Equatable {
    public var path: String
    public var view: String
    public var split: String
    public var rows: Int
    public var bytes: Int
    public var sha256: String
  }

  /// The schema of a view's lines, as copied into `schemas/`.
  public struct SchemaEntry: Sendable, Codable, Equatable {
    public var id: String
    public var version: Int
    public var path: String
    public var sha256: String
  }

  /// Declarations left out for one reason.
  public struct Exclusion: Sendable, Codable, Equatable {
    public var reason: String
    public var count: Int
    public var explanation: String
  }

  /// A record that broke its schema.
  public struct InvalidRecord: Sendable, Codable, Equatable {
    public var name: String
    public var view: String
    public var problem: String
  }

  /// Where the records came from: every distinct value over the records, sorted.
  public struct Sources: Sendable, Codable, Equatable {
    public var database: String
    public var databaseSchemaVersion: Int
    public var projects: [String]
    public var gitRevisions: [String]
    public var leanToolchains: [String]
    public var analyzers: [String]
    public var models: [String]
    public var promptVersions: [String]
    public var heraldVersions: [String]

    enum CodingKeys: String, CodingKey {
      case database, projects, analyzers, models
      case databaseSchemaVersion = "database_schema_version"
      case gitRevisions = "git_revisions"
      case leanToolchains = "lean_toolchains"
      case promptVersions = "prompt_versions"
      case heraldVersions = "herald_versions"
    }
  }

  /// How the dataset was cut.
  public struct Settings: Sendable, Codable, Equatable {
    public var views: [String]
    public var shards: Int
    public var validationFraction: Double
    public var testFraction: Double
    public var seed: Int
    public var splitBy: String
    /// `any` (every record, with its verdicts) or `passed` (only records that passed validation).
    public var require: String

    enum CodingKeys: String, CodingKey {
      case views, shards, seed, require
      case validationFraction = "validation_fraction"
      case testFraction = "test_fraction"
      case splitBy = "split_by"
    }
  }

  /// How far the library's declarations (original records; augmented ones are counted in
  /// `mixture`) got through validation. `compiled`, `back_translated`
  /// and `passed` need Lean to have run; `judged_same` counts every record a back-translation of
  /// which was judged the same, whether or not its compile checks ran (`compile_not_run` counts
  /// the records whose formal statement was not compiled: without a Lean REPL, all of them).
  public struct Funnel: Sendable, Codable, Equatable {
    /// Declarations translate considers (not internal, not generated).
    public var extracted = 0
    /// Of those, translated into a record.
    public var translated = 0
    /// Of those, judged by herald validate (for their current texts).
    public var validated = 0
    /// Whose formal statement compiles by itself.
    public var compiled = 0
    /// With at least one back-translation that compiles.
    public var backTranslated = 0
    /// With a back-translation judged to state the same theorem.
    public var judgedSame = 0
    /// Whose validation passed (compiled, back-translated and judged same).
    public var passed = 0
    /// Validated, but whose formal statement was not compiled (no Lean REPL was configured).
    public var compileNotRun = 0

    enum CodingKeys: String, CodingKey {
      case extracted, translated, validated, compiled, passed
      case backTranslated = "back_translated"
      case judgedSame = "judged_same"
      case compileNotRun = "compile_not_run"
    }

    /// Adds another batch's counts (all but `extracted`, which is counted once).
    mutating func merge(_ other: Funnel) {
      translated += other.translated
      validated += other.validated
      compiled += other.compiled
      backTranslated += other.backTranslated
      judgedSame += other.judgedSame
      passed += other.passed
      compileNotRun += other.compileNotRun
    }
  }

  /// Marks the folder as herald's (a later export may replace what it holds).
  public var generator = "herald export"
  public var heraldVersion: String
  public var settings: Settings
  public var records: Int
  /// Proof records (the `proofs` view's lines).
  public var proofs: Int
  public var recordsBySplit: [String: Int]
  public var recordsByKind: [String: Int]
  public var modulesBySplit: [String: Int]
  public var rowsByView: [String: [String: Int]]
  public var schemas: [String: SchemaEntry]
  public var files: [File]
  public var provenance: Sources
  public var excluded: [Exclusion]
  public var invalidRecords: [InvalidRecord]
  public var funnel: Funnel
  /// Records by derivation (`original`, `tactic`, `informal`) and the mixture herald augment aimed at.
  public var mixture: Mixture

  /// The realised mixture of record kinds against the target.
  public struct Mixture: Sendable, Codable, Equatable {
    /// Records by augmentation kind.
    public var records: [String: Int]
    /// The mixture herald augment aimed at (`original : tactic : informal`), when it ran.
    public var target: String?
    /// The realised one, relative to the originals (`1 : 1.9 : 1`).
    public var realised: String
    /// Records whose validation passed, by kind.
    public var passed: [String: Int]

    init(records: [String: Int], passed: [String: Int], target: String?) {
      self.records = records
      self.passed = passed
      self.target = target
      let originals = Double(max(1, records["original"] ?? 0))
      realised = ["original", "tactic", "informal"].map { kind in
        let ratio = Double(records[kind] ?? 0) / originals
        return ratio == ratio.rounded() ? String(Int(ratio)) : String(format: "%.2f", ratio)
      }.joined(separator: " : ")
    }
  }

  enum CodingKeys: String, CodingKey {
    case generator, settings, records, proofs, schemas, files, provenance, excluded, funnel, mixture
    case heraldVersion = "herald_version"
    case recordsBySplit = "records_by_split"
    case recordsByKind = "records_by_kind"
    case modulesBySplit = "modules_by_split"
    case rowsByView = "rows_by_view"
    case invalidRecords = "invalid_records"
  }

  /// Pretty JSON with sorted keys: the same manifest gives the same bytes.
  public var jsonText: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data = (try? encoder.encode(self)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
