/// A directed graph over dense node indices with strongly connected components and levels.
///
/// Components are found with an iterative Tarjan walk (Mathlib's graph is far too deep for
/// recursion), so every node, including those on cycles, gets a level.
struct DependencyGraph {
  /// Number of nodes.
  let nodeCount: Int
  /// CSR adjacency: targets of node `n` are `targets[offsets[n]..<offsets[n + 1]]`.
  let offsets: [Int32]
  let targets: [Int32]

  /// Builds the graph from `(source, target)` pairs (duplicates and self-loops allowed).
  init(nodeCount: Int, edges: [(Int32, Int32)]) {
    self.nodeCount = nodeCount
    var counts = [Int32](repeating: 0, count: nodeCount + 1)
    for (source, _) in edges { counts[Int(source) + 1] += 1 }
    for index in 0..<nodeCount { counts[index + 1] += counts[index] }
    var fill = counts
    var targets = [Int32](repeating: 0, count: edges.count)
    for (source, target) in edges {
      targets[Int(fill[Int(source)])] = target
      fill[Int(source)] += 1
    }
    self.offsets = counts
    self.targets = targets
  }

  /// Builds the graph from edges packed as `source << 33 | target << 2 | flags`, sorted by
  /// source, keeping those whose flags pass `keep`; no intermediate copies.
  init(nodeCount: Int, sortedPackedEdges edges: [UInt64], keep: (UInt64) -> Bool) {
    self.nodeCount = nodeCount
    var offsets = [Int32](repeating: 0, count: nodeCount + 1)
    var targets: [Int32] = []
    targets.reserveCapacity(edges.count)
    for value in edges where keep(value & 3) {
      let source = Int(value >> 33)
      offsets[source + 1] += 1
      targets.append(Int32(truncatingIfNeeded: (value >> 2) & 0x7FFF_FFFF))
    }
    for index in 0..<nodeCount { offsets[index + 1] += offsets[index] }
    self.offsets = offsets
    self.targets = targets
  }

  /// The result of `components()`.
  struct Components {
    /// Component index of every node.
    var componentOf: [Int32]
    /// Size of every component.
    var sizes: [Int32]
    /// Level of every component: 0 without outgoing edges, else 1 + max over its targets.
    var levels: [Int32]
  }

  /// Strongly connected components in reverse topological order, with their levels.
  func components() -> Components {
    var index = [Int32](repeating: -1, count: nodeCount)
    var low = [Int32](repeating: 0, count: nodeCount)
    var onStack = [Bool](repeating: false, count: nodeCount)
    var componentOf = [Int32](repeating: -1, count: nodeCount)
    var sizes: [Int32] = []
    var levels: [Int32] = []
    var stack: [Int32] = []
    var calls: [(node: Int32, next: Int32)] = []
    var counter: Int32 = 0
    for root in 0..<nodeCount where index[root] == -1 {
      calls.append((Int32(root), offsets[root]))
      index[root] = counter
      low[root] = counter
      counter += 1
      stack.append(Int32(root))
      onStack[root] = true
      while let frame = calls.last {
        let node = Int(frame.node)
        let end = offsets[node + 1]
        var position = frame.next
        var descended = false
        while position < end {
          let target = Int(targets[Int(position)])
          position += 1
          if index[target] == -1 {
            calls[calls.count - 1].next = position
            index[target] = counter
            low[target] = counter
            counter += 1
            stack.append(Int32(target))
            onStack[target] = true
            calls.append((Int32(target), offsets[target]))
            descended = true
            break
          } else if onStack[target] {
            low[node] = min(low[node], index[target])
          }
        }
        if descended { continue }
        calls.removeLast()
        if let parent = calls.last {
          low[Int(parent.node)] = min(low[Int(parent.node)], low[node])
        }
        guard low[node] == index[node] else { continue }
        // `node` roots a component; every component it points to was completed earlier.
        let component = Int32(sizes.count)
        var members: [Int32] = []
        while let member = stack.popLast() {
          onStack[Int(member)] = false
          componentOf[Int(member)] = component
          members.append(member)
          if Int(member) == node { break }
        }
        var level: Int32 = 0
        for member in members {
          for position in Int(offsets[Int(member)])..<Int(offsets[Int(member) + 1]) {
            let other = componentOf[Int(targets[position])]
            if other != component, other >= 0 { level = max(level, levels[Int(other)] + 1) }
          }
        }
        sizes.append(Int32(members.count))
        levels.append(level)
      }
    }
    return Components(componentOf: componentOf, sizes: sizes, levels: levels)
  }
}
