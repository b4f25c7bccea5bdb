import Foundation
import LLM

/// Reads a proof explainer's answer: one `**Step k:**` explanation per step, then the informal
/// proof between `**Informal proof:**` and `**End of informal proof**`. Strict about the markers
/// and the step count (a small model's free-form answer must not become a proof), and the proof
/// must be in English.
public enum ProofAnswer {
  public static let proofMarker = "**Informal proof:**"
  public static let endMarker = "**End of informal proof**"

  /// What one answer gave.
  public enum Outcome: Sendable, Equatable {
    case explained(steps: [String], proof: String)
    case unparseable(problem: String)
  }

  /// The correction sent back after an unusable answer.
  public static func correction(for problem: String, steps: Int) -> String {
    "Your answer cannot be used: \(problem). Answer with one **Step k:** line for each of the \(steps) steps, "
      + "then **Informal proof:**, the proof, and **End of informal proof**."
  }

  /// Parses `answer` for a proof of `steps` steps.
  public static func parse(_ answer: String, steps: Int) -> Outcome {
    let text = answer.replacingOccurrences(of: "\r\n", with: "\n")
    guard let proofStart = text.range(of: proofMarker) else {
      return .unparseable(problem: "the answer has no \(proofMarker) marker")
    }
    guard let proofEnd = text.range(of: endMarker, range: proofStart.upperBound..<text.endIndex) else {
      return .unparseable(problem: "the informal proof is not closed by \(endMarker) (was the answer cut off?)")
    }
    let proof = text[proofStart.upperBound..<proofEnd.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    guard !proof.isEmpty else { return .unparseable(problem: "the informal proof is empty") }
    if proof.contains("<the proof") || proof.contains("<explanation") {
      return .unparseable(problem: "the answer repeats the format's placeholders instead of a proof")
    }
    if let problem = LanguageCheck.problem(proof, expected: "en") { return .unparseable(problem: problem) }
    var explanations: [String] = []
    let head = text[..<proofStart.lowerBound]
    for step in 1...max(1, steps) where steps > 0 {
      let marker = "**Step \(step):**"
      guard let start = head.range(of: marker) else {
        return .unparseable(problem: "the answer has no \(marker) line (one is needed for each of the \(steps) steps)")
      }
      let rest = head[start.upperBound...]
      let end = rest.range(of: "**Step \(step + 1):**")?.lowerBound ?? rest.endIndex
      let explanation = rest[..<end].trimmingCharacters(in: .whitespacesAndNewlines)
      guard !explanation.isEmpty, !explanation.contains("<explanation") else {
        return .unparseable(problem: "the explanation of step \(step) is empty")
      }
      explanations.append(explanation)
    }
    return .explained(steps: explanations, proof: proof)
  }
}
