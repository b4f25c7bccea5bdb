/// What the database holds about one translated declaration, read in one pass and turned into a
/// record elsewhere (possibly on another thread).
public struct StatementRow: Sendable {
  /// Where the declaration's module and translation came from.
  public struct Origin: Sendable, Hashable {
    public var project: String?
    public var gitRevision: String?
    public var toolchain: String?
    public var analyzer: String?
    public var heraldVersion: String
  }

  public var name: String
  public var informalName: String
  public var informalStatement: String
  public var model: String
  public var promptVersion: String
  public var createdAt: String
  /// The hash translate recorded for the statement it translated.
  public var statementHash: String
  public var symbolKind: String
  /// The symbol's type; read only when no declaration command wrote it (it is then the statement).
  public var type: String
  /// The declaration command, nil when none wrote the symbol.
  public var declaration: Declaration?
  public var module: String
  public var imports: [String]
  public var moduleOrigin: Origin?
  public var moduleToolchain: String?
  public var translationOrigin: Origin?
  /// Names of the units it depends on (to be stated, or in its body when the record shows it).
  public var dependencies: [String]
  /// Whether one of `dependencies` is declared in the same module (the statement then needs the
  /// module itself, not only its imports).
  public var usesOwnModule = false
  /// The verdict `herald validate` stored for the record, when there is one.
  public var verdict: StoredVerdict?
  /// For an augmented statement of the declaration (which the rest of the row describes): what
  /// makes it a record of its own. Its informal texts are in `informalName` and
  /// `informalStatement`.
  public var augmented: Augmented?

  /// The statement translate was asked about (and hashed): the declaration's, or the name and
  /// type when no declaration command wrote it.
  public var promptStatement: String { declaration?.statement ?? "\(name) : \(type)" }

  /// An augmented statement of the row's declaration.
  public struct Augmented: Sendable {
    /// Its record id.
    public var id: String
    public var augmentation: Augmentation
    /// Its formal name: a tactic state's theorem, or the parent's.
    public var name: String
    /// A tactic state's declaration (`theorem … : goal`, without a value).
    public var statement: String?
    /// Universe names the tactic state's statement needs declared.
    public var universes: [String]
    /// Whether it was made from the parent as the database has it now (else it is stale).
    public var isCurrent: Bool
  }

  /// A verdict as stored: the hash of the texts it judged, its status and `validation` object.
  public struct StoredVerdict: Sendable, Hashable {
    public var recordHash: String
    public var status: String
    public var json: String
  }

  /// The columns of the declaration command.
  public struct Declaration: Sendable {
    public var kind: String
    public var statement: String
    /// The body and the whole command, for kinds that keep their body (nil for theorems).
    public var value: String?
    public var text: String?
    public var namespace: String
    /// JSON arrays as stored.
    public var openDecls: String
    public var varDecls: String
    public var levelNames: String
    public var computeKind: String?
  }
}
