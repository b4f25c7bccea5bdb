import Foundation
import HeraldCore
import LLM
import Records
import Storage

/// Validates one statement record: its formal statement compiled by itself, the informal name
/// and statement translated back into Lean sample by sample (each compiled with the record's
/// header), and each compiling back-translation compared with the formal statement — first
/// exactly (up to bound names and white space), then by the judge — until one is judged the same.
struct RecordValidator: Sendable {
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

  /// Validates `input`; throws only `CancellationError`.
  func validate(_ input: Input) async throws -> Result {
    let formal = input.formal
    var result = Result(validation: RecordValidation.notValidated(reason: ""))
    let compile = await compiled(checkText(input), into: &result)
    var samplesTaken: [RecordValidation.Sample] = []
    var fault: (reason: String, detail: String)?
    if ["timeout", "repl_error", "crashed"].contains(compile.outcome) {
      fault = ("lean_\(compile.outcome)", "the formal statement's check: \(compile.detail ?? compile.outcome)")
    }
    var judgements: [(index: Int, verdict: RecordValidation.Verdict, raw: String?, reason: String?)] = []
    if compile.outcome != "lean_error" {
      let original = formal.declaration
      let header = Self.headerText(formal)
      for index in 0..<samples {
        let values = [
          "header": header, "kind": input.kind, "informal_name": input.record.informalName,
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
        switch answer {
        case .failed(let reason, let detail):
          fault = (reason, "back-translation \(index): \(detail)")
        case .unusable(let raw, let problem):
          samplesTaken.append(
            RecordValidation.Sample(
              text: nil, rawAnswer: raw,
              compile: RecordValidation.Compile(
                outcome: "not_run", detail: "no Lean statement in the answer: \(problem)"),
              verdict: .notJudged, judgedBy: nil))
        case .usable(let (lean, declaration), _):
          let text = Self.backTranslationText(lean, formal: formal)
          let sampleCompile = await compiled(text, into: &result)
          var sample = RecordValidation.Sample(
            text: text, rawAnswer: nil, compile: sampleCompile, verdict: .notJudged, judgedBy: nil)
          if ["timeout", "repl_error", "crashed"].contains(sampleCompile.outcome) {
            fault =
              fault ?? ("lean_\(sampleCompile.outcome)", "back-translation \(index): \(sampleCompile.detail ?? "")")
          } else if sampleCompile.outcome != "lean_error" {
            if StatementNormalizer.sameStatement(original, declaration, includingValue: !Self.isStatement(input.kind)) {
              sample.verdict = .same
              sample.judgedBy = "exact"
              result.exactMatches += 1
              judgements.append((samplesTaken.count, .same, nil, "equal up to bound names and white space"))
            } else {
              let verdict = try await judged(original: Self.judgedStatement(formal), backTranslation: declaration)
              switch verdict {
              case .failed(let reason, let detail):
                sample.verdict = .notRun
                fault = (reason, "judge of back-translation \(index): \(detail)")
              case .unusable(let raw, _):
                sample.verdict = .unparseable
                sample.judgedBy = "model"
                judgements.append((samplesTaken.count, .unparseable, raw, nil))
              case .usable(let (value, reason), let raw):
                sample.verdict = value
                sample.judgedBy = "model"
                judgements.append((samplesTaken.count, value, raw, reason))
              }
            }
          }
          samplesTaken.append(sample)
        }
        if fault != nil || samplesTaken.last?.verdict == .same { break }
      }
    }
    let deciding = judgements.first { $0.verdict == .same } ?? judgements.last
    let judgement = RecordValidation.Judgement(
      model: judge.model, promptVersion: prompts.judge.version,
      verdict: deciding?.verdict ?? (fault != nil && compile.outcome != "lean_error" ? .notRun : .notJudged),
      sample: deciding?.index, raw: deciding?.raw, reason: deciding?.reason)
    let (status, reason) = Self.status(compile: compile, samples: samplesTaken, fault: fault)
    result.validation = RecordValidation(
      status: status, reason: reason, compile: compile, backTranslationModel: backTranslator.model,
      backTranslationPromptVersion: prompts.backTranslate.version, samples: samplesTaken, judge: judgement,
      validatedAt: Timestamp.now())
    result.fault = fault
    return result
  }

  /// The overall verdict and its reason.
  static func status(
    compile: RecordValidation.Compile, samples: [RecordValidation.Sample], fault: (reason: String, detail: String)?
  ) -> (RecordValidation.Status, String?) {
    if compile.outcome == "lean_error" {
      let first = compile.messages.first { $0.severity == "error" }
      let message = first.map { "line \($0.line): \($0.text.split(separator: "\n").first ?? "")" } ?? "an error"
      return (.failed, "the formal statement does not compile (\(message))")
    }
    if let same = samples.firstIndex(where: { $0.verdict == .same }) {
      if compile.passed, samples[same].compile.passed { return (.passed, nil) }
      if let fault { return (.notRun, "a check could not run: \(fault.detail)") }
      return (.notRun, "judged the same theorem, but the compile checks did not run: \(StatementChecker.noREPLReason)")
    }
    if let fault { return (.notRun, "a check could not run: \(fault.detail)") }
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

  /// Compiles `text`, counting the check.
  private func compiled(_ text: String, into result: inout Result) async -> RecordValidation.Compile {
    let (compile, cached) = await checker.check(text)
    if compile.outcome != "not_run" {
      result.compiles += 1
      if cached { result.compilesCached += 1 }
    }
    return compile
  }

  /// The text the formal statement is checked as: the record's own, or, when the checker puts
  /// one literal header (such as `import Mathlib`) in place of the imports, the declaration
  /// restated as an example (the library declares its name already).
  func checkText(_ input: Input) -> String {
    guard checker.replacesImports, let head = DeclarationHead(input.formal.declaration), head.keyword != "example"
    else { return input.record.formalStatement }
    var formal = input.formal
    formal.declaration = head.example
    return formal.text
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
