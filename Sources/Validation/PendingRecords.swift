import HeraldCore
import Records
import Storage

/// The records validate selects, built one at a time from the statement cursor: every record
/// the filters select, or only those named.
final class PendingRecords {
  private let cursor: StatementCursor
  private let names: Set<String>?
  private let options: ValidateOptions
  private var memo = StatementBuilder.ScopeMemo()
  private var rows: [StatementRow] = []
  private var index = 0

  init(connection: SQLiteConnection, names: Set<String>?, options: ValidateOptions) throws {
    cursor = try StatementCursor(connection: connection)
    self.names = names
    self.options = options
  }

  /// The next selected record; nil at the end.
  func next() throws -> RecordValidator.Input? {
    while true {
      if index == rows.count {
        rows = try cursor.next(256)
        index = 0
        if rows.isEmpty { return nil }
      }
      let row = rows[index]
      index += 1
      if let names, !names.contains(row.name) { continue }
      guard ModulePrefix.selects(row.module, prefixes: options.modulePrefixes) else { continue }
      if let shard = options.shard, !shard.contains(row.name) { continue }
      guard case .record(let record) = StatementBuilder.candidate(row, memo: &memo),
        let (formal, kind) = StatementBuilder.formalStatement(row, memo: &memo)
      else { continue }
      return RecordValidator.Input(record: record, formal: formal, kind: kind)
    }
  }
}
