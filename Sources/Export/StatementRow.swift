/// What the database holds about one translated declaration, read in one pass and turned into a
/// record elsewhere (possibly on another thread).
struct StatementRow: Sendable {
  /// Where the declaration's module and translation came from.
  struct Origin: Sendable, Hashable {
    var project: String?
    var gitRevision: String?
    var toolchain: String?
    var analyzer: String?
    var heraldVersion: String
  }

  var name: String
  var informalName: String
  var informalStatement: String
  var model: String
  var promptVersion: String
  var createdAt: String
  /// The hash translate recorded for the statement it translated.
  var statementHash: String
  var symbolKind: String
  /// The symbol's type; read only when no declaration command wrote it (it is then the statement).
  var type: String
  /// The declaration command, nil when none wrote the symbol.
  var declaration: Declaration?
  var module: String
  var imports: [String]
  var moduleOrigin: Origin?
  var moduleToolchain: String?
  var translationOrigin: Origin?
  /// Names of the units it depends on (to be stated, or in its body when the record shows it).
  var dependencies: [String]

  /// The columns of the declaration command.
  struct Declaration: Sendable {
    var kind: String
    var statement: String
    /// The body and the whole command, for kinds that keep their body (nil for theorems).
    var value: String?
    var text: String?
    var namespace: String
    /// JSON arrays as stored.
    var openDecls: String
    var varDecls: String
    var levelNames: String
    var computeKind: String?
  }
}
