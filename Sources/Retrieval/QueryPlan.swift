/// Which query terms a search ranks, so that its cost stays bounded on a large index.
///
/// BM25 is computed for every document that matches, so an OR of common terms (`op_eq`,
/// `set_nat`, single-letter variables) would score most of the index. The plan therefore ORs only
/// the rarest terms, whose summed document frequencies fit the budget: they carry nearly all of
/// BM25's weight. The common terms are kept for a fallback that requires several of them at
/// once (an AND matches few documents however common its terms), used to fill the results when
/// the rare terms find fewer than asked, or when every term is common.
struct QueryPlan: Equatable {
  /// A fallback conjunction and how many documents it is expected to match.
  struct Conjunction: Equatable {
    var terms: [String]
    /// N × Π(df / N): the match count if the terms were independent.
    var expectedMatches: Double
    /// The document frequency of its rarest term: what reading the conjunction costs, since
    /// a conjunction walks the rarest term's postings and seeks in the others'.
    var rarestFrequency: Int
  }

  /// The rare terms, in query order; a document needs any of them.
  var anyOf: [String]
  /// The conjunctions to try in turn, longest first: each drops the most common term of the one
  /// before. The first is the shortest run of the rarest remaining terms (at most four) expected
  /// to match within the budget.
  var conjunctions: [Conjunction]

  /// A plan that sends every term (for an index too small to need one).
  init(all terms: [String]) {
    anyOf = terms
    conjunctions = []
  }

  /// Plans `(term, document frequency)` pairs given in query order, over `documents` documents.
  ///
  /// Terms no document holds are dropped (they cannot match). At most `maximumTerms` rare terms
  /// are kept.
  init(_ terms: [(term: String, frequency: Int)], documents: Int, budget: Int, maximumTerms: Int) {
    let rarestFirst = terms.enumerated().filter { $0.element.frequency > 0 }.sorted {
      ($0.element.frequency, $0.offset) < ($1.element.frequency, $1.offset)
    }
    var kept: [Int] = []
    var postings = 0
    var rest = rarestFirst[...]
    while let entry = rest.first, kept.count < maximumTerms, postings + entry.element.frequency <= budget {
      postings += entry.element.frequency
      kept.append(entry.offset)
      rest = rest.dropFirst()
    }
    anyOf = kept.sorted().map { terms[$0].term }

    let total = Double(max(documents, 1))
    var prefixes: [Conjunction] = []
    var expected = total
    for entry in rest.prefix(4) {
      expected *= Double(entry.element.frequency) / total
      prefixes.append(
        Conjunction(
          terms: (prefixes.last?.terms ?? []) + [entry.element.term], expectedMatches: expected,
          rarestFrequency: rest.first?.element.frequency ?? entry.element.frequency))
      if expected <= Double(budget) { break }
    }
    conjunctions = prefixes.reversed()
  }
}
