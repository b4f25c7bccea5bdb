import Records
import Testing

/// Judges' answers read strictly.
@Suite struct JudgeAnswerTests {
  @Test(arguments: [
    (
      "Both state m + 1 ≤ n ↔ m < n.\n||same||", RecordValidation.Verdict.same,
      "Both state m + 1 ≤ n ↔ m < n." as String?
    ),
    ("A has a hypothesis h that B lacks. || different ||", .different, "A has a hypothesis h that B lacks."),
    ("||SAME||", .same, nil),
  ])
  func theVerdictAndReasonAreRead(_ answer: String, _ verdict: RecordValidation.Verdict, _ reason: String?) {
    #expect(JudgeAnswer.parse(answer) == .verdict(verdict, reason: reason))
  }

  @Test func theLastVerdictCountsNotAQuotedFormat() {
    let answer = "I must end with ||same|| or ||different||. B drops the hypothesis.\n||different||"
    guard case .verdict(let verdict, _) = JudgeAnswer.parse(answer) else {
      Issue.record("no verdict")
      return
    }
    #expect(verdict == .different)
  }

  @Test(arguments: ["They are the same.", "||maybe||", "same", "|same|", ""])
  func answersWithoutAVerdictAreUnparseable(_ answer: String) {
    #expect(JudgeAnswer.parse(answer) == .unparseable(problem: "no verdict ||same|| or ||different|| in the answer"))
  }
}
