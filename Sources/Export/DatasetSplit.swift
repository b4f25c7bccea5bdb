import HeraldCore

/// A split of the dataset, named as Hugging Face `datasets` expects.
public enum DatasetSplit: String, CaseIterable, Sendable, Codable, Comparable {
  case train
  case validation
  case test

  public static func < (a: DatasetSplit, b: DatasetSplit) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// Which split each module goes to: whole modules only, so that no module (and none of the
/// declarations that share its context, such as `to_additive` twins) is in two splits.
///
/// A module's place depends only on its name and the seed (the first 8 bytes of the SHA-256 of
/// both, read as a fraction of 1), not on the other modules, so a module keeps its split when the
/// library grows. The fractions are therefore fractions of modules, met on average.
public struct SplitAssignment: Sendable, Hashable {
  public var validationFraction: Double
  public var testFraction: Double
  public var seed: Int

  /// An assignment; the fractions are each in 0...1 and together at most 1.
  public init(validationFraction: Double, testFraction: Double, seed: Int) {
    self.validationFraction = validationFraction
    self.testFraction = testFraction
    self.seed = seed
  }

  /// The split of `module`.
  public func split(of module: String) -> DatasetSplit {
    let position = Self.position(of: module, seed: seed)
    if position < testFraction { return .test }
    if position < testFraction + validationFraction { return .validation }
    return .train
  }

  /// Where `module` falls in [0, 1) for `seed`.
  static func position(of module: String, seed: Int) -> Double {
    let digest = SHA256.hash(Array("\(seed)\u{1F}\(module)".utf8))
    let high = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Double(high >> 11) / Double(UInt64(1) << 53)
  }
}
