import Testing

@testable import Sections

/// The UTF-8 check that decides whether a file is text.
@Suite struct ByteTests {
  @Test(arguments: [
    ([UInt8](), true),
    (Array("plain ASCII text, long enough for the eight-byte steps".utf8), true),
    (Array("Grüße, ∀ε>0, 𝔽_p".utf8), true),
    ([0xC3, 0x28], false),  // a lead byte without its continuation
    ([0xC0, 0xAF], false),  // an overlong '/'
    ([0xE0, 0x80, 0xAF], false),  // an overlong three-byte form
    ([0xED, 0xA0, 0x80], false),  // a UTF-16 surrogate
    ([0xF4, 0x90, 0x80, 0x80], false),  // past U+10FFFF
    ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0xE2, 0x88], false),  // cut short at the end
    ([0xFF], false),
  ])
  func utf8IsCheckedExactly(_ bytes: [UInt8], _ valid: Bool) {
    #expect(bytes.withUnsafeBufferPointer { Byte.isValidUTF8($0) } == valid)
    #expect(bytes.withUnsafeBufferPointer { Byte.isValidUTF8($0) } == (String(validating: bytes, as: UTF8.self) != nil))
  }
}
