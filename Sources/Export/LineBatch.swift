import HeraldCore
import Records

/// A run of translated declarations, in order, turned into the lines of every view: records are
/// built, checked against their schemas and serialized away from the thread that reads the
/// database; the output is then written in the batches' order, so the files do not depend on
/// which thread did what.
struct LineBatch: Sendable {
  /// One declaration with the file its lines go to.
  struct Item: Sendable {
    var row: StatementRow
    var split: DatasetSplit
    var shard: Int
  }

  /// The serialized lines of one file, in order.
  struct Chunk: Sendable {
    var view: ExportView
    var split: DatasetSplit
    var shard: Int
    var bytes: [UInt8]
    var rows: Int
  }

  /// What a batch gives: its chunks (ordered by view, split and shard) and its counts.
  struct Output: Sendable {
    var chunks: [Chunk]
    var tally: ExportTally
    var names: [String]
  }

  var items: [Item]

  /// Builds, checks and serializes the lines of `views` for every item.
  func process(views: [ExportView], requirement: ExportOptions.Requirement = .any) -> Output {
    struct Key: Hashable {
      var view: ExportView
      var split: DatasetSplit
      var shard: Int
    }
    var writers: [Key: (writer: JSONWriter, rows: Int)] = [:]
    var tally = ExportTally()
    let statementSchema = ExportView.herald.schema
    let others = views.filter { $0 != .herald && $0.isStatementView }.map { (view: $0, schema: $0.schema) }
    var memo = StatementBuilder.ScopeMemo()
    for item in items {
      let record: StatementRecord
      switch StatementBuilder.candidate(item.row, memo: &memo) {
      case .excluded(_, let reason):
        tally.exclude(reason)
        continue
      case .record(let built):
        record = built
      }
      tally.build(record)
      if requirement == .passed, let reason = Self.unmet(record.validation) {
        tally.exclude(reason)
        continue
      }
      let texts = StatementRecord.Texts(record)
      let value = record.value(texts)
      if let violation = statementSchema.violation(of: value) {
        tally.reject(record, view: .herald, violation: violation)
        continue
      }
      var lines: [(view: ExportView, rows: [RecordValue])] = views.contains(.herald) ? [(.herald, [value])] : []
      let exercises = TranslationExercise.Direction.allCases.map {
        TranslationExercise(record: record, direction: $0, texts: texts)
      }
      var rejected = false
      for (view, schema) in others {
        let rows = view.rows(for: record, exercises: exercises)
        if let violation = rows.lazy.compactMap({ schema.violation(of: $0) }).first {
          tally.reject(record, view: view, violation: violation)
          rejected = true
          break
        }
        lines.append((view, rows))
      }
      if rejected { continue }
      for (view, rows) in lines {
        let key = Key(view: view, split: item.split, shard: item.shard)
        var entry = writers.removeValue(forKey: key) ?? (JSONWriter(), 0)
        for row in rows {
          row.write(to: &entry.writer)
          entry.writer.endLine()
        }
        entry.rows += rows.count
        writers[key] = entry
      }
      tally.add(record, split: item.split)
    }
    let chunks = writers.sorted {
      ($0.key.view, $0.key.split, $0.key.shard) < ($1.key.view, $1.key.split, $1.key.shard)
    }
    .map {
      Chunk(
        view: $0.key.view, split: $0.key.split, shard: $0.key.shard, bytes: $0.value.writer.bytes, rows: $0.value.rows)
    }
    return Output(chunks: chunks, tally: tally, names: items.map(\.row.name))
  }

  /// Why a record without a passed verdict is left out under `--require passed`; nil when passed.
  static func unmet(_ validation: StatementRecord.Validation) -> ExclusionReason? {
    switch validation {
    case .stored(.passed, _): nil
    case .stored(.failed, _): .validationFailed
    case .stored(.notRun, _): .validationNotRun
    case .missing: .notValidated
    }
  }
}
