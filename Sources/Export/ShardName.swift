/// The name of a shard file in the Hugging Face convention: `train-00000-of-00004.jsonl`.
struct ShardName: Sendable, Hashable {
  var split: DatasetSplit
  var index: Int
  var count: Int

  /// The file name.
  var fileName: String {
    "\(split.rawValue)-\(Self.digits(index))-of-\(Self.digits(count)).jsonl"
  }

  /// The path under the dataset folder.
  func path(view: ExportView) -> String {
    "\(view.rawValue)/data/\(fileName)"
  }

  /// Reads a name this type writes; nil for any other file.
  static func parse(_ fileName: String) -> ShardName? {
    guard fileName.hasSuffix(".jsonl") else { return nil }
    let parts = fileName.dropLast(".jsonl".count).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[2] == "of", let split = DatasetSplit(rawValue: String(parts[0])),
      parts[1].count == 5, parts[3].count == 5, let index = Int(parts[1]), let count = Int(parts[3])
    else { return nil }
    return ShardName(split: split, index: index, count: count)
  }

  private static func digits(_ number: Int) -> String {
    let text = String(number)
    return String(repeating: "0", count: max(0, 5 - text.count)) + text
  }
}
