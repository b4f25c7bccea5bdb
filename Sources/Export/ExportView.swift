import Records

/// A shape of the dataset's lines; each view is a Hugging Face config of its own, with its own
/// folder and schema.
public enum ExportView: String, CaseIterable, Sendable, Codable, Comparable {
  /// The full statement record.
  case herald
  /// Chat records (system, user, assistant), two per statement: NL→Lean and Lean→NL.
  case messages
  /// The same pairs as `prompt` and `completion` strings.
  case promptCompletion = "prompt-completion"
  /// Theorems with their tactic proofs explained (proof records, not statement records).
  case proofs

  /// Whether the view's lines come from statement records (all but `proofs`).
  public var isStatementView: Bool { self != .proofs }

  /// The schema every line of this view is checked against.
  public var schema: RecordSchema {
    switch self {
    case .herald: Self.compiled.statement
    case .messages: Self.compiled.messages
    case .promptCompletion: Self.compiled.promptCompletion
    case .proofs: Self.compiled.proof
    }
  }

  /// The schema's file name under `schemas/`.
  public var schemaFile: String {
    switch self {
    case .herald: "statement.schema.json"
    case .messages: "messages.schema.json"
    case .promptCompletion: "prompt-completion.schema.json"
    case .proofs: "proof.schema.json"
    }
  }

  /// The lines `record` gives in this view.
  public func rows(for record: StatementRecord) -> [RecordValue] {
    let texts = StatementRecord.Texts(record)
    if self == .herald { return [record.value(texts)] }
    return rows(
      for: record,
      exercises: TranslationExercise.Direction.allCases.map {
        TranslationExercise(record: record, direction: $0, texts: texts)
      })
  }

  /// The lines `record` gives in this view, from its `exercises` (one per direction) made once
  /// for all views (none in `proofs`, whose lines are proof records).
  public func rows(for record: StatementRecord, exercises: [TranslationExercise]) -> [RecordValue] {
    switch self {
    case .herald:
      return [record.value]
    case .messages:
      return exercises.map { exercise in
        .object([
          "direction": .string(exercise.direction.rawValue),
          "id": .string(exercise.id),
          "messages": .array([
            Self.systemMessage[exercise.direction == .nlToLean ? 0 : 1],
            .object(["content": .escaped(exercise.user), "role": .string("user")]),
            .object(["content": .escaped(exercise.assistant), "role": .string("assistant")]),
          ]),
          "record_id": .string(record.id),
        ])
      }
    case .promptCompletion:
      return exercises.map { exercise in
        .object([
          "completion": .escaped(exercise.assistant),
          "direction": .string(exercise.direction.rawValue),
          "id": .string(exercise.id),
          "prompt": .escaped(exercise.user),
          "record_id": .string(record.id),
        ])
      }
    case .proofs:
      return []
    }
  }

  /// The system message of each direction (the same in every chat, so made once).
  private static let systemMessage: [RecordValue] = [
    .object(["content": .escaped(TranslationExercise.nlToLeanSystem), "role": .string("system")]),
    .object(["content": .escaped(TranslationExercise.leanToNLSystem), "role": .string("system")]),
  ]

  public static func < (a: ExportView, b: ExportView) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// The bundled schemas, compiled once; they are part of herald, so a failure is a build defect.
  private static let compiled:
    (statement: RecordSchema, messages: RecordSchema, promptCompletion: RecordSchema, proof: RecordSchema) = {
      do {
        return (
          try RecordSchema(text: BundledSchemas.statement), try RecordSchema(text: BundledSchemas.messages),
          try RecordSchema(text: BundledSchemas.promptCompletion), try RecordSchema(text: BundledSchemas.proof)
        )
      } catch {
        fatalError("a bundled schema does not compile: \(error)")
      }
    }()
}
