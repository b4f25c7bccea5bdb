import HeraldCore
import Testing

@Suite("StableHash")
struct StableHashTests {
  @Test(
    "FNV-1a 64 known values",
    arguments: [
      ("", 0xcbf2_9ce4_8422_2325),
      ("a", 0xaf63_dc4c_8601_ec8c),
      ("foobar", 0x8594_4171_f739_67e8),
      ("é", 0x0ac2_1707_b718_1e01),
      ("Mathlib.Data.Nat.Basic", 0x694c_7f1f_b75f_ee7d),
    ] as [(String, UInt64)])
  func knownValues(input: String, expected: UInt64) {
    #expect(StableHash.fnv1a64(input) == expected)
    #expect(StableHash.fnv1a64(bytes: Array(input.utf8)) == expected)
  }

  @Test("hashes UTF-8 bytes, so canonically equal strings can differ")
  func bytesNotCharacters() {
    #expect("é" == "e\u{301}")
    #expect(StableHash.fnv1a64("é") != StableHash.fnv1a64("e\u{301}"))
  }
}
