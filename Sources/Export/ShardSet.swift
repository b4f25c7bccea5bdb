/// The shard files of one run: one open file per view and split, moving on to the next shard as
/// the plan says; finished files get their final names (numbered without gaps) at the end.
final class ShardSet {
  /// A finished, non-empty file.
  struct Finished {
    var view: ExportView
    var split: DatasetSplit
    var shard: Int
    /// Path inside the staging folder.
    var staged: String
    var summary: StagedFile.Summary
    /// Path inside the dataset folder, set by `finish`.
    var final = ""
  }

  private struct Key: Hashable {
    var view: ExportView
    var split: DatasetSplit
  }

  private struct Open {
    var shard: Int
    var staged: String
    var file: StagedFile
  }

  private let folder: OutputFolder
  private var open: [Key: Open] = [:]
  private var finished: [Finished] = []

  init(folder: OutputFolder) {
    self.folder = folder
  }

  /// Appends `chunk` to the file of its view, split and shard.
  func append(_ chunk: LineBatch.Chunk) throws(ExportError) {
    let key = Key(view: chunk.view, split: chunk.split)
    if let current = open[key], current.shard == chunk.shard {
      try current.file.append(chunk.bytes, rows: chunk.rows)
      return
    }
    if let previous = open.removeValue(forKey: key) { try close(previous, key) }
    let staged = "\(chunk.view.rawValue)/data/\(chunk.split.rawValue)-part-\(chunk.shard).jsonl"
    let file = try StagedFile(path: try folder.stagedPath(staged))
    open[key] = Open(shard: chunk.shard, staged: staged, file: file)
    try file.append(chunk.bytes, rows: chunk.rows)
  }

  /// Closes every file and names the finished ones: per view and split, in shard order,
  /// `<split>-0000i-of-0000n.jsonl`.
  func finish() throws(ExportError) -> [Finished] {
    for key in open.keys.sorted(by: { ($0.view, $0.split) < ($1.view, $1.split) }) {
      try close(open.removeValue(forKey: key)!, key)
    }
    var named: [Finished] = []
    let groups = Dictionary(grouping: finished) { Key(view: $0.view, split: $0.split) }
    for key in groups.keys.sorted(by: { ($0.view, $0.split) < ($1.view, $1.split) }) {
      let files = groups[key]!.sorted { $0.shard < $1.shard }
      for (index, var file) in files.enumerated() {
        file.final = ShardName(split: key.split, index: index, count: files.count).path(view: key.view)
        named.append(file)
      }
    }
    return named
  }

  private func close(_ file: Open, _ key: Key) throws(ExportError) {
    let summary = try file.file.finish()
    finished.append(
      Finished(view: key.view, split: key.split, shard: file.shard, staged: file.staged, summary: summary))
  }
}
