import Foundation
import Testing

@testable import HeraldCore

@Suite("SHA256")
struct SHA256Tests {
  @Test(
    "FIPS 180-4 / NIST example vectors",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
      ),
    ])
  func nistVectors(message: String, digest: String) {
    #expect(SHA256.hex(SHA256.hash(Array(message.utf8))) == digest)
    #expect(SHA256.hexDigest(of: Data(message.utf8)) == digest)
    var hasher = SHA256()
    hasher.update(message)
    #expect(hasher.hexDigest() == digest)
  }

  @Test("one million 'a', one-shot and in uneven pieces")
  func millionA() {
    let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hex(SHA256.hash(message)) == expected)
    var hasher = SHA256()
    var offset = 0
    var step = 1
    while offset < message.count {
      let end = min(offset + step, message.count)
      message[offset..<end].withUnsafeBytes { hasher.update($0) }
      offset = end
      step = step * 7 % 1000 + 1
    }
    #expect(hasher.hexDigest() == expected)
  }

  @Test(
    "padding boundaries (digests from Python's hashlib)",
    arguments: [
      (1, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
      (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
      (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
      (57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"),
      (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
      (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
      (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
      (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
      (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
      (127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a"),
      (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
    ])
  func paddingBoundaries(length: Int, digest: String) {
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
    #expect(SHA256.hex(SHA256.hash(message)) == digest)
    // Byte by byte through the generic, non-contiguous path.
    var hasher = SHA256()
    hasher.update(message.lazy.map { $0 })
    #expect(hasher.hexDigest() == digest)
  }

  @Test("finalize leaves the hasher usable")
  func finalizeIsNonMutating() {
    var hasher = SHA256()
    hasher.update("ab")
    #expect(hasher.finalize() == hasher.finalize())
    hasher.update("c")
    #expect(hasher.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hash([]).count == 32)
  }

  @Test("a multi-chunk file streamed equals the one-shot digest")
  func fileDigest() throws {
    // 2.5 MiB + 123 bytes: two full 1 MiB reads, then a partial one ending off a block boundary.
    let count = (5 << 19) + 123
    let bytes = (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("herald-sha256-\(UUID().uuidString).bin")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let streamed = try SHA256.hexDigest(ofFile: url)
    #expect(streamed == SHA256.hex(SHA256.hash(bytes)))
    #expect(streamed == "7c16ba94516cf13595c3feed50ed9facbd6846a920ab377d326f0e3d6062477d")
  }

  @Test("the analyzer fixture hashes like sha256sum")
  func fixtureFile() throws {
    let url = URL(fileURLWithPath: "/work/shared/fixtures/jixia-real/Example.elab.json")
    #expect(
      try SHA256.hexDigest(ofFile: url) == "f6b1baa6ad2b6a0c6698fae3a01f87c6134bbc08afbb88842fe098ccf4dd9a54")
  }

  @Test("a missing file throws")
  func missingFile() {
    #expect(throws: (any Error).self) {
      try SHA256.hexDigest(ofFile: URL(fileURLWithPath: "/nonexistent/herald/file.bin"))
    }
  }

  @Test("hex formatting")
  func hex() {
    #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    #expect(SHA256.hex([]).isEmpty)
  }
}

/// The SHA instructions and the portable code agree on every length and split of the input.
@Suite("SHA256 paths")
struct SHA256PathTests {
  @Test func hardwareAndPortableDigestsAgree() {
    var generator = SystemRandomNumberGenerator()
    let message = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for length in [0, 1, 55, 63, 64, 65, 127, 128, 129, 1000, 4999, 5000] {
      var portable = SHA256(hardware: false)
      var hardware = SHA256(hardware: true)
      var offset = 0
      var step = 3
      while offset < length {
        let end = min(length, offset + step)
        message[offset..<end].withUnsafeBytes {
          portable.update($0)
          hardware.update($0)
        }
        offset = end
        step = step * 5 % 301 + 1
      }
      #expect(portable.hexDigest() == hardware.hexDigest(), "length \(length)")
    }
  }
}
