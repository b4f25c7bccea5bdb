/// Where an indexed document comes from.
public enum RetrievalSource: String, Sendable, Hashable, CaseIterable {
  /// A hand-written pair of the example bank (`pipelines/examples`); its item is the example id.
  case example
  /// A declaration of the database; its item is the declaration's name.
  case declaration

  /// The token that tags this source's documents in the full-text index, in a column that weighs
  /// nothing in the ranking. The `.` keeps query text from ever matching it: `MathTokenizer`
  /// never emits one, while the index's tokenizer counts it as part of a token.
  var tag: String { "source." + rawValue }
}
