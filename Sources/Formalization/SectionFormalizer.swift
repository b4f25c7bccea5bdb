import Foundation
import HeraldCore
import LLM
import LeanREPL
import Records
import Retrieval
import Sections

/// Formalizes a section item by item: for each, candidates from the model with the section's
/// earlier Lean, the items it references and related library declarations in the prompt; each
/// candidate compiled in the file as it stands, its errors sent back for repair; compiling
/// candidates read back into informal text and judged against the item; the first that passes
/// is accepted into the file, else the best is written commented out with its errors.
public struct SectionFormalizer: Sendable {
  let section: ParsedSection
  /// The source file, as the user named it (for the docstring and the report).
  let source: String
  let settings: SectionSettings
  let prompts: SectionPrompts
  let formalizer: ModelRole
  let backTranslator: ModelRole
  let judge: ModelRole
  let checker: StatementChecker
  let retrieval: RetrievalIndex?
  /// The names the prompts' demonstrations declare: an answer declaring one copied them.
  let demonstrated: Set<String>

  /// A formalizer of `section` read from `source`.
  public init(
    section: ParsedSection, source: String, settings: SectionSettings, prompts: SectionPrompts, formalizer: ModelRole,
    backTranslator: ModelRole, judge: ModelRole, checker: StatementChecker, retrieval: RetrievalIndex?
  ) {
    self.section = section
    self.source = source
    self.settings = settings
    self.prompts = prompts
    self.formalizer = formalizer
    self.backTranslator = backTranslator
    self.judge = judge
    self.checker = checker
    self.retrieval = retrieval
    demonstrated = CandidateAnswer.demonstratedNames(
      (prompts.item.messages + prompts.proof.messages).filter { $0.role == "assistant" }.map(\.content))
  }

  /// The Lean file and the report; `output` is where the file will be written (for the report),
  /// `log` gets one line per item. Throws only `CancellationError`.
  public func run(output: String, log: (String) -> Void) async throws -> (lean: String, report: SectionReport) {
    let start = ContinuousClock.now
    var file = SectionLeanFile(header: settings.header, section: section, source: source)
    var accepted: [ItemContext.Accepted] = []
    var report = SectionReport(
      source: source, format: section.format, section: section.displayName, sectionLabel: section.label, output: output,
      lean: checker.identity, model: formalizer.model,
      promptVersions: prompts.versions, items: [], warnings: section.warnings)
    if checker.lean == nil { log("section: \(StatementChecker.noREPLReason); every item is marked not compiled") }
    for item in section.items {
      try Task.checkCancellation()
      var outcome = try await formalize(item, file: file, accepted: accepted)
      for (reason, count) in outcome.faults { report.faults[reason, default: 0] += count }
      if let truncation = outcome.report.context.truncation {
        report.warnings.append("\(ItemContext.caption(item)): \(truncation)")
      }
      if outcome.report.status == .accepted, var code = outcome.code {
        if settings.prove, item.kind.isStatement {
          let proof = try await proved(item, statement: code, file: file)
          for (reason, count) in proof.faults { report.faults[reason, default: 0] += count }
          outcome.report.proof = proof.report
          if let proven = proof.code {
            code = proven
            outcome.report.lean = proven
          }
        }
        file.accept(code, for: item)
        accepted.append(ItemContext.Accepted(item: item, lean: code, name: outcome.report.name))
      } else if outcome.report.status == .notCompiled, let code = outcome.code {
        if settings.prove, item.kind.isStatement {
          outcome.report.proof = ProofReport(status: .notRun, attempts: [])
        }
        file.add(code, for: item, note: "herald: not compiled (\(outcome.report.reason ?? "no Lean REPL"))")
        accepted.append(ItemContext.Accepted(item: item, lean: code, name: outcome.report.name))
      } else {
        file.reject(
          item, note: "herald: not formalized: \(outcome.report.reason ?? "no candidate passed")", code: outcome.code)
      }
      report.items.append(outcome.report)
      log(
        "section: \(item.index)/\(section.items.count) \(ItemContext.caption(item)): "
          + "\(outcome.report.status.rawValue)"
          + (outcome.report.reason.map { " (\($0))" } ?? "")
          + (outcome.report.repairs > 0 ? ", \(outcome.report.repairs) repair(s)" : ""))
    }
    report.tally()
    let usage = await ModelRole.usage(of: [formalizer, backTranslator, judge])
    report.llmRequestsSent = usage.requests
    report.cacheHits = usage.cacheHits
    let elapsed = ContinuousClock.now - start
    report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (file.finished, report)
  }

  /// What formalizing one item gave: its report, the code to write (accepted, unchecked, or the
  /// best candidate to comment out) and the faults met.
  struct ItemOutcome {
    var report: ItemReport
    var code: String?
    var faults: [String: Int] = [:]
  }

  /// A candidate that held Lean, with what its checks gave.
  private struct Attempt {
    var code: String
    var name: String?
    var check: CandidateCheck
    var verdict: String?
    /// Why the judge gave no verdict, when it did not.
    var judgeNote: String?
    /// Its index in the item's candidates.
    var candidate: Int
  }

  /// Formalizes `item` into `file`, whose accepted items are `accepted`.
  private func formalize(_ item: SectionItem, file: SectionLeanFile, accepted: [ItemContext.Accepted]) async throws
    -> ItemOutcome
  {
    let form: CandidateAnswer.Form = item.kind.isDefinition ? .definition : .statement
    let hits = await related(item)
    // The budget is the whole prompt's: the item's own text and what repair rounds add (an answer
    // and Lean's errors each) come out of it before the context.
    let budget = settings.contextCharacters - item.text.count - settings.repairRounds * Self.repairAllowance
    let context = ItemContext.assemble(
      item: item, section: section, accepted: accepted, hits: hits, budget: max(0, budget))
    let messages = prompts.item.chat([
      "context": context.text, "kind": item.kind.rawValue, "number": item.number.map { " \($0)" } ?? "",
      "item": (item.title.map { "[\($0)] " } ?? "") + section.resolvingReferences(item.text), "form": form.request,
    ])
    var outcome = ItemOutcome(
      report: ItemReport(
        index: item.index, kind: item.kind.rawValue, label: item.label, number: item.number, status: .noCandidate,
        candidates: [],
        context: ContextReport(
          earlier: context.earlier, referenced: context.referenced, retrieved: context.retrieved,
          truncation: context.truncation)))
    var attempts: [Attempt] = []
    var endpointFault: String?
    samples: for sample in 0..<settings.samples {
      var conversation = messages
      for round in 0...settings.repairRounds {
        let answer = try await ask(conversation, form: form, sample: sample)
        var candidate = CandidateReport(sample: sample, round: round)
        switch answer {
        case .failed(let reason, let detail):
          outcome.faults[reason, default: 0] += 1
          candidate.problem = "the endpoint failed: \(detail)"
          candidate.fault = reason
          outcome.report.candidates.append(candidate)
          endpointFault = detail
          break samples
        case .unusable(let raw, let problem):
          candidate.problem = problem
          candidate.rawAnswer = CandidateReport.kept(raw)
          outcome.report.candidates.append(candidate)
          continue samples
        case .usable(let (code, name), _):
          candidate.lean = code
          let placement = file.appending(code, for: item)
          let check = CandidateCheck(
            compile: await checker.check(placement.text).compile, placement: placement, code: code, form: form)
          candidate.compile = check.outcome
          candidate.errors = check.errors
          if CandidateCheck.faults.contains(check.outcome) { outcome.faults["lean_\(check.outcome)", default: 0] += 1 }
          var attempt = Attempt(
            code: code, name: name, check: check, verdict: nil, candidate: outcome.report.candidates.count)
          if check.outcome == "lean_error", round < settings.repairRounds {
            outcome.report.candidates.append(candidate)
            attempts.append(attempt)
            // The code as herald read and compiled it, so that Lean's line numbers point into it.
            conversation.append(.assistant("```lean\n\(code)\n```"))
            conversation.append(.user(Self.repairRequest(check, form: form)))
            continue
          }
          let unchecked = checker.lean == nil && check.outcome == "not_run"
          if check.passed || unchecked {
            let judged = try await judged(item, code: code)
            candidate.backTranslation = judged.backTranslation
            candidate.verdict = judged.verdict
            candidate.judgeReason = judged.reason
            attempt.verdict = judged.verdict
            attempt.judgeNote = judged.verdict == "same" || judged.verdict == "different" ? nil : judged.reason
            if let fault = judged.fault { outcome.faults[fault, default: 0] += 1 }
          }
          outcome.report.candidates.append(candidate)
          attempts.append(attempt)
          if check.passed || unchecked, attempt.verdict == "same" { break samples }
          continue samples
        }
      }
    }
    decide(&outcome, attempts: attempts, endpointFault: endpointFault)
    return outcome
  }

  /// Sets the item's status, reason, name and code from its attempts.
  private func decide(_ outcome: inout ItemOutcome, attempts: [Attempt], endpointFault: String?) {
    outcome.report.repairs = outcome.report.candidates.filter { $0.round > 0 }.count
    func take(_ attempt: Attempt) {
      outcome.code = attempt.code
      outcome.report.lean = attempt.code
      outcome.report.name = attempt.name
    }
    if let winner = attempts.first(where: { $0.check.passed && $0.verdict == "same" }) {
      take(winner)
      outcome.report.status = .accepted
      return
    }
    guard let best = attempts.max(by: { Self.rank($0) < Self.rank($1) }) else {
      // Without a REPL nothing is compiled, whatever the answers were: the status says so, the
      // reason what the answers lacked.
      outcome.report.status = checker.lean == nil ? .notCompiled : .noCandidate
      let problems = outcome.report.candidates.compactMap(\.problem)
      outcome.report.reason =
        (checker.lean == nil ? "no Lean REPL is configured; " : "")
        + (endpointFault.map { "the endpoint failed: \($0)" }
          ?? "no usable Lean in \(problems.count) answer(s); the last problem: \(problems.last ?? "none")")
      return
    }
    take(best)
    if checker.lean == nil {
      outcome.report.status = .notCompiled
      outcome.report.reason = "no Lean REPL is configured; " + Self.judgement(best)
      return
    }
    outcome.report.status = .rejected
    var reason: String
    if best.check.passed {
      reason = "it compiles, but " + Self.judgement(best)
    } else {
      reason = best.check.problem ?? best.check.outcome
    }
    let errors = best.check.errors.prefix(5).map { "  " + $0.replacingOccurrences(of: "\n", with: "\n    ") }
    if !errors.isEmpty { reason += "; Lean's errors:\n" + errors.joined(separator: "\n") }
    outcome.report.reason = "the best of \(attempts.count) candidate(s): \(reason)"
  }

  /// What the judge made of `attempt`, in words.
  private static func judgement(_ attempt: Attempt) -> String {
    switch attempt.verdict {
    case "same": "the judge said same"
    case "different": "the judge said different"
    case nil: "it was not judged"
    case let verdict?: "the judge gave no verdict (\(verdict): \(attempt.judgeNote ?? "no reason"))"
    }
  }

  /// Characters each repair round may add to a prompt: the answer and Lean's errors.
  static let repairAllowance = 1_500

  /// How good a candidate that did not pass is: compiling (or, without a REPL, judged) first,
  /// then actually checked, then judged the same, then the fewest errors; the earliest wins a tie.
  private static func rank(_ attempt: Attempt) -> (Int, Int, Int, Int, Int) {
    // A check that could not run (a REPL fault, a cancelled pool) says nothing about the code.
    let checked = attempt.check.outcome != "not_run" && !CandidateCheck.faults.contains(attempt.check.outcome)
    return (
      attempt.check.passed || attempt.check.outcome == "not_run" && attempt.verdict != nil ? 1 : 0,
      checked ? 1 : 0, attempt.verdict == "same" ? 1 : 0, -attempt.check.errors.count, -attempt.candidate
    )
  }

  /// The message that sends Lean's errors back.
  static func repairRequest(_ check: CandidateCheck, form: CandidateAnswer.Form) -> String {
    let errors = check.errors.isEmpty ? ["(no message; the check failed)"] : check.errors
    return "Lean reports these errors for your code:\n" + errors.prefix(8).joined(separator: "\n")
      + "\n\nFix the code. Answer with one ```lean block that holds \(form.request) and nothing else."
  }

  /// Asks the formalizer for sample `sample` of `conversation`.
  private func ask(_ conversation: [ChatMessage], form: CandidateAnswer.Form, sample: Int) async throws
    -> ModelRole.Answer<(String, String?)>
  {
    try await formalizer.ask(
      conversation, temperature: sample == 0 ? 0 : settings.sampleTemperature, seed: sample == 0 ? nil : sample
    ) { text in
      switch CandidateAnswer.parse(text, form: form, demonstrated: demonstrated) {
      case .code(let code, let name): .success((code, name))
      case .unparseable(let problem):
        .failure(ModelRole.Unusable(problem: problem, correction: CandidateAnswer.correction(for: problem, form: form)))
      }
    }
  }

  /// What judging a candidate gave: the back-translation, the verdict and its reason, and the
  /// fault that kept it from being made.
  struct Judged: Sendable {
    var backTranslation: String?
    var verdict: String
    var reason: String?
    var fault: String?
  }

  /// Reads `code` back into an informal statement and asks the judge whether it says what
  /// `item` says.
  private func judged(_ item: SectionItem, code: String) async throws -> Judged {
    let back = try await backTranslator.ask(
      prompts.back.chat(["lean": code]), temperature: 0, seed: nil, endMarker: AnswerParser.endMarker
    ) { text in
      switch AnswerParser.parse(text) {
      case .translated(_, let statement): .success(statement)
      case .abstained(let reason):
        .failure(
          ModelRole.Unusable(
            problem: "the back-translator abstained: \(reason)", correction: AnswerParser.correction(for: reason)))
      case .unparseable(let problem):
        .failure(ModelRole.Unusable(problem: problem, correction: AnswerParser.correction(for: problem)))
      }
    }
    let statement: String
    switch back {
    case .failed(let reason, _): return Judged(verdict: "not_run", reason: "the back-translation failed", fault: reason)
    case .unusable(_, let problem):
      return Judged(verdict: "not_run", reason: "no usable back-translation: \(problem)")
    case .usable(let text, _): statement = text
    }
    let verdict = try await judge.ask(
      prompts.judge.chat([
        "original": (item.title.map { "[\($0)] " } ?? "") + section.resolvingReferences(item.text),
        "back_translation": statement,
      ]), temperature: 0, seed: nil
    ) { text in
      switch JudgeAnswer.parse(text) {
      case .verdict(let verdict, let reason): .success((verdict, reason))
      case .unparseable(let problem):
        .failure(ModelRole.Unusable(problem: problem, correction: JudgeAnswer.correction))
      }
    }
    switch verdict {
    case .failed(let reason, _):
      return Judged(backTranslation: statement, verdict: "not_run", reason: "the judge failed", fault: reason)
    case .unusable(_, let problem):
      return Judged(backTranslation: statement, verdict: "unparseable", reason: problem)
    case .usable(let (verdict, reason), _):
      return Judged(backTranslation: statement, verdict: verdict.rawValue, reason: reason)
    }
  }

  /// What proving an accepted statement gave.
  struct ProofOutcome {
    var report: ProofReport
    var code: String?
    var faults: [String: Int] = [:]
  }

  /// Asks for a proof of `statement` (item `item`'s accepted Lean), each attempt compiled in
  /// `file`, Lean's errors sent back up to the repair rounds; the proof is kept only when it
  /// compiles without sorry.
  private func proved(_ item: SectionItem, statement: String, file: SectionLeanFile) async throws -> ProofOutcome {
    var outcome = ProofOutcome(report: ProofReport(status: .failed, attempts: []))
    // The declarations in scope, the latest kept when they are more than the budget allows.
    let room = max(0, settings.contextCharacters - statement.count - (item.proof?.count ?? 0))
    let scope = file.declarations.count <= room ? file.declarations : "…\n" + String(file.declarations.suffix(room))
    var conversation = prompts.proof.chat([
      "scope": scope.isEmpty ? "(none)" : scope, "statement": statement,
      "proof": item.proof.map(section.resolvingReferences) ?? "(the text gives no proof)",
    ])
    let stated = CandidateAnswer.normalisedStatement(statement)
    for round in 0...settings.repairRounds {
      let answer = try await formalizer.ask(conversation, temperature: 0, seed: nil) {
        (text: String) -> Result<String, ModelRole.Unusable> in
        switch CandidateAnswer.parse(text, form: .proof, demonstrated: demonstrated) {
        case .code(let code, _) where CandidateAnswer.normalisedStatement(code) != stated:
          .failure(
            ModelRole.Unusable(
              problem: "the theorem's statement differs from the one to prove",
              correction: "Keep the theorem's name and statement exactly as given; write only its proof after `:=`."))
        case .code(let code, _): .success(code)
        case .unparseable(let problem):
          .failure(
            ModelRole.Unusable(problem: problem, correction: CandidateAnswer.correction(for: problem, form: .proof)))
        }
      }
      var attempt = CandidateReport(sample: 0, round: round)
      switch answer {
      case .failed(let reason, let detail):
        outcome.faults[reason, default: 0] += 1
        attempt.problem = "the endpoint failed: \(detail)"
        attempt.fault = reason
        outcome.report.attempts.append(attempt)
        return outcome
      case .unusable(let raw, let problem):
        attempt.problem = problem
        attempt.rawAnswer = CandidateReport.kept(raw)
        outcome.report.attempts.append(attempt)
        return outcome
      case .usable(let code, _):
        attempt.lean = code
        let placement = file.appending(code, for: item)
        let check = CandidateCheck(
          compile: await checker.check(placement.text).compile, placement: placement, code: code, form: .proof)
        attempt.compile = check.outcome
        attempt.errors = check.errors
        outcome.report.attempts.append(attempt)
        if CandidateCheck.faults.contains(check.outcome) { outcome.faults["lean_\(check.outcome)", default: 0] += 1 }
        if check.passed {
          outcome.report.status = .proved
          outcome.code = code
          return outcome
        }
        guard check.outcome == "lean_error" else { return outcome }
        conversation.append(.assistant("```lean\n\(code)\n```"))
        conversation.append(.user(Self.repairRequest(check, form: .proof)))
      }
    }
    return outcome
  }

  /// Library declarations like `item`, from the retrieval index; none without one.
  private func related(_ item: SectionItem) async -> [RetrievalHit] {
    guard let retrieval, settings.retrieved > 0 else { return [] }
    let query = [item.title ?? "", item.text].joined(separator: " ")
    return (try? await retrieval.search(query, limit: settings.retrieved, sources: [.declaration])) ?? []
  }
}

extension SectionItemKind {
  /// Whether the item states something to prove (not a definition).
  var isStatement: Bool { !isDefinition }
}
