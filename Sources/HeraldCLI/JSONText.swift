import Foundation

/// Machine-readable output: one JSON object with sorted keys.
enum JSONText {
  /// Encodes `value` as pretty-printed JSON with sorted keys.
  static func encode(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
