import HeraldCore

/// The proof state at the start of a source line, from the `-l` plugin.
public struct LineState: Sendable, Hashable {
  /// Byte offset of the line start.
  public var offset: Int
  /// The goals there, as JSON in herald's goal shape.
  public var goals: String
}

/// Decodes the `-l` plugin, keeping only lines inside proofs (non-empty states).
enum LineDecoder {
  static func decode(_ root: JSONValue) throws(DecodeError) -> [LineState] {
    guard root.kind == .array else {
      throw DecodeError(.unexpectedShape, plugin: .line, message: "expected an array of line states")
    }
    var result: [LineState] = []
    var seen: Set<Int> = []
    var index = 0
    for entry in root.elements {
      guard let offset = entry.present("start")?.int else {
        throw DecodeError(
          .unexpectedShape, plugin: .line, path: "[\(index)].start", message: "missing or not an integer")
      }
      index += 1
      guard let state = entry.present("state"), state.count > 0 else { continue }
      // The end-of-file entry is duplicated when the file ends with a newline.
      guard seen.insert(offset).inserted else { continue }
      result.append(LineState(offset: offset, goals: GoalEncoder.encode(state, markActed: false)))
    }
    return result
  }
}
