import Foundation
import HeraldCore
import Testing

/// The error thrown when parsing `bytes`, or nil when they parse.
private func parseError(_ bytes: [UInt8]) -> JSONError? {
  do {
    _ = try JSONDocument(bytes: bytes)
    return nil
  } catch {
    return error
  }
}

private func parseError(_ text: String) -> JSONError? {
  parseError(Array(text.utf8))
}

private func parse(_ text: String) throws -> JSONValue {
  try JSONDocument(text: text).root
}

@Suite("JSONDocument")
struct JSONDocumentTests {
  // MARK: Kinds and accessors

  @Test("every kind and its accessors")
  func everyKind() throws {
    let root = try parse(
      #"{"n":null,"t":true,"f":false,"i":-42,"d":2.5,"s":"hi","a":[1,"x"],"o":{"k":"v"}}"#)
    #expect(root.kind == .object)
    #expect(root.count == 8)
    #expect(root["n"]?.kind == .null)
    #expect(root["n"]?.isNull == true)
    #expect(root["t"]?.bool == true)
    #expect(root["f"]?.bool == false)
    #expect(root["i"]?.int == -42)
    #expect(root["i"]?.double == -42)
    #expect(root["d"]?.double == 2.5)
    #expect(root["d"]?.int == nil)
    #expect(root["s"]?.string == "hi")
    #expect(root["a"]?.kind == .array)
    #expect(root["a"]?.count == 2)
    #expect(root["o"]?["k"]?.string == "v")

    // Accessors of another kind answer nil, never a coerced value.
    let s = try #require(root["s"])
    #expect(s.int == nil && s.double == nil && s.bool == nil && !s.isNull)
    #expect(s.count == 0)
    #expect(s["k"] == nil && s[0] == nil)
    #expect(root["t"]?.string == nil)
    #expect(root["n"]?.bool == nil)
    #expect(Array(s.elements).isEmpty && Array(s.members).isEmpty)
  }

  @Test("scalar roots and surrounding whitespace")
  func scalarRoots() throws {
    #expect(try parse(" \t\r\n42 \n").int == 42)
    #expect(try parse("\"x\"").string == "x")
    #expect(try parse("null").isNull)
    #expect(try parse("true").bool == true)
    #expect(try parse("[]").count == 0)
    #expect(try parse("{ }").count == 0)
  }

  @Test("Data initializer and byte count")
  func dataInitializer() throws {
    let document = try JSONDocument(data: Data("[1, 2]".utf8))
    #expect(document.byteCount == 6)
    #expect(document.root[1]?.int == 2)
  }

  @Test("a leading byte order mark is skipped")
  func byteOrderMark() throws {
    let document = try JSONDocument(bytes: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
    #expect(document.root.count == 1)
    #expect(document.root.byteRange == 3..<6)
  }

  // MARK: Strings

  @Test(
    "string escapes decode",
    arguments: [
      (#""plain""#, "plain"),
      (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
      (#""\u00e9\u00E9""#, "éé"),
      (#""a\u0000b""#, "a\u{0}b"),
      (#""\ud83d\ude00""#, "😀"),
      (#""\uD834\uDD1E x""#, "𝄞 x"),
      (#""é😀 raw""#, "é😀 raw"),
      (#""\u2028\u007f""#, "\u{2028}\u{7F}"),
      (#""""#, ""),
    ])
  func stringEscapes(json: String, expected: String) throws {
    let value = try parse(json)
    #expect(value.string == expected)
    #expect(value.stringEquals(expected))
  }

  @Test(
    "invalid escapes and lone surrogates are syntax errors",
    arguments: [
      #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#, #""\ud83d\ud83d""#,
      #""\ude00\ud83d""#, #""\x""#, #""\'""#, #""\u12G4""#, #""\U0041""#,
    ])
  func invalidEscapes(json: String) {
    #expect(parseError(json)?.reason == .syntax)
  }

  @Test("unescaped control characters are rejected, DEL is not")
  func controlCharacters() throws {
    for byte: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x1F] {
      #expect(parseError([0x22, 0x61, byte, 0x22])?.reason == .syntax)
    }
    #expect(try JSONDocument(bytes: [0x22, 0x7F, 0x22]).root.string == "\u{7F}")
  }

  @Test("stringEquals compares without decoding, escapes included")
  func stringEqualsStatic() throws {
    let root = try parse(#"["command", "com\u006dand", "comman", "commandX", 7]"#)
    #expect(root[0]?.stringEquals("command") == true)
    #expect(root[1]?.stringEquals("command") == true)
    #expect(root[2]?.stringEquals("command") == false)
    #expect(root[3]?.stringEquals("command") == false)
    #expect(root[4]?.stringEquals("7") == false)
    #expect(root[1]?.stringEquals("comman") == false)
  }

  // MARK: Numbers

  @Test(
    "valid numbers",
    arguments: [
      ("0", 0, 0.0),
      ("-0", 0, -0.0),
      ("7", 7, 7.0),
      ("1.5", nil, 1.5),
      ("-1.5e10", nil, -1.5e10),
      ("1E+2", nil, 100.0),
      ("1e-2", nil, 0.01),
      ("1.0", nil, 1.0),
      ("0.1", nil, 0.1),
      ("123.456e-3", nil, 0.123456),
      ("9223372036854775807", Int.max, 9_223_372_036_854_775_807.0),
      ("-9223372036854775808", Int.min, -9_223_372_036_854_775_808.0),
      ("9223372036854775808", nil, 9_223_372_036_854_775_808.0),
      ("123456789012345678901234567890", nil, 1.2345678901234568e29),
      ("2.2250738585072014e-308", nil, 2.2250738585072014e-308),
      ("4.9e-324", nil, Double.leastNonzeroMagnitude),
      ("1e400", nil, Double.infinity),
      ("0.30000000000000004", nil, 0.30000000000000004),
    ] as [(String, Int?, Double)])
  func validNumbers(text: String, int: Int?, double: Double) throws {
    let value = try parse(text)
    #expect(value.kind == .number)
    #expect(value.int == int)
    #expect(value.double == double)
    #expect(value.double?.sign == double.sign)
    #expect(value.rawText == text)
  }

  @Test(
    "number grammar violations inside an array",
    arguments: [
      "[01]", "[-01]", "[00]", "[1.]", "[-]", "[1e]", "[1e+]", "[+1]", "[.5]", "[1.e5]", "[0x10]",
      "[1.5.2]", "[NaN]", "[Infinity]", "[-Infinity]", "[1e5.5]", "[- 1]",
    ])
  func invalidNumbers(json: String) {
    #expect(parseError(json)?.reason == .syntax)
  }

  @Test("number grammar at the end of input")
  func numbersAtEnd() {
    #expect(parseError("01")?.reason == .syntax)
    for text in ["-", "1.", "1e", "1e-", "-0."] {
      #expect(parseError(text)?.reason == .truncated, "\(text)")
    }
    #expect(parseError("1x")?.reason == .trailingData)
  }

  // MARK: Errors

  @Test("empty input")
  func emptyInput() {
    #expect(parseError([])?.reason == .empty)
    #expect(parseError(" \n\t\r ")?.reason == .empty)
    #expect(throws: JSONError.self) { try JSONDocument(bytes: []) }
  }

  @Test(
    "invalid UTF-8",
    arguments: [
      [0x22, 0x80, 0x22],  // lone continuation byte
      [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
      [0x22, 0xC1, 0xBF, 0x22],  // overlong two-byte
      [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong three-byte
      [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22],  // overlong four-byte
      [0x22, 0xFF, 0x22],
      [0x22, 0xFE, 0x22],
      [0x22, 0xE2, 0x82, 0x22],  // truncated three-byte sequence
      [0x22, 0xC3, 0x41, 0x22],  // lead byte without continuation
      [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate U+D800
      [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
      [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
      [0xFF],  // outside any string
      [0x5B, 0xC3, 0x5D],
    ] as [[UInt8]])
  func invalidUTF8(bytes: [UInt8]) {
    #expect(parseError(bytes)?.reason == .invalidUTF8)
  }

  @Test("well-formed non-ASCII outside a string is a syntax error")
  func nonASCIIOutsideString() {
    #expect(parseError("[é]")?.reason == .syntax)
    #expect(parseError("[1,\u{A0}2]")?.reason == .syntax)
  }

  @Test(
    "trailing data",
    arguments: ["{} x", "[1]]", "1 2", "null,", #""a""b""#, "{}{}", "true false", "[] \u{0}"])
  func trailingData(json: String) {
    #expect(parseError(json)?.reason == .trailingData)
  }

  @Test(
    "syntax errors",
    arguments: [
      "[1,]", #"{"a":1,}"#, "{a:1}", #"{"a" 1}"#, "[1 2]", "{'a':1}", "[tru]", "[nul]", "[True]",
      "// c\n1", #"{"a":}"#, "]", "}", ",", #"{"a",1}"#, "[,1]", #"{,"a":1}"#, "[1:2]",
      #"{"a":1 "b":2}"#, "\u{C}1", "[\u{C}]", "{1:2}", "[falsy]", "[nulL]",
    ])
  func syntaxErrors(json: String) {
    #expect(parseError(json)?.reason == .syntax)
  }

  @Test("error position and message")
  func errorMessage() throws {
    let error = try #require(parseError("[1,\n  }"))
    #expect(error.reason == .syntax)
    #expect(error.offset == 6)
    #expect(error.message == "unexpected '}' at byte 6 (line 2, column 3)")
    #expect(error.description.contains("syntax"))

    let truncated = try #require(parseError("{\"a\": [1"))
    #expect(truncated == JSONError(reason: .truncated, offset: 8, message: truncated.message))
    #expect(truncated.message == "unexpected end of input at byte 8 (line 1, column 9)")
  }

  @Test("every proper prefix of a document is truncated")
  func everyPrefixTruncated() throws {
    let sample = Array(
      #"""
      {"name": "Nat.succ_le", "tags": ["a\"b", "\u00e9\ud83d\ude00", "é😀"],
       "n": -12.5e-3, "ok": true, "no": false, "none": null, "nested": {"deep": [[], {}, [0]]}}
      """#.utf8)
    #expect(parseError(sample) == nil)
    #expect(parseError([])?.reason == .empty)
    for length in 1..<sample.count {
      let error = parseError(Array(sample[..<length]))
      #expect(error?.reason == .truncated, "prefix of \(length) bytes")
      #expect(error?.offset == length)
    }
  }

  // MARK: Depth

  @Test("nesting depth of 100,000 arrays and objects")
  func deepNesting() throws {
    let depth = 100_000
    let arrays = String(repeating: "[", count: depth) + "7" + String(repeating: "]", count: depth)
    var value = try parse(arrays)
    var levels = 0
    while let inner = value[0] {
      value = inner
      levels += 1
    }
    #expect(levels == depth)
    #expect(value.int == 7)

    let objects =
      String(repeating: #"{"a":"#, count: depth) + "null" + String(repeating: "}", count: depth)
    var object = try parse(objects)
    levels = 0
    while let inner = object["a"], inner.kind == .object {
      object = inner
      levels += 1
    }
    #expect(levels == depth - 1)
    #expect(object["a"]?.isNull == true)

    let unclosed = String(repeating: "[", count: depth)
    #expect(parseError(unclosed)?.reason == .truncated)
  }

  // MARK: Lookup and iteration

  @Test("key lookup handles escaped keys and duplicates")
  func keyLookup() throws {
    let root = try parse(
      #"{"a\u0062":1,"b\"c":2,"\u00e9":3,"é":4,"k":5,"k":6,"e\u0301":7,"":8,"abc":9}"#)
    #expect(root["ab"]?.int == 1)
    #expect(root["b\"c"]?.int == 2)
    // Both keys decode to the same bytes, so the later one wins.
    #expect(root["é"]?.int == 4)
    #expect(root["k"]?.int == 6)
    // No Unicode normalisation: a decomposed key is a different key.
    #expect(root["e\u{301}"]?.int == 7)
    #expect(root[""]?.int == 8)
    #expect(root["abc"]?.int == 9)
    #expect(root["a"] == nil)
    #expect(root["abcd"] == nil)
    #expect(root["x"] == nil)
    #expect(try parse("[1]")["a"] == nil)
  }

  @Test("three members in one pass read as the subscript reads them, null as absent")
  func presentMembers() throws {
    let root = try parse(#"{"a\u0062":1,"k":5,"n":null,"k":6,"m":2,"z":null,"z":[3]}"#)
    let (ab, k, n) = root.presentMembers("ab", "k", "n")
    #expect(ab?.int == 1)
    #expect(k?.int == 6)
    #expect(n == nil)
    let (m, z, missing) = root.presentMembers("m", "z", "missing")
    #expect(m?.int == 2)
    #expect(z?.kind == .array && z?[0]?.int == 3)
    #expect(missing == nil)
    // A later null hides an earlier value, as the last occurrence decides.
    let (y, _, _) = try parse(#"{"y":1,"y":null}"#).presentMembers("y", "q", "r")
    #expect(y == nil)
    let (x, _, _) = try parse(#"[{"x":1}]"#).presentMembers("x", "y", "z")
    #expect(x == nil)
  }

  @Test("containers under skipped keys are validated but read as empty; the rest is unchanged")
  func skippedContainers() throws {
    let text =
      #"[{"term":{"a":[1,{"b":"c\n"}],"d":null},"keep":{"term":[true,false]},"x":1},"#
      + #"{"term":"scalar","y":[{"z":2}]},{"t\u0065rm":[3]},[{"term":[]},{"n":{"term":{}}}]]"#
    let whole = try JSONDocument(text: text).root
    let skipped = try JSONDocument(bytes: Array(text.utf8), skipping: ["term"])
    let root = skipped.root
    #expect(skipped.valueCount < (try JSONDocument(text: text)).valueCount)
    let term = try #require(root[0]?["term"])
    #expect(term.kind == .object && term.count == 0 && Array(term.members).isEmpty)
    #expect(term.rawText == #"{"a":[1,{"b":"c\n"}],"d":null}"#)
    #expect(root[0]?["keep"]?["term"]?.kind == .array)
    #expect(root[0]?["keep"]?["term"]?.count == 0)
    #expect(root[0]?["x"]?.int == 1)
    // A scalar under the key is kept, and the next container is not skipped because of it.
    #expect(root[1]?["term"]?.string == "scalar")
    #expect(root[1]?["y"]?[0]?["z"]?.int == 2)
    // A key spelled with an escape is not matched.
    #expect(root[2]?["term"]?[0]?.int == 3)
    #expect(root[3]?[1]?["n"]?["term"]?.count == 0)
    // Whatever is outside the skipped values reads the same as without skipping.
    var a = JSONWriter()
    a.write(whole[1]!)
    var b = JSONWriter()
    b.write(root[1]!)
    #expect(a.string == b.string)

    // Skipped values are still checked: every fault inside them is reported as before.
    for bad in [
      #"{"term":{"a":[1,2}}"#, #"{"term":[1,]}"#, #"{"term":{"a" 1}}"#, #"{"term":["\x"]}"#,
      #"{"term":[tru]}"#, #"{"term":[01]}"#, #"{"term":{"a":1}"#, #"{"term":[{}"#, #"{"term":{1:2}}"#,
    ] {
      let plain = parseError(bad)
      var skippedError: JSONError?
      do { _ = try JSONDocument(bytes: Array(bad.utf8), skipping: ["term"]) } catch { skippedError = error }
      #expect(plain != nil, "\(bad)")
      #expect(skippedError?.reason == plain?.reason, "\(bad)")
      #expect(skippedError?.offset == plain?.offset, "\(bad)")
    }
    var invalidUTF8 = Array(#"{"term":["ab"]}"#.utf8)
    invalidUTF8[11] = 0xFF
    do {
      _ = try JSONDocument(bytes: invalidUTF8, skipping: ["term"])
      Issue.record("invalid UTF-8 inside a skipped value was accepted")
    } catch {
      #expect(error.reason == .invalidUTF8)
    }
  }

  @Test("array indexing, fast and slow paths")
  func arrayIndexing() throws {
    let scalars = try parse("[10, 20, 30]")
    #expect(scalars[0]?.int == 10 && scalars[2]?.int == 30)
    #expect(scalars[3] == nil && scalars[-1] == nil)
    let mixed = try parse(#"[[1, [2]], {"a": [3]}, "s", [], 5]"#)
    #expect(mixed[0]?[1]?[0]?.int == 2)
    #expect(mixed[1]?["a"]?[0]?.int == 3)
    #expect(mixed[2]?.string == "s")
    #expect(mixed[3]?.count == 0)
    #expect(mixed[4]?.int == 5)
    #expect(mixed[5] == nil)
    #expect(try parse(#"{"a":1}"#)[0] == nil)
  }

  @Test("elements and members iterate in order")
  func iteration() throws {
    let root = try parse(#"{"list": [1, [2, 3], {"x": 4}, "five"], "b": true, "c\n": null}"#)
    let elements = try #require(root["list"]).elements
    #expect(elements.map(\.kind) == [.number, .array, .object, .string])
    #expect(elements.underestimatedCount == 4)
    #expect(elements.map(\.rawText) == ["1", "[2, 3]", #"{"x": 4}"#, #""five""#])
    let members = Array(root.members)
    #expect(members.map(\.key) == ["list", "b", "c\n"])
    #expect(members.map(\.value.kind) == [.array, .bool, .null])
    let undecoded = Array(root.members.undecoded)
    #expect(undecoded.count == 3)
    #expect(undecoded[1].key.stringEquals("b"))
    #expect(Array(root.elements).isEmpty)
    #expect(Array(try parse("[]").elements).isEmpty)
    #expect(Array(try parse("{}").members).isEmpty)
  }

  @Test("byteRange and rawText give back the input")
  func byteRanges() throws {
    let text = #" { "a" : [1, 2 ,3] , "b":"x\ny" , "c": {"d" :-0.5e1}} "#
    let document = try JSONDocument(text: text)
    let root = document.root
    #expect(root.byteRange == 1..<(text.utf8.count - 1))
    #expect(root["a"]?.rawText == "[1, 2 ,3]")
    #expect(root["b"]?.rawText == #""x\ny""#)
    #expect(root["c"]?["d"]?.rawText == "-0.5e1")
    #expect(root["c"]?.rawText == #"{"d" :-0.5e1}"#)
    // Every value's raw text parses on its own to a value of the same kind and size.
    var stack = [root]
    var visited = 0
    while let value = stack.popLast() {
      visited += 1
      let reparsed = try JSONDocument(text: value.rawText).root
      #expect(reparsed.kind == value.kind)
      #expect(reparsed.count == value.count)
      #expect(reparsed.byteRange.count == value.byteRange.count)
      stack.append(contentsOf: value.elements)
      stack.append(contentsOf: value.members.map(\.value))
    }
    #expect(visited == 8)
    #expect(document.valueCount == 12)
  }

  // MARK: Real analyzer output

  @Test("jixia elaboration fixture: 39 trees, every node reached")
  func jixiaFixture() throws {
    let url = URL(fileURLWithPath: "/work/shared/fixtures/jixia-real/Example.elab.json")
    let bytes = try [UInt8](Data(contentsOf: url))
    let document = try JSONDocument(bytes: bytes)
    #expect(document.byteCount == 1_151_600)
    let root = document.root
    #expect(root.kind == .array)
    #expect(root.count == 39)

    // Independent count: every node has exactly one "info" key, and the text never has that
    // byte pattern elsewhere (inside a string its quotes would be escaped).
    let pattern = Array(#""info":"#.utf8)
    var patternCount = 0
    var i = 0
    while i + pattern.count <= bytes.count {
      if bytes[i] == pattern[0] && Array(bytes[i..<i + pattern.count]) == pattern {
        patternCount += 1
      }
      i += 1
    }
    #expect(patternCount == 2102)

    // Walk the info trees through "children", iteratively.
    var stack = Array(root.elements).map { ($0, 1) }
    var nodes = 0
    var maxDepth = 0
    var rangeless = 0
    while let (node, depth) = stack.popLast() {
      nodes += 1
      maxDepth = max(maxDepth, depth)
      #expect(node.count == 3)
      #expect(node["info"]?.kind == .object)
      // Synthetic nodes (125 of them) have no source range.
      let range = try #require(node["ref"]?["range"])
      #expect(range.count == 2 || range.isNull)
      if range.isNull { rangeless += 1 }
      let children = try #require(node["children"])
      stack.append(contentsOf: children.elements.map { ($0, depth + 1) })
    }
    #expect(nodes == patternCount)
    #expect(maxDepth == 50)
    #expect(rangeless == 125)

    // Walk every value of any kind: values plus object keys make up the whole tape.
    var all = [root]
    var values = 0
    var keys = 0
    while let value = all.popLast() {
      values += 1
      if value.kind == .object { keys += value.count }
      all.append(contentsOf: value.elements)
      all.append(contentsOf: value.members.map(\.value))
    }
    #expect(values + keys == document.valueCount)
    #expect(root[0]?["ref"]?["str"]?.string == "/-!\nTest file for jixia\n-/")
    #expect(root[2]?["ref"]?["str"]?.string == "open Lean renaming Name → ame")
  }
}
