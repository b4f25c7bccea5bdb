import Foundation
import Storage

/// A full-text index of formal statements and their informal names and statements, ranked by
/// FTS5's BM25: it finds the already-translated examples a translation prompt shows.
///
/// The index is a database file of its own, beside the herald database
/// (`path(besideDatabase:)`): SQLite discards a connection's page cache whenever another
/// connection commits to the same file, and with the translate stage committing outcomes
/// hundreds of times a second, searches in the same file re-read their pages from the file
/// every time (at 250,000 documents, searching was then most of the stage's CPU). It holds
/// derived data only: deleted, it is rebuilt from the example bank and the translations.
///
/// Layout: `retrieval_entries` holds each document's texts (one row per source and item, its
/// `doc_id` the FTS rowid); `retrieval_documents` is a contentless FTS5 table of their
/// `MathTokenizer` tokens, one column per text plus a source tag. Contentless keeps the index
/// small; deleting from it needs the original tokens, which are recomputed from the stored texts,
/// so the tokenizer version is recorded (`herald_meta.retrieval_tokenizer`) and an index built by
/// another version is rebuilt on open.
public actor RetrievalIndex {
  public typealias Source = RetrievalSource
  public typealias Hit = RetrievalHit
  public typealias Document = RetrievalDocument

  private let connection: SQLiteConnection
  private let tokenizer = MathTokenizer()
  private let settings: RetrievalSettings
  private var frequencies = DocumentFrequencies()
  private var documentCount: Int
  /// Documents given to `add` and not yet written.
  private var pending: [Document] = []

  /// The index file of the herald database at `database`: `NAME.retrieval.sqlite` for
  /// `NAME.sqlite`, else the database's path with `.retrieval.sqlite` appended.
  public static func path(besideDatabase database: String) -> String {
    let suffix = ".sqlite"
    let stem = database.hasSuffix(suffix) ? String(database.dropLast(suffix.count)) : database
    return stem + ".retrieval.sqlite"
  }

  /// Opens (creating when absent) the index file at `path`.
  public init(path: String, settings: RetrievalSettings = RetrievalSettings()) throws {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let connection = try SQLiteConnection(path: path)
    do {
      _ = try connection.scalarText("PRAGMA journal_mode = WAL")
    } catch {
      throw StorageError.cannotOpen(path: path, message: "not an SQLite database (\(error))")
    }
    // Searches read the same index pages again and again: keep them (SQLite's default is 2 MB).
    try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;")
    try Self.createTables(connection)
    try Self.rebuildIfTokenizerChanged(connection, tokenizer: MathTokenizer())
    self.connection = connection
    self.settings = settings
    self.documentCount = try connection.scalarInt("SELECT count(*) FROM retrieval_entries") ?? 0
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
    var delta: [String: Int] = [:]
    var added = 0
    try connection.transaction {
      for document in documents {
        added += try write(document, delta: &delta)
      }
    }
    // Only after the commit: a rolled-back batch must leave the caches as they were.
    frequencies.apply(delta)
    documentCount += added
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
    var delta: [String: Int] = [:]
    var removed = 0
    try connection.transaction {
      for candidate in source.map({ [$0] }) ?? Source.allCases {
        guard let existing = try stored(source: candidate, item: item) else { continue }
        let tokens = columns(of: existing.document)
        try deleteTokens(docID: existing.docID, tokens)
        try connection.prepare("DELETE FROM retrieval_entries WHERE doc_id = ?1").run([.int(existing.docID)])
        tally(tokens, change: -1, into: &delta)
        removed += 1
      }
    }
    frequencies.apply(delta)
    documentCount -= removed
    return removed
  }

  /// Merges the index's segments into one: worth running after a bulk load, since a search
  /// reads every segment of every term.
  public func optimize() throws {
    try connection.execute("INSERT INTO retrieval_documents(retrieval_documents) VALUES ('optimize')")
  }

  // MARK: - Reading

  /// The number of documents, of every source or of one.
  public func count(source: Source? = nil) throws -> Int {
    guard let source else { return documentCount }
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
    let terms = tokenizer.tokens(query).filter { seen.insert($0).inserted }
    guard !terms.isEmpty else { return [] }
    let plan = try plan(terms)
    let source = sources.flatMap { $0.count == 1 ? $0.first : nil }
    var hits: [Hit] = []
    var skipped = items
    if !plan.anyOf.isEmpty {
      hits = try rank(MatchExpression.anyOf(plan.anyOf, source: source), limit: limit, excluding: skipped)
    }
    for conjunction in plan.conjunctions {
      // A single common term matches a large part of the index: worth its cost only when
      // nothing better was found.
      guard hits.count < limit, conjunction.terms.count > 1 || hits.isEmpty else { break }
      skipped.formUnion(hits.map(\.item))
      hits += try rank(
        MatchExpression.allOf(conjunction.terms, source: source), limit: limit - hits.count, excluding: skipped,
        slice: try slice(postings: conjunction.rarestFrequency))
    }
    return hits
  }

  /// The highest document id to search for a conjunction whose rarest term is in `postings`
  /// documents, or `nil` to search them all.
  ///
  /// Such a query is made only of terms many documents hold, so it says little about which of
  /// them fits best; scoring a deterministic slice of the index (the oldest documents, the
  /// example bank among them) in which its rarest term has about the budget's worth of postings
  /// keeps it as fast as any other. (Sizing the slice by the expected matches instead left the
  /// rarest term's postings to read unbounded: such searches took 2–10 ms on 250,000 documents,
  /// 7% of the searches and most of their time.)
  private func slice(postings: Int) throws -> Int? {
    guard postings > settings.postingBudget else { return nil }
    let highest = try connection.scalarInt("SELECT max(doc_id) FROM retrieval_entries") ?? 0
    return max(1, Int(Double(highest) * Double(settings.postingBudget) / Double(postings)))
  }

  /// The best `limit` documents matching an FTS5 expression (among those with an id up to
  /// `slice`, when given), by weighted BM25.
  private func rank(_ expression: String, limit: Int, excluding items: Set<String>, slice: Int? = nil) throws -> [Hit] {
    // An excluded item may occupy one place per source, so fetch enough to fill `limit` anyway.
    let fetch = limit + items.count * Source.allCases.count
    let statement = try connection.prepare(
      """
      WITH ranked AS (
        SELECT rowid AS doc_id, bm25(retrieval_documents, ?2, ?3, ?4, 0.0) AS score
        FROM retrieval_documents WHERE retrieval_documents MATCH ?1 AND rowid <= ?6 ORDER BY score LIMIT ?5
      )
      SELECT e.source, e.item, e.formal, e.informal_name, e.informal_statement, ranked.score
      FROM ranked JOIN retrieval_entries AS e ON e.doc_id = ranked.doc_id
      ORDER BY ranked.score, e.doc_id
      """)
    try statement.bind([
      .text(expression), .double(settings.formalWeight), .double(settings.nameWeight),
      .double(settings.statementWeight), .int(fetch), .int(slice ?? Int.max),
    ])
    var hits: [Hit] = []
    while try statement.step() {
      let item = statement.text(1) ?? ""
      guard !items.contains(item), hits.count < limit else { continue }
      hits.append(
        Hit(
          source: Source(rawValue: statement.text(0) ?? "") ?? .declaration, item: item,
          formal: statement.text(2) ?? "", informalName: statement.text(3), informalStatement: statement.text(4),
          score: -statement.double(5)))
    }
    return hits
  }

  /// The query plan (see `QueryPlan` and `RetrievalSettings.postingBudget`).
  private func plan(_ terms: [String]) throws -> QueryPlan {
    // A small index cannot exceed the budget: skip the frequency lookups.
    if documentCount * terms.count <= settings.postingBudget && terms.count <= settings.maximumQueryTerms {
      return QueryPlan(all: terms)
    }
    var weighed: [(term: String, frequency: Int)] = []
    for term in terms {
      weighed.append((term, try frequencies.frequency(of: term, in: connection)))
    }
    return QueryPlan(
      weighed, documents: documentCount, budget: settings.postingBudget, maximumTerms: settings.maximumQueryTerms)
  }

  /// The number of documents holding `term`, as the query planner sees it.
  func documentFrequency(of term: String) throws -> Int {
    try frequencies.frequency(of: term, in: connection)
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

  /// Writes one document inside the caller's transaction; returns 1 when it is new.
  private func write(_ document: Document, delta: inout [String: Int]) throws -> Int {
    let tokens = columns(of: document)
    if let existing = try stored(source: document.source, item: document.item) {
      guard existing.document != document else { return 0 }
      let old = columns(of: existing.document)
      try deleteTokens(docID: existing.docID, old)
      try connection.prepare(
        "UPDATE retrieval_entries SET formal = ?2, informal_name = ?3, informal_statement = ?4 WHERE doc_id = ?1"
      ).run([
        .int(existing.docID), .text(document.formal), .optional(document.informalName),
        .optional(document.informalStatement),
      ])
      try insertTokens(docID: existing.docID, tokens)
      tally(old, change: -1, into: &delta)
      tally(tokens, change: 1, into: &delta)
      return 0
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
    try insertTokens(docID: Int(connection.lastInsertRowID), tokens)
    tally(tokens, change: 1, into: &delta)
    return 1
  }

  /// The FTS column values of a document: its three texts tokenized, and its source tag.
  private func columns(of document: Document) -> [String] {
    [
      tokenizer.document(document.formal), tokenizer.document(document.informalName ?? ""),
      tokenizer.document(document.informalStatement ?? ""), document.source.tag,
    ]
  }

  private func insertTokens(docID: Int, _ columns: [String]) throws {
    try connection.prepare(
      """
      INSERT INTO retrieval_documents(rowid, formal_tokens, name_tokens, statement_tokens, source_tag)
      VALUES (?1, ?2, ?3, ?4, ?5)
      """
    ).run([.int(docID)] + columns.map { .text($0) })
  }

  /// Removes a document from the contentless FTS table, which needs exactly the tokens it holds.
  private func deleteTokens(docID: Int, _ columns: [String]) throws {
    try connection.prepare(
      """
      INSERT INTO retrieval_documents(retrieval_documents, rowid, formal_tokens, name_tokens, statement_tokens,
        source_tag)
      VALUES ('delete', ?1, ?2, ?3, ?4, ?5)
      """
    ).run([.int(docID)] + columns.map { .text($0) })
  }

  /// Adds `change` for each distinct cached term of a document (uncached terms are read fresh
  /// when first needed, so they need no bookkeeping).
  private func tally(_ columns: [String], change: Int, into delta: inout [String: Int]) {
    guard !frequencies.isEmpty else { return }
    var seen: Set<Substring> = []
    for column in columns.prefix(3) {
      for term in column.split(separator: " ") where frequencies.tracks(String(term)) && seen.insert(term).inserted {
        delta[String(term), default: 0] += change
      }
    }
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
    do {
      try connection.execute(
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS retrieval_documents USING fts5(
          formal_tokens, name_tokens, statement_tokens, source_tag,
          content = '', tokenize = "unicode61 remove_diacritics 0 tokenchars '_.'"
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.retrieval_vocabulary
          USING fts5vocab(main, retrieval_documents, 'row');
        """)
    } catch StorageError.sqlite(_, let message, _) where message.contains("no such module") {
      throw RetrievalError.fullTextSearchUnavailable(message: message)
    }
  }

  /// Re-tokenizes every stored document when the index was built by another tokenizer version.
  private static func rebuildIfTokenizerChanged(_ connection: SQLiteConnection, tokenizer: MathTokenizer) throws {
    let current = String(MathTokenizer.version)
    let recorded = try HeraldDatabase.meta(connection, "retrieval_tokenizer")
    guard recorded != current else { return }
    let stored = try connection.scalarInt("SELECT count(*) FROM retrieval_entries") ?? 0
    try connection.transaction {
      if recorded != nil || stored > 0 {
        try connection.execute("INSERT INTO retrieval_documents(retrieval_documents) VALUES ('delete-all')")
        let rows = try connection.prepare(
          "SELECT doc_id, source, formal, informal_name, informal_statement FROM retrieval_entries")
        let insert = try connection.prepare(
          """
          INSERT INTO retrieval_documents(rowid, formal_tokens, name_tokens, statement_tokens, source_tag)
          VALUES (?1, ?2, ?3, ?4, ?5)
          """)
        while try rows.step() {
          let source = Source(rawValue: rows.text(1) ?? "") ?? .declaration
          try insert.run([
            .int(rows.int(0)), .text(tokenizer.document(rows.text(2) ?? "")),
            .text(tokenizer.document(rows.text(3) ?? "")), .text(tokenizer.document(rows.text(4) ?? "")),
            .text(source.tag),
          ])
        }
      }
      try HeraldDatabase.setMeta(connection, "retrieval_tokenizer", current)
    }
  }
}
