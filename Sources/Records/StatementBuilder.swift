import Foundation
import HeraldCore

/// Turns what the database holds about a translated declaration into its statement record, or
/// says why it is left out. Pure, so records can be built on any thread.
public enum StatementBuilder {
  /// What one translated declaration became.
  public enum Candidate: Sendable {
    case record(StatementRecord)
    case excluded(name: String, reason: ExclusionReason)
  }

  /// The scope lists (open, variable and universe lines) last read: declarations in a row
  /// usually share them, and they are then parsed once.
  public struct ScopeMemo: Sendable {
    private var texts = ["[]", "[]", "[]"]
    private var lists: [[String]] = [[], [], []]

    /// The list stored as `text` in column `slot` (0 open, 1 variable, 2 universe lines).
    /// A memo that has read nothing yet.
    public init() {}

    mutating func list(_ text: String, slot: Int) -> [String] {
      if texts[slot] != text {
        texts[slot] = text
        lists[slot] = StatementBuilder.list(text)
      }
      return lists[slot]
    }
  }

  /// The record of `row`, or why there is none.
  public static func candidate(_ row: StatementRow) -> Candidate {
    var memo = ScopeMemo()
    return candidate(row, memo: &memo)
  }

  /// The record of `row`, or why there is none, reading scope lists through `memo`.
  public static func candidate(_ row: StatementRow, memo: inout ScopeMemo) -> Candidate {
    let name = row.augmented?.name ?? row.name
    guard statementHash(row.promptStatement) == row.statementHash else {
      return .excluded(name: name, reason: .staleTranslation)
    }
    if let augmented = row.augmented, !augmented.isCurrent {
      return .excluded(name: name, reason: .staleAugmentation)
    }
    guard let (formal, kind) = formalStatement(row, memo: &memo) else {
      return .excluded(name: name, reason: .noDeclarationCommand)
    }
    return .record(record(row, formal: formal, kind: kind))
  }

  /// The standalone formal statement of `row` and its kind; nil when none can be written (no
  /// declaration command wrote it and it is not a theorem).
  public static func formalStatement(_ row: StatementRow, memo: inout ScopeMemo) -> (FormalStatement, String)? {
    if let augmented = row.augmented, augmented.augmentation.kind == .tactic, let statement = augmented.statement {
      return (tacticStatement(row, statement: statement, universes: augmented.universes, memo: &memo), "theorem")
    }
    var formal: FormalStatement
    let kind: String
    if let declaration = row.declaration {
      kind = declaration.kind
      formal = FormalStatement(
        imports: row.imports, universes: memo.list(declaration.levelNames, slot: 2),
        openLines: memo.list(declaration.openDecls, slot: 0), namespace: declaration.namespace,
        variableLines: memo.list(declaration.varDecls, slot: 1),
        declaration: FormalStatement.declaration(
          kind: kind, statement: declaration.statement, value: declaration.value, text: declaration.text,
          computeKind: declaration.computeKind))
      formal.noncomputableSection = definitionKinds.contains(kind)
    } else if row.symbolKind == "theorem", isWritableName(row.name) {
      // A theorem no declaration command wrote (to_additive, alias, a mutual block): its type
      // is its statement, written with full names from the root.
      kind = row.symbolKind
      formal = FormalStatement(
        imports: row.imports, universes: UniverseNames.scan(row.type), openLines: [], namespace: "",
        variableLines: [], declaration: "theorem \(row.name) : \(row.type) := sorry")
    } else {
      return nil
    }
    if row.usesOwnModule { formal = importingOwnModule(formal, module: row.module) }
    return (formal, kind)
  }

  /// A tactic state of `row`'s declaration as a file (see `tacticStatement(module:…)`).
  static func tacticStatement(
    _ row: StatementRow, statement: String, universes: [String], memo: inout ScopeMemo
  ) -> FormalStatement {
    tacticStatement(
      module: row.module, openLines: row.declaration.map { memo.list($0.openDecls, slot: 0) } ?? [],
      namespace: row.declaration?.namespace ?? "", universes: universes, declaration: statement + " := sorry")
  }

  /// A tactic state of a theorem of `module` as a file: the module imported (the state may use
  /// anything declared before the theorem), the theorem's `open` lines and its namespace opened
  /// (the state's names are printed in full, but notation of the namespace may be scoped), the
  /// universes the state needs, and `declaration` at the root. herald augment compiles exactly
  /// the file export writes.
  public static func tacticStatement(
    module: String, openLines: [String], namespace: String, universes: [String], declaration: String
  ) -> FormalStatement {
    FormalStatement(
      imports: [module], universes: universes, openLines: openLines + (namespace.isEmpty ? [] : ["open \(namespace)"]),
      namespace: "", variableLines: [], declaration: declaration)
  }

  /// The record of `row` built from its formal statement.
  private static func record(_ row: StatementRow, formal: FormalStatement, kind: String) -> StatementRecord {
    let origin = row.moduleOrigin
    let text = formal.text
    var record = StatementRecord(
      informalName: row.informalName, informalStatement: row.informalStatement,
      formalName: row.augmented?.name ?? row.name,
      formalStatement: text, kind: kind, module: row.module, dependencies: row.dependencies,
      provenance: StatementRecord.Provenance(
        project: origin?.project.map { URL(fileURLWithPath: $0).lastPathComponent },
        gitRevision: origin?.gitRevision, leanToolchain: origin?.toolchain ?? row.moduleToolchain,
        analyzer: origin?.analyzer,
        heraldVersion: row.translationOrigin?.heraldVersion ?? origin?.heraldVersion ?? HeraldVersion.string,
        model: row.model, promptVersion: row.promptVersion, createdAt: row.createdAt))
    if let augmented = row.augmented {
      record.id = augmented.id
      record.augmentation = augmented.augmentation
    }
    if let verdict = row.verdict {
      let hash = ValidationStore.recordHash(
        formalStatement: text, informalName: row.informalName, informalStatement: row.informalStatement)
      if hash == verdict.recordHash, let status = RecordValidation.Status(rawValue: verdict.status) {
        record.validation = .stored(status: status, json: verdict.json)
      } else {
        record.validation = .missing(reason: StatementRecord.Validation.staleReason)
      }
    }
    return record
  }

  /// `formal` for a declaration that uses earlier declarations of its own module: the module
  /// itself is imported (its imports alone do not declare them), and the declaration, whose
  /// name the module then declares already, is restated (see `FormalStatement.restated`).
  static func importingOwnModule(_ formal: FormalStatement, module: String) -> FormalStatement {
    var restated = formal.restated
    restated.imports = [module]
    return restated
  }

  /// Kinds whose body is their meaning and is compiled (so `noncomputable` matters).
  static let definitionKinds: Set<String> = ["definition", "abbrev", "instance", "opaque"]

  /// The hash translate records for the statement it translated (FNV-1a, hex).
  public static func statementHash(_ statement: String) -> String {
    String(StableHash.fnv1a64(statement), radix: 16)
  }

  /// Whether `name` can be written after `theorem` (private and numbered names cannot).
  static func isWritableName(_ name: String) -> Bool {
    !name.hasPrefix("_private.") && !name.split(separator: ".").contains { $0.allSatisfy(\.isNumber) }
  }

  /// A JSON array of strings as stored in a column; `[]`, the common case, without parsing.
  public static func list(_ text: String) -> [String] {
    guard text != "[]", let document = try? JSONDocument(text: text) else { return [] }
    return document.root.elements.compactMap(\.string)
  }
}
