/// A directed graph over dense node indices with strongly connected components and levels.
///
/// Edges are stored once, in CSR form: node `n`'s edges are `edges[offsets[n]..<offsets[n + 1]]`,
/// each a `UInt32` packing `target << 2 | flags` (flag 1: needed to state the source, flag 2:
/// used by its value). A walk may keep only the edges whose flags meet a mask, so the full and
/// the type-only graph share one structure.
///
/// Components are found with an iterative walk (Mathlib's graph is far too deep for recursion)
/// that keeps one number per node, as in Pearce's space-efficient variant of Tarjan's
/// algorithm; every node, including those on cycles, gets a level.
struct DependencyGraph {
  /// Flag of an edge needed to state its source.
  static let typeFlag: UInt8 = 1
  /// Flag of an edge used by its source's value.
  static let valueFlag: UInt8 = 2
  /// Nodes must be numbered below this, so that a target fits in an edge with its flags.
  static let maxNodeCount = 1 << 30

  /// Number of nodes.
  let nodeCount: Int
  /// Start of every node's edges, and their end (`nodeCount + 1` entries).
  private(set) var offsets: [Int32]
  /// Every edge, as `target << 2 | flags`, grouped by source and sorted by target within one.
  private(set) var edges: ChunkedEdges

  /// Number of edges.
  var edgeCount: Int { edges.count }

  /// Builds the graph from `(source, target)` pairs, every edge with both flags (duplicates and
  /// self-loops allowed).
  init(nodeCount: Int, edges pairs: [(Int32, Int32)]) {
    var builder = Builder(nodeCount: nodeCount)
    for (source, target) in pairs.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
      builder.append(source: Int(source), target: Int(target), flags: Self.typeFlag | Self.valueFlag)
    }
    self = builder.finish()
  }

  fileprivate init(nodeCount: Int, offsets: [Int32], edges: ChunkedEdges) {
    self.nodeCount = nodeCount
    self.offsets = offsets
    self.edges = edges
  }

  /// The target and flags of edge `position`.
  func edge(at position: Int) -> (target: Int, flags: UInt8) {
    let value = edges[position]
    return (Int(value >> 2), UInt8(value & 3))
  }

  /// Collects edges into a graph without holding them twice: edges that arrive sorted by
  /// `(source, target)` go straight into place; any others (and repeats, whose flags are
  /// merged) are set aside and merged in by `finish`.
  struct Builder {
    let nodeCount: Int
    private var offsets: [Int32]
    private var edges = ChunkedEdges()
    /// `source << 32 | target` of the last edge put in place.
    private var lastKey: UInt64?
    /// Edges that came out of order, as `source << 32 | target << 2 | flags`.
    private var late: [UInt64] = []

    init(nodeCount: Int) {
      precondition(nodeCount < DependencyGraph.maxNodeCount, "too many graph nodes")
      self.nodeCount = nodeCount
      offsets = [0]
      offsets.reserveCapacity(nodeCount + 1)
    }

    /// Adds an edge; `flags` is a non-empty combination of `typeFlag` and `valueFlag`.
    mutating func append(source: Int, target: Int, flags: UInt8) {
      precondition(source < nodeCount && target < nodeCount && source >= 0 && target >= 0)
      let key = UInt64(source) << 32 | UInt64(target)
      if let lastKey, key <= lastKey {
        late.append(UInt64(source) << 32 | UInt64(target) << 2 | UInt64(flags & 3))
        return
      }
      lastKey = key
      while offsets.count <= source { offsets.append(Int32(edges.count)) }
      precondition(edges.count < Int(Int32.max), "too many graph edges")
      edges.append(UInt32(target) << 2 | UInt32(flags & 3))
    }

    /// The graph.
    consuming func finish() -> DependencyGraph {
      while offsets.count <= nodeCount { offsets.append(Int32(edges.count)) }
      guard !late.isEmpty else { return DependencyGraph(nodeCount: nodeCount, offsets: offsets, edges: edges) }
      // Rare: merge everything through one sorted list.
      var all = late
      late = []
      for source in 0..<nodeCount {
        for position in Int(offsets[source])..<Int(offsets[source + 1]) {
          all.append(UInt64(source) << 32 | UInt64(edges[position]))
        }
      }
      edges = ChunkedEdges()
      all.sort()
      var merged = Builder(nodeCount: nodeCount)
      var index = 0
      while index < all.count {
        let key = all[index] >> 2
        var flags = UInt8(all[index] & 3)
        index += 1
        while index < all.count, all[index] >> 2 == key {
          flags |= UInt8(all[index] & 3)
          index += 1
        }
        merged.append(source: Int(key >> 30), target: Int(key & 0x3FFF_FFFF), flags: flags)
      }
      return merged.finish()
    }
  }

  /// The result of `components(mask:)`.
  struct Components {
    /// Component index of every node.
    var componentOf: [Int32]
    /// Size of every component.
    var sizes: [Int32]
    /// Level of every component: 0 without outgoing edges, else 1 + max over its targets.
    var levels: [Int32]
  }

  /// Strongly connected components of the graph made of the edges whose flags share a bit with
  /// `mask`, numbered in reverse topological order (a component's targets come first), with
  /// their levels.
  func components(mask: UInt8 = typeFlag | valueFlag) -> Components {
    let mask = UInt32(mask & 3)
    // `rank[n]`: 0 before `n` is visited; while its component is open, the smallest visit
    // number it is known to reach (its own at first); once closed, `closed + component`, which
    // is above every visit number, so closed nodes never lower an open one.
    let closed = Int32(nodeCount + 1)
    var rank = [Int32](repeating: 0, count: nodeCount)
    var sizes: [Int32] = []
    var levels: [Int32] = []
    // Visited nodes whose walk ended without closing a component: they belong to the component
    // of a node still on the call stack.
    var pending: [Int32] = []
    var calls: [(node: Int32, next: Int32, visit: Int32)] = []
    var visits: Int32 = 0
    for root in 0..<nodeCount where rank[root] == 0 {
      visits += 1
      rank[root] = visits
      calls.append((Int32(root), offsets[root], visits))
      while let frame = calls.last {
        let node = Int(frame.node)
        let end = Int(offsets[node + 1])
        var position = Int(frame.next)
        var descended = false
        while position < end {
          let value = edges[position]
          position += 1
          guard value & mask != 0 else { continue }
          let target = Int(value >> 2)
          if rank[target] == 0 {
            calls[calls.count - 1].next = Int32(position)
            visits += 1
            rank[target] = visits
            calls.append((Int32(target), offsets[target], visits))
            descended = true
            break
          }
          rank[node] = min(rank[node], rank[target])
        }
        if descended { continue }
        calls.removeLast()
        if rank[node] == frame.visit {
          // `node` roots a component: itself and the pending nodes that reach no further back.
          var first = pending.count
          while first > 0, rank[Int(pending[first - 1])] >= frame.visit { first -= 1 }
          let component = closed + Int32(sizes.count)
          rank[node] = component
          for member in pending[first...] { rank[Int(member)] = component }
          // Every component its members point to was closed earlier.
          var level: Int32 = 0
          for slot in (first - 1)..<pending.count {
            let member = slot < first ? node : Int(pending[slot])
            for position in Int(offsets[member])..<Int(offsets[member + 1]) {
              let value = edges[position]
              guard value & mask != 0 else { continue }
              let other = rank[Int(value >> 2)]
              if other != component { level = max(level, levels[Int(other - closed)] + 1) }
            }
          }
          sizes.append(Int32(pending.count - first + 1))
          levels.append(level)
          pending.removeLast(pending.count - first)
        } else {
          pending.append(Int32(node))
        }
        if let parent = calls.last {
          rank[Int(parent.node)] = min(rank[Int(parent.node)], rank[node])
        }
      }
    }
    for node in 0..<nodeCount { rank[node] -= closed }
    return Components(componentOf: rank, sizes: sizes, levels: levels)
  }
}

/// A growing list of edges in fixed-size chunks: appending never copies what is already held
/// (a doubling array briefly holds its contents twice) and never reserves more than a chunk
/// beyond what is used.
struct ChunkedEdges {
  private static let shift = 16
  private static let mask = (1 << shift) - 1
  private var chunks: [[UInt32]] = []
  /// Number of values.
  private(set) var count = 0

  mutating func append(_ value: UInt32) {
    if count & Self.mask == 0 {
      var chunk: [UInt32] = []
      chunk.reserveCapacity(1 << Self.shift)
      chunks.append(chunk)
    }
    chunks[count >> Self.shift].append(value)
    count += 1
  }

  subscript(position: Int) -> UInt32 {
    chunks[position >> Self.shift][position & Self.mask]
  }
}
