/// Which header a check is elaborated against.
public enum HeaderPolicy: Sendable, Hashable {
  /// Each text's own leading import lines (the pipeline file's `"as-written"`, the default).
  case asWritten
  /// One literal header for every text, replacing its import lines (e.g. `import Mathlib`): one
  /// elaboration per worker serves every check.
  case literal(String)

  /// Reads the pipeline file's `header` value: `"as-written"` or a literal header.
  public init(_ text: String) {
    self = text == "as-written" ? .asWritten : .literal(text)
  }

  /// The header override a `LeanCheck` takes.
  public var override: String? {
    if case .literal(let header) = self { return header }
    return nil
  }
}
