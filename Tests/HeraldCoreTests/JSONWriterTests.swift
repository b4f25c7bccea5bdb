import Foundation
import HeraldCore
import Testing

// Expected texts below were produced once with Python 3.11:
// json.dumps(obj, ensure_ascii=False, separators=(",", ":")) (plus sort_keys=True where noted).

@Suite("JSONWriter")
struct JSONWriterTests {
  @Test("builder output matches Python's compact dumps")
  func builder() {
    var writer = JSONWriter()
    #expect(!writer.isComplete)
    writer.beginObject()
    writer.key("name")
    writer.value("x\"y")
    writer.key("n")
    writer.beginArray()
    writer.value(1)
    writer.value(-2)
    writer.value(true)
    writer.value(false)
    writer.nullValue()
    writer.value(1.5)
    writer.value(1e-05)
    writer.value(1e16)
    writer.value(100.0)
    writer.endArray()
    writer.key("nested")
    writer.beginObject()
    writer.key("a")
    writer.beginObject()
    writer.endObject()
    writer.endObject()
    writer.key("empty")
    writer.beginArray()
    writer.endArray()
    writer.endObject()
    #expect(writer.isComplete)
    #expect(
      writer.string
        == #"{"name":"x\"y","n":[1,-2,true,false,null,1.5,1e-05,1e+16,100.0],"nested":{"a":{}},"empty":[]}"#
    )
    #expect(writer.bytes == Array(writer.string.utf8))
  }

  @Test("optional values write null when nil")
  func optionals() {
    var writer = JSONWriter()
    writer.beginArray()
    writer.value(nil as String?)
    writer.value(Optional(3) as Int?)
    writer.value(nil as Bool?)
    writer.value(Optional(0.5) as Double?)
    writer.endArray()
    #expect(writer.string == "[null,3,null,0.5]")
  }

  @Test(
    "string escaping",
    arguments: [
      ("plain", #""plain""#),
      ("quote\" back\\ slash/", #""quote\" back\\ slash/""#),
      ("\u{8}\u{C}\n\r\t", #""\b\f\n\r\t""#),
      ("\u{0}\u{1}\u{1F}\u{7F}", "\"\\u0000\\u0001\\u001f\u{7F}\""),
      ("é😀\u{2028}", "\"é😀\u{2028}\""),
      ("</script>", #""</script>""#),
      ("", #""""#),
    ])
  func escaping(input: String, expected: String) {
    var writer = JSONWriter()
    writer.value(input)
    #expect(writer.string == expected)
  }

  @Test(
    "doubles are written like Python's repr",
    arguments: [
      (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"), (0.1, "0.1"), (-2.75, "-2.75"), (100.0, "100.0"),
      (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"),
      (12345678901234567.0, "1.2345678901234568e+16"),
      (0.0001, "0.0001"), (0.00001, "1e-05"), (1e-7, "1e-07"), (2.5e-5, "2.5e-05"),
      (Double.leastNonzeroMagnitude, "5e-324"),
      (1.7976931348623157e308, "1.7976931348623157e+308"), (123456789.0, "123456789.0"), (1e22, "1e+22"),
      (0.1 + 0.2, "0.30000000000000004"), (1.5e300, "1.5e+300"), (9007199254740992.0, "9007199254740992.0"),
      (Double.nan, "null"), (Double.infinity, "null"), (-Double.infinity, "null"),
    ])
  func doubles(value: Double, expected: String) {
    var writer = JSONWriter()
    writer.value(value)
    #expect(writer.string == expected)
  }

  @Test("sorted keys follow code points at every level, not UTF-16 order")
  func sortedKeys() {
    var writer = JSONWriter(keyOrder: .codePoint)
    writer.beginObject()
    writer.key("b")
    writer.beginObject()
    writer.key("z")
    writer.value(1)
    writer.key("y")
    writer.beginArray()
    writer.beginObject()
    writer.key("d")
    writer.value(1)
    writer.key("c")
    writer.value(2)
    writer.endObject()
    writer.endArray()
    writer.endObject()
    for (key, value) in [("a", -1), ("\u{FF61}", 1), ("😀", 2), ("A", 3), ("\"", 4), ("é", 5), ("", 6)] {
      writer.key(key)
      if value < 0 { writer.nullValue() } else { writer.value(value) }
    }
    writer.endObject()
    // Python: sort_keys=True. U+FF61 precedes U+1F600 by code point, though not in UTF-16.
    #expect(
      writer.string == #"{"":6,"\"":4,"A":3,"a":null,"b":{"y":[{"c":2,"d":1}],"z":1},"é":5,"｡":1,"😀":2}"#)
  }

  @Test("re-serialising a value normalises like Python's loads then dumps")
  func rewriteValue() throws {
    let text = #"""
      {"z": [1, -0, 1.0, 1.50, 1e2, 1E-7, 12345678901234567890, 0.1, -1e-400, 2.5e-5, 123456.789e3],
       "a\u0000b": "\u00e9\ud83d\ude00\/\"\\\b\f\n\r\t\u001f\u007f", "é": {"b": 1, "a": 2, "b": 3, "\u0062": 4},
       "e\u0301": 1, "": [], "A": {}, "dup": 1, "dup": [true, false, null]}
      """#
    let root = try JSONDocument(text: text).root
    var writer = JSONWriter()
    writer.write(root)
    #expect(
      writer.string
        == "{\"z\":[1,0,1.0,1.5,100.0,1e-07,12345678901234567890,0.1,-0.0,2.5e-05,123456789.0],"
        + "\"a\\u0000b\":\"é😀/\\\"\\\\\\b\\f\\n\\r\\t\\u001f\u{7F}\",\"é\":{\"b\":4,\"a\":2},"
        + "\"e\u{301}\":1,\"\":[],\"A\":{},\"dup\":[true,false,null]}")

    var sorted = JSONWriter(keyOrder: .codePoint)
    sorted.write(root)
    #expect(
      sorted.string
        == "{\"\":[],\"A\":{},\"a\\u0000b\":\"é😀/\\\"\\\\\\b\\f\\n\\r\\t\\u001f\u{7F}\",\"dup\":[true,false,null],"
        + "\"e\u{301}\":1,\"z\":[1,0,1.0,1.5,100.0,1e-07,12345678901234567890,0.1,-0.0,2.5e-05,123456789.0],"
        + "\"é\":{\"a\":2,\"b\":4}}")
  }

  @Test("a value can be written inside a builder document")
  func valueInsideBuilder() throws {
    let value = try JSONDocument(text: #"{"k": [1, {"x": "y"}]}"#).root
    var writer = JSONWriter()
    writer.beginArray()
    writer.write(value["k"]!)
    writer.beginObject()
    writer.key("v")
    writer.write(value)
    writer.endObject()
    writer.endArray()
    #expect(writer.string == #"[[1,{"x":"y"}],{"v":{"k":[1,{"x":"y"}]}}]"#)
  }

  @Test("misuse is a programming error and traps")
  func misuseTraps() async {
    await #expect(processExitsWith: .failure) {
      var writer = JSONWriter()
      writer.beginObject()
      writer.value(1)
    }
    await #expect(processExitsWith: .failure) {
      var writer = JSONWriter()
      writer.beginArray()
      writer.endObject()
    }
    await #expect(processExitsWith: .failure) {
      var writer = JSONWriter()
      writer.value(1)
      writer.value(2)
    }
  }

  @Test("re-serialising is idempotent and keeps 100,000 levels")
  func deepRoundTrip() throws {
    let depth = 100_000
    let text = String(repeating: #"{"a":["#, count: depth) + "0" + String(repeating: "]}", count: depth)
    var writer = JSONWriter()
    writer.write(try JSONDocument(text: text).root)
    #expect(writer.string == text)
    var again = JSONWriter(keyOrder: .codePoint)
    again.write(try JSONDocument(bytes: writer.bytes).root)
    #expect(again.bytes == writer.bytes)
  }

  @Test(
    "jixia fixtures re-serialise to exactly Python's bytes",
    arguments: [
      ("Example.decl.json", 23655, "7229f6cf1a25a46dabf7ff15f5559c9d297fe9bfbab44e32fa987d57830065e2"),
      ("Example.elab.json", 1_151_599, "c2e5bf6b973578ff5c3c1c0305ffb874eb3da2727f6a597f6bd1925a20561614"),
      ("Example.sym.json", 53739, "7d49a6b8d1aac50c40ba8204dad9ebcdc460c4b36773868a3ddaf1ef36437507"),
    ])
  func fixtureRewrite(file: String, length: Int, sha256: String) throws {
    let url = URL(fileURLWithPath: "/work/shared/fixtures/jixia-real/" + file)
    let document = try JSONDocument(data: try Data(contentsOf: url))
    for order in [JSONWriter.KeyOrder.asWritten, .codePoint] {
      var writer = JSONWriter(keyOrder: order)
      writer.write(document.root)
      #expect(writer.bytes.count == length)
      #expect(SHA256.hex(SHA256.hash(writer.bytes)) == sha256)
    }
  }
}

/// Escapes are found wherever they fall against the eight-byte steps of the scan.
@Suite("JSONWriter escaping")
struct JSONWriterEscapingTests {
  @Test(arguments: [("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\u{1F}", "\\u001f"), ("\u{7F}", "\u{7F}")])
  func everyPositionOfASpecialCharacterIsEscaped(_ special: String, _ escaped: String) {
    for length in 0..<24 {
      for position in 0...length {
        let padding = Array(repeating: "é", count: length / 2).joined() + String(repeating: "x", count: length % 2)
        let text = String(padding.prefix(position)) + special + String(padding.dropFirst(position))
        var writer = JSONWriter()
        writer.value(text)
        let expected = "\"" + String(padding.prefix(position)) + escaped + String(padding.dropFirst(position)) + "\""
        #expect(writer.string == expected)
      }
    }
  }

  @Test func textWithoutEscapesAndMultibyteCharactersIsCopiedAsItIs() {
    let text = String(repeating: "∀ x ∈ ℝ, x² ≥ 0 — 𝔽 ", count: 50)
    var writer = JSONWriter()
    writer.value(text)
    #expect(writer.string == "\"" + text + "\"")
  }
}
