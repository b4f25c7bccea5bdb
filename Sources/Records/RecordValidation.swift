import HeraldCore

/// The verdicts of the validation stage on one statement record: the record's `validation`
/// object (`schemas/statement.schema.json`), as the stage stores it and export writes it.
///
/// Every member is always present, with `not_run` values for checks that did not run, so that
/// all lines of a dataset have one shape (Hugging Face `datasets` infers one type per field).
public struct RecordValidation: Sendable, Hashable {
  /// The overall verdict.
  public enum Status: String, Sendable, Hashable, CaseIterable {
    /// The formal statement compiles, and a back-translation of the informal statement compiles
    /// and states the same theorem.
    case passed
    /// The formal statement does not compile, or no back-translation states the same theorem.
    case failed
    /// A check could not run (no Lean REPL configured, the endpoint failed, …); `reason` says which.
    case notRun = "not_run"
  }

  /// A judge's verdict on one back-translation.
  public enum Verdict: String, Sendable, Hashable, CaseIterable {
    case same, different, unparseable
    /// Not compared: the back-translation did not parse or compile.
    case notJudged = "not_judged"
    /// The judge could not be asked (the endpoint failed).
    case notRun = "not_run"
  }

  /// One Lean message of a compile check, positioned in the checked text.
  public struct Message: Sendable, Hashable {
    public var severity: String
    public var line: Int
    public var column: Int
    public var endLine: Int?
    public var endColumn: Int?
    public var text: String

    /// A message.
    public init(severity: String, line: Int, column: Int, endLine: Int?, endColumn: Int?, text: String) {
      self.severity = severity
      self.line = line
      self.column = column
      self.endLine = endLine
      self.endColumn = endColumn
      self.text = text
    }
  }

  /// A compile check of one Lean text.
  public struct Compile: Sendable, Hashable {
    /// `ok`, `sorry`, `lean_error`, `timeout`, `repl_error`, `crashed` or `not_run`.
    public var outcome: String
    public var messages: [Message]
    /// Why it did not run or what went wrong with the REPL (nil for Lean's own verdicts).
    public var detail: String?
    /// The Lean setup that checked it (toolchain, REPL command, project, header policy).
    public var lean: String?

    /// A compile check.
    public init(outcome: String, messages: [Message] = [], detail: String? = nil, lean: String? = nil) {
      self.outcome = outcome
      self.messages = messages
      self.detail = detail
      self.lean = lean
    }

    /// Whether the text passed a statement check (`sorry` warnings allowed).
    public var passed: Bool { outcome == "ok" || outcome == "sorry" }
  }

  /// One back-translation: the model's Lean statement for the informal statement.
  public struct Sample: Sendable, Hashable {
    /// The Lean text checked (the header and the model's declaration as an example); nil when
    /// the answer held no Lean declaration.
    public var text: String?
    /// The model's answer when it held no declaration, so the failure can be seen.
    public var rawAnswer: String?
    public var compile: Compile
    public var verdict: Verdict
    /// `exact` when the statements are equal up to bound names and white space (no model asked),
    /// `model` when the judge decided, nil when not judged.
    public var judgedBy: String?
    /// The judge's answer on this sample, as received.
    public var judgeAnswer: String?
    /// The judge's reasoning before its verdict (or why the exact check decided).
    public var judgeReason: String?

    /// A sample.
    public init(
      text: String?, rawAnswer: String?, compile: Compile, verdict: Verdict, judgedBy: String?,
      judgeAnswer: String? = nil, judgeReason: String? = nil
    ) {
      self.text = text
      self.rawAnswer = rawAnswer
      self.compile = compile
      self.verdict = verdict
      self.judgedBy = judgedBy
      self.judgeAnswer = judgeAnswer
      self.judgeReason = judgeReason
    }
  }

  /// The judge's decision for the record.
  public struct Judgement: Sendable, Hashable {
    public var model: String?
    public var promptVersion: String?
    /// What the judge compares: the record's formal statement with a back-translation.
    public var compared = "formal_statements"
    /// The verdict on the sample that decided (the first judged same, else the last judged).
    public var verdict: Verdict
    /// That sample's index in `samples`.
    public var sample: Int?
    /// The judge's raw answer for that sample.
    public var raw: String?
    /// The judge's stated reason (its answer before the verdict), when it gave one.
    public var reason: String?

    /// A judgement.
    public init(
      model: String?, promptVersion: String?, verdict: Verdict, sample: Int?, raw: String?, reason: String?
    ) {
      self.model = model
      self.promptVersion = promptVersion
      self.verdict = verdict
      self.sample = sample
      self.raw = raw
      self.reason = reason
    }
  }

  public var status: Status
  public var reason: String?
  /// The record's formal statement compiled by itself.
  public var compile: Compile
  /// The back-translator and its samples.
  public var backTranslationModel: String?
  public var backTranslationPromptVersion: String?
  public var samples: [Sample]
  public var judge: Judgement
  public var heraldVersion: String
  /// When the verdict was made (ISO 8601, UTC); kept across reruns that reuse it.
  public var validatedAt: String?

  /// A validation.
  public init(
    status: Status, reason: String?, compile: Compile, backTranslationModel: String?,
    backTranslationPromptVersion: String?, samples: [Sample], judge: Judgement,
    heraldVersion: String = HeraldVersion.string, validatedAt: String?
  ) {
    self.status = status
    self.reason = reason
    self.compile = compile
    self.backTranslationModel = backTranslationModel
    self.backTranslationPromptVersion = backTranslationPromptVersion
    self.samples = samples
    self.judge = judge
    self.heraldVersion = heraldVersion
    self.validatedAt = validatedAt
  }

  /// The object of a record `herald validate` has not judged (or judged for other texts).
  public static func notValidated(reason: String) -> RecordValidation {
    RecordValidation(
      status: .notRun, reason: reason, compile: Compile(outcome: "not_run", detail: reason),
      backTranslationModel: nil, backTranslationPromptVersion: nil, samples: [],
      judge: Judgement(model: nil, promptVersion: nil, verdict: .notRun, sample: nil, raw: nil, reason: nil),
      validatedAt: nil)
  }

  /// The object as compact JSON with sorted keys (the text stored and exported).
  public var json: String {
    var writer = JSONWriter(keyOrder: .codePoint)
    writer.beginObject()
    writer.key("status")
    writer.value(status.rawValue)
    writer.key("reason")
    writer.value(reason)
    writer.key("compile")
    compile.write(to: &writer)
    writer.key("back_translation")
    writer.beginObject()
    writer.key("model")
    writer.value(backTranslationModel)
    writer.key("prompt_version")
    writer.value(backTranslationPromptVersion)
    writer.key("samples")
    writer.beginArray()
    for sample in samples {
      writer.beginObject()
      writer.key("text")
      writer.value(sample.text)
      writer.key("raw_answer")
      writer.value(sample.rawAnswer)
      writer.key("compile")
      sample.compile.write(to: &writer)
      writer.key("verdict")
      writer.value(sample.verdict.rawValue)
      writer.key("judged_by")
      writer.value(sample.judgedBy)
      writer.key("judge_answer")
      writer.value(sample.judgeAnswer)
      writer.key("judge_reason")
      writer.value(sample.judgeReason)
      writer.endObject()
    }
    writer.endArray()
    writer.endObject()
    writer.key("judge")
    writer.beginObject()
    writer.key("model")
    writer.value(judge.model)
    writer.key("prompt_version")
    writer.value(judge.promptVersion)
    writer.key("compared")
    writer.value(judge.compared)
    writer.key("verdict")
    writer.value(judge.verdict.rawValue)
    writer.key("sample")
    writer.value(judge.sample)
    writer.key("raw")
    writer.value(judge.raw)
    writer.key("reason")
    writer.value(judge.reason)
    writer.endObject()
    writer.key("herald_version")
    writer.value(heraldVersion)
    writer.key("validated_at")
    writer.value(validatedAt)
    writer.endObject()
    return writer.string
  }
}

extension RecordValidation.Compile {
  /// Writes the check as the `compile` objects of a record's `validation` (keys sorted when the
  /// writer sorts them).
  public func write(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("outcome")
    writer.value(outcome)
    writer.key("messages")
    writer.beginArray()
    for message in messages {
      writer.beginObject()
      writer.key("severity")
      writer.value(message.severity)
      writer.key("line")
      writer.value(message.line)
      writer.key("column")
      writer.value(message.column)
      writer.key("end_line")
      writer.value(message.endLine)
      writer.key("end_column")
      writer.value(message.endColumn)
      writer.key("text")
      writer.value(message.text)
      writer.endObject()
    }
    writer.endArray()
    writer.key("detail")
    writer.value(detail)
    writer.key("lean")
    writer.value(lean)
    writer.endObject()
  }

  /// The check `write(to:)` wrote; nil when `json` is not such an object.
  public init?(json: JSONValue) {
    guard let outcome = json["outcome"]?.string else { return nil }
    let messages = json["messages"]?.elements.map { message in
      RecordValidation.Message(
        severity: message["severity"]?.string ?? "error", line: message["line"]?.int ?? 0,
        column: message["column"]?.int ?? 0, endLine: message["end_line"]?.int,
        endColumn: message["end_column"]?.int, text: message["text"]?.string ?? "")
    }
    self.init(outcome: outcome, messages: messages ?? [], detail: json["detail"]?.string, lean: json["lean"]?.string)
  }
}
