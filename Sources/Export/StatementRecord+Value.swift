import HeraldCore
import Records

extension StatementRecord {
  /// The record's long texts, escaped once for all the lines they appear in.
  public struct Texts: Sendable, Hashable {
    public var formalStatement: EscapedText
    public var informalName: EscapedText
    public var informalStatement: EscapedText

    /// The texts of `record`.
    public init(_ record: StatementRecord) {
      formalStatement = EscapedText(record.formalStatement)
      informalName = EscapedText(record.informalName)
      informalStatement = EscapedText(record.informalStatement)
    }
  }

  /// The record as JSON, keys sorted.
  public var value: RecordValue { value(Texts(self)) }

  /// The record as JSON with its `texts` escaped already.
  public func value(_ texts: Texts) -> RecordValue {
    .object([
      "augmentation": augmentation.kind == .original ? Self.originalAugmentation : Self.value(augmentation),
      "dependencies": .strings(dependencies),
      "formal_name": .string(formalName),
      "formal_statement": .escaped(texts.formalStatement),
      "id": .string(id),
      "informal_name": .escaped(texts.informalName),
      "informal_statement": .escaped(texts.informalStatement),
      "kind": .string(kind),
      "module": .string(module),
      "provenance": .object([
        "analyzer": .optional(provenance.analyzer),
        "created_at": .string(provenance.createdAt),
        "git_revision": .optional(provenance.gitRevision),
        "herald_version": .string(provenance.heraldVersion),
        "lean_toolchain": .optional(provenance.leanToolchain),
        "model": .string(provenance.model),
        "project": .optional(provenance.project),
        "prompt_version": .string(provenance.promptVersion),
      ]),
      "validation": .validation(validation),
    ])
  }

  /// The `augmentation` object of every original record, made once.
  static let originalAugmentation = value(.original)

  /// The `augmentation` object: every member present, null where it does not apply.
  static func value(_ augmentation: Augmentation) -> RecordValue {
    .object([
      "depth": augmentation.depth.map { .int($0) } ?? .null, "kind": .string(augmentation.kind.rawValue),
      "language": .optional(augmentation.language), "parent": .optional(augmentation.parentID),
      "parent_name": .optional(augmentation.parentName), "step": augmentation.step.map { .int($0) } ?? .null,
      "strategy": .optional(augmentation.strategy?.rawValue),
    ])
  }
}
