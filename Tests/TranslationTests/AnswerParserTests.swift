import Testing

@testable import Translation

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
  ])
  func rejectsMalformedAnswersSayingWhatToFix(answer: String, problem: String) {
    guard case .unparseable(let found) = AnswerParser.parse(answer) else {
      Issue.record("expected unparseable, got \(AnswerParser.parse(answer))")
      return
    }
    #expect(found.contains(problem))
    #expect(AnswerParser.correction(for: found).contains(AnswerParser.endMarker))
  }
}
