/// Why a declaration of the database is not a line of the dataset.
public enum ExclusionReason: String, CaseIterable, Sendable, Codable, Comparable {
  /// No translation row yet (translate has not reached it, or ran with `--limit`).
  case notTranslated = "not_translated"
  /// The model said it cannot translate the declaration faithfully.
  case abstained
  /// Translate gave up on it (unusable answers or endpoint failures).
  case translationFailed = "translation_failed"
  /// The declaration changed after it was translated (a re-extract); translate again.
  case staleTranslation = "stale_translation"
  /// An augmented statement made from an earlier version of its parent (its statement or
  /// informal texts changed since); run herald augment again.
  case staleAugmentation = "stale_augmentation"
  /// A tactic state whose compile check failed: never a record.
  case augmentationRejected = "augmentation_not_compiled"
  /// An augmented statement without informal texts (not informalized yet, abstained or failed).
  case augmentationUntranslated = "augmentation_not_translated"
  /// The translated name is no longer in the database (a re-extract removed it).
  case notInDatabase = "not_in_database"
  /// No declaration command wrote it (a mutual block, `to_additive`, …) and it is not a
  /// theorem, so no standalone declaration can be written from its type alone.
  case noDeclarationCommand = "no_declaration_command"
  /// Its record broke the schema; a `failures` row (stage `export`) says how.
  case invalidRecord = "invalid_record"
  /// With `--require passed`: herald validate has not judged the record's texts.
  case notValidated = "not_validated"
  /// With `--require passed`: validation failed (see the record's verdict in `validations`).
  case validationFailed = "validation_failed"
  /// With `--require passed`: a check of its validation could not run (no REPL, endpoint down).
  case validationNotRun = "validation_not_run"

  /// One sentence for the manifest and the dataset card.
  public var explanation: String {
    switch self {
    case .notTranslated: "not translated yet (run herald translate)"
    case .abstained: "the model said it cannot translate it faithfully"
    case .translationFailed: "translate gave up on it (see failures, stage translate)"
    case .staleTranslation: "changed since it was translated (run herald translate again)"
    case .staleAugmentation: "made from an earlier version of its parent (run herald augment again)"
    case .augmentationRejected: "a tactic state whose compile check failed (see failures, stage augment)"
    case .augmentationUntranslated: "an augmented statement not informalized (yet, or the model gave up)"
    case .notInDatabase: "translated, but no longer in the extracted library"
    case .noDeclarationCommand: "no source declaration to write it from (not a theorem)"
    case .invalidRecord: "its record broke the schema (see failures, stage export)"
    case .notValidated: "not validated (run herald validate), and passed verdicts were required"
    case .validationFailed: "its validation failed (see the validations table), and passed verdicts were required"
    case .validationNotRun: "a check of its validation could not run, and passed verdicts were required"
    }
  }

  public static func < (a: ExclusionReason, b: ExclusionReason) -> Bool { a.rawValue < b.rawValue }
}
