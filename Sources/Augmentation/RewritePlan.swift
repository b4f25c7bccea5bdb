import HeraldCore
import Records

/// Which informal rewrites a parent gets: as many as the mixture's ratio of informal to original
/// records asks for (a fractional part taken by a hash of the seed and the parent, so the
/// realised mixture matches on average and a rerun picks the same), each with a strategy taken in
/// turn from a place the hash chooses, and for translations a language from the list.
public struct RewritePlan: Sendable, Hashable {
  /// Rewrites per original record (the mixture's informal : original).
  public var ratio: Double
  public var seed: UInt64
  /// Languages translations go into (ISO 639-1 codes).
  public var languages: [String]

  /// A plan.
  public init(ratio: Double, seed: UInt64, languages: [String]) {
    self.ratio = max(0, ratio)
    self.seed = seed
    self.languages = languages.isEmpty ? ["zh", "fr", "ru"] : languages
  }

  /// The strategies and languages of `parent`'s rewrites.
  public func rewrites(of parent: String) -> [(strategy: Augmentation.Strategy, language: String)] {
    let whole = Int(ratio.rounded(.down))
    let fraction = ratio - Double(whole)
    let count = whole + (unit(parent, "count") < fraction ? 1 : 0)
    let strategies = Augmentation.Strategy.allCases
    let start = Int(hash(parent, "strategy") % UInt64(strategies.count))
    return (0..<count).map { index in
      let strategy = strategies[(start + index) % strategies.count]
      let language =
        strategy == .translate
        ? languages[Int(hash(parent, "language \(index)") % UInt64(languages.count))] : "en"
      return (strategy, language)
    }
  }

  /// FNV-1a of the seed, the purpose and the parent, mixed (SplitMix64's finalizer): FNV's high
  /// bits barely change between names that differ at the end, and the fractions use them.
  private func hash(_ parent: String, _ purpose: String) -> UInt64 {
    var value = StableHash.fnv1a64("\(seed)\u{1F}\(purpose)\u{1F}\(parent)")
    value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
    value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
    return value ^ (value >> 31)
  }

  /// A number in [0, 1) from the hash.
  private func unit(_ parent: String, _ purpose: String) -> Double {
    Double(hash(parent, purpose) >> 11) / Double(UInt64(1) << 53)
  }
}
