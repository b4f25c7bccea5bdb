import HeraldCore

/// Everything the analyzer reported for one module, decoded and ready to store.
public struct ModuleAnalysis: Sendable {
  /// The module's name (`Mathlib.Logic.Basic`).
  public var module: String
  /// The `-m` plugin, when present.
  public var header: ModuleHeader?
  /// Declaration commands in source order.
  public var declarations: [DeclarationEntry]
  /// Texts per declaration (same order as `declarations`), constructors in `constructorTexts`.
  var texts: [DeclarationText]
  /// Texts of each declaration's constructors.
  var constructorTexts: [[DeclarationText]]
  /// Constants of the module.
  public var symbols: [SymbolEntry]
  /// Tactic steps of all declarations.
  public var steps: [TacticStepEntry]
  /// Non-empty proof states at line starts.
  public var lineStates: [LineState]
  /// The plugin files that were present.
  public var plugins: [AnalyzerPlugin]
  /// Doubts that do not stop ingestion (unknown kinds), as (reason, detail).
  public var warnings: [Warning]

  /// A doubt recorded as a `warning` failure row while the module is still ingested.
  public struct Warning: Sendable, Hashable {
    /// Short reason code.
    public var reason: String
    /// What was odd, and where.
    public var detail: String
    /// The coding path.
    public var path: String
  }
}
