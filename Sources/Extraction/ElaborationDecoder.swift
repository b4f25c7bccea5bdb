import HeraldCore

/// Picks one step per tactic from the `-e` plugin's info trees (analyzer-format.md §6).
///
/// Trees are tens of levels deep, so every walk uses an explicit stack.
enum ElaborationDecoder {
  private static let declarationKind: [StaticString] = ["Lean", "Parser", "Command", "declaration"]
  private static let sequenceKinds: [[StaticString]] = [
    ["Lean", "Parser", "Tactic", "tacticSeq1Indented"], ["Lean", "Parser", "Tactic", "tacticSeqBracketed"],
  ]

  /// Steps of every declaration whose command node is found; `declarations` maps a command's
  /// `ref` range to the declaration's index.
  static func steps(
    _ root: JSONValue, declarations: [Range<Int>: Int], source: SourceText?
  ) throws(DecodeError) -> [TacticStepEntry] {
    guard root.kind == .array else {
      throw DecodeError(.unexpectedShape, plugin: .elaboration, message: "expected an array of info trees")
    }
    var result: [TacticStepEntry] = []
    var stack: [JSONValue] = Array(root.elements.reversed())
    while let node = stack.popLast() {
      guard node.kind == .object else {
        throw DecodeError(.unexpectedShape, plugin: .elaboration, message: "an info tree node is not an object")
      }
      let (info, ref, children) = node.presentMembers("info", "ref", "children")
      if let ref, let range = ref.present("range")?.byteRangeValue,
        let index = declarations[range], isDeclarationCommand(info, ref: ref)
      {
        collectSteps(of: node, declarationIndex: index, source: source, into: &result)
        continue
      }
      if let children {
        let start = stack.count
        stack.append(contentsOf: children.elements)
        stack[start...].reverse()
      }
    }
    return result
  }

  private static func isDeclarationCommand(_ info: JSONValue?, ref: JSONValue) -> Bool {
    guard let simple = info?.present("simple"), simple.stringEquals("command") else {
      return false
    }
    guard let kind = ref.present("kind") else { return false }
    return kind.nameLastEquals("declaration") && kind.nameEquals(declarationKind)
  }

  private struct Frame {
    var node: JSONValue
    var parentIsSequence: Bool
    var depth: Int
  }

  private static func collectSteps(
    of command: JSONValue, declarationIndex: Int, source: SourceText?, into result: inout [TacticStepEntry]
  ) {
    var seen: Set<Range<Int>> = []
    var order = 0
    var stack: [Frame] = [Frame(node: command, parentIsSequence: false, depth: 0)]
    while let frame = stack.popLast() {
      let (info, ref, children) = frame.node.presentMembers("info", "ref", "children")
      let tactic = info?.present("tactic")
      var childDepth = frame.depth
      var isSequence = false
      if let tactic, let ref {
        let kind = ref.present("kind")
        isSequence = kind.map { kind in sequenceKinds.contains { kind.nameEquals($0) } } ?? false
        let original = ref.present("original")?.bool ?? false
        if frame.parentIsSequence, original {
          let range = ref.present("range")?.byteRangeValue
          if range.map({ seen.insert($0).inserted }) ?? true {
            result.append(
              step(
                tactic: tactic, ref: ref, kind: kind, range: range, declarationIndex: declarationIndex,
                order: order, depth: frame.depth, source: source))
            order += 1
          }
          childDepth = frame.depth + 1
        }
      }
      if let children {
        let start = stack.count
        for child in children.elements {
          stack.append(Frame(node: child, parentIsSequence: isSequence, depth: childDepth))
        }
        stack[start...].reverse()
      }
    }
  }

  private static func step(
    tactic: JSONValue, ref: JSONValue, kind: JSONValue?, range: Range<Int>?, declarationIndex: Int,
    order: Int, depth: Int, source: SourceText?
  ) -> TacticStepEntry {
    let text = range.flatMap { source?.slice($0) } ?? ref.syntaxText ?? ""
    // The analyzer writes references in hash-set order; sorted, they are reproducible.
    var written: [String] = []
    if let references = tactic.present("references") {
      written = references.elements.compactMap(\.dottedName)
      written.sort()
    }
    var names = JSONWriter()
    names.beginArray()
    var previous: String?
    for name in written where name != previous {
      names.value(name)
      previous = name
    }
    names.endArray()
    var used: String?
    if let theorems = tactic.present("extra")?.present("usedTheorems") {
      var writer = JSONWriter()
      writer.beginArray()
      for theorem in theorems.elements {
        if let name = theorem.string ?? theorem.dottedName { writer.value(name) }
      }
      writer.endArray()
      used = writer.string
    }
    return TacticStepEntry(
      declarationIndex: declarationIndex, order: order, depth: depth, tactic: text,
      syntaxKind: kind?.dottedName ?? "", range: range,
      goalsBefore: GoalEncoder.encode(tactic.present("before"), markActed: true),
      goalsAfter: GoalEncoder.encode(tactic.present("after"), markActed: false),
      namesUsed: names.string, usedTheorems: used)
  }
}
