import Foundation
import HeraldCore
import LLM
import Records

/// Explains a tactic proof: the theorem's statement and informal statement, each step with its
/// tactic and the goals before and after it, and the notes of the tactic families it uses go to
/// the model (`pipelines/prompts/proof.md`), which explains each step and merges the
/// explanations into one informal proof. The steps' explanations also become comments in the
/// theorem's source (Herald's `commented_proof`).
public struct ProofExplainer: Sendable {
  public let role: ModelRole
  public let template: ChatTemplate
  public let guide: TacticGuide

  /// An explainer asking `role`.
  public init(role: ModelRole, template: ChatTemplate, guide: TacticGuide) {
    self.role = role
    self.template = template
    self.guide = guide
  }

  /// The prompt version recorded with each proof: the prompt file's and the guide's.
  public var promptVersion: String { template.version + "+" + guide.version }

  /// Reads `proof.md` and `tactic-guide.md` from `folder`.
  public static func load(role: ModelRole, from folder: String) throws -> ProofExplainer {
    ProofExplainer(
      role: role, template: try ChatTemplate.load(path: folder + "/proof.md", required: "steps"),
      guide: try TacticGuide.load(path: folder + "/tactic-guide.md"))
  }

  /// Longest goal text shown per goal (a Mathlib state can be pages long).
  static let goalLimit = 800

  /// The explained proof of `theorem`, or its failure (the fault, for endpoint failures and
  /// unusable answers, goes to `failures`).
  public func explain(_ theorem: ProofSource.Theorem, runID: Int?) async throws -> (
    AugmentationStore.Proof, AugmentationStore.Fault?
  ) {
    let steps = theorem.steps
    let listing = steps.enumerated().map { index, step in
      "\(index + 1). `\(step.tactic)`\n   before: \(Self.show(step.before))\n   after: \(Self.show(step.after))"
    }.joined(separator: "\n")
    let messages = template.render([
      "tactic_notes": guide.notes(for: steps.map(\.tactic)), "formal_statement": theorem.statement,
      "informal_statement": theorem.informalStatement, "steps": listing,
    ]).map { ChatMessage(role: $0.role, content: $0.content) }
    let answer: ModelRole.Answer<(steps: [String], proof: String)> = try await role.ask(
      messages, temperature: 0, seed: nil, endMarker: ProofAnswer.endMarker
    ) { text in
      switch ProofAnswer.parse(text, steps: steps.count) {
      case .explained(let explanations, let proof): .success((explanations, proof))
      case .unparseable(let problem):
        .failure(
          ModelRole.Unusable(problem: problem, correction: ProofAnswer.correction(for: problem, steps: steps.count)))
      }
    }
    var proof = AugmentationStore.Proof(
      name: theorem.name, status: "failed", steps: Self.stepsJSON(steps, explanations: []), informalProof: nil,
      commentedProof: nil, reason: nil, rawAnswer: nil, attempts: 0, model: role.model,
      promptVersion: promptVersion, sourceHash: theorem.sourceHash, runID: runID)
    switch answer {
    case .failed(let reason, let detail):
      proof.reason = reason
      return (proof, AugmentationStore.Fault(reason: reason, detail: "\(theorem.name): \(detail)"))
    case .unusable(let raw, let problem):
      proof.reason = "unparseable"
      proof.rawAnswer = raw
      return (
        proof,
        AugmentationStore.Fault(
          reason: "unparseable",
          detail: "\(theorem.name): no usable explanation in \(role.maxAnswers) answers; the last one: \(problem)")
      )
    case .usable(let (explanations, informal), let raw):
      proof.status = "explained"
      proof.rawAnswer = raw
      proof.informalProof = informal
      proof.steps = Self.stepsJSON(steps, explanations: explanations)
      proof.commentedProof = CommentedProof.text(
        theorem.text,
        steps: zip(steps, explanations).compactMap { step, explanation in
          step.start.map { CommentedProof.Step(offset: $0 - theorem.start, explanation: explanation) }
        })
      return (proof, nil)
    }
  }

  /// Goals for the prompt: `no goals`, or each goal on its lines, cut at `goalLimit` characters.
  static func show(_ goals: [String]) -> String {
    guard !goals.isEmpty else { return "no goals" }
    return goals.map { goal in
      let flat = goal.replacingOccurrences(of: "\n", with: "; ")
      return flat.count > goalLimit ? String(flat.prefix(goalLimit)) + " …" : flat
    }.joined(separator: " | ")
  }

  /// The steps as stored: `[{"ord", "depth", "tactic", "explanation"}]` (explanation null when
  /// there is none).
  static func stepsJSON(_ steps: [ProofSource.Step], explanations: [String]) -> String {
    var writer = JSONWriter(keyOrder: .codePoint)
    writer.beginArray()
    for (index, step) in steps.enumerated() {
      writer.beginObject()
      writer.key("ord")
      writer.value(step.ord)
      writer.key("depth")
      writer.value(step.depth)
      writer.key("tactic")
      writer.value(step.tactic)
      writer.key("explanation")
      writer.value(index < explanations.count ? explanations[index] : nil)
      writer.endObject()
    }
    writer.endArray()
    return writer.string
  }
}
