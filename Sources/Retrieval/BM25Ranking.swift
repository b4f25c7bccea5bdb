import Foundation

/// Okapi BM25 as SQLite's FTS5 computes `bm25()`, operation for operation, so that scores (and
/// therefore rankings and ties) are exactly those the index gave when FTS5 ranked it.
///
/// FTS5 (`fts5_aux.c`): k1 = 1.2, b = 0.75; avgdl = total tokens / rows; for each query phrase,
/// idf = log((rows − hits + 0.5) / (hits + 0.5)), at least 1e-6, where hits counts the rows
/// holding it anywhere in the index; a row's frequency of a phrase adds the column's weight once
/// per occurrence; and the score sums, phrase by phrase in query order,
/// idf × (f × (k1 + 1)) / (f + k1 × (1 − b + b × size / avgdl)), negated.
struct BM25Ranking {
  private static let k1 = 1.2
  private static let b = 0.75

  /// Column weights: formal statement, informal name, informal statement.
  let weights: (formal: Double, name: Double, statement: Double)
  private let averageLength: Double
  private let inverseFrequencies: [Double]

  /// The ranking of a query whose terms are held by `hits` documents each, over `rows`
  /// documents of `tokens` tokens in all.
  init(hits: [Int], rows: Int, tokens: Int, weights: (formal: Double, name: Double, statement: Double)) {
    self.weights = weights
    averageLength = Double(tokens) / Double(rows)
    inverseFrequencies = hits.map { hits in
      let idf = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
      return idf <= 0 ? 1e-6 : idf
    }
  }

  /// FTS5's `bm25()` of a document of `size` tokens holding the query's terms `counts` times
  /// (in query order): lower is better.
  func score(counts: [PostingLists.Counts], size: Int) -> Double {
    let size = Double(size)
    var score = 0.0
    for (index, count) in counts.enumerated() {
      // A term the document lacks adds exactly +0.0 in FTS5: skipping it changes nothing.
      guard count != PostingLists.Counts() else { continue }
      // One addition per occurrence, in FTS5's order (by column), as `xInst` feeds them.
      var frequency = 0.0
      for _ in 0..<count.formal { frequency += weights.formal }
      for _ in 0..<count.name { frequency += weights.name }
      for _ in 0..<count.statement { frequency += weights.statement }
      score +=
        inverseFrequencies[index]
        * ((frequency * (Self.k1 + 1.0)) / (frequency + Self.k1 * (1 - Self.b + Self.b * size / averageLength)))
    }
    return -1.0 * score
  }
}
