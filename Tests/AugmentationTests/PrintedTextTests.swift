import Testing

@testable import Augmentation

/// Printed Lean text read word by word: daggers, escapes, strings, metavariables, elisions.
@Suite struct PrintedTextTests {
  @Test(arguments: [
    ("x✝ + x✝¹ * y", ["x✝", "x✝¹", "y"], [true, true, false]),
    ("h.left.1", ["h", "left"], [false, false]),
    ("«a b».c", ["«a b»", "c"], [false, false]),
    ("f \"x✝ in a string\" a✝²³", ["f", "a✝²³"], [false, true]),
    ("h₁ hα' x!", ["h₁", "hα'", "x!"], [false, false, false]),
    ("x⁻¹ ≤ ℕ", ["x", "ℕ"], [false, false]),
  ])
  func wordsAndDaggers(text: String, words: [String], inaccessible: [Bool]) {
    let printed = PrintedText(text)
    #expect(printed.words.map { String(printed.string($0)) } == words)
    #expect(printed.words.map(\.isInaccessible) == inaccessible)
  }

  @Test func onlyTheHeadOfADottedNameIsAHead() {
    let printed = PrintedText("h.x x")
    #expect(printed.words.map(\.isHead) == [true, false, true])
  }

  @Test(arguments: [
    ("?m.12", true, false), ("Sort ?u.3", true, false), ("f ?_", true, false), ("o.get? x", false, false),
    ("a ? b", false, false), ("Fin.mk 3 ⋯", false, true), ("f …", false, true), ("\"?x\"", false, false),
  ])
  func metavariablesAndElisions(text: String, metavariable: Bool, elision: Bool) {
    let printed = PrintedText(text)
    #expect(printed.hasMetavariable == metavariable)
    #expect(printed.hasElision == elision)
  }

  @Test func rewritingTouchesWholeHeadWordsOnly() {
    let printed = PrintedText("x✝ + x✝¹ + y.x✝ + x✝.1\n    + z")
    #expect(printed.rewritten(["x✝": "a"]) == "a + x✝¹ + y.x✝ + a.1 + z")
  }

  @Test(arguments: [
    ("inst", "Monoid inst", true), ("inst", "instMonoid", false), ("inst", "inst✝ ≤ 1", false),
    ("x", "(x)", true), ("x", "↑x", true), ("x", "αx", false), ("x", "p.x", true), ("x", "x₁", false),
  ])
  func mentionsAreWholeWords(word: String, text: String, mentioned: Bool) {
    #expect(PrintedText.mentionsWord(word, in: text) == mentioned)
  }

  @Test func plainTextNeedsNoScan() {
    #expect(PrintedText.isPlain("a + b = c ∧ d"))
    #expect(!PrintedText.isPlain("a✝ = b"))
    #expect(!PrintedText.isPlain("a = ?m.1"))
    #expect(!PrintedText.isPlain("a =\n b"))
  }
}
