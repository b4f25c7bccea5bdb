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

  /// Components and levels by definition: mutual reachability, and the longest path over
  /// components.
  private func reference(nodeCount: Int, edges: [(Int, Int)]) -> (component: [Set<Int>], level: [Int]) {
    var reach = [[Bool]](repeating: [Bool](repeating: false, count: nodeCount), count: nodeCount)
    for node in 0..<nodeCount { reach[node][node] = true }
    for (source, target) in edges { reach[source][target] = true }
    for middle in 0..<nodeCount {
      for source in 0..<nodeCount where reach[source][middle] {
        for target in 0..<nodeCount where reach[middle][target] { reach[source][target] = true }
      }
    }
    let component = (0..<nodeCount).map { node in Set((0..<nodeCount).filter { reach[node][$0] && reach[$0][node] }) }
    var level = [Int](repeating: -1, count: nodeCount)
    func levelOf(_ node: Int) -> Int {
      if level[node] >= 0 { return level[node] }
      var best = 0
      for (source, target) in edges where component[node].contains(source) && !component[node].contains(target) {
        best = max(best, levelOf(target) + 1)
      }
      for member in component[node] { level[member] = best }
      return best
    }
    for node in 0..<nodeCount { _ = levelOf(node) }
    return (component, level)
  }

  @Test func randomGraphsAgreeWithTheDefinitionForEitherMask() {
    var random = SystemRandomNumberGenerator()
    for round in 0..<200 {
      let nodeCount = Int.random(in: 1...14, using: &random)
      var flagged: [(Int, Int, UInt8)] = []
      for _ in 0..<Int.random(in: 0...(nodeCount * 3), using: &random) {
        flagged.append(
          (
            Int.random(in: 0..<nodeCount, using: &random), Int.random(in: 0..<nodeCount, using: &random),
            UInt8.random(in: 1...3, using: &random)
          ))
      }
      // Out of order and with repeats: the builder sorts them out and merges the flags.
      var builder = DependencyGraph.Builder(nodeCount: nodeCount)
      for (source, target, flags) in flagged { builder.append(source: source, target: target, flags: flags) }
      let graph = builder.finish()
      var merged: [Int: UInt8] = [:]
      for (source, target, flags) in flagged { merged[source * 100 + target, default: 0] |= flags }
      var stored: [Int: UInt8] = [:]
      for source in 0..<nodeCount {
        var previous = -1
        for position in Int(graph.offsets[source])..<Int(graph.offsets[source + 1]) {
          let (target, flags) = graph.edge(at: position)
          #expect(target > previous, "round \(round): targets sorted and distinct")
          previous = target
          stored[source * 100 + target] = flags
        }
      }
      #expect(stored == merged, "round \(round)")
      for mask in [DependencyGraph.typeFlag, DependencyGraph.typeFlag | DependencyGraph.valueFlag] {
        let kept = merged.filter { $0.value & mask != 0 }.map { ($0.key / 100, $0.key % 100) }
        let expected = reference(nodeCount: nodeCount, edges: kept)
        let result = graph.components(mask: mask)
        for node in 0..<nodeCount {
          let members = Set((0..<nodeCount).filter { result.componentOf[$0] == result.componentOf[node] })
          #expect(members == expected.component[node], "round \(round), mask \(mask), node \(node)")
          #expect(Int(result.sizes[Int(result.componentOf[node])]) == members.count)
          #expect(Int(result.levels[Int(result.componentOf[node])]) == expected.level[node])
        }
        // Reverse topological numbering: an edge never leads to a later component.
        for (source, target) in kept { #expect(result.componentOf[target] <= result.componentOf[source]) }
      }
    }
  }

  @Test func aDeepCycleIsOneComponent() {
    let count = 100_000
    var edges = (0..<(count - 1)).map { (Int32($0), Int32($0 + 1)) }
    edges.append((Int32(count - 1), 0))
    edges.append((Int32(count - 1), Int32(count)))
    let result = DependencyGraph(nodeCount: count + 1, edges: edges).components()
    #expect(result.sizes.count == 2)
    #expect(result.sizes[Int(result.componentOf[0])] == Int32(count))
    #expect(result.levels[Int(result.componentOf[0])] == 1)
  }

  @Test func runColumnsRecoverEveryValue() {
    let values = [5, 6, 7, 20, 21, 3, 3, 4, 100]
    var ids = RunColumn(step: 1)
    var modules = RunColumn(step: 0)
    for value in values {
      ids.append(value)
      modules.append(value / 10)
    }
    #expect(values.indices.map { ids[$0] } == values)
    #expect(values.indices.map { modules[$0] } == values.map { $0 / 10 })
    #expect(ids.runEnd(containing: 1) == 3)
    #expect(ids.runEnd(containing: 8) == values.count)
    // Module ids 0 0 0 2 2 0 0 0 10: runs end at 3, 5, 8, 9.
    #expect([0, 3, 5, 8].map { modules.runEnd(containing: $0) } == [3, 5, 8, 9])
  }

  @Test func theNameIndexFindsEverySymbolAndTheLaterOfTwoWithOneHash() {
    var random = SystemRandomNumberGenerator()
    var hashes = (0..<5_000).map { _ in UInt64.random(in: 1...UInt64.max, using: &random) }
    hashes[4_000] = hashes[17]
    let index = NameIndex(hashes: hashes)
    for (symbol, hash) in hashes.enumerated() where symbol != 17 {
      #expect(index.lookup(hash) == Int32(symbol))
    }
    #expect(index.lookup(hashes[17]) == 4_000)
    let absent = (0..<1_000).map { _ in UInt64.random(in: 1...UInt64.max, using: &random) }
      .filter { !Set(hashes).contains($0) }
    #expect(absent.allSatisfy { index.lookup($0) == nil })
    #expect(NameIndex(hashes: []).lookup(1) == nil)
  }
}
