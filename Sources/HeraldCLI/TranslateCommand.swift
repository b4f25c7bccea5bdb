import Foundation
import HeraldCore
import LLM
import Translation

/// `herald translate`: informal names and statements for the declarations of a database.
enum TranslateCommand: CLICommand {
  static let spec = CommandSpec(
    name: "translate",
    abstract: "Translate declarations into informal names and LaTeX statements with an LLM, dependencies first.",
    usage: [
      "herald translate --db PATH [--pipeline FILE] [--limit N] [--module PREFIX]... [--shard I/N]"
        + " [--concurrency C] [--model NAME] [--base-url URL] [--scheduler MODE] [--force] [--retry-unusable]"
        + " [--quiet] [--json]",
      "herald translate --section SOURCE [--label LABEL | --number N] [--format latex|html] --out FILE.lean"
        + " --db PATH [--pipeline FILE] [--samples N] [--repair-rounds K] [--prove] [--lean-project DIR]"
        + " [--repl CMD] [--header TEXT] [--parse-only] [--quiet] [--json]",
    ],
    discussion: """
      The model: with --pipeline, its "llm" section; else with --model (or --base-url), the OpenAI-compatible
      endpoint at --base-url or $OPENAI_BASE_URL, key from $OPENAI_API_KEY; else the local SmolLM2 server that
      herald starts from .venv-model (made by scripts/setup-model).
      A declaration is sent once all its dependencies have an outcome (a cycle is one group). Outcomes:
      translated, abstained (the model said it cannot translate faithfully) or failed (a row in failures, the
      raw answer kept). A rerun skips declarations with an outcome and asks again only after endpoint failures
      (and, with --retry-unusable, unusable answers); answers are cached in the database.
      --shard I/N (0 <= I < N) takes the I-th of N disjoint slices by a stable hash of the names, for N machines
      sharing one database's work; see the README for merging the shards.
      Exit status 1 when the endpoint failed for some declaration (HTTP errors, timeouts, unreachable) or the
      run stopped early; answers the model got wrong are counted in the summary, not errors.

      With --section SOURCE, a section of mathematics instead: a LaTeX file (\\section, definition/lemma/
      theorem/... environments with \\label and \\ref, the preamble's macros) or an HTML page (LaTeXML, as arXiv
      serves it, or Stacks-style tag pages), the format detected or given by --format. A file with several
      sections needs --label or --number. Items are formalized in order: each prompt shows the earlier items'
      accepted Lean, the items it references and related declarations from the database's retrieval index; up to
      --samples candidates, each compiled in the file as it stands (Lean REPL: the pipeline's "lean" section or
      --lean-project), Lean's errors sent back up to --repair-rounds times; a compiling candidate is read back into
      an informal statement and judged against the item, and the first judged the same is accepted. Otherwise the
      best is written commented out with its errors. Without a REPL every item is marked not compiled. --prove
      asks for proofs and keeps one only when it compiles without sorry. Writes FILE.lean, FILE.report.json and
      FILE.report.md. Faults of the endpoint or the REPL are reported per item and redone by a rerun; exit status 1
      only when the endpoint answered nothing at all. --parse-only prints the items and stops.
      """,
    options: [
      OptionSpec(long: "--db", valueName: "PATH", help: "The database written by extract."),
      OptionSpec(long: "--pipeline", valueName: "FILE", help: "A pipeline file (model, prompts, examples)."),
      OptionSpec(long: "--limit", valueName: "N", help: "At most N declarations, lowest levels first."),
      OptionSpec(
        long: "--module", valueName: "PREFIX", help: "Only declarations of modules under PREFIX.",
        isRepeatable: true),
      OptionSpec(long: "--shard", valueName: "I/N", help: "This machine's slice of the work."),
      OptionSpec(
        long: "--concurrency", short: "-c", valueName: "C", help: "Requests in flight at once.",
        defaultDescription: "4"),
      OptionSpec(long: "--model", valueName: "NAME", help: "Model name at an OpenAI-compatible endpoint."),
      OptionSpec(long: "--base-url", valueName: "URL", help: "Endpoint base URL, e.g. http://host:8000/v1."),
      OptionSpec(
        long: "--scheduler", valueName: "MODE",
        help: "dataflow, or levels[:BATCH] (LeanSearch's level barriers, for comparison).",
        defaultDescription: "dataflow"),
      .flag("--force", help: "Translate again declarations that already have an outcome."),
      .flag("--retry-unusable", help: "Ask again where earlier answers were unusable."),
      .flag("--quiet", short: "-q", help: "No progress display."),
      .flag("--json", help: "Print the summary as one JSON object."),
    ] + SectionTranslation.options + LeanSetup.options)

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    try SectionTranslation.validate(arguments, command: spec.name)
    if arguments.value("--section") != nil {
      _ = try arguments.int("--concurrency", range: 1...4096)
      return
    }
    if arguments.value("--db") == nil && arguments.value("--pipeline") == nil {
      throw UsageError("give --db PATH (or --pipeline FILE naming the database)", command: spec.name)
    }
    _ = try arguments.int("--limit", range: 0...Int.max)
    _ = try arguments.int("--concurrency", range: 1...4096)
    if let mode = arguments.value("--scheduler"), SchedulingMode(mode) == nil {
      throw UsageError("--scheduler takes dataflow or levels[:BATCH], not '\(mode)'", command: spec.name)
    }
    if let shard = arguments.value("--shard"), Shard(shard) == nil {
      throw UsageError("--shard takes I/N with 0 <= I < N, such as 0/4, not '\(shard)'", command: spec.name)
    }
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    if arguments.value("--section") != nil {
      return try await SectionTranslation.run(arguments, console, command: spec.name)
    }
    var config = try configuration(arguments)
    let quiet = arguments.flag("--quiet") || arguments.flag("--json")
    let display = ProgressDisplay(console: console.with(quiet: quiet))
    let session = try await LLMSession.open(config.llm, database: config.database) { display.log($0) }
    defer { session.close() }
    config.translate.database = config.database
    let report = try await TranslateStage(
      options: config.translate, client: session.client, model: session.model, meter: session.meter
    ).run(progress: display)
    if arguments.flag("--json") {
      console.print(try JSONText.encode(report))
    } else {
      console.print(summary(report, database: config.database))
    }
    return status(report)
  }

  /// The pipeline file's settings (or the defaults) with the command line's overrides.
  static func configuration(_ arguments: ParsedArguments) throws -> PipelineConfig {
    var config = try modelConfiguration(arguments, command: spec.name)
    if let concurrency = try arguments.int("--concurrency") { config.translate.concurrency = concurrency }
    if let limit = try arguments.int("--limit") { config.translate.limit = limit }
    let modules = arguments.values("--module")
    if !modules.isEmpty { config.translate.modulePrefixes = modules }
    config.translate.shard = arguments.value("--shard").flatMap(Shard.init)
    if arguments.flag("--force") { config.translate.force = true }
    if arguments.flag("--retry-unusable") { config.translate.retryUnusable = true }
    if let mode = arguments.value("--scheduler").flatMap(SchedulingMode.init) { config.translate.scheduling = mode }
    return config
  }

  /// The options a command that asks a model shares (`--pipeline`, `--db`, `--model`,
  /// `--base-url`, `--concurrency`) applied to the pipeline file's settings or the defaults;
  /// usage errors name `command`'s help.
  static func modelConfiguration(_ arguments: ParsedArguments, command: String) throws -> PipelineConfig {
    var config: PipelineConfig
    if let file = arguments.value("--pipeline") {
      config = try PipelineConfig.load(file)
    } else {
      let database = arguments.value("--db") ?? ""
      config = PipelineConfig(
        path: "", database: database, extract: nil, translate: TranslateOptions(database: database))
    }
    if let database = arguments.value("--db") { config.database = database }
    if arguments.value("--model") != nil || arguments.value("--base-url") != nil {
      config.llm.provider = .openai
      config.llm.model = arguments.value("--model") ?? config.llm.model
      config.llm.baseURL = arguments.value("--base-url") ?? config.llm.baseURL
      guard config.llm.model != nil else {
        throw UsageError("--base-url needs --model NAME (the model the endpoint serves)", command: command)
      }
    }
    if let concurrency = try arguments.int("--concurrency") { config.llm.concurrency = concurrency }
    return config
  }

  /// 1 when the endpoint failed for some declaration or the run stopped early.
  static func status(_ report: TranslateReport) -> Int32 {
    let endpointFailures = report.failuresByReason.filter { $0.key != "unparseable" }.values.reduce(0, +)
    return endpointFailures == 0 && report.stoppedEarly == nil ? ExitStatus.success : ExitStatus.failure
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: TranslateReport, database: String) -> String {
    var lines = [
      "translate: \(report.selected) declarations selected: \(report.translated) translated, "
        + "\(report.abstained) abstained, \(report.failed) failed, \(report.skipped) already done, "
        + "\(report.notAttempted) left (\(String(format: "%.1f", report.seconds)) s)",
      "  model \(report.model): \(report.llmRequestsSent) requests sent, \(report.cacheHits) cache hits, "
        + "\(report.promptTokens) prompt + \(report.completionTokens) completion tokens",
      "  database: \(database)",
    ]
    if report.failed > 0 {
      lines += FailureSummary.lines(
        byReason: report.failuresByReason, stage: "translate", database: database,
        rerun: "raw answers in translations.raw_answer; a rerun asks again after endpoint failures, "
          + "--retry-unusable also where answers were unusable")
    }
    if let stopped = report.stoppedEarly { lines.append("  stopped early: \(stopped)") }
    return lines.joined(separator: "\n")
  }
}
