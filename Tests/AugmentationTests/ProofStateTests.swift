import Testing

@testable import Augmentation

/// Goals decoded from the stored JSON, and every kind of bad input answered with a reason.
@Suite struct ProofStateTests {
  @Test func aStoredGoalDecodesWithItsHypotheses() throws {
    let json = """
      [{"tag":"cons","mvar":"_uniq.3796","type":"f (a :: l) = b","is_prop":true,"pp":null,"acted_on":true,
        "hypotheses":[{"name":"α","type":"Type u","binder":"implicit","value":null,"is_prop":false,"is_let":false},
                      {"name":"inst✝","type":"Monoid α","binder":"instImplicit","value":null,"is_prop":false,"is_let":false},
                      {"name":"k","type":"Nat","binder":null,"value":"2 * n","is_prop":false,"is_let":true}]},
       {"tag":"","mvar":"_uniq.3797","type":"True","is_prop":true,"pp":null,"acted_on":false,"hypotheses":[]}]
      """
    let goals = ProofState.decodeGoals(json).map { try? $0.get() }
    #expect(goals.count == 2)
    let first = try #require(goals[0])
    #expect(first.goal == "f (a :: l) = b")
    #expect(first.tag == "cons")
    #expect(first.actedOn)
    #expect(first.hypotheses.map(\.name) == ["α", "inst✝", "k"])
    #expect(first.hypotheses.map(\.binder) == [.implicit, .instImplicit, .default])
    #expect(first.hypotheses[2].value == "2 * n")
    #expect(first.hypotheses[2].isLet)
    #expect(goals[1]?.actedOn == false)
  }

  @Test func aValueMakesALetEvenWhenTheFlagIsMissing() throws {
    let state = try ProofState(decoding: #"{"type":"k = k","hypotheses":[{"name":"k","type":"Nat","value":"1"}]}"#)
    #expect(state.hypotheses.first?.isLet == true)
    #expect(state.actedOn == false)
    #expect(state.isProp)
  }

  @Test(arguments: [
    ("", "not JSON"),
    ("[{", "not JSON"),
    (#"{"type":"x"}"#, "not a JSON array"),
    ("[1]", "goal 0 is not an object"),
    (#"[{"tag":"a"}]"#, "goal 0 has no type"),
    (#"[{"type":3}]"#, "goal 0 has no type"),
    (#"[{"type":"p","hypotheses":{}}]"#, "hypotheses are not an array"),
    (#"[{"type":"p","hypotheses":[{"type":"Nat"}]}]"#, "hypothesis 0 has no name or type"),
    (#"[{"type":"p","hypotheses":[7]}]"#, "hypothesis 0 has no name or type"),
    ("[\"\\ud800\"]", "not JSON"),
  ])
  func badInputIsAReasonNeverACrash(json: String, reason: String) {
    let goals = ProofState.decodeGoals(json)
    #expect(goals.count == 1)
    guard case .failure(let error) = goals.first else {
      Issue.record("decoded \(json)")
      return
    }
    #expect(error.message.contains(reason), "\(error.message)")
  }

  @Test func oneBadGoalLeavesTheOthersReadable() {
    let goals = ProofState.decodeGoals(#"[{"type":"p"},{"tag":"x"},{"type":"q","binder":"weird"}]"#)
    #expect(goals.map { (try? $0.get())?.goal } == ["p", nil, "q"])
  }

  @Test func anEmptyArrayIsNoGoal() {
    #expect(ProofState.decodeGoals("[]").isEmpty)
  }

  @Test func anUnknownBinderReadsAsExplicit() throws {
    let state = try ProofState(
      decoding: #"{"type":"p","hypotheses":[{"name":"x","type":"Nat","binder":"auxDecl"}]}"#)
    #expect(state.hypotheses.first?.binder == .default)
  }
}
