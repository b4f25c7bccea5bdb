import Foundation

/// A fully validated JSON text, parsed in one pass into a flat tape of values.
///
/// The input bytes are kept, and strings and numbers are decoded only when read, so parsing
/// allocates nothing per value. Nesting depth is limited only by memory, never by the call stack.
/// Validation follows RFC 8259 strictly (no comments, no trailing commas, no NaN), plus: the whole
/// input must be well-formed UTF-8 and `\u` escapes must pair surrogates. A leading UTF-8 byte
/// order mark is skipped. Duplicate object keys are kept; lookups by key return the last one.
/// Limits: input under 4 GiB, and at most about 134 million children per array or object.
public struct JSONDocument: Sendable {
  let storage: JSONStorage

  init(storage: JSONStorage) {
    self.storage = storage
  }

  /// Parses and validates `bytes`, keeping them for later decoding.
  ///
  /// An array or object that is the value of a member named in `skipping` (a key written without
  /// escapes) is validated like everything else but not indexed: it reads as empty (no elements
  /// or members, `count` 0), though its `byteRange` and `rawText` are whole. For large documents
  /// whose reader never looks inside such values (an analyzer's term information).
  public init(bytes: [UInt8], skipping: [String] = []) throws(JSONError) {
    let keys = skipping.map { Array($0.utf8) }
    let tape = try bytes.withUnsafeBufferPointer { (input) throws(JSONError) in
      try JSONParser.parse(input, skipping: keys)
    }
    storage = JSONStorage(bytes: bytes, tape: tape)
  }

  /// Parses and validates the bytes of `data`.
  public init(data: Data) throws(JSONError) {
    try self.init(bytes: [UInt8](data))
  }

  /// Parses and validates the UTF-8 encoding of `text`.
  public init(text: String) throws(JSONError) {
    try self.init(bytes: Array(text.utf8))
  }

  /// The top-level value.
  public var root: JSONValue { JSONValue(storage: storage, index: 0) }

  /// The size of the input in bytes.
  public var byteCount: Int { storage.bytes.count }

  /// The number of values in the document, object keys included.
  public var valueCount: Int { storage.tape.count }
}
