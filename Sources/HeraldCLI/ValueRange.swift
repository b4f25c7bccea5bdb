/// A range that can check a parsed number and explain, in a usage error, what it requires.
public protocol ValueRange<Bound> {
  /// The number type being checked.
  associatedtype Bound: Comparable
  /// Whether `value` is acceptable.
  func contains(_ value: Bound) -> Bool
  /// Phrase completing "must be …", e.g. `at least 1` or `between 0 and 10`.
  var requirement: String { get }
}

extension ClosedRange: ValueRange {
  /// Phrase completing "must be …".
  public var requirement: String { "between \(lowerBound) and \(upperBound)" }
}

extension Range: ValueRange {
  /// Phrase completing "must be …".
  public var requirement: String { "at least \(lowerBound) and less than \(upperBound)" }
}

extension PartialRangeFrom: ValueRange {
  /// Phrase completing "must be …".
  public var requirement: String { "at least \(lowerBound)" }
}

extension PartialRangeThrough: ValueRange {
  /// Phrase completing "must be …".
  public var requirement: String { "at most \(upperBound)" }
}

extension PartialRangeUpTo: ValueRange {
  /// Phrase completing "must be …".
  public var requirement: String { "less than \(upperBound)" }
}
