/// How `RetrievalIndex` ranks and how much work one search may do.
public struct RetrievalSettings: Sendable, Hashable {
  /// BM25 weight of the tokenized formal statement.
  public var formalWeight: Double
  /// BM25 weight of the tokenized informal name.
  public var nameWeight: Double
  /// BM25 weight of the tokenized informal statement.
  public var statementWeight: Double
  /// The most postings (summed document frequencies) the ranked part of a search reads: query
  /// terms are kept rarest first until the next would exceed it (see `QueryPlan`). The terms
  /// left out are the near-universal ones (`op_eq`, `set_nat`), whose BM25 weight is close to
  /// nothing but whose posting lists would dominate the cost of a search over a large index.
  /// At 300, a search over 250,000 translated declarations takes about 0.2 ms (median, 1 ms at
  /// the 99th percentile) on one core; at 5,000 it took 2.5 ms, which alone was more than the
  /// whole per-declaration CPU budget of the translate stage (see BENCHMARKS.md).
  public var postingBudget: Int
  /// The most distinct terms a query keeps (the rarest), however long its text.
  public var maximumQueryTerms: Int
  /// How many documents `RetrievalIndex.add` keeps before writing them in one transaction: one
  /// commit per translated declaration cost more than the searches.
  public var writeBatch: Int

  public init(
    formalWeight: Double = 1.0, nameWeight: Double = 0.75, statementWeight: Double = 1.0,
    postingBudget: Int = 300, maximumQueryTerms: Int = 32, writeBatch: Int = 64
  ) {
    self.formalWeight = formalWeight
    self.nameWeight = nameWeight
    self.statementWeight = statementWeight
    self.postingBudget = postingBudget
    self.maximumQueryTerms = maximumQueryTerms
    self.writeBatch = max(1, writeBatch)
  }
}
