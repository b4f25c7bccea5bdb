import HeraldCore

/// Picks the states kept from each theorem: duplicates out, then at most `perTheorem` chosen with
/// a seed, spread across the proof.
///
/// Consecutive states of a proof are near duplicates (the paper keeps a random subset of its
/// ~580k), so, per theorem, in step order:
/// 1. a state equal to the theorem's own statement is dropped (`sameAsParent`): the state before
///    the first step usually is the statement, up to `intro`;
/// 2. a state equal to an earlier state of the same theorem, or to a state kept for an earlier
///    theorem, is dropped (`duplicates`): the same state from two theorems is one candidate;
/// 3. of the `n` left, `perTheorem` (K) are kept: the list is cut into K runs of consecutive
///    states as equal as can be, and one state is drawn from each run. The states kept are thus
///    far apart in the proof (with K = 2, one from each half), not neighbours.
///
/// Equality is of `CanonicalStatement` forms, kept library-wide as 64-bit FNV-1a hashes (only
/// of the states kept: a state left out of one theorem's sample can still be another's). The draw
/// for a theorem depends on the seed and the theorem's name only (SplitMix64), so a theorem's
/// choice does not shift when the library around it changes, and a seed always gives the same
/// output for the same database.
public struct TacticSampler: Sendable {
  /// What was kept of one theorem's candidates, and what was dropped.
  public struct Selection: Sendable, Hashable {
    /// The candidates kept, in step order.
    public var sampled: [TacticCandidate] = []
    /// Candidates equal to the theorem's own statement.
    public var sameAsParent = 0
    /// Candidates equal to an earlier one of the theorem, or to one kept for an earlier theorem.
    public var duplicates = 0
    /// Distinct candidates beyond the budget.
    public var overBudget = 0
  }

  /// States kept per theorem at most.
  public let perTheorem: Int
  /// The seed of every draw.
  public let seed: UInt64
  /// Hashes of the normal forms of every candidate kept so far.
  private var kept: Set<UInt64> = []

  /// A sampler keeping `perTheorem` states per theorem (the paper's mixture of original to
  /// tactic records is 1 : 2, hence 2), drawn with `seed`.
  public init(perTheorem: Int = 2, seed: UInt64 = 0) {
    self.perTheorem = max(0, perTheorem)
    self.seed = seed
  }

  /// Chooses among the candidates of `parent` (in step order); `parentStatements` are the normal
  /// forms of its own statement. The candidates kept are remembered for later theorems.
  public mutating func select(
    _ candidates: [TacticCandidate], parent: String, parentStatements: Set<String>
  ) -> Selection {
    let choice = choose(
      hashes: candidates.map(\.statementHash), parent: parent,
      parentHashes: Set(parentStatements.map { StableHash.fnv1a64($0) }))
    var selection = Selection()
    selection.sampled = choice.kept.map { candidates[$0] }
    selection.sameAsParent = choice.sameAsParent
    selection.duplicates = choice.duplicates
    selection.overBudget = choice.overBudget
    return selection
  }

  /// What `choose` kept (indices into its input, increasing) and dropped.
  struct Choice {
    var kept: [Int] = []
    var sameAsParent = 0
    var duplicates = 0
    var overBudget = 0
  }

  /// `select` on the hashes of the candidates' normal forms: the source decides on these before
  /// writing any declaration.
  mutating func choose(hashes: [UInt64], parent: String, parentHashes: Set<UInt64>) -> Choice {
    var choice = Choice()
    var pool: [Int] = []
    var seen: Set<UInt64> = []
    for (index, hash) in hashes.enumerated() {
      if parentHashes.contains(hash) {
        choice.sameAsParent += 1
      } else if kept.contains(hash) || !seen.insert(hash).inserted {
        choice.duplicates += 1
      } else {
        pool.append(index)
      }
    }
    let chosen = Self.spread(count: pool.count, keeping: perTheorem, seed: seed, parent: parent)
    choice.kept = chosen.map { pool[$0] }
    for index in choice.kept { kept.insert(hashes[index]) }
    choice.overBudget = pool.count - chosen.count
    return choice
  }

  /// The indices kept of `count` states: all when there are at most `keeping`, else one drawn
  /// from each of `keeping` consecutive runs of (nearly) equal length, in increasing order.
  static func spread(count: Int, keeping: Int, seed: UInt64, parent: String) -> [Int] {
    guard count > keeping else { return Array(0..<count) }
    var generator = SplitMix64(seed: seed ^ StableHash.fnv1a64(parent))
    return (0..<keeping).map { run in
      let start = run * count / keeping
      let end = (run + 1) * count / keeping
      return start + Int(generator.next() % UInt64(end - start))
    }
  }
}

/// Steele, Lea and Flood's SplitMix64: a small generator whose stream is fixed by its seed on
/// every platform and Swift version (the standard library's generator is not seedable).
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}
