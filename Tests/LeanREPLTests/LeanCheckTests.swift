import Testing

@testable import LeanREPL

/// Splitting Lean text into header and body, and header keys.
@Suite struct LeanCheckTests {
  @Test func theLeadingImportsAreTheHeaderAndTheRestTheBody() {
    let check = LeanCheck(text: "import Mathlib.Tactic\nimport Mathlib.Data.Real.Basic\n\ntheorem t : True := trivial")
    #expect(check.header == "import Mathlib.Tactic\nimport Mathlib.Data.Real.Basic")
    #expect(check.body == "\ntheorem t : True := trivial")
    #expect(check.bodyLineOffset == 2)
    #expect(check.headerSourceLines == [1, 2])
  }

  @Test func commentsBlankLinesAndSpacingDoNotChangeTheKey() {
    let plain = LeanCheck(text: "import A\nimport B\ndef x := 1")
    let noisy = LeanCheck(
      text: "-- a file\n\n/- a block\n   comment /- nested -/ still -/\nimport  A   -- first\n\nimport B\ndef x := 1")
    let oneLine = LeanCheck(text: "import A B\ndef x := 1")
    #expect(noisy.header == plain.header)
    #expect(oneLine.header == plain.header)
    #expect(noisy.headerSourceLines == [5, 7])
    #expect(noisy.body == "def x := 1")
    #expect(noisy.bodyLineOffset == 7)
    #expect(LeanCheck(text: "import B\nimport A\n").header != plain.header)
  }

  @Test func withoutImportsEverythingIsBody() {
    let text = "-- just a comment\ntheorem t : True := trivial"
    let check = LeanCheck(text: text)
    #expect(check.header.isEmpty)
    #expect(check.body == text)
    #expect(check.bodyLineOffset == 0)
  }

  @Test func importsAfterTheFirstCommandBelongToTheBody() {
    let check = LeanCheck(text: "import A\nopen Real\nimport B")
    #expect(check.header == "import A")
    #expect(check.body == "open Real\nimport B")
  }

  @Test func anOverrideReplacesTheTextsImports() {
    let check = LeanCheck(
      text: "import Mathlib.Tactic\n\ntheorem t : 1 + 1 = 2 := by norm_num", mode: .proof,
      headerOverride: "import Mathlib\n  set_option   autoImplicit false\n\nopen Real")
    #expect(check.header == "import Mathlib\nset_option autoImplicit false\nopen Real")
    #expect(check.body == "\ntheorem t : 1 + 1 = 2 := by norm_num")
    #expect(check.bodyLineOffset == 1)
    #expect(check.mode == .proof)
    #expect(
      LeanCheck(header: "import Mathlib\nset_option autoImplicit false\nopen Real", body: "").header == check.header)
  }

  @Test func theCombinedTextCountsTheHeaderLines() {
    let check = LeanCheck(text: "import A\nimport B\ndef x := 1")
    #expect(check.combined.text == "import A\nimport B\ndef x := 1")
    #expect(check.combined.headerLines == 2)
    #expect(LeanCheck(text: "def x := 1").combined.headerLines == 0)
  }
}
