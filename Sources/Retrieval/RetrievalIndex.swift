import Foundation
import Storage

/// A full-text index of formal statements and their informal names and statements, ranked by
/// BM25: it finds the already-translated examples a translation prompt shows.
///
/// The index is a database file of its own, beside the herald database
/// (`path(besideDatabase:)`): SQLite discards a connection's page cache whenever another
/// connection commits to the same file, and the translate stage commits outcomes hundreds of
/// times a second. It holds derived data only: deleted, it is rebuilt from the example bank and
/// the translations.
///
/// Layout: `retrieval_entries` holds each document's texts (one row per source and item, its
/// `doc_id` the document's id). Searches read `PostingLists`, built in memory from the
/// `MathTokenizer` tokens of the stored texts when the index is opened and kept in step with
/// every committed write, and rank by `BM25Ranking`. Earlier versions kept the tokens in an FTS5
/// table and ranked with its `bm25()`; the ranking is the same to the bit, but a search cost
/// 0.3–0.6 ms there (most of the translate stage's CPU at 250,000 documents), a few
/// microseconds here. Such a table is dropped on open.
public actor RetrievalIndex {
  public typealias Source = RetrievalSource
  public typealias Hit = RetrievalHit
  public typealias Document = RetrievalDocument

  private let connection: SQLiteConnection
  private let tokenizer = MathTokenizer()
  private let settings: RetrievalSettings
  private var postings = PostingLists()
  /// Documents given to `add` and not yet written.
  private var pending: [Document] = []

  /// The index file of the herald database at `database`: `NAME.retrieval.sqlite` for
  /// `NAME.sqlite`, else the database's path with `.retrieval.sqlite` appended.
  public static func path(besideDatabase database: String) -> String {
    let suffix = ".sqlite"
    let stem = database.hasSuffix(suffix) ? String(database.dropLast(suffix.count)) : database
    return stem + ".retrieval.sqlite"
  }

  /// Opens (creating when absent) the index file at `path`, and reads its documents.
  public init(path: String, settings: RetrievalSettings = RetrievalSettings()) throws {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let connection = try SQLiteConnection(path: path)
    do {
      _ = try connection.scalarText("PRAGMA journal_mode = WAL")
    } catch {
      throw StorageError.cannotOpen(path: path, message: "not an SQLite database (\(error))")
    }
    // A search reads its best documents' rows at random: keep the table's pages (SQLite's
    // default cache is 2 MB).
    try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;")
    try Self.createTables(connection)
    self.connection = connection
    self.settings = settings
    let rows = try connection.prepare(
      "SELECT doc_id, source, formal, informal_name, informal_statement FROM retrieval_entries ORDER BY doc_id")
    let tokenizer = MathTokenizer()
    while try rows.step() {
      let document = Document(
        source: Source(rawValue: rows.text(1) ?? "") ?? .declaration, item: "", formal: rows.text(2) ?? "",
        informalName: rows.text(3), informalStatement: rows.text(4))
      postings.add(document: rows.int(0), source: document.source, texts: Self.texts(of: document, tokenizer))
    }
  }

  // MARK: - Writing

  /// Adds a document (replacing the item's earlier one) in the next batch of
  /// `RetrievalSettings.writeBatch`; searches find it once its batch is written, at the latest
  /// by `flush()`. For a stream of documents, where one transaction each would cost more than
  /// the searches.
  public func add(_ document: Document) throws {
    pending.append(document)
    if pending.count >= settings.writeBatch { try flush() }
  }

  /// Writes the documents `add` holds.
  public func flush() throws {
    guard !pending.isEmpty else { return }
    try upsert(pending)
    pending.removeAll(keepingCapacity: true)
  }

  /// How many documents `add` holds.
  public var unwritten: Int { pending.count }

  /// Adds a document, replacing the item's earlier one.
  public func upsert(
    source: Source, item: String, formal: String, informalName: String? = nil, informalStatement: String? = nil
  ) throws {
    try upsert([
      Document(
        source: source, item: item, formal: formal, informalName: informalName, informalStatement: informalStatement)
    ])
  }

  /// Adds or replaces many documents in one transaction; unchanged documents cost one lookup.
  public func upsert(_ documents: [Document]) throws {
    guard !documents.isEmpty else { return }
    var changes: [Change] = []
    try connection.transaction {
      for document in documents {
        try write(document, changes: &changes)
      }
    }
    // Only after the commit: a rolled-back batch must leave the postings as they were.
    apply(changes)
  }

  /// Adds or replaces the bank's examples (source `example`, item = example id).
  public func upsert(examples: [Example]) throws {
    try upsert(
      examples.map {
        Document(
          source: .example, item: $0.id, formal: $0.formalStatement, informalName: $0.informalName,
          informalStatement: $0.informalStatement)
      })
  }

  /// Removes the examples whose ids are not in `ids` (examples deleted from the bank); returns
  /// how many were removed.
  @discardableResult
  public func removeExamples(notIn ids: Set<String>) throws -> Int {
    let query = try connection.prepare("SELECT item FROM retrieval_entries WHERE source = 'example'")
    var stale: [String] = []
    while try query.step() {
      if let item = query.text(0), !ids.contains(item) { stale.append(item) }
    }
    var removed = 0
    for item in stale { removed += try remove(item: item, source: .example) }
    return removed
  }

  /// Removes an item's document (from every source, or only `source`); returns how many went.
  @discardableResult
  public func remove(item: String, source: Source? = nil) throws -> Int {
    var changes: [Change] = []
    try connection.transaction {
      for candidate in source.map({ [$0] }) ?? Source.allCases {
        guard let existing = try stored(source: candidate, item: item) else { continue }
        try connection.prepare("DELETE FROM retrieval_entries WHERE doc_id = ?1").run([.int(existing.docID)])
        changes.append(.remove(existing.docID, texts(of: existing.document)))
      }
    }
    apply(changes)
    return changes.count
  }

  // MARK: - Reading

  /// The number of documents, of every source or of one.
  public func count(source: Source? = nil) throws -> Int {
    guard let source else { return postings.documentCount }
    return try connection.scalarInt(
      "SELECT count(*) FROM retrieval_entries WHERE source = ?1", [.text(source.rawValue)]) ?? 0
  }

  /// `search` with the time it took inside the index (excluding any wait for the actor).
  public func timedSearch(
    _ query: String, limit: Int, excluding items: Set<String> = [], sources: Set<Source>? = nil
  ) throws -> (hits: [Hit], duration: Duration) {
    let start = ContinuousClock.now
    let hits = try search(query, limit: limit, excluding: items, sources: sources)
    return (hits, ContinuousClock.now - start)
  }

  /// The `limit` documents most similar to `query` (any text: Lean, LaTeX or prose), best first.
  ///
  /// Documents whose item is in `items` are skipped (such as the declaration being translated);
  /// `sources` restricts the sources searched (`nil` = all). A query with no usable token
  /// returns nothing. On a large index the query is planned (see `QueryPlan`): documents found
  /// by its rare terms come first, ranked by BM25; when they are fewer than `limit`, documents
  /// holding several of its common terms follow, ranked by BM25 among themselves.
  public func search(
    _ query: String, limit: Int, excluding items: Set<String> = [], sources: Set<Source>? = nil
  ) throws -> [Hit] {
    guard limit > 0, sources?.isEmpty != true else { return [] }
    var seen: Set<String> = []
    let terms = tokenizer.tokens(query).filter { !$0.isEmpty && seen.insert($0).inserted }
    guard !terms.isEmpty else { return [] }
    let plan = plan(terms)
    let source = sources.flatMap { $0.count == 1 ? $0.first : nil }
    var hits: [Hit] = []
    var skipped = items
    if !plan.anyOf.isEmpty {
      hits = try rank(plan.anyOf, all: false, source: source, limit: limit, excluding: skipped)
    }
    for conjunction in plan.conjunctions {
      // A single common term matches a large part of the index: worth its cost only when
      // nothing better was found.
      guard hits.count < limit, conjunction.terms.count > 1 || hits.isEmpty else { break }
      skipped.formUnion(hits.map(\.item))
      hits += try rank(
        conjunction.terms, all: true, source: source, limit: limit - hits.count, excluding: skipped,
        slice: slice(postings: conjunction.rarestFrequency))
    }
    return hits
  }

  /// The highest document id to search for a conjunction whose rarest term is in `postings`
  /// documents, or `nil` to search them all.
  ///
  /// Such a query is made only of terms many documents hold, so it says little about which of
  /// them fits best; scoring a deterministic slice of the index (the oldest documents, the
  /// example bank among them) in which its rarest term has about the budget's worth of postings
  /// keeps it as fast as any other.
  private func slice(postings count: Int) -> Int? {
    guard count > settings.postingBudget else { return nil }
    let highest = postings.highestDocument
    return max(1, Int(Double(highest) * Double(settings.postingBudget) / Double(count)))
  }

  /// The best `limit` documents holding any (or all) of `terms` (among those with an id up to
  /// `slice`, when given), by weighted BM25, best first; ties go to the older document.
  private func rank(
    _ terms: [String], all: Bool, source: Source?, limit: Int, excluding items: Set<String>, slice: Int? = nil
  ) throws -> [Hit] {
    let matches =
      all
      ? postings.matchingAll(terms, source: source, upTo: slice) : postings.matchingAny(terms, source: source)
    guard !matches.isEmpty else { return [] }
    let ranking = BM25Ranking(
      hits: terms.map { postings.frequency(of: $0) }, rows: postings.documentCount, tokens: postings.tokenCount,
      weights: (settings.formalWeight, settings.nameWeight, settings.statementWeight))
    let ranked = matches.map { match in
      (document: match.document, score: ranking.score(counts: match.counts, size: postings.size(of: match.document)))
    }.sorted { ($0.score, $0.document) < ($1.score, $1.document) }
    let row = try connection.prepare(
      "SELECT source, item, formal, informal_name, informal_statement FROM retrieval_entries WHERE doc_id = ?1")
    var hits: [Hit] = []
    for (document, score) in ranked {
      guard hits.count < limit else { break }
      defer { row.reset() }
      try row.bind([.int(document)])
      guard try row.step() else { continue }
      let item = row.text(1) ?? ""
      guard !items.contains(item) else { continue }
      hits.append(
        Hit(
          source: Source(rawValue: row.text(0) ?? "") ?? .declaration, item: item, formal: row.text(2) ?? "",
          informalName: row.text(3), informalStatement: row.text(4), score: -score))
    }
    return hits
  }

  /// The query plan (see `QueryPlan` and `RetrievalSettings.postingBudget`).
  private func plan(_ terms: [String]) -> QueryPlan {
    // A small index cannot exceed the budget: every term is sent.
    if postings.documentCount * terms.count <= settings.postingBudget && terms.count <= settings.maximumQueryTerms {
      return QueryPlan(all: terms)
    }
    return QueryPlan(
      terms.map { ($0, postings.frequency(of: $0)) }, documents: postings.documentCount,
      budget: settings.postingBudget, maximumTerms: settings.maximumQueryTerms)
  }

  /// The number of documents holding `term`, as the query planner sees it.
  func documentFrequency(of term: String) -> Int {
    postings.frequency(of: term)
  }

  // MARK: - Storage

  /// An item's stored row.
  private struct Stored {
    var docID: Int
    var document: Document
  }

  private func stored(source: Source, item: String) throws -> Stored? {
    let query = try connection.prepare(
      """
      SELECT doc_id, formal, informal_name, informal_statement FROM retrieval_entries
      WHERE source = ?1 AND item = ?2
      """)
    defer { query.reset() }
    try query.bind([.text(source.rawValue), .text(item)])
    guard try query.step() else { return nil }
    return Stored(
      docID: query.int(0),
      document: Document(
        source: source, item: item, formal: query.text(1) ?? "", informalName: query.text(2),
        informalStatement: query.text(3)))
  }

  /// A committed change, applied to the postings after its transaction.
  private enum Change {
    case add(Int, Source, [[String]])
    case remove(Int, [[String]])
  }

  private func apply(_ changes: [Change]) {
    for change in changes {
      switch change {
      case .add(let document, let source, let texts): postings.add(document: document, source: source, texts: texts)
      case .remove(let document, let texts): postings.remove(document: document, texts: texts)
      }
    }
  }

  /// Writes one document inside the caller's transaction, noting the change to the postings.
  private func write(_ document: Document, changes: inout [Change]) throws {
    if let existing = try stored(source: document.source, item: document.item) {
      guard existing.document != document else { return }
      try connection.prepare(
        "UPDATE retrieval_entries SET formal = ?2, informal_name = ?3, informal_statement = ?4 WHERE doc_id = ?1"
      ).run([
        .int(existing.docID), .text(document.formal), .optional(document.informalName),
        .optional(document.informalStatement),
      ])
      changes.append(.remove(existing.docID, texts(of: existing.document)))
      changes.append(.add(existing.docID, document.source, texts(of: document)))
      return
    }
    try connection.prepare(
      """
      INSERT INTO retrieval_entries(source, item, formal, informal_name, informal_statement)
      VALUES (?1, ?2, ?3, ?4, ?5)
      """
    ).run([
      .text(document.source.rawValue), .text(document.item), .text(document.formal),
      .optional(document.informalName), .optional(document.informalStatement),
    ])
    changes.append(.add(Int(connection.lastInsertRowID), document.source, texts(of: document)))
  }

  /// The tokens of a document's three texts.
  private func texts(of document: Document) -> [[String]] {
    Self.texts(of: document, tokenizer)
  }

  private static func texts(of document: Document, _ tokenizer: MathTokenizer) -> [[String]] {
    [
      tokenizer.tokens(document.formal), tokenizer.tokens(document.informalName ?? ""),
      tokenizer.tokens(document.informalStatement ?? ""),
    ]
  }

  // MARK: - Schema

  private static func createTables(_ connection: SQLiteConnection) throws {
    try connection.execute(
      """
      CREATE TABLE IF NOT EXISTS herald_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS retrieval_entries(
        doc_id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        item TEXT NOT NULL,
        formal TEXT NOT NULL,
        informal_name TEXT,
        informal_statement TEXT,
        UNIQUE(source, item)
      );
      """)
    // The FTS5 table of earlier versions: its tokens are now read from the texts on open.
    let old =
      try connection.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'retrieval_documents'") ?? 0
    guard old > 0 else { return }
    do {
      try connection.transaction {
        try connection.execute(
          "DROP TABLE retrieval_documents; DELETE FROM herald_meta WHERE key = 'retrieval_tokenizer';")
      }
    } catch StorageError.sqlite(_, let message, _) where message.contains("no such module") {
      throw RetrievalError.fullTextSearchUnavailable(message: message)
    }
  }
}
