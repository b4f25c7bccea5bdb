/// One of jixia's output plugins, with its command-line flag and file suffix.
public enum AnalyzerPlugin: String, Sendable, CaseIterable, Codable {
  case module = "mod"
  case declaration = "decl"
  case symbol = "sym"
  case elaboration = "elab"
  case line = "line"

  /// The jixia flag that requests this plugin.
  public var flag: String {
    switch self {
    case .module: return "-m"
    case .declaration: return "-d"
    case .symbol: return "-s"
    case .elaboration: return "-e"
    case .line: return "-l"
    }
  }

  /// The file name jixia_py uses for a module's output of this plugin.
  public func fileName(module: String) -> String { "\(module).\(rawValue).json" }
}
