import Extraction
import Foundation
import HeraldCore

/// `herald extract`: runs (or ingests) the jixia analyzer over a Lean project into SQLite.
enum ExtractCommand: CLICommand {
  static let spec = CommandSpec(
    name: "extract",
    abstract: "Analyze a Lean project with jixia and store declarations, symbols, proofs and the graph.",
    usage: [
      "herald extract --project DIR [--analyzer PATH] [--lake PATH] [--db PATH] [--jobs N] [--timeout SECONDS]"
        + " [--module PREFIX]... [--define KEY=VALUE]... [--cache DIR] [--force] [--quiet] [--json]",
      "herald extract --from-analyzer-output DIR [--source-root DIR] --db PATH [--module PREFIX]... [--force]"
        + " [--quiet] [--json]",
    ],
    discussion: """
      With --project, herald runs `lake env <analyzer> -i -m … -d … -s … -e … -l … FILE` once per module from
      the project root (no shell), --jobs at a time, killing a module after --timeout seconds. Outputs are
      cached per project; an unchanged module (same source, analyzer and toolchain) is skipped.
      With --from-analyzer-output, herald ingests files named <Module>.<mod|decl|sym|elab|line>.json computed
      on a machine that has Lean; --source-root lets it slice texts from the .lean sources.
      A module that fails becomes a row in the failures table and the run goes on; the exit status is 1 when
      any module failed. A rerun retries only failed or changed modules.
      """,
    options: [
      OptionSpec(long: "--project", valueName: "DIR", help: "Root of the Lake project to analyze."),
      OptionSpec(
        long: "--from-analyzer-output", valueName: "DIR", help: "Ingest analyzer output computed elsewhere."),
      OptionSpec(long: "--source-root", valueName: "DIR", help: "Sources of that output (slices exact texts)."),
      OptionSpec(
        long: "--db", valueName: "PATH", help: "The database to write.",
        defaultDescription: "output/<project>.sqlite"),
      OptionSpec(long: "--analyzer", valueName: "PATH", help: "The jixia executable.", defaultDescription: "jixia"),
      OptionSpec(long: "--lake", valueName: "PATH", help: "The lake executable.", defaultDescription: "lake"),
      OptionSpec(
        long: "--jobs", short: "-j", valueName: "N", help: "Modules analyzed at once.",
        defaultDescription: "number of cores"),
      OptionSpec(
        long: "--timeout", valueName: "SECONDS", help: "Wall-clock limit per module.", defaultDescription: "900"),
      OptionSpec(
        long: "--module", valueName: "PREFIX", help: "Only modules starting with PREFIX.",
        isRepeatable: true),
      OptionSpec(long: "--cache", valueName: "DIR", help: "Where analyzer outputs are kept."),
      OptionSpec(
        long: "--define", short: "-D", valueName: "KEY=VALUE", help: "Extra Lean option for the analyzer.",
        isRepeatable: true),
      .flag("--force", help: "Redo every module, even unchanged ones."),
      .flag("--quiet", short: "-q", help: "No progress display."),
      .flag("--json", help: "Print the summary as one JSON object."),
    ])

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    let project = arguments.value("--project")
    let output = arguments.value("--from-analyzer-output")
    switch (project, output) {
    case (nil, nil):
      throw UsageError("give --project DIR or --from-analyzer-output DIR", command: spec.name)
    case (.some, .some):
      throw UsageError("--project and --from-analyzer-output exclude each other", command: spec.name)
    case (nil, .some):
      if arguments.value("--db") == nil {
        throw UsageError("--from-analyzer-output needs --db PATH", command: spec.name)
      }
      for option in ["--analyzer", "--lake", "--timeout", "--cache"] where arguments.value(option) != nil {
        throw UsageError(
          "\(option) goes with --project (nothing is run with --from-analyzer-output)", command: spec.name)
      }
      if !arguments.values("--define").isEmpty {
        throw UsageError(
          "--define goes with --project (nothing is run with --from-analyzer-output)", command: spec.name)
      }
    case (.some, nil):
      if arguments.value("--source-root") != nil {
        throw UsageError("--source-root goes with --from-analyzer-output", command: spec.name)
      }
    }
    _ = try arguments.int("--jobs", range: 1...1024)
    _ = try arguments.double("--timeout", range: 0.1...1_000_000)
    for definition in arguments.values("--define") where !definition.contains("=") || definition.hasPrefix("=") {
      throw UsageError("--define takes KEY=VALUE, got '\(definition)'", command: spec.name)
    }
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    let options = try makeOptions(arguments)
    let quiet = arguments.flag("--quiet") || arguments.flag("--json")
    let display = ProgressDisplay(console: console.with(quiet: quiet))
    let report = try await ExtractStage(options: options).run(progress: display)
    if arguments.flag("--json") {
      console.print(try JSONText.encode(report))
    } else {
      console.print(summary(report, database: options.database))
    }
    return report.failed == 0 ? ExitStatus.success : ExitStatus.failure
  }

  private static func makeOptions(_ arguments: ParsedArguments) throws -> ExtractOptions {
    let input: ExtractOptions.Input
    let database: String
    if let project = arguments.value("--project") {
      input = .project(root: project)
      let name = URL(fileURLWithPath: project).standardizedFileURL.lastPathComponent
      database = arguments.value("--db") ?? "output/\(name).sqlite"
    } else {
      input = .analyzerOutput(
        directory: arguments.value("--from-analyzer-output") ?? "", sourceRoot: arguments.value("--source-root"))
      database = arguments.value("--db") ?? ""
    }
    var options = ExtractOptions(input: input, database: database)
    options.analyzer = arguments.value("--analyzer") ?? options.analyzer
    options.lake = arguments.value("--lake") ?? options.lake
    options.jobs = try arguments.int("--jobs") ?? options.jobs
    options.timeout = try arguments.double("--timeout") ?? options.timeout
    options.modulePrefixes = arguments.values("--module")
    options.cacheDirectory = arguments.value("--cache")
    options.analyzerOptions = arguments.values("--define").map { "-D" + $0 }
    options.force = arguments.flag("--force")
    return options
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: ExtractReport, database: String) -> String {
    var lines = [
      "extract: \(report.modules) modules: \(report.ingested) ingested, \(report.skipped) unchanged, "
        + "\(report.failed) failed (\(String(format: "%.1f", report.seconds)) s)",
      "  rows written: \(report.declarations) declarations, \(report.symbols) symbols, "
        + "\(report.tacticSteps) tactic steps; \(report.warnings) warnings",
      "  graph: \(report.graphUnits) units, \(report.graphEdges) edges, max level \(report.maxLevel)",
      "  database: \(database)",
    ]
    if report.failed > 0 {
      lines += FailureSummary.lines(
        byReason: report.failuresByReason, stage: "extract", database: database,
        rerun: "a rerun retries only failed or changed modules")
    }
    return lines.joined(separator: "\n")
  }
}
