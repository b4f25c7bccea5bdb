import Foundation
import Storage
import Testing

@testable import Retrieval

/// The in-memory ranking against SQLite's FTS5, which ranked the index before: the same
/// documents, the same scores to the bit and the same order, for any and all of a query's terms.
@Suite struct BM25RankingTests {
  private static let weights = (formal: 1.0, name: 0.75, statement: 1.0)

  /// Documents in `PostingLists` and in an FTS5 table laid out as the index's used to be.
  private struct Both {
    var postings = PostingLists()
    let fts: SQLiteConnection
    let documents: [RetrievalDocument]

    init(documents: [RetrievalDocument]) throws {
      self.documents = documents
      fts = try SQLiteConnection(path: ":memory:")
      try fts.execute(
        """
        CREATE VIRTUAL TABLE docs USING fts5(formal_tokens, name_tokens, statement_tokens, source_tag,
          content = '', tokenize = "unicode61 remove_diacritics 0 tokenchars '_.'")
        """)
      let tokenizer = MathTokenizer()
      let insert = try fts.prepare(
        "INSERT INTO docs(rowid, formal_tokens, name_tokens, statement_tokens, source_tag) VALUES (?1, ?2, ?3, ?4, ?5)")
      try fts.transaction {
        for (offset, document) in documents.enumerated() {
          let texts = [document.formal, document.informalName ?? "", document.informalStatement ?? ""].map {
            tokenizer.tokens($0)
          }
          postings.add(document: offset + 1, source: document.source, texts: texts)
          try insert.run(
            [.int(offset + 1)] + texts.map { .text($0.joined(separator: " ")) } + [.text(document.source.tag)])
        }
      }
    }

    /// FTS5's matches of `terms` (joined by OR or AND), by bm25 then rowid.
    func fts5(_ terms: [String], all: Bool, source: RetrievalSource?, upTo highest: Int) throws -> [(Int, Double)] {
      var expression = "(" + terms.map { "\"\($0)\"" }.joined(separator: all ? " AND " : " OR ") + ")"
      if let source { expression += " AND source_tag : \"\(source.tag)\"" }
      let query = try fts.prepare(
        """
        SELECT rowid, bm25(docs, ?2, ?3, ?4, 0.0) AS score FROM docs WHERE docs MATCH ?1 AND rowid <= ?5
        ORDER BY score, rowid
        """)
      try query.bind([
        .text(expression), .double(BM25RankingTests.weights.formal), .double(BM25RankingTests.weights.name),
        .double(BM25RankingTests.weights.statement), .int(highest),
      ])
      var rows: [(Int, Double)] = []
      while try query.step() { rows.append((query.int(0), query.double(1))) }
      return rows
    }

    /// The same from the postings.
    func mine(_ terms: [String], all: Bool, source: RetrievalSource?, upTo highest: Int) -> [(Int, Double)] {
      let matches =
        all
        ? postings.matchingAll(terms, source: source, upTo: highest) : postings.matchingAny(terms, source: source)
      let ranking = BM25Ranking(
        hits: terms.map { postings.frequency(of: $0) }, rows: postings.documentCount, tokens: postings.tokenCount,
        weights: BM25RankingTests.weights)
      return matches.map { ($0.document, ranking.score(counts: $0.counts, size: postings.size(of: $0.document))) }
        .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }
  }

  private static func corpus(_ count: Int) -> [RetrievalDocument] {
    var generator = SyntheticStatements(seed: 11)
    return (0..<count).map { number in
      var document = generator.document(number: number)
      // Repeated terms, so that frequencies above one and the column weights count.
      if number % 7 == 0 { document.informalName = (document.informalName ?? "") + " add add mul \\le \\le" }
      if number % 5 == 0 { document.source = .example }
      return document
    }
  }

  @Test func scoresAndOrderAreFTS5sToTheBit() throws {
    let both = try Both(documents: Self.corpus(2_000))
    let tokenizer = MathTokenizer()
    var compared = 0
    for number in stride(from: 0, to: both.documents.count, by: 41) {
      var seen: Set<String> = []
      let terms = tokenizer.tokens(both.documents[number].formal).filter { seen.insert($0).inserted }
      for (all, selected) in [(false, terms), (true, Array(terms.prefix(2))), (true, Array(terms.suffix(3)))] {
        for source in [nil, RetrievalSource.example] {
          let highest = all ? 1 + number * 2 : Int.max
          let expected = try both.fts5(selected, all: all, source: source, upTo: highest)
          let actual = both.mine(selected, all: all, source: source, upTo: highest)
          #expect(actual.map(\.0) == expected.map(\.0), "\(selected) all: \(all) source: \(String(describing: source))")
          #expect(
            actual.map(\.1.bitPattern) == expected.map(\.1.bitPattern),
            "\(selected) all: \(all) source: \(String(describing: source))")
          compared += expected.count
        }
      }
    }
    #expect(compared > 5_000)
  }

  @Test func removedAndReplacedDocumentsRankAsInAFreshIndex() throws {
    var documents = Self.corpus(400)
    var both = try Both(documents: documents)
    let tokenizer = MathTokenizer()
    func texts(_ document: RetrievalDocument) -> [[String]] {
      [document.formal, document.informalName ?? "", document.informalStatement ?? ""].map { tokenizer.tokens($0) }
    }
    // Every third document replaced by another's texts, in place (same id), as an upsert does.
    for index in stride(from: 0, to: documents.count, by: 3) {
      both.postings.remove(document: index + 1, texts: texts(documents[index]))
      documents[index].formal = documents[(index + 1) % documents.count].formal
      documents[index].informalName = "replaced"
      both.postings.add(document: index + 1, source: documents[index].source, texts: texts(documents[index]))
    }
    let fresh = try Both(documents: documents)
    #expect(both.postings.documentCount == fresh.postings.documentCount)
    #expect(both.postings.tokenCount == fresh.postings.tokenCount)
    for number in stride(from: 0, to: documents.count, by: 9) {
      let terms = Array(Set(tokenizer.tokens(documents[number].formal))).sorted()
      let expected = try fresh.fts5(terms, all: false, source: nil, upTo: Int.max)
      let actual = both.mine(terms, all: false, source: nil, upTo: Int.max)
      #expect(actual.map(\.0) == expected.map(\.0))
      #expect(actual.map(\.1.bitPattern) == expected.map(\.1.bitPattern))
    }
  }
}
