/// One search result: the stored document and how well it matched.
public struct RetrievalHit: Sendable, Hashable {
  public var source: RetrievalSource
  public var item: String
  public var formal: String
  public var informalName: String?
  public var informalStatement: String?
  /// The negated `bm25()` rank (as FTS5 computes it): higher is more relevant. Comparable within one search's
  /// main results; the fill-in results that may follow them are ranked among themselves.
  public var score: Double

  public init(
    source: RetrievalSource, item: String, formal: String, informalName: String?, informalStatement: String?,
    score: Double
  ) {
    self.source = source
    self.item = item
    self.formal = formal
    self.informalName = informalName
    self.informalStatement = informalStatement
    self.score = score
  }
}
