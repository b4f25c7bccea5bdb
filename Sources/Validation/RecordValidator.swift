import Foundation
import HeraldCore
import LLM
import LeanREPL
import Records
import Storage

/// Validates one statement record: its formal statement compiled by itself, the informal name
/// and statement translated back into Lean sample by sample (each compiled with the record's
/// header), and each compiling back-translation compared with the formal statement — first
/// exactly (up to bound names and white space), then by the judge — until one is judged the same.
struct RecordValidator: Sendable {
  /// The version of the validation logic (parsers, restating, decisions), part of the settings
  /// a verdict was made with: a verdict of an older logic is made again.
  static let version = 2

  let checker: StatementChecker
  let backTranslator: ModelRole
  let judge: ModelRole
  let prompts: ValidationPrompts
  /// Back-translations asked at most.
  let samples: Int
  /// The temperature of samples after the first (the first is greedy).
  let sampleTemperature: Double

  /// A record to validate, with its formal statement in parts.
  struct Input: Sendable {
    var record: StatementRecord
    var formal: FormalStatement
    var kind: String
  }

  /// What validating one record gave.
  struct Result: Sendable {
    var validation: RecordValidation
    /// A fault (the endpoint, the REPL) kept a check from running: a rerun tries again.
    var fault: (reason: String, detail: String)?
    var compiles = 0
    var compilesCached = 0
    var exactMatches = 0
  }

  /// Outcomes of a compile check that a fault of the REPL gave, not Lean.
  static let faultOutcomes: Set<String> = ["timeout", "repl_error", "crashed"]

  /// Validates `input`; throws only `CancellationError` (a cancelled run records nothing for a
  /// half-validated record).
  func validate(_ input: Input) async throws -> Result {
    var result = Result(validation: RecordValidation.notValidated(reason: ""))
    let compile = try await compiled(checkText(input), into: &result)
    var samplesTaken: [RecordValidation.Sample] = []
    var fault: (reason: String, detail: String)?
    if Self.faultOutcomes.contains(compile.outcome) {
      fault = ("lean_\(compile.outcome)", "the formal statement's check: \(compile.detail ?? compile.outcome)")
    }
    // Nothing is asked when the formal statement does not compile, or its check failed: the
    // record's verdict cannot be `passed` this run.
    let asks = compile.outcome != "lean_error" && fault == nil
    if asks {
      for index in 0..<samples {
        let sample = try await sampled(index, input, into: &result, fault: &fault)
        if let sample { samplesTaken.append(sample) }
        if fault != nil || sample?.verdict == .same { break }
      }
    }
    let judged = samplesTaken.indices.filter { samplesTaken[$0].judgedBy != nil }
    let deciding = judged.first { samplesTaken[$0].verdict == .same } ?? judged.last
    let judgement = RecordValidation.Judgement(
      model: asks ? judge.model : nil, promptVersion: asks ? prompts.judge.version : nil,
      verdict: deciding.map { samplesTaken[$0].verdict } ?? (asks && fault != nil ? .notRun : .notJudged),
      sample: deciding, raw: deciding.flatMap { samplesTaken[$0].judgeAnswer },
      reason: deciding.flatMap { samplesTaken[$0].judgeReason })
    let (status, reason) = Self.status(
      compile: compile, samples: samplesTaken, fault: fault, compiled: checker.lean != nil)
    result.validation = RecordValidation(
      status: status, reason: reason, compile: compile, backTranslationModel: asks ? backTranslator.model : nil,
      backTranslationPromptVersion: asks ? prompts.backTranslate.version : nil, samples: samplesTaken,
      judge: judgement, validatedAt: Timestamp.now())
    result.fault = fault
    return result
  }

  /// Back-translation `index` of `input`: asked, compiled and judged; nil when the endpoint
  /// failed (the fault is set).
  private func sampled(
    _ index: Int, _ input: Input, into result: inout Result, fault: inout (reason: String, detail: String)?
  ) async throws -> RecordValidation.Sample? {
    let values = [
      "header": Self.headerText(input.formal), "kind": input.kind, "informal_name": input.record.informalName,
      "informal_statement": input.record.informalStatement,
    ]
    let messages = prompts.backTranslate.render(values).map { ChatMessage(role: $0.role, content: $0.content) }
    let answer = try await backTranslator.ask(
      messages, temperature: index == 0 ? 0 : sampleTemperature, seed: index == 0 ? nil : index
    ) { text in
      switch BackTranslationAnswer.parse(text) {
      case .statement(let lean, let declaration): .success((lean, declaration))
      case .unparseable(let problem):
        .failure(ModelRole.Unusable(problem: problem, correction: BackTranslationAnswer.correction(for: problem)))
      }
    }
    let lean: String
    let declaration: String
    switch answer {
    case .failed(let reason, let detail):
      fault = (reason, "back-translation \(index): \(detail)")
      return nil
    case .unusable(let raw, let problem):
      return RecordValidation.Sample(
        text: nil, rawAnswer: raw,
        compile: RecordValidation.Compile(outcome: "not_run", detail: "no Lean statement in the answer: \(problem)"),
        verdict: .notJudged, judgedBy: nil)
    case .usable(let value, _):
      (lean, declaration) = value
    }
    let text = Self.backTranslationText(lean, formal: input.formal)
    let compile = try await compiled(text, into: &result)
    var sample = RecordValidation.Sample(
      text: text, rawAnswer: nil, compile: compile, verdict: .notJudged, judgedBy: nil)
    if Self.faultOutcomes.contains(compile.outcome) {
      fault = ("lean_\(compile.outcome)", "back-translation \(index): \(compile.detail ?? compile.outcome)")
      return sample
    }
    guard compile.outcome != "lean_error" else { return sample }
    if StatementNormalizer.sameStatement(
      input.formal.declaration, declaration, includingValue: !Self.isStatement(input.kind))
    {
      sample.verdict = .same
      sample.judgedBy = "exact"
      sample.judgeReason = "equal up to bound names and white space"
      result.exactMatches += 1
      return sample
    }
    switch try await judged(original: Self.judgedStatement(input.formal), backTranslation: lean) {
    case .failed(let reason, let detail):
      sample.verdict = .notRun
      fault = (reason, "judge of back-translation \(index): \(detail)")
    case .unusable(let raw, _):
      sample.verdict = .unparseable
      sample.judgedBy = "model"
      sample.judgeAnswer = raw
    case .usable(let (verdict, reason), let raw):
      sample.verdict = verdict
      sample.judgedBy = "model"
      sample.judgeAnswer = raw
      sample.judgeReason = reason
    }
    return sample
  }

  /// The overall verdict and its reason; `compiled` says whether a REPL is configured.
  static func status(
    compile: RecordValidation.Compile, samples: [RecordValidation.Sample], fault: (reason: String, detail: String)?,
    compiled: Bool
  ) -> (RecordValidation.Status, String?) {
    if compile.outcome == "lean_error" {
      let first = compile.messages.first { $0.severity == "error" }
      let message = first.map { "line \($0.line): \($0.text.split(separator: "\n").first ?? "")" } ?? "an error"
      return (.failed, "the formal statement does not compile (\(message))")
    }
    if let fault { return (.notRun, "a check could not run: \(fault.detail)") }
    if let same = samples.firstIndex(where: { $0.verdict == .same }) {
      if compile.passed, samples[same].compile.passed { return (.passed, nil) }
      return (
        .notRun,
        compiled
          ? "a compile check did not run"
          : "judged the same theorem, but the compile checks did not run: \(StatementChecker.noREPLReason)"
      )
    }
    if samples.isEmpty || samples.allSatisfy({ $0.text == nil }) {
      return (.failed, "the back-translator gave no Lean statement in \(samples.count) sample(s)")
    }
    if samples.allSatisfy({ $0.text == nil || $0.compile.outcome == "lean_error" }) {
      return (.failed, "no back-translation compiles")
    }
    return (.failed, "no back-translation was judged to state the same theorem")
  }

  /// Asks the judge whether `backTranslation` states `original`.
  private func judged(original: String, backTranslation: String) async throws
    -> ModelRole.Answer<
      (RecordValidation.Verdict, String?)
    >
  {
    let messages = prompts.judge.render(["formal_statement": original, "back_translation": backTranslation]).map {
      ChatMessage(role: $0.role, content: $0.content)
    }
    return try await judge.ask(messages, temperature: 0, seed: nil) { text in
      switch JudgeAnswer.parse(text) {
      case .verdict(let verdict, let reason): .success((verdict, reason))
      case .unparseable(let problem):
        .failure(ModelRole.Unusable(problem: problem, correction: JudgeAnswer.correction))
      }
    }
  }

  /// Compiles `text`, counting the check. A check that did not run because the run is being
  /// cancelled (the pool answers `not_run` then) ends the record here: it is not a verdict.
  private func compiled(_ text: String, into result: inout Result) async throws -> RecordValidation.Compile {
    let (compile, cached) = await checker.check(text)
    try Task.checkCancellation()
    if compile.outcome != "not_run" {
      result.compiles += 1
      if cached { result.compilesCached += 1 }
    } else if checker.lean != nil {
      // A configured REPL answered `not_run` without a cancellation: count it as its fault.
      return RecordValidation.Compile(outcome: "repl_error", detail: compile.detail, lean: compile.lean)
    }
    return compile
  }

  /// The text the formal statement is checked as: the record's own, or, when the checker puts
  /// one literal header (such as `import Mathlib`) in place of the imports, the statement
  /// restated for a file where the library declares its name.
  func checkText(_ input: Input) -> String {
    checker.replacesImports ? input.formal.restated.text : input.record.formalStatement
  }

  /// Kinds whose meaning is their type alone (their body, if any, is a proof).
  static func isStatement(_ kind: String) -> Bool { kind == "theorem" || kind == "axiom" }

  /// The header the back-translator is shown: imports, universes, `open` lines and namespace.
  static func headerText(_ formal: FormalStatement) -> String {
    var lines = formal.imports.map { "import \($0)" }
    if !formal.universes.isEmpty { lines.append("universe " + formal.universes.joined(separator: " ")) }
    lines += formal.openLines
    if !formal.namespace.isEmpty { lines.append("namespace \(formal.namespace)") }
    return lines.isEmpty ? "(Lean core only)" : lines.joined(separator: "\n")
  }

  /// A back-translation as a file: the record's header (imports, universes, `open` lines,
  /// namespace; not its `variable` lines: the statement must stand on its own) and `lean`.
  static func backTranslationText(_ lean: String, formal: FormalStatement) -> String {
    FormalStatement(
      imports: formal.imports, universes: formal.universes, openLines: formal.openLines,
      namespace: formal.namespace, variableLines: [], declaration: lean
    ).text
  }

  /// The formal statement as the judge sees it: the declaration after the `variable` lines it
  /// may use.
  static func judgedStatement(_ formal: FormalStatement) -> String {
    (formal.variableLines + [formal.declaration]).joined(separator: "\n")
  }
}
