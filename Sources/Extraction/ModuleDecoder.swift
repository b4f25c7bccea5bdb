import HeraldCore

/// Decodes a module's plugin files into a `ModuleAnalysis`.
public enum ModuleDecoder {
  /// Plugins a module cannot be ingested without.
  public static let requiredPlugins: [AnalyzerPlugin] = [.declaration, .symbol]

  /// Decodes the files present in `files`; `source` enables slicing ranges.
  public static func decode(
    module: String, files: [AnalyzerPlugin: [UInt8]], source: SourceText?
  ) throws(DecodeError) -> ModuleAnalysis {
    var header: ModuleHeader?
    if let bytes = files[.module] { header = try ModuleHeader.decode(parse(bytes, .module).root) }
    let declarations =
      try files[.declaration].map { bytes throws(DecodeError) in
        try DeclarationDecoder.decode(parse(bytes, .declaration).root)
      } ?? []
    let symbols =
      try files[.symbol].map { bytes throws(DecodeError) in
        try SymbolDecoder.decode(parse(bytes, .symbol).root)
      } ?? []
    var rangeIndex: [Range<Int>: Int] = [:]
    for (index, declaration) in declarations.enumerated() {
      if let range = declaration.refRange, !declaration.isGenerated { rangeIndex[range] = index }
    }
    var steps: [TacticStepEntry] = []
    if let bytes = files[.elaboration] {
      // Term information is most of the file and never read: validated, not indexed.
      steps = try ElaborationDecoder.steps(
        parse(bytes, .elaboration, skipping: ["term"]).root, declarations: rangeIndex, source: source)
    }
    var lines: [LineState] = []
    if let bytes = files[.line] { lines = try LineDecoder.decode(parse(bytes, .line).root) }

    var warnings: [ModuleAnalysis.Warning] = []
    for (index, declaration) in declarations.enumerated()
    where !DeclarationDecoder.knownKinds.contains(declaration.kind) {
      warnings.append(
        .init(
          reason: "unknown_kind",
          detail: "declaration \(declaration.name.dotted) has unknown kind '\(declaration.kind)'; "
            + "it was stored as is. A newer jixia may need a newer herald.",
          path: "[\(index)].kind"))
    }
    return ModuleAnalysis(
      module: module, header: header, declarations: declarations,
      texts: declarations.map { DeclarationText($0, source: source) },
      constructorTexts: declarations.map { $0.constructors.map { DeclarationText($0, source: source) } },
      symbols: symbols, steps: steps, lineStates: lines,
      plugins: AnalyzerPlugin.allCases.filter { files[$0] != nil }, warnings: warnings)
  }

  private static func parse(
    _ bytes: [UInt8], _ plugin: AnalyzerPlugin, skipping: [String] = []
  ) throws(DecodeError) -> JSONDocument {
    do {
      return try JSONDocument(bytes: bytes, skipping: skipping)
    } catch {
      let reason: DecodeError.Reason = error.reason == .invalidUTF8 ? .invalidUTF8 : .malformedJSON
      throw DecodeError(reason, plugin: plugin, message: error.description)
    }
  }
}
