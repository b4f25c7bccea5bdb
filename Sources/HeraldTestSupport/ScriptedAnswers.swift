/// Well-formed answers to herald's prompts, by the prompt a request carries, for loopback
/// model servers in tests: a translation naming the declaration, a back-translation, a verdict.
public enum ScriptedAnswers {
  /// The prompt kinds herald sends.
  public enum Prompt: Sendable, Equatable {
    case translate(name: String)
    case backTranslate
    case judge
  }

  /// Which prompt a request body (the JSON text) carries.
  public static func prompt(in body: String) -> Prompt {
    if body.contains("Statement B:") { return .judge }
    if body.contains("Translate the informal statement below") { return .backTranslate }
    let name = (body.components(separatedBy: "Lean name: ").last ?? "").prefix { $0 != "\\" }
    return .translate(name: String(name))
  }

  /// A good answer to the prompt in `body`: `verdict` (`same` or `different`) for the judge.
  public static func answer(to body: String, verdict: String = "same") -> String {
    switch prompt(in: body) {
    case .translate(let name):
      return "**Informal name:** About \(name)\n**Informal statement:**\nFor all $n$, the claim of \(name) holds.\n"
        + "**End of informal statement**"
    case .backTranslate:
      return "```lean\ntheorem back_translated (n : Nat) : n + 0 = n := by sorry\n```"
    case .judge:
      return "Both state the same about every natural number.\n||\(verdict)||"
    }
  }
}
