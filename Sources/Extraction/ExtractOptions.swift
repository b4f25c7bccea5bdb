import Foundation
import HeraldCore

/// Everything `herald extract` needs to know.
public struct ExtractOptions: Sendable {
  /// Where the analyzer output comes from.
  public enum Input: Sendable, Equatable {
    /// Run the analyzer over a Lake project.
    case project(root: String)
    /// Ingest files computed elsewhere (`<Module>.<plugin>.json`), slicing from `sourceRoot`.
    case analyzerOutput(directory: String, sourceRoot: String?)
  }

  /// The input.
  public var input: Input
  /// The database file.
  public var database: String
  /// The jixia executable (a path, or a name on PATH).
  public var analyzer: String = "jixia"
  /// The `lake` executable that provides the environment (`lake env`).
  public var lake: String = "lake"
  /// Modules analyzed or decoded at once.
  public var jobs: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
  /// Wall-clock seconds per module before the analyzer is killed.
  public var timeout: Double = 900
  /// Only modules whose names start with one of these (all when empty).
  public var modulePrefixes: [String] = []
  /// Redo modules even when unchanged.
  public var force = false
  /// Where analyzer outputs are kept; default `<db folder>/analyzer-cache/<project folder name>`.
  public var cacheDirectory: String?
  /// Extra `-Dkey=value` options, after those read from the lakefile.
  public var analyzerOptions: [String] = []
  /// Variables added to the analyzer's environment (ours is inherited).
  public var environment: [String: String] = [:]
  /// A run that brings at least this many new modules, and no fewer than the database holds,
  /// builds the name indexes after its inserts rather than during them (`NameIndexes`).
  public var bulkFromModules = 256

  /// Creates options for `input` writing to `database`.
  public init(input: Input, database: String) {
    self.input = input
    self.database = database
  }

  /// Whether `module` is selected by the prefixes (a prefix matches whole components).
  public func selects(_ module: String) -> Bool {
    ModulePrefix.selects(module, prefixes: modulePrefixes)
  }
}
