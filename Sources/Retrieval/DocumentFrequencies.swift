import Storage

/// How many indexed documents hold each term, read from FTS5's vocabulary on first use and kept
/// exact across this connection's writes, so planning a query costs a dictionary lookup.
///
/// Counting a term's documents walks its whole posting list, which for a common term is the
/// very cost `QueryPlan` exists to avoid; caching makes it a one-time cost per term.
struct DocumentFrequencies {
  private var cache: [String: Int] = [:]

  /// Whether no frequency is cached (writes then need no bookkeeping).
  var isEmpty: Bool { cache.isEmpty }

  /// The number of documents holding `term`.
  mutating func frequency(of term: String, in connection: SQLiteConnection) throws -> Int {
    if let cached = cache[term] { return cached }
    let count =
      try connection.scalarInt("SELECT doc FROM temp.retrieval_vocabulary WHERE term = ?1", [.text(term)]) ?? 0
    cache[term] = count
    return count
  }

  /// Whether `term` is cached, so a write must adjust it.
  func tracks(_ term: String) -> Bool { cache[term] != nil }

  /// Applies the per-term document-count changes of a committed write.
  mutating func apply(_ delta: [String: Int]) {
    for (term, change) in delta where change != 0 {
      if let count = cache[term] { cache[term] = count + change }
    }
  }

  /// Forgets everything (after a rebuild).
  mutating func reset() { cache.removeAll() }
}
