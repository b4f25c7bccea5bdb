import Testing

@testable import Export

/// Splits by module: deterministic for a seed, close to the fractions over many modules.
@Suite struct DatasetSplitTests {
  private static let modules = (0..<4000).map { "Mathlib.Area\($0 % 37).Topic\($0)" }

  @Test func theSameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() {
    let first = SplitAssignment(validationFraction: 0.1, testFraction: 0.1, seed: 1)
    let again = SplitAssignment(validationFraction: 0.1, testFraction: 0.1, seed: 1)
    let other = SplitAssignment(validationFraction: 0.1, testFraction: 0.1, seed: 2)
    #expect(Self.modules.map(first.split) == Self.modules.map(again.split))
    #expect(Self.modules.map(first.split) != Self.modules.map(other.split))
  }

  @Test func fractionsOfModulesAreMetWithinSamplingNoise() {
    let assignment = SplitAssignment(validationFraction: 0.1, testFraction: 0.2, seed: 0)
    let splits = Self.modules.map(assignment.split)
    let validation = Double(splits.filter { $0 == .validation }.count) / Double(splits.count)
    let test = Double(splits.filter { $0 == .test }.count) / Double(splits.count)
    // Binomial standard deviations at n = 4000 are below 0.007; allow four of them.
    #expect(abs(validation - 0.1) < 0.03)
    #expect(abs(test - 0.2) < 0.03)
  }

  @Test func aModuleKeepsItsSplitWhenOthersAreAddedAndFractionsGrowOnlyByMoving() {
    let small = SplitAssignment(validationFraction: 0.05, testFraction: 0.05, seed: 3)
    let larger = SplitAssignment(validationFraction: 0.05, testFraction: 0.15, seed: 3)
    for module in Self.modules where small.split(of: module) == .test {
      #expect(larger.split(of: module) == .test)
    }
  }

  @Test func zeroFractionsPutEverythingInTrain() {
    let assignment = SplitAssignment(validationFraction: 0, testFraction: 0, seed: 9)
    #expect(Self.modules.allSatisfy { assignment.split(of: $0) == .train })
  }
}
