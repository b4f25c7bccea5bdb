import Foundation

/// Well-formed answers to herald's prompts, by the prompt a request carries, for loopback
/// model servers in tests: a translation naming the declaration, a back-translation, a verdict,
/// a tactic state's translation, a rewrite (in the language asked), a proof's explanation.
public enum ScriptedAnswers {
  /// The prompt kinds herald sends.
  public enum Prompt: Sendable, Equatable {
    case translate(name: String)
    case backTranslate
    case judge
    case tacticState
    /// A rewrite; `language` is the name the prompt asks for (`English` unless translated).
    case rewrite(language: String)
    /// A proof's explanation, of `steps` steps.
    case explain(steps: Int)
  }

  /// Which prompt a request body (the JSON text) carries.
  public static func prompt(in body: String) -> Prompt {
    if body.contains("Statement B:") { return .judge }
    if body.contains("Translate the informal statement below") { return .backTranslate }
    if body.contains("Explain the Lean proof below") {
      // The last user message's steps: lines `k. ` + backquote after its `Steps:`.
      let last = body.components(separatedBy: "Steps:").last ?? ""
      let steps = last.components(separatedBy: "\\n").filter { line in
        let digits = line.prefix { $0.isNumber }
        return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". `")
      }
      return .explain(steps: steps.count)
    }
    if body.contains("is an intermediate step in the proof") { return .tacticState }
    if let range = body.range(of: "Translate this statement into ", options: .backwards) {
      return .rewrite(language: String(body[range.upperBound...].prefix { $0 != " " }))
    }
    if body.contains("Rewrite this statement in the same way") { return .rewrite(language: "English") }
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
    case .tacticState:
      return "**Informal name:** What is left to show\n**Informal statement:**\nUnder these hypotheses, the goal "
        + "holds for every $n$.\n**End of informal statement**"
    case .rewrite(let language):
      let statement =
        switch language {
        case "Chinese": "对任意自然数 $n$，该结论成立。"
        case "French": "Pour tout entier naturel $n$, la propriété est vraie et le résultat tient."
        case "Russian": "Для любого натурального числа $n$ утверждение верно."
        default: "As a textbook puts it: the claim holds for every natural number $n$."
        }
      return "**Informal name:** Restated\n**Informal statement:**\n\(statement)\n**End of informal statement**"
    case .explain(let steps):
      let explanations = (0..<max(1, steps)).map { "**Step \($0 + 1):** This step moves the proof on." }
      return explanations.joined(separator: "\n")
        + "\n**Informal proof:**\nThe claim follows step by step.\n**End of informal proof**"
    }
  }
}
