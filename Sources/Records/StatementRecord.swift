import HeraldCore

/// One declaration with its informal name and statement: a line of the `herald` view and the
/// source of the other views' lines (`schemas/statement.schema.json`).
public struct StatementRecord: Sendable, Hashable {
  /// What made the record.
  public struct Provenance: Sendable, Hashable {
    public var project: String?
    public var gitRevision: String?
    public var leanToolchain: String?
    public var analyzer: String?
    public var heraldVersion: String
    public var model: String
    public var promptVersion: String
    /// When the translation was made; never the export's time, so reruns write the same bytes.
    public var createdAt: String

    /// A provenance.
    public init(
      project: String?, gitRevision: String?, leanToolchain: String?, analyzer: String?, heraldVersion: String,
      model: String, promptVersion: String, createdAt: String
    ) {
      self.project = project
      self.gitRevision = gitRevision
      self.leanToolchain = leanToolchain
      self.analyzer = analyzer
      self.heraldVersion = heraldVersion
      self.model = model
      self.promptVersion = promptVersion
      self.createdAt = createdAt
    }
  }

  public var id: String
  public var informalName: String
  public var informalStatement: String
  public var formalName: String
  public var formalStatement: String
  public var kind: String
  public var module: String
  public var dependencies: [String]
  public var provenance: Provenance
  public var validation: Validation = .missing(reason: Validation.notValidatedReason)
  /// How the record was derived (an original declaration unless augmented).
  public var augmentation = Augmentation.original

  /// What is known of the record's validation.
  public enum Validation: Sendable, Hashable {
    /// The verdict `herald validate` stored for exactly these texts: its status and object (JSON).
    case stored(status: RecordValidation.Status, json: String)
    /// No verdict for these texts, and why.
    case missing(reason: String)

    /// The reason of a record never validated.
    public static let notValidatedReason = "not validated yet (run herald validate)"
    /// The reason of a record whose texts changed since its verdict.
    public static let staleReason = "its texts changed since it was validated (run herald validate again)"

    /// The status the record counts under (`not_run` when there is no verdict).
    public var status: RecordValidation.Status {
      switch self {
      case .stored(let status, _): status
      case .missing: .notRun
      }
    }
  }

  /// A record of an original declaration; its id follows from the name.
  public init(
    informalName: String, informalStatement: String, formalName: String, formalStatement: String, kind: String,
    module: String, dependencies: [String], provenance: Provenance
  ) {
    self.id = Self.id(formalName: formalName)
    self.informalName = informalName
    self.informalStatement = informalStatement
    self.formalName = formalName
    self.formalStatement = formalStatement
    self.kind = kind
    self.module = module
    self.dependencies = dependencies
    self.provenance = provenance
  }

  /// The id of the original record of `formalName`: the first 32 hex digits of the SHA-256 of
  /// the record kind, the augmentation kind and the name, so the same declaration keeps its id
  /// across reruns and re-extracts, and derived records (augmentations) will get ids of their own.
  public static func id(formalName: String) -> String {
    var hash = SHA256()
    hash.update("statement\u{1F}original\u{1F}")
    hash.update(formalName)
    return String(hash.hexDigest().prefix(32))
  }
}
