import Foundation
import HeraldCore

/// What `herald augment` makes: tactic states made theorems, informal rewrites and informal
/// proofs, for how many theorems, in what mixture.
public struct AugmentSettings: Sendable, Hashable {
  /// The database translate wrote.
  public var database: String
  /// The folder of the rewrite, proof and tactic-guide prompt files.
  public var prompts = "pipelines/prompts"
  public var tactic = true
  public var informal = true
  public var proofs = true
  /// The mixture aimed at, original : tactic : informal (the Herald paper's 1 : 2 : 1).
  public var mixture = Mixture(original: 1, tactic: 2, informal: 1)
  /// Tactic states kept per theorem; nil: the mixture's tactic : original.
  public var perTheorem: Int?
  public var seed: UInt64 = 0
  /// Languages the translate strategy writes in (ISO 639-1 codes).
  public var languages = ["zh", "fr", "ru"]
  /// At most this many theorems get rewrites and proofs (and tactic states), module by module.
  public var limit: Int?
  /// Only theorems of modules starting with one of these (all when empty).
  public var modulePrefixes: [String] = []
  /// Requests (and compile checks) in flight at once.
  public var concurrency = 4
  /// Make again what an earlier run made.
  public var force = false

  /// Settings for `database` with the defaults above.
  public init(database: String) {
    self.database = database
  }

  /// The mixture of record kinds, in parts.
  public struct Mixture: Sendable, Hashable, CustomStringConvertible {
    public var original: Double
    public var tactic: Double
    public var informal: Double

    /// A mixture.
    public init(original: Double, tactic: Double, informal: Double) {
      self.original = original
      self.tactic = tactic
      self.informal = informal
    }

    /// Reads `1:2:1` (or `1 : 2 : 1`); nil when it is not three numbers, the first positive.
    public init?(_ text: String) {
      let parts = text.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 3, let original = parts[0] ?? nil, let tactic = parts[1] ?? nil,
        let informal = parts[2] ?? nil, original > 0, tactic >= 0, informal >= 0
      else { return nil }
      self.init(original: original, tactic: tactic, informal: informal)
    }

    public var description: String {
      [original, tactic, informal].map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ":")
    }
  }

  /// Tactic states kept per theorem.
  public var statesPerTheorem: Int { perTheorem ?? Int((mixture.tactic / mixture.original).rounded()) }

  /// Rewrites per theorem (may be fractional: some theorems get one more).
  public var rewritesPerTheorem: Double { mixture.informal / mixture.original }
}
