/// Hashes that are identical in every process and on every platform, for sharding and file names.
///
/// Swift's `hashValue` is seeded per process, so it must never be persisted or used to pick a shard.
public enum StableHash {
  /// 64-bit FNV-1a of the UTF-8 bytes of `string`.
  public static func fnv1a64(_ string: String) -> UInt64 {
    var string = string
    return string.withUTF8 { fnv1a64(bytes: $0) }
  }

  /// 64-bit FNV-1a of `bytes`.
  public static func fnv1a64<S: Sequence>(bytes: S) -> UInt64 where S.Element == UInt8 {
    // The FNV-1a 64-bit offset basis and prime (Fowler, Noll and Vo).
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }
}
