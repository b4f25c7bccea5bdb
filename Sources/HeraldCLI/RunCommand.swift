import Augmentation
import Export
import Extraction
import Foundation
import LLM
import Translation
import Validation

/// `herald run PIPELINE.json`: every configured stage in order, one progress display, one summary.
enum RunCommand: CLICommand {
  static let spec = CommandSpec(
    name: "run",
    abstract: "Run a pipeline file's stages in order: extract, translate, augment, validate, then export.",
    usage: ["herald run PIPELINE.json [--limit N] [--force] [--quiet] [--json]"],
    discussion: """
      The pipeline file names the database, the extract input (a Lake project or recorded analyzer output), the
      model ("llm": provider "local" starts the bundled SmolLM2 server, "openai" uses any OpenAI-compatible
      endpoint), the translate settings, augment (runs with an "augment" section: tactic states, rewrites, proofs;
      translate then informalizes the tactic states), validate (runs unless "validate": {"enabled": false};
      without a "lean" section its compile checks are not_run), and the export ("export": out, views, shards, val_fraction,
      test_fraction, seed; by default every view into <database name>-dataset next to the database); see
      pipelines/sample.json and the README. Each stage resumes: unchanged modules and declarations with an
      outcome are skipped, and cached answers cost no requests; export rewrites the dataset from the database.
      With --json the summary is one object with each stage's report and the run's LLM usage
      (llm_requests_sent, cache_hits, prompt_tokens, completion_tokens).
      """,
    options: [
      OptionSpec(long: "--limit", valueName: "N", help: "Translate at most N declarations."),
      .flag("--force", help: "Redo every stage's work, even what is done."),
      .flag("--quiet", short: "-q", help: "No progress display."),
      .flag("--json", help: "Print the summary as one JSON object."),
    ],
    arguments: [PositionalSpec("PIPELINE.json", help: "The pipeline file.")])

  /// The `--json` summary.
  struct Summary: Encodable {
    var pipeline: String
    var database: String
    var extract: ExtractReport?
    var translate: TranslateReport?
    var augment: AugmentStageReport?
    var validate: ValidateReport?
    var export: ExportReport?
    /// Why export wrote nothing, when it could not run.
    var exportError: String?
    var llmRequestsSent: Int
    var cacheHits: Int
    var promptTokens: Int
    var completionTokens: Int

    enum CodingKeys: String, CodingKey {
      case pipeline, database, extract, translate, augment, validate, export
      case exportError = "export_error"
      case llmRequestsSent = "llm_requests_sent"
      case cacheHits = "cache_hits"
      case promptTokens = "prompt_tokens"
      case completionTokens = "completion_tokens"
    }
  }

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    _ = try arguments.int("--limit", range: 0...Int.max)
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    let path = arguments.positional("PIPELINE.json") ?? ""
    var config = try PipelineConfig.load(path)
    if let limit = try arguments.int("--limit") { config.translate.limit = limit }
    let force = arguments.flag("--force")
    config.translate.force = force
    let json = arguments.flag("--json")
    let display = ProgressDisplay(console: console.with(quiet: arguments.flag("--quiet") || json))
    var lines: [String] = []
    var status = ExitStatus.success

    var extractReport: ExtractReport?
    if var extract = config.extract {
      extract.force = force
      let report = try await ExtractStage(options: extract).run(progress: display)
      extractReport = report
      lines.append(ExtractCommand.summary(report, database: config.database))
      if report.failed > 0 { status = ExitStatus.failure }
    }

    let session = try await LLMSession.open(config.llm, database: config.database) { display.log($0) }
    defer { session.close() }
    var translateReport = try await TranslateStage(
      options: config.translate, client: session.client, model: session.model, meter: session.meter
    ).run(progress: display)
    lines.append(TranslateCommand.summary(translateReport, database: config.database))
    if TranslateCommand.status(translateReport) != ExitStatus.success { status = ExitStatus.failure }

    var augmentReport: AugmentStageReport?
    if config.augment.enabled {
      try Task.checkCancellation()
      var augment = config
      augment.augment.settings.force = force
      let report = try await AugmentCommand.stage(augment, session: session, progress: display)
      augmentReport = report
      lines.append(AugmentCommand.summary(report, database: config.database))
      if AugmentCommand.status(report) != ExitStatus.success { status = ExitStatus.failure }
      // The tactic states just made are informalized by translate, now that their parents are.
      var states = config.translate
      states.force = false
      let second = try await TranslateStage(
        options: states, client: session.client, model: session.model, meter: session.meter
      ).run(progress: display)
      translateReport.tacticStates = second.tacticStates
      translateReport.llmRequestsSent += second.llmRequestsSent
      translateReport.cacheHits += second.cacheHits
      translateReport.promptTokens += second.promptTokens
      translateReport.completionTokens += second.completionTokens
      let tactic = second.tacticStates
      lines.append(
        "translate: tactic states: \(tactic.translated) translated, \(tactic.abstained) abstained, "
          + "\(tactic.failed) failed, \(tactic.waiting) waiting")
    }

    var validateReport: ValidateReport?
    if config.validate.enabled {
      try Task.checkCancellation()
      var validate = config
      validate.validate.options.force = force
      let report = try await ValidateCommand.stage(validate, session: session, progress: display)
      validateReport = report
      lines.append(ValidateCommand.summary(report, database: config.database))
      if ValidateCommand.status(report) != ExitStatus.success { status = ExitStatus.failure }
    }

    // Export rewrites the dataset from what the database holds now; an export that cannot run
    // is reported with the other stages' summaries rather than hiding them. An interrupted run
    // (its task cancelled) stops before it.
    try Task.checkCancellation()
    var exportReport: ExportReport?
    var exportError: String?
    config.export.database = config.database
    do {
      let report = try await ExportStage(options: config.export).run(progress: display)
      exportReport = report
      lines.append(ExportCommand.summary(report, database: config.database))
      if ExportCommand.status(report) != ExitStatus.success { status = ExitStatus.failure }
    } catch let error as ExportError {
      exportError = error.description
      lines.append("export: \(error.description)")
      status = ExitStatus.failure
    }

    if json {
      // The stages' own counts, which include validate's roles when they have endpoints of their own.
      let validate = validateReport
      console.print(
        try JSONText.encode(
          Summary(
            pipeline: path, database: config.database, extract: extractReport, translate: translateReport,
            augment: augmentReport, validate: validateReport, export: exportReport, exportError: exportError,
            llmRequestsSent: translateReport.llmRequestsSent + (augmentReport?.llmRequestsSent ?? 0)
              + (validate?.llmRequestsSent ?? 0),
            cacheHits: translateReport.cacheHits + (augmentReport?.cacheHits ?? 0) + (validate?.cacheHits ?? 0),
            promptTokens: translateReport.promptTokens + (augmentReport?.promptTokens ?? 0)
              + (validate?.promptTokens ?? 0),
            completionTokens: translateReport.completionTokens + (augmentReport?.completionTokens ?? 0)
              + (validate?.completionTokens ?? 0))))
    } else {
      console.print(lines.joined(separator: "\n"))
    }
    return status
  }
}
