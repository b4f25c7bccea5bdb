/// A Lean- and LaTeX-aware tokenizer: the same mathematics written in Lean, LaTeX or prose
/// comes out as the same ASCII tokens, for both indexed documents and queries.
///
/// Rules, in brief: text is lowercased; Lean names split into their parts (`Nat.succ_le_iff` →
/// `set_nat succ op_le op_iff`) plus one joined token per compound component (`succ_le_iff`,
/// `isopen`), which rewards exact name matches; every spelling of an operator or number set
/// becomes one token (`≤`, `\le`, `\leq`, `<=`, `le` → `op_le`; `ℕ`, `\mathbb{N}`, `Nat` →
/// `set_nat`); LaTeX layout (`\left`, `\,`, `\mathrm`, `$`) and prose stop words are dropped;
/// numbers are kept. Tokens use only `[a-z0-9_]`, so they are safe inside FTS5 and quoting.
public struct MathTokenizer: Sendable {
  /// Bumped whenever any rule or table changes. Documents and queries must be tokenized alike:
  /// the retrieval index tokenizes its stored texts each time it is opened, so they always are.
  public static let version = 1

  public init() {}

  /// The tokens of `text`, in order, with repetitions (term frequency matters to ranking).
  public func tokens(_ text: String) -> [String] {
    var text = text
    return text.withUTF8 { bytes in
      var scanner = TokenScanner(bytes: bytes)
      scanner.run()
      return scanner.tokens
    }
  }

  /// The tokens of `text` joined by single spaces: the form stored in the full-text index.
  public func document(_ text: String) -> String {
    tokens(text).joined(separator: " ")
  }
}
