import Testing

@testable import Extraction

/// Components and levels of small graphs, and a chain deep enough to break recursion.
@Suite struct DependencyGraphTests {
  @Test func levelsFollowTheLongestPathToALeaf() {
    // 0 → 1 → 2, 0 → 2, 3 isolated
    let graph = DependencyGraph(nodeCount: 4, edges: [(0, 1), (1, 2), (0, 2)])
    let result = graph.components()
    let levels = (0..<4).map { result.levels[Int(result.componentOf[$0])] }
    #expect(levels == [2, 1, 0, 0])
    #expect(result.sizes.allSatisfy { $0 == 1 })
  }

  @Test func aCycleSharesOneLevelAndItsDependentsStillGetOne() {
    // 0 ↔ 1 (mutual), 1 → 2, 3 → 0
    let graph = DependencyGraph(nodeCount: 4, edges: [(0, 1), (1, 0), (1, 2), (3, 0)])
    let result = graph.components()
    #expect(result.componentOf[0] == result.componentOf[1])
    #expect(result.sizes[Int(result.componentOf[0])] == 2)
    let level = { (node: Int) in result.levels[Int(result.componentOf[node])] }
    #expect(level(2) == 0)
    #expect(level(0) == 1)
    #expect(level(1) == 1)
    #expect(level(3) == 2)
  }

  @Test func aChainOfTwoHundredThousandDoesNotOverflowTheStack() {
    let count = 200_000
    let edges = (0..<(count - 1)).map { (Int32($0), Int32($0 + 1)) }
    let result = DependencyGraph(nodeCount: count, edges: edges).components()
    #expect(result.levels[Int(result.componentOf[0])] == Int32(count - 1))
    #expect(result.levels[Int(result.componentOf[count - 1])] == 0)
  }
}
