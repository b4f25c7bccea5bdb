import Foundation
import Testing

/// The fake REPL's own bytes: framing, counters, message shapes and the exits, as the real
/// REPL's test files show them (leanprover-community/repl `test/*.expected.out`).
@Suite struct FakeREPLTests {
  @Test func theReadmeSessionComesOutAsUpstreamPrintsIt() throws {
    // test/readme.in, with the sorry goal of the real elaboration set by the rules file.
    let rules = try FakeREPLSupport.rules(#"{"sorry_goal": "x : Unit\n⊢ Nat"}"#)
    let input = """
      {"cmd" : "def f (x : Unit) : Nat := by sorry", "sorries" : "individual"}

      {"tactic": "apply Int.natAbs", "proofState": 0}

      {"tactic": "exact -37", "proofState": 1}

      """
    let run = try FakeREPLSupport.run(input, arguments: ["--rules", rules])
    #expect(run.status == 0)
    let blocks = run.stdout.components(separatedBy: "\n\n")
    // test/readme.expected.out, first and third replies byte for byte (the fake completes every
    // tactic, so the second reply differs by design).
    #expect(
      blocks[0] == """
        {"sorries":
         [{"proofState": 0,
           "pos": {"line": 1, "column": 29},
           "goal": "x : Unit\\n⊢ Nat",
           "endPos": {"line": 1, "column": 34}}],
         "messages":
         [{"severity": "warning",
           "pos": {"line": 1, "column": 4},
           "endPos": {"line": 1, "column": 5},
           "data": "declaration uses `sorry`"}],
         "env": 0}
        """)
    #expect(blocks[1] == #"{"proofStatus": "Completed", "proofState": 1, "goals": []}"#)
    #expect(blocks[2] == #"{"proofStatus": "Completed", "proofState": 2, "goals": []}"#)
    #expect(run.stdout.hasSuffix("}\n\n"))
    #expect(blocks.count == 4 && blocks[3].isEmpty)
  }

  @Test func linesOfARequestAreJoinedWithNoSeparator() throws {
    // test/invalid_line_break: a raw newline inside the JSON string joins `by` and `sorry`.
    let run = try FakeREPLSupport.run("{\"cmd\": \"example : True := by\n  sorry\"}\n\n")
    #expect(run.status == 0)
    // The two lines became `example : True := by  sorry`: the sorry is at column 22 of line 1.
    #expect(run.stdout.contains(#""pos": {"line": 1, "column": 22}"#))
  }

  @Test func envAndProofStateCountersStartAtZeroAndUnknownIdsAreErrors() throws {
    let input =
      [
        #"{"cmd": "def a := 1"}"#, #"{"cmd": "theorem b : True := sorry", "env": 0}"#,
        #"{"cmd": "def c := 2", "env": 7}"#, #"{"tactic": "rfl", "proofState": 3}"#,
        #"{"tactic": "trivial", "proofState": 0}"#,
      ].joined(separator: "\n\n") + "\n\n"
    let run = try FakeREPLSupport.run(input)
    let blocks = run.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
    #expect(blocks.count == 5)
    #expect(blocks[0] == #"{"env": 0}"#)
    #expect(blocks[1].contains(#""proofState": 0"#) && blocks[1].hasSuffix(#""env": 1}"#))
    #expect(blocks[2] == #"{"message": "Unknown environment."}"#)
    #expect(blocks[3] == #"{"message": "Unknown proof state."}"#)
    #expect(blocks[4] == #"{"proofStatus": "Completed", "proofState": 1, "goals": []}"#)
  }

  @Test func errorMessagesCarryTheirPositionsAndNullEndPositions() throws {
    let run = try FakeREPLSupport.run(#"{"cmd": "theorem t : False := by FAKE_ERROR"}"# + "\n\n")
    #expect(
      run.stdout == """
        {"messages":
         [{"severity": "error",
           "pos": {"line": 2, "column": 4},
           "endPos": null,
           "data": "unsolved goals\\n⊢ False"}],
         "env": 0}


        """)
  }

  @Test func theSorryWarningFollowsTheChosenQuoteStyle() throws {
    let straight = try FakeREPLSupport.run(
      #"{"cmd": "theorem t : True := sorry"}"# + "\n\n", arguments: ["--sorry-quote", "straight"])
    #expect(straight.stdout.contains(#""data": "declaration uses 'sorry'""#))
    #expect(straight.stdout.contains(#""pos": {"line": 1, "column": 8}"#))
    let backtick = try FakeREPLSupport.run(#"{"cmd": "theorem t : True := sorry"}"# + "\n\n")
    #expect(backtick.stdout.contains("\"data\": \"declaration uses `sorry`\""))
  }

  @Test func nonASCIITextIsEchoedRawAndColumnsCountCodePoints() throws {
    let run = try FakeREPLSupport.run(#"{"cmd": "theorem ∀é : ∃ x, x = 1 := sorry"}"# + "\n\n")
    #expect(run.stdout.contains(#""pos": {"line": 1, "column": 8}"#))
    #expect(run.stdout.contains(#""endPos": {"line": 1, "column": 10}"#))
    // `sorry` is after 27 code points (more bytes: ∀, é, ∃ are multi-byte).
    #expect(run.stdout.contains(#""pos": {"line": 1, "column": 27}"#))
  }

  @Test func stringsAreEscapedAsLeanEscapesThem() throws {
    // Quote, backslash, newline and carriage return with a backslash; a tab and other control
    // characters as \u00xx; non-ASCII raw.
    let rules = try FakeREPLSupport.rules(#"{"sorry_goal": "a\tb \"q\" \\ \r\u0001 é\n"}"#)
    let run = try FakeREPLSupport.run(#"{"cmd": "example : True := sorry"}"# + "\n\n", arguments: ["--rules", rules])
    #expect(run.stdout.contains(#""goal": "a\u0009b \"q\" \\ \r\u0001 é\n","#))
  }

  @Test func badJSONEndsTheProcessWithAnUncaughtException() throws {
    let run = try FakeREPLSupport.run("{\"cmd\": \"x\"\n\n")
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.hasPrefix(#"uncaught exception: {"message": "Could not parse JSON:\n"#))
  }

  @Test func aSecondEmptyLineIsAnEmptyRequestThatKillsTheProcess() throws {
    let run = try FakeREPLSupport.run(#"{"cmd": "def a := 1"}"# + "\n\n\n" + #"{"cmd": "def b := 1"}"# + "\n\n")
    #expect(run.stdout == "{\"env\": 0}\n\n")
    #expect(run.status == 1)
  }

  @Test func aRequestMatchingNoKindIsRejected() throws {
    let run = try FakeREPLSupport.run(#"{"command": "def a := 1"}"# + "\n\n")
    #expect(run.status == 1)
    #expect(run.stderr.contains("Could not parse as a valid JSON command"))
  }

  @Test func commentBlocksGetNoReplyAndEndOfInputExitsCleanly() throws {
    let run = try FakeREPLSupport.run("# a note\n\n-- another\n\n" + #"{"cmd": "def a := 1"}"# + "\n")
    #expect(run.status == 0)
    #expect(run.stdout == "{\"env\": 0}\n\n")
  }

  @Test func crLfLinesWork() throws {
    let run = try FakeREPLSupport.run("{\"cmd\": \"def a := 1\"}\r\n\r\n")
    #expect(run.status == 0)
    #expect(run.stdout == "{\"env\": 0}\n\n")
  }

  @Test func anImportAfterAnEnvIsAnErrorMessageAndAMissingModuleFailsTheHeader() throws {
    let input =
      #"{"cmd": "import Mathlib"}"# + "\n\n" + #"{"cmd": "import Mathlib", "env": 0}"# + "\n\n"
      + #"{"cmd": "import Missing.Module"}"# + "\n\n"
    let run = try FakeREPLSupport.run(input)
    let blocks = run.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
    #expect(blocks[0] == #"{"env": 0}"#)
    #expect(blocks[1].contains("invalid 'import' command") && blocks[1].hasSuffix(#""env": 1}"#))
    #expect(blocks[2].contains("unknown module prefix 'Missing'") && blocks[2].hasSuffix(#""env": 2}"#))
  }

  @Test func markersCrashGarbageAndTheRulesFileDecide() throws {
    let crash = try FakeREPLSupport.run(#"{"cmd": "FAKE_CRASH"}"# + "\n\n")
    #expect(crash.status == 134 && crash.stdout.isEmpty)
    #expect(crash.stderr == "Stack overflow detected. Aborting.\n")

    let garbage = try FakeREPLSupport.run(#"{"cmd": "FAKE_GARBAGE"}"# + "\n\n" + #"{"cmd": "x"}"# + "\n\n")
    #expect(garbage.stdout.hasPrefix("PANIC at"))
    #expect(garbage.stdout.hasSuffix("{\"env\": 0}\n\n"))

    let rules = try FakeREPLSupport.rules(
      #"{"key_order": "sorted", "rules": [{"match": "lemma_x", "action": "error", "line": 3, "column": 2, "#
        + #""end_line": 3, "end_column": 7, "text": "type mismatch"}]}"#)
    let scripted = try FakeREPLSupport.run(
      #"{"cmd": "theorem lemma_x : 1 = 2 := rfl"}"# + "\n\n", arguments: ["--rules", rules])
    #expect(
      scripted.stdout.hasPrefix(
        "{\"env\": 0,\n \"messages\":\n [{\"data\": \"type mismatch\",\n   \"endPos\": {\"column\": 7, \"line\": 3},"))

    let crashAfter = try FakeREPLSupport.run(
      String(repeating: #"{"cmd": "x"}"# + "\n\n", count: 3), arguments: ["--crash-after", "2"])
    #expect(crashAfter.status == 134)
    #expect(crashAfter.stdout == "{\"env\": 0}\n\n{\"env\": 1}\n\n")
  }

  @Test func badRulesAreReportedAndExitWithStatusTwo() throws {
    let rules = try FakeREPLSupport.rules(#"{"latency": 3}"#)
    let run = try FakeREPLSupport.run("", arguments: ["--rules", rules])
    #expect(run.status == 2)
    #expect(run.stderr.contains("unknown key \"latency\""))
  }
}
