/// Edit distances and "did you mean …?" suggestions for mistyped command and option names.
public enum EditDistance {
  /// Unrestricted Damerau–Levenshtein distance: insertions, deletions, substitutions and
  /// transpositions of adjacent characters, each costing 1.
  ///
  /// The unrestricted variant is used (not optimal string alignment) so that a transposed pair
  /// may be edited further, e.g. `"ca"` → `"abc"` costs 2, matching how people actually mistype.
  public static func damerauLevenshtein(_ source: String, _ target: String) -> Int {
    let a = Array(source)
    let b = Array(target)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let infinity = a.count + b.count
    let columns = b.count + 2
    // Row/column 0 hold a sentinel "infinity" so transposition look-backs never win spuriously;
    // cell (i + 1, j + 1) is the distance between the first i and first j characters.
    var table = [Int](repeating: 0, count: (a.count + 2) * columns)
    /// Reads one cell of the flattened table.
    func cell(_ row: Int, _ column: Int) -> Int { table[row * columns + column] }
    table[0] = infinity
    for row in 0...a.count {
      table[(row + 1) * columns] = infinity
      table[(row + 1) * columns + 1] = row
    }
    for column in 0...b.count {
      table[column + 1] = infinity
      table[columns + column + 1] = column
    }
    var lastRowOf: [Character: Int] = [:]
    for row in 1...a.count {
      var lastMatchingColumn = 0
      for column in 1...b.count {
        let transposeRow = lastRowOf[b[column - 1], default: 0]
        let transposeColumn = lastMatchingColumn
        var cost = 1
        if a[row - 1] == b[column - 1] {
          cost = 0
          lastMatchingColumn = column
        }
        let best = min(
          cell(row, column) + cost,
          cell(row + 1, column) + 1,
          cell(row, column + 1) + 1,
          cell(transposeRow, transposeColumn) + (row - transposeRow - 1) + 1
            + (column - transposeColumn - 1))
        table[(row + 1) * columns + column + 1] = best
      }
      lastRowOf[a[row - 1]] = row
    }
    return cell(a.count + 1, b.count + 1)
  }

  /// The candidate the user most plausibly meant by `typo`, or `nil` when none is close.
  ///
  /// A candidate qualifies when the typo is a prefix of it (an abbreviation), or when the
  /// distance is at most `max(2, length / 3)` and smaller than either name, so that a one-letter
  /// typo is not "corrected" into an unrelated short name. Leading dashes are ignored for lengths.
  /// The closest candidate wins; ties go to abbreviations, then to the earlier candidate.
  public static func suggestion(for typo: String, among candidates: [String]) -> String? {
    let typoCore = typo.drop { $0 == "-" }
    guard !typoCore.isEmpty else { return nil }
    let threshold = max(2, typoCore.count / 3)
    var best: (candidate: String, distance: Int, isPrefix: Bool)?
    for candidate in candidates where candidate != typo {
      let core = candidate.drop { $0 == "-" }
      let isPrefix = core.hasPrefix(typoCore)
      let distance = damerauLevenshtein(typo, candidate)
      let isClose = distance <= threshold && distance < min(typoCore.count, core.count)
      guard isPrefix || isClose else { continue }
      if let current = best {
        let better =
          distance < current.distance || (distance == current.distance && isPrefix && !current.isPrefix)
        if !better { continue }
      }
      best = (candidate, distance, isPrefix)
    }
    return best?.candidate
  }
}
