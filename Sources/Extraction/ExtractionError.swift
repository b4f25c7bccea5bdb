/// Setup errors of the extract stage: these stop a run (per-module problems are failure rows).
public enum ExtractionError: Error, Sendable, CustomStringConvertible, Equatable {
  /// `--project` is not a folder.
  case projectNotFound(path: String)
  /// The project has no `.lean` files (or none match `--module`).
  case noModules(path: String, prefixes: [String])
  /// `--from-analyzer-output` is not a folder or holds no plugin files.
  case noAnalyzerOutput(path: String)
  /// `lake` or the analyzer cannot be found.
  case toolNotFound(name: String, option: String)
  /// The output cache could not be created.
  case cacheUnwritable(path: String, message: String)

  public var description: String {
    switch self {
    case .projectNotFound(let path):
      return "project folder '\(path)' does not exist; pass the root of a Lake project (the folder with the lakefile)."
    case .noModules(let path, let prefixes):
      if prefixes.isEmpty {
        return "no Lean modules found in '\(path)'; check that it is a Lake project with .lean sources."
      }
      return "no module of '\(path)' starts with \(prefixes.map { "'\($0)'" }.joined(separator: " or ")); "
        + "check the --module prefixes."
    case .noAnalyzerOutput(let path):
      return "'\(path)' holds no analyzer output (files named <Module>.<mod|decl|sym|elab|line>.json); "
        + "point --from-analyzer-output at the folder jixia wrote."
    case .toolNotFound(let name, let option):
      return "cannot find '\(name)' (not a file, and not on PATH); install it or pass \(option) PATH. "
        + "Without Lean here, ingest analyzer output made elsewhere with --from-analyzer-output DIR."
    case .cacheUnwritable(let path, let message):
      return "cannot write the analyzer cache '\(path)': \(message). Pass --cache DIR on a writable disk."
    }
  }
}
