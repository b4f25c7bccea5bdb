/// Facts about where a module's analysis came from, stored on its `modules` row.
public struct ModuleRecord: Sendable, Hashable {
  /// Source path relative to the project or source root.
  public var path: String?
  /// SHA-256 of the source, when the source was available.
  public var sourceHash: String?
  /// Sizes and times of the plugin files ingested.
  public var outputFingerprint: String
  /// Analyzer identity.
  public var analyzer: String?
  /// Lean toolchain.
  public var toolchain: String?
}
