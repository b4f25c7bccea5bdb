import Testing

@testable import LLM

/// The marker format: translations, abstentions, and every way a small model gets it wrong.
@Suite struct AnswerParserTests {
  @Test func readsAWellFormedAnswerWithSurroundingChatter() {
    let answer = """
      Sure! Here is the translation.
      **Informal name:** Successor bound
      **Informal statement:**
      For natural numbers $m$ and $n$, $m + 1 \\le n$ if and only if $m < n$.
      **End of informal statement**
      """
    #expect(
      AnswerParser.parse(answer)
        == .translated(
          name: "Successor bound", statement: "For natural numbers $m$ and $n$, $m + 1 \\le n$ if and only if $m < n$.")
    )
  }

  @Test func acceptsMarkersWithoutBoldAndCRLF() {
    let answer =
      "Informal name: Zero is neutral\r\nInformal statement: $0 + n = n$ for all $n$.\r\nEnd of informal statement"
    #expect(AnswerParser.parse(answer) == .translated(name: "Zero is neutral", statement: "$0 + n = n$ for all $n$."))
  }

  @Test func anAbstentionIsItsOwnOutcome() {
    #expect(
      AnswerParser.parse("**Cannot translate:** the statement is about tactic internals.\n")
        == .abstained(reason: "the statement is about tactic internals."))
    #expect(AnswerParser.parse("**Cannot translate:**") == .abstained(reason: "no reason given"))
  }

  @Test(arguments: [
    ("The sum of two even numbers is even.", "no line starting with"),
    ("**Informal name:** Even sum\nThe sum is even.", "no **Informal statement:** marker"),
    ("**Informal name:** Even sum\n**Informal statement:**\nThe sum of two even", "not closed"),
    ("**Informal name:**\n**Informal statement:** x\n**End of informal statement**", "name is empty"),
    ("**Informal name:** N\n**Informal statement:**\n\n**End of informal statement**", "statement is empty"),
    (
      "**Informal name:** N\n**Informal statement:** если $a$ чётно, то $a+2$ тоже чётно\n**End of informal statement**",
      "not in English"
    ),
    (
      "**Informal name:** N\n**Informal statement:** for $x \\in A, x$ > 0$\n**End of informal statement**",
      "unmatched $"
    ),
    (
      "**Informal name:** <name>\n**Informal statement:**\n<statement in LaTeX>\n**End of informal statement**",
      "placeholder <name>"
    ),
    ("**Informal name:** (not shown)\n**Informal statement:** $a = a$\n**End of informal statement**", "(none)"),
  ])
  func rejectsMalformedAnswersSayingWhatToFix(answer: String, problem: String) {
    guard case .unparseable(let found) = AnswerParser.parse(answer) else {
      Issue.record("expected unparseable, got \(AnswerParser.parse(answer))")
      return
    }
    #expect(found.contains(problem))
    #expect(AnswerParser.correction(for: found).contains(AnswerParser.endMarker))
  }

  @Test func theLeanNameIsNotAnInformalName() {
    let answer =
      "**Informal name:** Nat.succ_le_iff\n**Informal statement:** $m + 1 \\le n$ iff $m < n$.\n"
      + "**End of informal statement**"
    #expect(
      AnswerParser.parse(answer) == .translated(name: "Nat.succ_le_iff", statement: "$m + 1 \\le n$ iff $m < n$."))
    guard case .unparseable(let problem) = AnswerParser.parse(answer, formalName: "Nat.succ_le_iff") else {
      Issue.record("the Lean name was accepted as the informal name")
      return
    }
    #expect(problem.contains("Lean name"))
  }

  @Test func theCorrectionShowsNoPlaceholderToCopy() {
    let message = AnswerParser.correction(for: "the answer has no **Informal statement:** marker")
    #expect(!AnswerParser.placeholders.contains { message.contains($0) })
    #expect(message.contains(AnswerParser.nameMarker) && message.contains(AnswerParser.abstainMarker))
  }
}
