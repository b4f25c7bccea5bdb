/// What `herald export` reads, where it writes, and how it cuts the dataset.
public struct ExportOptions: Sendable, Equatable {
  /// The database translate wrote.
  public var database: String
  /// The dataset folder.
  public var outputDirectory: String
  /// The dataset's name in its card; the database file's name without extension by default.
  public var name: String
  /// The views to write (each a config of the dataset), in their canonical order.
  public var views: [ExportView] = ExportView.allCases
  /// Files per split and view, at most; fewer when a split has fewer records.
  public var shards = 1
  /// Which modules go to validation and test.
  public var split = SplitAssignment(validationFraction: 0.05, testFraction: 0.05, seed: 0)
  /// Which records are written, by their validation verdicts.
  public var requirement = Requirement.any

  /// Which verdicts a record needs to be written.
  public enum Requirement: String, Sendable, Equatable, CaseIterable {
    /// Every record, with its verdicts (the default).
    case any
    /// Only records whose validation passed.
    case passed
  }

  /// The most shards a split may have (the file names have five digits).
  public static let maxShards = 99_999

  /// Options with the defaults: every view, one shard, 5% of modules each for validation and test.
  public init(database: String, outputDirectory: String) {
    self.database = database
    self.outputDirectory = outputDirectory
    let file = database.split(separator: "/").last.map(String.init) ?? database
    self.name = file.hasSuffix(".sqlite") ? String(file.dropLast(".sqlite".count)) : file
  }
}
