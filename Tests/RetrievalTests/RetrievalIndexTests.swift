import Foundation
import Storage
import Testing

@testable import Retrieval

/// The retrieval index over a real SQLite file: ranking across notations, replacement, exclusion,
/// hostile queries and scale.
@Suite struct RetrievalIndexTests {
  /// An index holding the repository's example bank.
  private func bankIndex() async throws -> RetrievalIndex {
    let index = try RetrievalIndex(path: Fixtures.temporaryDatabase())
    try await index.upsert(examples: ExampleBank.load(directory: Fixtures.exampleDirectory).examples)
    return index
  }

  @Test func aLaTeXSumFindsTheLeanLemmaAboutSumsOverRanges() async throws {
    let index = try await bankIndex()
    let hits = try await index.search("$\\sum_{i=0}^{n} f(i)$", limit: 3)
    #expect(hits.prefix(3).map(\.item).contains("comb.sum_range_succ"), "\(hits.map(\.item))")
  }

  @Test func aLaTeXInequalityFindsNatSuccLeIffFirst() async throws {
    let index = try await bankIndex()
    let hits = try await index.search("m+1 \\le n iff m<n", limit: 5)
    #expect(hits.first?.item == "nt.succ_le_iff", "\(hits.map(\.item))")
    #expect(hits.first?.formal.hasPrefix("theorem Nat.succ_le_iff") == true)
    #expect(hits.first?.informalName == "Successor of m is at most n iff m is less than n")
    #expect(hits.map(\.score) == hits.map(\.score).sorted(by: >))
  }

  @Test(arguments: [
    ("theorem foo (s t : Set α) (f : α → β) : f '' (s ∪ t) = f '' s ∪ f '' t", "sets.image_union"),
    ("the image of a union is the union of the images", "sets.image_union"),
    ("$\\det(AB) = \\det A \\det B$", "algebra.det_mul"),
    ("a continuous function on a compact set attains its minimum", "analysis.extreme_value"),
    ("$\\sum_{n=0}^\\infty r^n = \\frac{1}{1-r}$", "analysis.tsum_geometric"),
    ("Fermat's little theorem $a^{p-1} = 1$ for $a \\neq 0$ modulo a prime $p$", "nt.fermat_little"),
    ("∀ x, p x ∨ ¬p x", "logic.em"),
  ])
  func queriesInAnyNotationFindTheirExample(query: String, expected: String) async throws {
    let index = try await bankIndex()
    let hits = try await index.search(query, limit: 3)
    #expect(hits.map(\.item).contains(expected), "\(query) → \(hits.map(\.item))")
  }

  @Test func upsertReplacesAnItemsDocument() async throws {
    let index = try RetrievalIndex(path: Fixtures.temporaryDatabase())
    try await index.upsert(source: .declaration, item: "Foo.bar", formal: "theorem Foo.bar : zebra = giraffe")
    try await index.upsert(
      source: .declaration, item: "Foo.bar", formal: "theorem Foo.bar : walrus = narwhal",
      informalName: "Walrus equals narwhal", informalStatement: "The walrus is the narwhal.")
    #expect(try await index.count() == 1)
    #expect(try await index.search("zebra giraffe", limit: 5).isEmpty)
    let hits = try await index.search("walrus", limit: 5)
    #expect(hits.map(\.item) == ["Foo.bar"])
    #expect(hits.first?.informalStatement == "The walrus is the narwhal.")
    // The same document again changes nothing.
    try await index.upsert(
      source: .declaration, item: "Foo.bar", formal: "theorem Foo.bar : walrus = narwhal",
      informalName: "Walrus equals narwhal", informalStatement: "The walrus is the narwhal.")
    #expect(try await index.search("walrus", limit: 5).count == 1)
  }

  @Test func excludedItemsAreSkippedAndTheLimitIsStillFilled() async throws {
    let index = try await bankIndex()
    let all = try await index.search("m+1 \\le n iff m<n", limit: 4)
    let rest = try await index.search("m+1 \\le n iff m<n", limit: 3, excluding: ["nt.succ_le_iff"])
    #expect(all.count == 4)
    #expect(rest.map(\.item) == Array(all.dropFirst().map(\.item)))
  }

  @Test func sourcesRestrictTheSearch() async throws {
    let index = try await bankIndex()
    try await index.upsert([
      RetrievalDocument(
        source: .declaration, item: "Nat.lt_iff_add_one_le",
        formal: "theorem Nat.lt_iff_add_one_le {m n : ℕ} : m < n ↔ m + 1 ≤ n")
    ])
    let declarations = try await index.search("m+1 \\le n iff m<n", limit: 5, sources: [.declaration])
    #expect(declarations.map(\.item) == ["Nat.lt_iff_add_one_le"])
    let examples = try await index.search("m+1 \\le n iff m<n", limit: 5, sources: [.example])
    #expect(examples.allSatisfy { $0.source == .example } && !examples.isEmpty)
    #expect(try await index.search("m+1 \\le n", limit: 5, sources: []).isEmpty)
    #expect(try await index.count(source: .declaration) == 1)
  }

  @Test func addedDocumentsAreWrittenInBatchesAndByFlush() async throws {
    let path = Fixtures.temporaryDatabase()
    let index = try RetrievalIndex(path: path, settings: RetrievalSettings(writeBatch: 3))
    let words = ["", "quux", "frobnicate", "blarg", "wibble"]
    func document(_ number: Int) -> RetrievalIndex.Document {
      RetrievalIndex.Document(
        source: .declaration, item: "Foo.bar\(number)", formal: "theorem Foo.bar\(number) : \(words[number]) = 0",
        informalName: "Bar \(number)", informalStatement: "The \(words[number]) vanishes.")
    }
    try await index.add(document(1))
    try await index.add(document(2))
    #expect(await index.unwritten == 2)
    #expect(try await index.count() == 0)
    #expect(try await index.search("quux", limit: 3).isEmpty)
    try await index.add(document(3))
    #expect(await index.unwritten == 0)
    #expect(try await index.count() == 3)
    #expect(try await index.search("frobnicate", limit: 3).map(\.item) == ["Foo.bar2"])
    try await index.add(document(4))
    // The same item again in one batch: the later document wins.
    var changed = document(4)
    changed.informalName = "Bar four"
    try await index.add(changed)
    try await index.flush()
    #expect(try await index.count() == 4)
    #expect(try await index.search("wibble", limit: 3).map(\.informalName) == ["Bar four"])
    // Written means committed: another connection sees them.
    let reopened = try RetrievalIndex(path: path)
    #expect(try await reopened.count() == 4)
  }

  @Test func removeDeletesAnItem() async throws {
    let index = try await bankIndex()
    let before = try await index.count()
    #expect(try await index.remove(item: "nt.succ_le_iff") == 1)
    #expect(try await index.remove(item: "nt.succ_le_iff") == 0)
    #expect(try await index.count() == before - 1)
    let hits = try await index.search("m+1 \\le n iff m<n", limit: 10)
    #expect(!hits.map(\.item).contains("nt.succ_le_iff"))
  }

  @Test func staleExamplesArePrunedAgainstTheBank() async throws {
    let index = try await bankIndex()
    try await index.upsert(source: .example, item: "old.example", formal: "theorem old : True")
    #expect(
      try await index.removeExamples(
        notIn: Set(ExampleBank.load(directory: Fixtures.exampleDirectory).examples.map(\.id))) == 1)
    #expect(try await index.search("old", limit: 5).isEmpty)
  }

  @Test(arguments: [
    "\"", "\"\"\"", "*", "a*", "NEAR(a b)", "NEAR", "(", ")", "(((", ":", "col:x", "-", "-x", "a - b", "AND OR NOT",
    "^", "{formal_tokens}: x", "source_tag : source_example", "source.example", "'", "\\", "x\" OR \"y", "+", "$$",
    "\u{0}",
  ])
  func queriesWithFTS5SyntaxNeverThrow(query: String) async throws {
    let index = try await bankIndex()
    _ = try await index.search(query, limit: 5)
    _ = try await index.search(query + " m < n", limit: 5)
  }

  @Test func anEmptyOrStopWordQueryReturnsNothing() async throws {
    let index = try await bankIndex()
    #expect(try await index.search("", limit: 5).isEmpty)
    #expect(try await index.search("   $ \\, $ ", limit: 5).isEmpty)
    #expect(try await index.search("the of and", limit: 5).isEmpty)
    #expect(try await index.search("m < n", limit: 0).isEmpty)
  }

  @Test func theIndexPersistsAndAnEarlierVersionsFullTextTableIsDropped() async throws {
    let path = Fixtures.temporaryDatabase()
    do {
      let index = try RetrievalIndex(path: path)
      try await index.upsert(examples: ExampleBank.load(directory: Fixtures.exampleDirectory).examples)
    }
    // Earlier versions kept the tokens in an FTS5 table as well: opening drops it and reads the
    // tokens from the stored texts.
    let connection = try SQLiteConnection(path: path)
    try connection.execute(
      """
      CREATE VIRTUAL TABLE retrieval_documents USING fts5(formal_tokens, name_tokens, statement_tokens, source_tag,
        content = '');
      """)
    try HeraldDatabase.setMeta(connection, "retrieval_tokenizer", "1")
    let reopened = try RetrievalIndex(path: path)
    #expect(try connection.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'retrieval_documents'") == 0)
    #expect(try HeraldDatabase.meta(connection, "retrieval_tokenizer") == nil)
    #expect(try await reopened.count() >= 36)
    #expect(try await reopened.search("m+1 \\le n iff m<n", limit: 1).first?.item == "nt.succ_le_iff")
    try await reopened.upsert(source: .example, item: "nt.succ_le_iff", formal: "theorem Nat.succ_le_iff : walrus")
    #expect(try await reopened.search("walrus", limit: 1).first?.item == "nt.succ_le_iff")
    #expect(try await reopened.search("m+1 \\le n iff m<n", limit: 1).first?.item != "nt.succ_le_iff")
  }

  @Test func cachedDocumentFrequenciesFollowWrites() async throws {
    let path = Fixtures.temporaryDatabase()
    let index = try RetrievalIndex(path: path)
    try await index.upsert([
      RetrievalDocument(source: .declaration, item: "A", formal: "alpha beta"),
      RetrievalDocument(source: .declaration, item: "B", formal: "beta", informalName: "beta beta"),
      RetrievalDocument(source: .declaration, item: "C", formal: "beta gamma"),
    ])
    #expect(await index.documentFrequency(of: "beta") == 3)
    #expect(await index.documentFrequency(of: "gamma") == 1)
    try await index.upsert([
      RetrievalDocument(source: .declaration, item: "D", formal: "gamma delta"),
      RetrievalDocument(source: .example, item: "D", formal: "gamma", informalStatement: "$\\gamma$"),
    ])
    try await index.remove(item: "A")
    try await index.upsert(source: .declaration, item: "B", formal: "epsilon")
    let fresh = try RetrievalIndex(path: path)
    for term in ["alpha", "beta", "gamma", "delta", "epsilon"] {
      #expect(await index.documentFrequency(of: term) == fresh.documentFrequency(of: term), "\(term)")
    }
    #expect(await index.documentFrequency(of: "gamma") == 3)
    #expect(await index.documentFrequency(of: "beta") == 1)
  }

  @Test func documentsWithSeveralCommonTermsFillWhatTheRareTermsLeave() async throws {
    // With a budget of three postings, only "alpha" is rare enough to be ORed; "beta" and
    // "gamma" (four documents each) come back as a conjunction.
    let index = try RetrievalIndex(path: Fixtures.temporaryDatabase(), settings: RetrievalSettings(postingBudget: 3))
    try await index.upsert([
      RetrievalDocument(source: .declaration, item: "A", formal: "alpha beta gamma"),
      RetrievalDocument(source: .declaration, item: "B", formal: "beta gamma"),
      RetrievalDocument(source: .declaration, item: "C", formal: "beta gamma"),
      RetrievalDocument(source: .declaration, item: "D", formal: "beta"),
      RetrievalDocument(source: .declaration, item: "E", formal: "gamma"),
      RetrievalDocument(source: .declaration, item: "F", formal: "zeta"),
    ])
    let hits = try await index.search("alpha beta gamma", limit: 3).map(\.item)
    #expect(hits.first == "A")
    #expect(Set(hits.dropFirst()) == ["B", "C"])
    // Every term common: still an answer.
    let common = try await index.search("beta", limit: 2).map(\.item)
    #expect(!common.isEmpty && common.count <= 2)
    #expect(Set(common).isSubset(of: ["A", "B", "C", "D"]))
  }

  @Test func aBatchOfTwentyThousandDocumentsLoadsAndSearchesQuickly() async throws {
    let index = try RetrievalIndex(path: Fixtures.temporaryDatabase())
    var generator = SyntheticStatements(seed: 7)
    let documents = (0..<20_000).map { generator.document(number: $0) }
    let clock = ContinuousClock()
    let loading = try await clock.measure { try await index.upsert(documents) }
    #expect(try await index.count() == 20_000)
    var found = 0
    let searching = try await clock.measure {
      for number in stride(from: 0, to: 20_000, by: 200) {
        let hits = try await index.search(documents[number].formal, limit: 5)
        if hits.first?.item == documents[number].item { found += 1 }
      }
    }
    print("retrieval: upsert of 20,000 documents took \(loading); 100 searches took \(searching)")
    #expect(found >= 90, "a document's own statement should rank it first")
  }
}
