/// A hash table from names, looked up straight from the bytes of a source: a control word or an
/// environment name is found without making a `String` of it.
struct ByteNameTable<Value: Sendable>: Sendable {
  /// A stored name with its hash and value.
  private struct Entry: Sendable {
    var hash: UInt64
    var name: [UInt8]
    var value: Value
  }

  private var slots: [Int32]
  private var entries: [Entry] = []

  /// An empty table with room for about `capacity` names before it grows.
  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
  }

  var count: Int { entries.count }

  /// The value stored for the name in `bytes`.
  @inline(__always) func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    guard !entries.isEmpty else { return nil }
    let hash = Self.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let index = slots[slot]
      if index < 0 { return nil }
      let entry = entries[Int(index)]
      if entry.hash == hash, entry.name.count == bytes.count,
        entry.name.withUnsafeBufferPointer({ $0.elementsEqual(bytes) })
      {
        return entry.value
      }
      slot = (slot + 1) & mask
    }
  }

  /// The value stored for `name`.
  func value(_ name: String) -> Value? {
    var name = name
    return name.withUTF8 { value($0) }
  }

  /// Stores `value` for the name in `bytes`, replacing any earlier one.
  mutating func set(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
    let hash = Self.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 {
      let index = Int(slots[slot])
      if entries[index].hash == hash, entries[index].name.elementsEqual(bytes) {
        entries[index].value = value
        return
      }
      slot = (slot + 1) & mask
    }
    slots[slot] = Int32(entries.count)
    entries.append(Entry(hash: hash, name: Array(bytes), value: value))
    if entries.count * 2 > slots.count { grow() }
  }

  /// Stores `value` for `name`.
  mutating func set(_ name: String, _ value: Value) {
    var name = name
    name.withUTF8 { set($0, value) }
  }

  /// Doubles the slots, keeping the table at most half full so probes stay short.
  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for (index, entry) in entries.enumerated() {
      var slot = Int(truncatingIfNeeded: entry.hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index)
    }
  }

  /// FNV-1a: names are short, so a simple byte-at-a-time hash is as fast as any.
  @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
