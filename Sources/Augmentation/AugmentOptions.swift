/// What `TacticStateSource` reads and how it samples.
public struct AugmentOptions: Sendable, Hashable {
  /// States kept per theorem at most (the paper's 1 : 2 mixture of original to tactic records).
  public var perTheorem = 2
  /// The seed of the per-theorem draws.
  public var seed: UInt64 = 0
  /// Theorems read at most, in module and source order; nil reads all.
  public var limit: Int?
  /// Only theorems of modules under these prefixes (`ModulePrefix`); empty reads every module.
  public var modulePrefixes: [String] = []

  /// The defaults: two states per theorem, seed 0, every theorem.
  public init() {}
}
