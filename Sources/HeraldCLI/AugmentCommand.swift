import Augmentation
import Foundation
import LLM
import LeanREPL
import Storage

/// `herald augment`: the rest of Herald's data from the translated theorems: proof states made
/// theorems, informal rewrites and informal proofs, each traced to its parent.
enum AugmentCommand: CLICommand {
  static let spec = CommandSpec(
    name: "augment",
    abstract: "Make tactic-state theorems, informal rewrites and informal proofs from the translated theorems.",
    usage: [
      "herald augment --db PATH [--pipeline FILE] [--tactic] [--informal] [--proofs] [--per-theorem K]"
        + " [--mixture O:T:I] [--languages L,L] [--seed S] [--limit N] [--module PREFIX]... [--concurrency C]"
        + " [--model NAME] [--base-url URL] [--lean-project DIR] [--repl CMD] [--header TEXT] [--lean-workers N]"
        + " [--force] [--quiet] [--json]",
      "herald augment --db PATH --tactic --render-only [--per-theorem K] [--seed S] [--limit N]"
        + " [--module PREFIX]... [--show N] [--json]",
    ],
    discussion: """
      For the translated theorems (all three kinds unless some are named):
      --tactic: every goal a tactic step acts on (as extract stored it) becomes a theorem of its own: hypotheses
      become binders (instances [inst : C], everything else explicit), the goal the conclusion, let hypotheses
      `let x : T := v;` in front of it, named <theorem>.state_<step>. Names Lean prints but cannot read back
      (x✝, inst✝, shadowed h✝) get fresh ones; states with metavariables (?m.5) or elided terms (⋯) are
      skipped, as are trivial goals, each counted by reason; a step's goals it does not act on are counted
      not_acted_on (they are rendered at the step that does). States equal to their theorem's statement or to
      an earlier state (up to bound names, white space and intro) are dropped; of the rest, at most K per
      theorem are kept (default: the mixture's tactic : original, 2), one drawn from each of K stretches of the
      proof, the same for the same seed. Each is compiled (the Lean REPL of the pipeline's "lean" section or
      --lean-project): one that does not compile is rejected with Lean's messages in failures and never
      exported; without a REPL the states are kept with the compile not_run. herald translate (and herald run)
      then informalizes them with their theorem's statement and translation in the prompt.
      --informal: rewrites of the theorems' informal statements by four strategies (equivalent, abstract,
      omit_implicit, translate into --languages, default zh,fr,ru), as many per theorem as the mixture's
      informal : original (--mixture, default 1:2:1), the formal statement kept.
      --proofs: tactic proofs explained step by step and merged into one informal proof (the proofs view).
      --render-only (with --tactic) renders, dedupes and samples without writing anything. A rerun keeps what
      was made from unchanged theorems and asks and compiles nothing twice. Exit status 1 when the endpoint or
      the REPL failed for some item.
      """,
    options: [
      OptionSpec(long: "--db", valueName: "PATH", help: "The database translate wrote."),
      OptionSpec(long: "--pipeline", valueName: "FILE", help: "A pipeline file (llm, lean and augment sections)."),
      .flag("--tactic", help: "Proof states of tactic proofs as theorems."),
      .flag("--informal", help: "Informal rewrites of the statements."),
      .flag("--proofs", help: "Informal proofs of tactic proofs."),
      .flag("--render-only", help: "With --tactic: render, dedupe and sample; write nothing."),
      OptionSpec(
        long: "--per-theorem", valueName: "K", help: "Tactic states kept per theorem at most.",
        defaultDescription: "2"),
      OptionSpec(
        long: "--mixture", valueName: "O:T:I", help: "Records aimed at, original : tactic : informal.",
        defaultDescription: "1:2:1"),
      OptionSpec(
        long: "--languages", valueName: "L,L", help: "Languages of translated rewrites (ISO 639-1 codes).",
        defaultDescription: "zh,fr,ru"),
      OptionSpec(long: "--seed", valueName: "S", help: "Seed of the draws.", defaultDescription: "0"),
      OptionSpec(long: "--limit", valueName: "N", help: "At most N theorems, module by module."),
      OptionSpec(
        long: "--module", valueName: "PREFIX", help: "Only theorems of modules under PREFIX.", isRepeatable: true),
      OptionSpec(
        long: "--concurrency", short: "-c", valueName: "C", help: "Requests and compile checks at once.",
        defaultDescription: "4"),
      OptionSpec(long: "--model", valueName: "NAME", help: "Model at an OpenAI-compatible endpoint."),
      OptionSpec(long: "--base-url", valueName: "URL", help: "Endpoint base URL, e.g. http://host:8000/v1."),
    ] + LeanSetup.options + [
      OptionSpec(long: "--show", valueName: "N", help: "With --render-only: print the first N candidates."),
      .flag("--force", help: "Make again what an earlier run made."),
      .flag("--quiet", short: "-q", help: "No progress display."),
      .flag("--json", help: "Print the summary as one JSON object."),
    ])

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    if arguments.value("--db") == nil && arguments.value("--pipeline") == nil {
      throw UsageError("give --db PATH (or --pipeline FILE naming the database)", command: spec.name)
    }
    if arguments.flag("--render-only"),
      !arguments.flag("--tactic") || arguments.flag("--informal")
        || arguments.flag("--proofs")
    {
      throw UsageError("--render-only renders tactic states only: give it with --tactic alone", command: spec.name)
    }
    if arguments.value("--show") != nil, !arguments.flag("--render-only") {
      throw UsageError("--show goes with --render-only", command: spec.name)
    }
    if let mixture = arguments.value("--mixture"), AugmentSettings.Mixture(mixture) == nil {
      throw UsageError(
        "--mixture takes original:tactic:informal, three numbers such as 1:2:1, not '\(mixture)'", command: spec.name)
    }
    if let languages = arguments.value("--languages"),
      Self.languages(languages).isEmpty || !Self.languages(languages).allSatisfy({ $0.allSatisfy(\.isLetter) })
    {
      throw UsageError("--languages takes codes such as zh,fr,ru, not '\(languages)'", command: spec.name)
    }
    _ = try arguments.int("--per-theorem", range: 0...1_000)
    _ = try arguments.int("--seed", range: 0...Int.max)
    _ = try arguments.int("--limit", range: 0...Int.max)
    _ = try arguments.int("--show", range: 0...1_000_000)
    _ = try arguments.int("--concurrency", range: 1...4096)
    try LeanSetup.validate(arguments, command: spec.name)
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    if arguments.flag("--render-only") { return try renderOnly(arguments, console) }
    let config = try configuration(arguments)
    let quiet = arguments.flag("--quiet") || arguments.flag("--json")
    let display = ProgressDisplay(console: console.with(quiet: quiet))
    let session = try await LLMSession.open(config.llm, database: config.database) { display.log($0) }
    defer { session.close() }
    let report = try await stage(config, session: session, progress: display)
    console.print(arguments.flag("--json") ? try JSONText.encode(report) : summary(report, database: config.database))
    return status(report)
  }

  /// The pipeline file's settings (or the defaults) with the command line's overrides.
  static func configuration(_ arguments: ParsedArguments) throws -> PipelineConfig {
    var config = try TranslateCommand.modelConfiguration(arguments, command: spec.name)
    var settings = config.augment.settings
    settings.database = config.database
    if arguments.value("--pipeline") == nil {
      settings.concurrency = config.llm.concurrency
      settings.prompts = config.translate.prompts
    }
    let kinds = ["--tactic", "--informal", "--proofs"]
    if kinds.contains(where: arguments.flag) {
      settings.tactic = arguments.flag("--tactic")
      settings.informal = arguments.flag("--informal")
      settings.proofs = arguments.flag("--proofs")
    }
    settings.perTheorem = try arguments.int("--per-theorem") ?? settings.perTheorem
    settings.mixture = arguments.value("--mixture").flatMap(AugmentSettings.Mixture.init) ?? settings.mixture
    if let languages = arguments.value("--languages") { settings.languages = Self.languages(languages) }
    if let seed = try arguments.int("--seed") { settings.seed = UInt64(seed) }
    if let limit = try arguments.int("--limit") { settings.limit = limit }
    let modules = arguments.values("--module")
    if !modules.isEmpty { settings.modulePrefixes = modules }
    if let concurrency = try arguments.int("--concurrency") { settings.concurrency = concurrency }
    if arguments.flag("--force") { settings.force = true }
    config.augment.settings = settings
    try LeanSetup.apply(arguments, to: &config, command: spec.name)
    return config
  }

  /// Runs the stage as `config` says, asking `session`'s model; the REPL pool lives for the run.
  static func stage(_ config: PipelineConfig, session: LLMSession, progress: ProgressDisplay) async throws
    -> AugmentStageReport
  {
    var settings = config.augment.settings
    settings.database = config.database
    func role(_ stage: String) -> ModelRole {
      session.role(stage, maxAnswers: 2, maxTokens: 600, timeout: config.llm.timeout)
    }
    let rewriter =
      settings.informal
      ? InformalRewriter(role: role("rewrite"), templates: try InformalRewriter.templates(from: settings.prompts))
      : nil
    let explainer = settings.proofs ? try ProofExplainer.load(role: role("explain"), from: settings.prompts) : nil
    return try await LeanSetup.withChecker(config) { checker in
      if checker.lean == nil, settings.tactic { progress.log("augment: \(StatementChecker.noREPLReason)") }
      return try await AugmentStage(
        settings: settings, checker: checker, rewriter: rewriter, explainer: explainer
      ).run(progress: progress)
    }
  }

  /// 1 when the endpoint or the REPL failed for some item (model answers that could not be used
  /// are counted, not errors).
  static func status(_ report: AugmentStageReport) -> Int32 {
    let faults = [report.tactic, report.informal, report.proofs].flatMap { $0.reasons.keys }.filter {
      $0 != "unparseable"
    }
    return faults.isEmpty ? ExitStatus.success : ExitStatus.failure
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: AugmentStageReport, database: String) -> String {
    func counts(_ counts: AugmentStageReport.Counts, made: String) -> String {
      var parts = ["\(counts.made) \(made)", "\(counts.kept) kept from earlier runs"]
      if counts.rejected > 0 { parts.append("\(counts.rejected) rejected (do not compile)") }
      if counts.abstained > 0 { parts.append("\(counts.abstained) abstained") }
      if counts.failed > 0 {
        parts.append(
          "\(counts.failed) failed ("
            + counts.reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
      }
      return parts.joined(separator: ", ")
    }
    var lines = [
      "augment: \(report.theorems) translated theorems; mixture aimed at \(report.mixture) "
        + "(\(String(format: "%.1f", report.seconds)) s)",
      "  tactic states: " + counts(report.tactic, made: "made"),
    ]
    if let rendering = report.rendering {
      lines.append(
        "    rendered \(rendering.rendered) of \(rendering.states) states, skipped "
          + "\(rendering.skipped.values.reduce(0, +)), kept \(rendering.sampled) after dedupe and sampling")
    }
    lines += [
      "    Lean: "
        + (report.lean.map { "\($0): \(report.compiles) checks, \(report.compilesCached) from the cache" }
          ?? "not configured, the states are not compiled (\(StatementChecker.noREPLReason))"),
      "    their informal statements: herald translate (or herald run) asks for them",
      "  informal rewrites: " + counts(report.informal, made: "rewritten"),
      "  proofs: " + counts(report.proofs, made: "explained") + ", \(report.termProofs) term proofs not explained",
      "  model: \(report.llmRequestsSent) requests sent, \(report.cacheHits) cache hits, \(report.promptTokens) prompt + "
        + "\(report.completionTokens) completion tokens",
      "  rows: sqlite3 \(database) \"SELECT kind, status, count(*) FROM augmentations GROUP BY 1, 2\"",
    ]
    return lines.joined(separator: "\n")
  }

  /// `--render-only`: render, dedupe and sample the tactic states and print the counts.
  static func renderOnly(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
    let connection = try HeraldDatabase.openExisting(path: arguments.value("--db") ?? "", readOnly: true)
    let source = try TacticStateSource(connection: connection, options: try options(arguments))
    let shown = try source.drain(keepingFirst: try arguments.int("--show") ?? 0)
    if arguments.flag("--json") {
      console.print(try JSONText.encode(Output(report: source.report, candidates: shown)))
    } else {
      console.print((summary(source.report) + shown.map { "  \($0.declaration)" }).joined(separator: "\n"))
    }
    return ExitStatus.success
  }

  /// A comma-separated list of language codes, lower-cased.
  static func languages(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
  }

  /// The source's settings from the command line.
  static func options(_ arguments: ParsedArguments) throws(UsageError) -> AugmentOptions {
    var options = AugmentOptions()
    options.perTheorem = try arguments.int("--per-theorem") ?? options.perTheorem
    options.seed = UInt64(try arguments.int("--seed") ?? 0)
    options.limit = try arguments.int("--limit")
    options.modulePrefixes = arguments.values("--module")
    return options
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: AugmentReport) -> [String] {
    let skipped = report.skipped.values.reduce(0, +)
    let reasons = report.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    return [
      "augment (render only): \(report.theorems) theorems in \(report.modules) module\(report.modules == 1 ? "" : "s") "
        + "(\(report.theoremsWithTacticProofs) with tactic proofs, \(report.termProofs) term proofs); "
        + "\(report.steps) steps, \(report.states) states (\(String(format: "%.1f", report.seconds)) s)",
      "  rendered \(report.rendered); skipped \(skipped)"
        + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: ", ")),
      "  kept \(report.sampled) (at most \(report.perTheorem) per theorem, seed \(report.seed)); dropped "
        + "\(report.sameAsParent) equal to their theorem, \(report.duplicates) duplicates, "
        + "\(report.overBudget) over the budget",
    ]
  }

  /// The `--json` object: the report's keys, plus `candidates` when `--show` asked for some.
  private struct Output: Encodable {
    let report: AugmentReport
    let candidates: [TacticCandidate]

    private enum Key: String, CodingKey { case candidates }

    func encode(to encoder: any Encoder) throws {
      try report.encode(to: encoder)
      guard !candidates.isEmpty else { return }
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(candidates, forKey: .candidates)
    }
  }
}
