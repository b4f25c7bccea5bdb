import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), streaming or one-shot.
///
/// Blocks are compressed with the CPU's SHA instructions when it has them (x86 SHA-NI, through
/// the `CSHA256` target), else by the portable code below; both give the same digests.
public struct SHA256: Sendable {
  /// The eight working words of the hash.
  private struct State: Sendable {
    // FIPS 180-4 section 5.3.3: fractional parts of the square roots of the first eight primes.
    var a: UInt32 = 0x6a09_e667
    var b: UInt32 = 0xbb67_ae85
    var c: UInt32 = 0x3c6e_f372
    var d: UInt32 = 0xa54f_f53a
    var e: UInt32 = 0x510e_527f
    var f: UInt32 = 0x9b05_688c
    var g: UInt32 = 0x1f83_d9ab
    var h: UInt32 = 0x5be0_cd19
  }

  private var state = State()
  /// Bytes of an incomplete block, waiting for more input.
  private var pending: [UInt8] = []
  private var totalBytes: UInt64 = 0
  /// Whether blocks go to the SHA instructions.
  private let usesHardware: Bool

  /// Whether this CPU has SHA instructions herald uses.
  public static let hardwareAvailable = herald_sha256_hardware() == 1

  public init() {
    self.init(hardware: Self.hardwareAvailable)
  }

  /// A hasher that uses the SHA instructions only when `hardware` is true (and they exist), so
  /// tests can compare both paths.
  init(hardware: Bool) {
    usesHardware = hardware && Self.hardwareAvailable
    pending.reserveCapacity(64)
  }

  /// Feeds bytes into the hash.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var input = bytes.baseAddress, bytes.count > 0 else { return }
    var remaining = bytes.count
    totalBytes &+= UInt64(remaining)
    if !pending.isEmpty {
      let taken = min(64 - pending.count, remaining)
      pending.append(contentsOf: UnsafeRawBufferPointer(start: input, count: taken))
      input += taken
      remaining -= taken
      guard pending.count == 64 else { return }
      // Moved out for the call, so that compressing (which mutates self) does not overlap it.
      var block: [UInt8] = []
      swap(&block, &pending)
      block.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
      block.removeAll(keepingCapacity: true)
      pending = block
    }
    let blocks = remaining / 64
    if blocks > 0 {
      compress(input, blocks: blocks)
      input += blocks * 64
      remaining -= blocks * 64
    }
    if remaining > 0 {
      pending.append(contentsOf: UnsafeRawBufferPointer(start: input, count: remaining))
    }
  }

  /// Feeds a sequence of bytes into the hash, in place when it has contiguous storage.
  public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
    guard done == nil else { return }
    var chunk: [UInt8] = []
    chunk.reserveCapacity(4096)
    for byte in bytes {
      chunk.append(byte)
      if chunk.count == 4096 {
        chunk.withUnsafeBytes { update($0) }
        chunk.removeAll(keepingCapacity: true)
      }
    }
    chunk.withUnsafeBytes { update($0) }
  }

  /// Feeds the UTF-8 encoding of `string` into the hash.
  public mutating func update(_ string: String) {
    var string = string
    string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// Feeds the bytes of `data` into the hash.
  public mutating func update(_ data: Data) {
    data.withUnsafeBytes { update($0) }
  }

  /// The 32-byte digest of everything fed so far; the hasher itself is left unchanged.
  public func finalize() -> [UInt8] {
    var copy = self
    let bitLength = totalBytes &* 8
    // Padding: a single 1 bit, zeros up to 56 mod 64, then the 64-bit big-endian bit length.
    var tail: [UInt8] = [0x80]
    let padded = (Int(totalBytes % 64) + 1 + 8 + 63) / 64 * 64
    tail.append(contentsOf: repeatElement(0, count: padded - Int(totalBytes % 64) - 1 - 8))
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    tail.withUnsafeBytes { copy.update($0) }
    precondition(copy.pending.isEmpty)
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    let s = copy.state
    for word in [s.a, s.b, s.c, s.d, s.e, s.f, s.g, s.h] {
      digest.append(contentsOf: [
        UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16),
        UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word),
      ])
    }
    return digest
  }

  /// The hex digest of everything fed so far.
  public func hexDigest() -> String { Self.hex(finalize()) }

  /// The digest of `bytes`.
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    bytes.withUnsafeBytes { hasher.update($0) }
    return hasher.finalize()
  }

  /// Lowercase hexadecimal text of `bytes`.
  public static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
      for (i, byte) in bytes.enumerated() {
        out[2 * i] = digits[Int(byte >> 4)]
        out[2 * i + 1] = digits[Int(byte & 0x0F)]
      }
      return bytes.count * 2
    }
  }

  /// The lowercase hex digest of `data`.
  public static func hexDigest(of data: Data) -> String {
    var hasher = SHA256()
    hasher.update(data)
    return hasher.hexDigest()
  }

  /// The lowercase hex digest of the UTF-8 encoding of `string`.
  public static func hexDigest(of string: String) -> String {
    var hasher = SHA256()
    hasher.update(string)
    return hasher.hexDigest()
  }

  /// The lowercase hex digest of a file's contents, read in 1 MiB chunks so memory stays flat.
  public static func hexDigest(ofFile url: URL) throws -> String {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var hasher = SHA256()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      hasher.update(chunk)
    }
    return hasher.hexDigest()
  }

  // MARK: Compression

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
  }

  /// One round; the caller rotates the roles of the eight words instead of moving them.
  @inline(__always)
  private static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32,
    _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
  ) {
    let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    // Ch and Maj in forms that need one operation fewer than the textbook ones.
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ kw
    let sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let majority = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ sigma0 &+ majority
  }

  /// Processes `blocks` consecutive 64-byte blocks starting at `input`.
  private mutating func compress(_ input: UnsafeRawPointer, blocks: Int) {
    guard usesHardware else {
      Self.compress(&state, input, blocks: blocks)
      return
    }
    let s = state
    var words = (s.a, s.b, s.c, s.d, s.e, s.f, s.g, s.h)
    withUnsafeMutableBytes(of: &words) { raw in
      herald_sha256_blocks(
        raw.baseAddress!.assumingMemoryBound(to: UInt32.self), input.assumingMemoryBound(to: UInt8.self), blocks)
    }
    state = State(a: words.0, b: words.1, c: words.2, d: words.3, e: words.4, f: words.5, g: words.6, h: words.7)
  }

  /// The portable compression of `blocks` consecutive 64-byte blocks starting at `input`.
  private static func compress(_ state: inout State, _ input: UnsafeRawPointer, blocks: Int) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
      let w = schedule.baseAddress!
      var a = state.a
      var b = state.b
      var c = state.c
      var d = state.d
      var e = state.e
      var f = state.f
      var g = state.g
      var h = state.h
      for block in 0..<blocks {
        let base = input + block * 64
        for i in 0..<16 {
          w[i] = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
        }
        for i in 16..<64 {
          let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
          let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
          w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        // Round constants (section 4.2.2): fractional parts of the cube roots of the first 64 primes.
        round(a, b, c, &d, e, f, g, &h, 0x428a2f98 &+ w[0])
        round(h, a, b, &c, d, e, f, &g, 0x71374491 &+ w[1])
        round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcf &+ w[2])
        round(f, g, h, &a, b, c, d, &e, 0xe9b5dba5 &+ w[3])
        round(e, f, g, &h, a, b, c, &d, 0x3956c25b &+ w[4])
        round(d, e, f, &g, h, a, b, &c, 0x59f111f1 &+ w[5])
        round(c, d, e, &f, g, h, a, &b, 0x923f82a4 &+ w[6])
        round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5 &+ w[7])
        round(a, b, c, &d, e, f, g, &h, 0xd807aa98 &+ w[8])
        round(h, a, b, &c, d, e, f, &g, 0x12835b01 &+ w[9])
        round(g, h, a, &b, c, d, e, &f, 0x243185be &+ w[10])
        round(f, g, h, &a, b, c, d, &e, 0x550c7dc3 &+ w[11])
        round(e, f, g, &h, a, b, c, &d, 0x72be5d74 &+ w[12])
        round(d, e, f, &g, h, a, b, &c, 0x80deb1fe &+ w[13])
        round(c, d, e, &f, g, h, a, &b, 0x9bdc06a7 &+ w[14])
        round(b, c, d, &e, f, g, h, &a, 0xc19bf174 &+ w[15])
        round(a, b, c, &d, e, f, g, &h, 0xe49b69c1 &+ w[16])
        round(h, a, b, &c, d, e, f, &g, 0xefbe4786 &+ w[17])
        round(g, h, a, &b, c, d, e, &f, 0x0fc19dc6 &+ w[18])
        round(f, g, h, &a, b, c, d, &e, 0x240ca1cc &+ w[19])
        round(e, f, g, &h, a, b, c, &d, 0x2de92c6f &+ w[20])
        round(d, e, f, &g, h, a, b, &c, 0x4a7484aa &+ w[21])
        round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dc &+ w[22])
        round(b, c, d, &e, f, g, h, &a, 0x76f988da &+ w[23])
        round(a, b, c, &d, e, f, g, &h, 0x983e5152 &+ w[24])
        round(h, a, b, &c, d, e, f, &g, 0xa831c66d &+ w[25])
        round(g, h, a, &b, c, d, e, &f, 0xb00327c8 &+ w[26])
        round(f, g, h, &a, b, c, d, &e, 0xbf597fc7 &+ w[27])
        round(e, f, g, &h, a, b, c, &d, 0xc6e00bf3 &+ w[28])
        round(d, e, f, &g, h, a, b, &c, 0xd5a79147 &+ w[29])
        round(c, d, e, &f, g, h, a, &b, 0x06ca6351 &+ w[30])
        round(b, c, d, &e, f, g, h, &a, 0x14292967 &+ w[31])
        round(a, b, c, &d, e, f, g, &h, 0x27b70a85 &+ w[32])
        round(h, a, b, &c, d, e, f, &g, 0x2e1b2138 &+ w[33])
        round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc &+ w[34])
        round(f, g, h, &a, b, c, d, &e, 0x53380d13 &+ w[35])
        round(e, f, g, &h, a, b, c, &d, 0x650a7354 &+ w[36])
        round(d, e, f, &g, h, a, b, &c, 0x766a0abb &+ w[37])
        round(c, d, e, &f, g, h, a, &b, 0x81c2c92e &+ w[38])
        round(b, c, d, &e, f, g, h, &a, 0x92722c85 &+ w[39])
        round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a1 &+ w[40])
        round(h, a, b, &c, d, e, f, &g, 0xa81a664b &+ w[41])
        round(g, h, a, &b, c, d, e, &f, 0xc24b8b70 &+ w[42])
        round(f, g, h, &a, b, c, d, &e, 0xc76c51a3 &+ w[43])
        round(e, f, g, &h, a, b, c, &d, 0xd192e819 &+ w[44])
        round(d, e, f, &g, h, a, b, &c, 0xd6990624 &+ w[45])
        round(c, d, e, &f, g, h, a, &b, 0xf40e3585 &+ w[46])
        round(b, c, d, &e, f, g, h, &a, 0x106aa070 &+ w[47])
        round(a, b, c, &d, e, f, g, &h, 0x19a4c116 &+ w[48])
        round(h, a, b, &c, d, e, f, &g, 0x1e376c08 &+ w[49])
        round(g, h, a, &b, c, d, e, &f, 0x2748774c &+ w[50])
        round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5 &+ w[51])
        round(e, f, g, &h, a, b, c, &d, 0x391c0cb3 &+ w[52])
        round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4a &+ w[53])
        round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f &+ w[54])
        round(b, c, d, &e, f, g, h, &a, 0x682e6ff3 &+ w[55])
        round(a, b, c, &d, e, f, g, &h, 0x748f82ee &+ w[56])
        round(h, a, b, &c, d, e, f, &g, 0x78a5636f &+ w[57])
        round(g, h, a, &b, c, d, e, &f, 0x84c87814 &+ w[58])
        round(f, g, h, &a, b, c, d, &e, 0x8cc70208 &+ w[59])
        round(e, f, g, &h, a, b, c, &d, 0x90befffa &+ w[60])
        round(d, e, f, &g, h, a, b, &c, 0xa4506ceb &+ w[61])
        round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7 &+ w[62])
        round(b, c, d, &e, f, g, h, &a, 0xc67178f2 &+ w[63])
        a &+= state.a
        b &+= state.b
        c &+= state.c
        d &+= state.d
        e &+= state.e
        f &+= state.f
        g &+= state.g
        h &+= state.h
        state = State(a: a, b: b, c: c, d: d, e: e, f: f, g: g, h: h)
      }
    }
  }
}
