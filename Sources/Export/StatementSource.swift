import HeraldCore
import Records
import Storage

/// What export reads from the database: counts for planning and for what is left out, and a
/// cursor over the translated declarations.
struct StatementSource {
  let connection: SQLiteConnection

  /// How many records may be written: translated declarations (a declaration gone since counts
  /// too) and their translated augmented statements.
  func translatedCount() throws -> Int {
    let declarations = try connection.scalarInt("SELECT count(*) FROM translations WHERE status = 'translated'") ?? 0
    let augmented = try connection.scalarInt("SELECT count(*) FROM augmentations WHERE status = 'translated'") ?? 0
    return declarations + augmented
  }

  /// Translated declarations per module, for planning shards before the records are built.
  func translatedPerModule() throws -> [String: Int] {
    let query = try connection.prepare(
      """
      SELECT m.name, count(*) FROM translations t JOIN symbols s ON s.name = t.name
      JOIN modules m ON m.id = s.module_id WHERE t.status = 'translated' GROUP BY m.name
      """)
    var counts: [String: Int] = [:]
    while try query.step() { counts[query.text(0) ?? ""] = query.int(1) }
    // Augmented statements go with their parent's module.
    let augmented = try connection.prepare(
      """
      SELECT m.name, count(*) FROM augmentations a JOIN symbols s ON s.name = a.parent
      JOIN modules m ON m.id = s.module_id WHERE a.status = 'translated' GROUP BY m.name
      """)
    while try augmented.step() { counts[augmented.text(0) ?? "", default: 0] += augmented.int(1) }
    return counts
  }

  /// Declarations that are left out before any record is built, by reason: units never
  /// translated, translations the model abstained from or that failed, and translations whose
  /// declaration is gone from the database.
  func exclusionsBeforeRecords() throws -> [ExclusionReason: Int] {
    var counts: [ExclusionReason: Int] = [:]
    let statuses = try connection.prepare("SELECT status, count(*) FROM translations GROUP BY status")
    while try statuses.step() {
      switch statuses.text(0) {
      case "abstained": counts[.abstained] = statuses.int(1)
      case "failed": counts[.translationFailed] = statuses.int(1)
      default: break
      }
    }
    counts[.notTranslated] = try connection.scalarInt(
      """
      SELECT count(*) FROM levels l JOIN symbols s ON s.id = l.symbol_id
      LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE s.is_internal = 0 AND coalesce(d.is_generated, 0) = 0
        AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.name = s.name)
      """)
    let augmentations = try connection.prepare(
      "SELECT status, count(*) FROM augmentations WHERE status != 'translated' GROUP BY status")
    while try augmentations.step() {
      let reason: ExclusionReason =
        augmentations.text(0) == "rejected" ? .augmentationRejected : .augmentationUntranslated
      counts[reason, default: 0] += augmentations.int(1)
    }
    counts[.notInDatabase] = try connection.scalarInt(
      """
      SELECT count(*) FROM translations t WHERE t.status = 'translated'
        AND NOT EXISTS (SELECT 1 FROM symbols s WHERE s.name = t.name)
      """)
    return counts.filter { $0.value > 0 }
  }

  /// The declarations translate considers: graph units that are neither internal nor generated.
  func translatableCount() throws -> Int {
    try connection.scalarInt(
      """
      SELECT count(*) FROM levels l JOIN symbols s ON s.id = l.symbol_id
      LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE s.is_internal = 0 AND coalesce(d.is_generated, 0) = 0
      """) ?? 0
  }

  /// A cursor over the translated declarations, in order.
  func rows() throws -> StatementCursor {
    try StatementCursor(connection: connection)
  }
}
