/// The structure of a LaTeX file, found in one pass over its bytes: its sections with the byte
/// ranges of their titles, items and proofs, and the macros the file defines.
struct LaTeXOutline {
  /// A numbered environment of one of the item kinds.
  struct Item {
    var kind: SectionItemKind
    var number: String?
    /// The inside of the optional `[Title]`.
    var title: Range<Int>?
    /// From after `\begin{env}[…]` to its `\end` (or wherever it was cut short).
    var body: Range<Int>
    var label: String?
    /// The proofs that follow it (one, almost always).
    var proofs: [Range<Int>] = []
    var line: Int
  }

  /// A `\section` (or the whole file, for a file without one).
  struct Section {
    /// The inside of the title's braces; nil for the whole file.
    var title: Range<Int>?
    var number: String?
    var label: String?
    /// From after the title and label to the next section or the end of the document.
    var content: Range<Int>
    /// Where the first item begins: the introduction ends there.
    var introductionEnd: Int?
    var items: [Item] = []
    var firstLine: Int
    var lastLine: Int
    /// Unbalanced environments and the like, one sentence each.
    var warnings: [String] = []
  }

  /// The file's sections in order; one covering the whole document when it has no `\section`.
  var sections: [Section] = []
  /// Every macro the file defines, wherever it defines it.
  var macros = ByteNameTable<MacroDefinition>()
  /// Problems outside every section (in the preamble), one sentence each.
  var documentWarnings: [String] = []
}
