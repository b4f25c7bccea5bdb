/// One value of a parsed document, stored flat so that parsing allocates nothing per value.
///
/// Containers are followed on the tape by their children (for objects: key, value, key, value, ...),
/// so `next` lets a reader skip a whole subtree in one step. Entries are 16 bytes because the
/// tape, not the input, dominates the parser's memory traffic.
struct JSONTapeEntry: Sendable {
  /// Byte offset of the value's first byte (the opening quote or bracket for strings and containers).
  var offset: UInt32
  /// Byte length of the whole value, quotes and brackets included.
  var length: UInt32
  /// Tape index just past this value's subtree: the next sibling, or the parent's end.
  var next: UInt32
  /// Kind code in bits 0-2, the `escaped` and `integer` flags, and the child count from bit 5.
  var info: UInt32

  static let escaped: UInt32 = 1 << 3
  static let integer: UInt32 = 1 << 4
  static let countShift: UInt32 = 5
  /// The most children an array or object may hold (about 134 million).
  static let maxCount = Int(UInt32.max >> countShift)

  static let nullCode: UInt32 = 0
  static let boolCode: UInt32 = 1
  static let numberCode: UInt32 = 2
  static let stringCode: UInt32 = 3
  static let arrayCode: UInt32 = 4
  static let objectCode: UInt32 = 5

  var kind: JSONValue.Kind {
    switch info & 7 {
    case Self.nullCode: .null
    case Self.boolCode: .bool
    case Self.numberCode: .number
    case Self.stringCode: .string
    case Self.arrayCode: .array
    default: .object
    }
  }

  /// Elements of an array or members of an object; zero for scalars.
  var count: Int { Int(info >> Self.countShift) }
  var hasEscapes: Bool { info & Self.escaped != 0 }
  var isInteger: Bool { info & Self.integer != 0 }
  var isContainer: Bool { info & 7 >= Self.arrayCode }
  var end: Int { Int(offset) + Int(length) }
}

/// The immutable bytes and tape shared by a document and every cursor into it.
final class JSONStorage: Sendable {
  let bytes: [UInt8]
  let tape: [JSONTapeEntry]

  init(bytes: [UInt8], tape: [JSONTapeEntry]) {
    self.bytes = bytes
    self.tape = tape
  }
}
