import Foundation
import HeraldCore
import LLM
import LeanREPL
import Validation

/// `herald validate`: a verdict on every translated record (compile, back-translation, judge).
enum ValidateCommand: CLICommand {
  static let spec = CommandSpec(
    name: "validate",
    abstract: "Check every translated record: compile it, translate it back, and judge the two the same.",
    usage: [
      "herald validate --db PATH [--pipeline FILE] [--samples N] [--limit N] [--module PREFIX]... [--shard I/N]"
        + " [--concurrency C] [--model NAME] [--base-url URL] [--lean-project DIR] [--repl CMD] [--header TEXT]"
        + " [--lean-workers N] [--force] [--quiet] [--json]"
    ],
    discussion: """
      For each translated record: (1) its formal_statement (the file export writes) is compiled by itself in a
      Lean REPL; (2) the informal name and statement are translated back into Lean by an LLM, up to --samples
      times (the first greedy, the others sampled); (3) each back-translation is compiled with the record's
      header; (4) a compiling one equal to the formal statement up to bound names and white space is judged the
      same without asking, else an LLM judge compares the two formal statements and ends with ||same|| or
      ||different||. Asking stops at the first judged the same. Status: passed (compiles, and a back-translation
      compiles and is the same), failed, or not_run (a check could not run: no Lean REPL configured, the
      endpoint or the REPL failed). Without a REPL (the pipeline's "lean" section, or --lean-project), compile
      checks are not_run, never passed. Models: the pipeline's "llm" section, or "validate.back_translator" and
      "validate.judge" for either role; --model/--base-url set both. A rerun keeps current verdicts and asks and
      compiles nothing twice (answers and compile results are cached in the database). Verdicts are in the
      validations table and on every exported record. Exit status 1 when a fault kept checks from running
      (each a row in failures, stage validate) or the run stopped early.
      """,
    options: [
      OptionSpec(long: "--db", valueName: "PATH", help: "The database translate wrote."),
      OptionSpec(long: "--pipeline", valueName: "FILE", help: "A pipeline file (llm, lean and validate sections)."),
      OptionSpec(
        long: "--samples", valueName: "N", help: "Back-translations per record at most.", defaultDescription: "2"),
      OptionSpec(long: "--limit", valueName: "N", help: "At most N records, module by module."),
      OptionSpec(
        long: "--module", valueName: "PREFIX", help: "Only records of modules under PREFIX.", isRepeatable: true),
      OptionSpec(long: "--shard", valueName: "I/N", help: "This machine's slice of the records."),
      OptionSpec(
        long: "--concurrency", short: "-c", valueName: "C", help: "Records validated at once.",
        defaultDescription: "4"),
      OptionSpec(long: "--model", valueName: "NAME", help: "Model for both roles at an OpenAI-compatible endpoint."),
      OptionSpec(long: "--base-url", valueName: "URL", help: "Endpoint base URL, e.g. http://host:8000/v1."),
    ] + LeanSetup.options + [
      .flag("--force", help: "Validate again records whose verdict is current."),
      .flag("--quiet", short: "-q", help: "No progress display."),
      .flag("--json", help: "Print the summary as one JSON object."),
    ])

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    if arguments.value("--db") == nil && arguments.value("--pipeline") == nil {
      throw UsageError("give --db PATH (or --pipeline FILE naming the database)", command: spec.name)
    }
    _ = try arguments.int("--samples", range: 1...128)
    _ = try arguments.int("--limit", range: 0...Int.max)
    _ = try arguments.int("--concurrency", range: 1...4096)
    if let shard = arguments.value("--shard"), Shard(shard) == nil {
      throw UsageError("--shard takes I/N with 0 <= I < N, such as 0/4, not '\(shard)'", command: spec.name)
    }
    try LeanSetup.validate(arguments, command: spec.name)
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    let config = try configuration(arguments)
    let quiet = arguments.flag("--quiet") || arguments.flag("--json")
    let display = ProgressDisplay(console: console.with(quiet: quiet))
    let session = try await LLMSession.open(config.llm, database: config.database) { display.log($0) }
    defer { session.close() }
    let report = try await stage(config, session: session, progress: display)
    if arguments.flag("--json") {
      console.print(try JSONText.encode(report))
    } else {
      console.print(summary(report, database: config.database))
    }
    return status(report)
  }

  /// The pipeline file's settings (or the defaults) with the command line's overrides.
  static func configuration(_ arguments: ParsedArguments) throws -> PipelineConfig {
    var config = try TranslateCommand.modelConfiguration(arguments, command: spec.name)
    var options = config.validate.options
    options.database = config.database
    if arguments.value("--pipeline") == nil {
      options.concurrency = config.llm.concurrency
      options.timeout = config.llm.timeout
    }
    if arguments.value("--model") != nil || arguments.value("--base-url") != nil {
      // Both roles follow the command line's endpoint.
      config.validate.backTranslator = nil
      config.validate.judge = nil
    }
    options.samples = try arguments.int("--samples") ?? options.samples
    if let limit = try arguments.int("--limit") { options.limit = limit }
    let modules = arguments.values("--module")
    if !modules.isEmpty { options.modulePrefixes = modules }
    options.shard = arguments.value("--shard").flatMap(Shard.init)
    if let concurrency = try arguments.int("--concurrency") { options.concurrency = concurrency }
    if arguments.flag("--force") { options.force = true }
    config.validate.options = options
    try LeanSetup.apply(arguments, to: &config, command: spec.name)
    return config
  }

  /// Runs the stage as `config` says, with `session` as the default model for both roles; the
  /// REPL pool and any role's own endpoint live for the run only.
  static func stage(_ config: PipelineConfig, session: LLMSession, progress: ProgressDisplay) async throws
    -> ValidateReport
  {
    let settings = config.validate
    var options = settings.options
    options.database = config.database
    var sessions: [LLMSession] = []
    func role(_ endpoint: ValidateSettings.RoleEndpoint?, stage: String) async throws -> ModelRole {
      var chosen = session
      if let endpoint {
        var llm = config.llm
        llm.provider = .openai
        llm.model = endpoint.model
        llm.baseURL = endpoint.baseURL ?? config.llm.baseURL
        llm.apiKeyVariable = endpoint.apiKeyVariable
        chosen = try await LLMSession.open(llm, database: config.database) { progress.log($0) }
        sessions.append(chosen)
      }
      return chosen.role(
        stage, maxAnswers: options.maxAnswers, maxTokens: options.maxTokens, timeout: options.timeout)
    }
    defer { sessions.forEach { $0.close() } }
    let backTranslator = try await role(settings.backTranslator, stage: "back_translate")
    let judge = try await role(settings.judge, stage: "judge")
    return try await LeanSetup.withChecker(config) { checker in
      if checker.lean == nil { progress.log("validate: \(StatementChecker.noREPLReason)") }
      return try await ValidateStage(
        options: options, checker: checker, backTranslator: backTranslator, judge: judge
      ).run(progress: progress)
    }
  }

  /// 1 when a fault kept checks from running or the run stopped early.
  static func status(_ report: ValidateReport) -> Int32 {
    report.faults.isEmpty && report.stoppedEarly == nil ? ExitStatus.success : ExitStatus.failure
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: ValidateReport, database: String) -> String {
    func counts(_ values: [String: Int]) -> String {
      values.isEmpty
        ? "none" : values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
    var lines = [
      "validate: \(report.selected) records selected: \(report.passed) passed, \(report.failed) failed, "
        + "\(report.notRun) not run, \(report.skipped) already validated, \(report.notAttempted) left "
        + "(\(String(format: "%.1f", report.seconds)) s)",
      "  formal statements: \(counts(report.compileOutcomes)); back-translations: \(report.backTranslations) "
        + "(\(counts(report.verdicts)); \(report.exactMatches) same without asking)",
      "  Lean: "
        + (report.lean.map {
          "\($0): \(report.compiles) checks, \(report.compilesCached) from the cache, "
            + "\(report.headerElaborations) header elaborations"
        } ?? "not configured, compile checks not run (\(StatementChecker.noREPLReason))"),
      "  models: back-translator \(report.backTranslator), judge \(report.judge): \(report.llmRequestsSent) "
        + "requests sent, \(report.cacheHits) cache hits, \(report.promptTokens) prompt + \(report.completionTokens) "
        + "completion tokens",
    ]
    if !report.reasons.isEmpty { lines.append("  not passed because: \(counts(report.reasons))") }
    lines.append("  verdicts: sqlite3 \(database) \"SELECT name, status, reason FROM validations\"")
    if !report.faults.isEmpty {
      lines += FailureSummary.lines(
        byReason: report.faults, stage: "validate", database: database,
        rerun: "a rerun checks these records again (answers and compile results already made are cached)")
    }
    if let stopped = report.stoppedEarly { lines.append("  stopped early: \(stopped)") }
    return lines.joined(separator: "\n")
  }
}
