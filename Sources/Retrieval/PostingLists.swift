/// The retrieval index's documents as posting lists in memory, which a search reads instead of
/// asking SQLite's FTS5.
///
/// Each term (a `MathTokenizer` token) lists the documents holding it, by ascending document id,
/// with how often it occurs in each of the three texts. Ranking is `BM25Ranking`, which gives
/// FTS5's `bm25()` scores bit for bit. FTS5 spent most of a search outside the scoring itself:
/// a virtual-table query, a `%_docsize` lookup per matching row and position lists decoded per
/// row; here a search over 250,000 documents reads a few hundred postings from arrays.
struct PostingLists {
  /// One document's occurrences of one term.
  struct Posting {
    var document: UInt32
    /// The counts in the formal statement (bits 0–10), the informal name (bits 11–20) and the
    /// informal statement (bits 21–31); all ones when a count does not fit (see `overflow`).
    var packed: UInt32
  }

  /// A term's occurrences in one document, by text.
  struct Counts: Equatable {
    var formal: UInt32 = 0
    var name: UInt32 = 0
    var statement: UInt32 = 0
  }

  private static let unpackable: UInt32 = .max

  private var termIDs: [String: Int32] = [:]
  private var lists: [[Posting]] = []
  /// Counts too large to pack, by term id (high half) and document id (low half).
  private var overflow: [UInt64: Counts] = [:]
  /// Tokens per document id in all four FTS columns (its three texts and the source tag); 0
  /// when there is no such document.
  private var sizes: [UInt32] = []
  /// Each document's source, by document id.
  private var sources: [RetrievalSource?] = []

  /// The number of documents.
  private(set) var documentCount = 0
  /// Tokens in all documents, source tags included (FTS5's total size of every column).
  private(set) var tokenCount = 0

  /// The highest document id held, 0 when empty.
  private(set) var highestDocument = 0

  /// The number of documents holding `term`.
  func frequency(of term: String) -> Int {
    termIDs[term].map { lists[Int($0)].count } ?? 0
  }

  /// The source of `document`, if held.
  func source(of document: Int) -> RetrievalSource? {
    document < sources.count ? sources[document] : nil
  }

  /// The size of `document` in tokens (FTS5's `xColumnSize(-1)`).
  func size(of document: Int) -> Int {
    document < sizes.count ? Int(sizes[document]) : 0
  }

  // MARK: - Changes

  /// Adds `document` with the tokens of its formal statement, informal name and informal statement.
  mutating func add(document: Int, source: RetrievalSource, texts: [[String]]) {
    precondition(document > 0 && document <= Int(UInt32.max), "document ids are positive 32-bit rowids")
    if document >= sizes.count {
      let grown = max(document + 1, sizes.count * 2)
      sizes += repeatElement(0, count: grown - sizes.count)
      sources += repeatElement(nil, count: grown - sources.count)
    }
    precondition(sizes[document] == 0, "document \(document) is already held")
    // The tag is one token of the fourth column.
    var size = 1
    for (term, counts) in Self.tally(texts, size: &size) {
      let id: Int
      if let known = termIDs[term] {
        id = Int(known)
      } else {
        id = lists.count
        termIDs[term] = Int32(id)
        lists.append([])
      }
      let posting = Posting(document: UInt32(document), packed: Self.pack(counts))
      if posting.packed == Self.unpackable { overflow[Self.key(id, document)] = counts }
      if let last = lists[id].last, last.document > posting.document {
        lists[id].insert(posting, at: Self.position(of: document, in: lists[id]))
      } else {
        lists[id].append(posting)
      }
    }
    sizes[document] = UInt32(size)
    sources[document] = source
    highestDocument = max(highestDocument, document)
    documentCount += 1
    tokenCount += size
  }

  /// Removes `document`, given the tokens it was added with.
  mutating func remove(document: Int, texts: [[String]]) {
    guard document < sizes.count, sizes[document] != 0 else { return }
    var size = 1
    for (term, _) in Self.tally(texts, size: &size) {
      guard let known = termIDs[term] else { continue }
      let id = Int(known)
      let index = Self.position(of: document, in: lists[id])
      guard index < lists[id].count, lists[id][index].document == UInt32(document) else { continue }
      if lists[id][index].packed == Self.unpackable { overflow[Self.key(id, document)] = nil }
      lists[id].remove(at: index)
    }
    tokenCount -= Int(sizes[document])
    documentCount -= 1
    sizes[document] = 0
    sources[document] = nil
    while highestDocument > 0, sizes[highestDocument] == 0 { highestDocument -= 1 }
  }

  // MARK: - Matching

  /// A matching document with its counts of each query term, in the query's order.
  struct Match {
    var document: Int
    var counts: [Counts]
  }

  /// The documents holding any of `terms` (of `source`, when given), each with its counts.
  func matchingAny(_ terms: [String], source: RetrievalSource?) -> [Match] {
    var occurrences: [(document: UInt32, term: Int, packed: UInt32, id: Int)] = []
    for (position, term) in terms.enumerated() {
      guard let id = termIDs[term].map(Int.init) else { continue }
      for posting in lists[id] { occurrences.append((posting.document, position, posting.packed, id)) }
    }
    occurrences.sort { ($0.document, $0.term) < ($1.document, $1.term) }
    var matches: [Match] = []
    var index = 0
    while index < occurrences.count {
      let document = Int(occurrences[index].document)
      var counts = [Counts](repeating: Counts(), count: terms.count)
      while index < occurrences.count, Int(occurrences[index].document) == document {
        let occurrence = occurrences[index]
        counts[occurrence.term] = unpack(occurrence.packed, term: occurrence.id, document: document)
        index += 1
      }
      if source == nil || sources[document] == source { matches.append(Match(document: document, counts: counts)) }
    }
    return matches
  }

  /// The documents holding all of `terms` (of `source`, when given; with an id up to `highest`,
  /// when given), each with its counts.
  func matchingAll(_ terms: [String], source: RetrievalSource?, upTo highest: Int?) -> [Match] {
    var ids: [Int] = []
    for term in terms {
      guard let id = termIDs[term].map(Int.init), !lists[id].isEmpty else { return [] }
      ids.append(id)
    }
    guard let rarest = ids.indices.min(by: { lists[ids[$0]].count < lists[ids[$1]].count }) else { return [] }
    let limit = UInt32(clamping: highest ?? Int(UInt32.max))
    var matches: [Match] = []
    candidates: for posting in lists[ids[rarest]] {
      guard posting.document <= limit else { break }
      let document = Int(posting.document)
      if let source, sources[document] != source { continue }
      var counts = [Counts](repeating: Counts(), count: terms.count)
      for (position, id) in ids.enumerated() {
        let packed: UInt32
        if position == rarest {
          packed = posting.packed
        } else {
          let index = Self.position(of: document, in: lists[id])
          guard index < lists[id].count, lists[id][index].document == posting.document else { continue candidates }
          packed = lists[id][index].packed
        }
        counts[position] = unpack(packed, term: id, document: document)
      }
      matches.append(Match(document: document, counts: counts))
    }
    return matches
  }

  // MARK: - Helpers

  /// Each distinct term of a document's texts with its counts per text; adds the number of
  /// tokens to `size`. Empty tokens are skipped, as FTS5 never saw them.
  private static func tally(_ texts: [[String]], size: inout Int) -> [String: Counts] {
    var counts: [String: Counts] = [:]
    for (column, tokens) in texts.prefix(3).enumerated() {
      for token in tokens where !token.isEmpty {
        size += 1
        switch column {
        case 0: counts[token, default: Counts()].formal += 1
        case 1: counts[token, default: Counts()].name += 1
        default: counts[token, default: Counts()].statement += 1
        }
      }
    }
    return counts
  }

  private static func pack(_ counts: Counts) -> UInt32 {
    guard counts.formal < 0x7FF, counts.name < 0x3FF, counts.statement < 0x7FF else { return unpackable }
    return counts.formal | counts.name << 11 | counts.statement << 21
  }

  private func unpack(_ packed: UInt32, term: Int, document: Int) -> Counts {
    guard packed != Self.unpackable else { return overflow[Self.key(term, document)] ?? Counts() }
    return Counts(formal: packed & 0x7FF, name: packed >> 11 & 0x3FF, statement: packed >> 21)
  }

  private static func key(_ term: Int, _ document: Int) -> UInt64 {
    UInt64(term) << 32 | UInt64(document)
  }

  /// The index of the first posting of `list` whose document is not below `document`.
  private static func position(of document: Int, in list: [Posting]) -> Int {
    let target = UInt32(clamping: document)
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle].document < target { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
