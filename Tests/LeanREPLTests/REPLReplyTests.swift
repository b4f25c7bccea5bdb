import Testing

@testable import LeanREPL

/// Tolerant decoding of replies (§3, §7) and the framing of the REPL's output.
@Suite struct REPLReplyTests {
  private func decode(_ text: String) -> REPLReply? {
    REPLReply.decode(Array(text.utf8))
  }

  @Test func aCommandReplyWithMessagesAndSorries() throws {
    let reply = try #require(
      decode(
        """
        {"sorries":
         [{"proofState": 0, "pos": {"line": 1, "column": 29}, "goal": "x : Unit\\n⊢ Nat",
           "endPos": {"line": 1, "column": 34}}],
         "messages":
         [{"severity": "warning", "pos": {"line": 1, "column": 4}, "endPos": {"line": 1, "column": 5},
           "data": "declaration uses `sorry`"}],
         "env": 0}
        """))
    #expect(reply.kind == .command(env: 0))
    #expect(reply.sorries == 1)
    #expect(
      reply.messages == [
        LeanMessage(
          severity: .warning, line: 1, column: 4, endLine: 1, endColumn: 5, text: "declaration uses `sorry`")
      ])
  }

  @Test func nullsMissingFieldsAndUnknownKeysAreTolerated() throws {
    let reply = try #require(
      decode(
        #"{"env": 3, "tactics": null, "novel": {"x": 1}, "sorries": null, "messages": [{"severity": "info", "#
          + #""pos": null, "endPos": null, "data": "f : Nat"}, {"data": "no severity"}, {"severity": "error", "#
          + #""pos": {"line": 2}}]}"#))
    #expect(reply.kind == .command(env: 3))
    #expect(reply.sorries == 0)
    #expect(reply.messages.count == 3)
    #expect(reply.messages[0] == LeanMessage(severity: .info, line: 0, column: 0, text: "f : Nat"))
    // A message we cannot classify must never let a check pass.
    #expect(reply.messages[1].severity == .error)
    #expect(reply.messages[2].line == 2 && reply.messages[2].column == 0 && reply.messages[2].text.isEmpty)
  }

  @Test func errorObjectsHaveAMessageAndNeitherEnvNorProofState() throws {
    #expect(decode(#"{"message": "Unknown environment."}"#)?.isUnknownEnvironment == true)
    #expect(decode(#"{"message": "Unknown environment 5"}"#)?.isUnknownEnvironment == true)
    #expect(
      decode(#"{"message": "Lean error:\n<input>:1:1: unknown tactic"}"#)?.kind
        == .error("Lean error:\n<input>:1:1: unknown tactic"))
    // With an env it is a command reply, whatever else it has.
    #expect(decode(#"{"message": "odd", "env": 4}"#)?.kind == .command(env: 4))
    #expect(decode(#"{"proofStatus": "Completed", "proofState": 2, "goals": []}"#)?.kind == .proofStep(proofState: 2))
  }

  @Test func garbageIsNotAReply() {
    #expect(decode("PANIC at Lean.Expr.bindingBody! this is not JSON") == nil)
    #expect(decode(#"{"goals": []}"#) == nil)
    #expect(decode(#"{"env": "zero"}"#) == nil)
    #expect(decode("[1, 2]") == nil)
  }

  @Test func theFramerCutsRepliesAtEmptyLinesAcrossChunks() {
    var framer = ReplyFramer()
    framer.append(Array("{\"messages\":\n [{\"data\": \"a\"}],\n \"e".utf8))
    #expect(framer.nextReply() == nil)
    framer.append(Array("nv\": 0}\n\n{\"env\": 1}\n  \r\n\n\n{\"env\"".utf8))
    #expect(
      framer.nextReply().map { String(decoding: $0, as: UTF8.self) }
        == "{\"messages\":\n [{\"data\": \"a\"}],\n \"env\": 0}")
    #expect(framer.nextReply().map { String(decoding: $0, as: UTF8.self) } == "{\"env\": 1}")
    #expect(framer.nextReply() == nil)
    #expect(framer.hasPartialReply)
    framer.append(Array(": 2}\n\n".utf8))
    #expect(framer.nextReply().map { String(decoding: $0, as: UTF8.self) } == "{\"env\": 2}")
  }

  @Test func requestsAreOneCompactLineAndOneEmptyLine() {
    let bytes = REPLRequest.command("theorem t :\n  ∀ x, x = x := by\n\trfl", env: 3)
    #expect(
      String(decoding: bytes, as: UTF8.self) == "{\"cmd\":\"theorem t :\\n  ∀ x, x = x := by\\n\\trfl\",\"env\":3}\n\n")
  }
}
