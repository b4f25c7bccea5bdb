/// A formal statement with its informal name and statement, as the index stores it.
public struct RetrievalDocument: Sendable, Hashable {
  public var source: RetrievalSource
  /// The example id or declaration name, unique within its source.
  public var item: String
  /// The Lean statement.
  public var formal: String
  public var informalName: String?
  public var informalStatement: String?

  public init(
    source: RetrievalSource, item: String, formal: String, informalName: String? = nil,
    informalStatement: String? = nil
  ) {
    self.source = source
    self.item = item
    self.formal = formal
    self.informalName = informalName
    self.informalStatement = informalStatement
  }
}
