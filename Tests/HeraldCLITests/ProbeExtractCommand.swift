import HeraldCLI

/// A runtime failure with a user-facing description, as commands would throw.
struct AnalyzerCrash: Error, CustomStringConvertible {
  let status: Int
  var description: String { "analyzer crashed with status \(status)" }
}

/// Test-only stand-in for `extract`, exercising every framework path a real command uses.
enum ProbeExtractCommand: CLICommand {
  static let spec = CommandSpec(
    name: "extract",
    abstract: "Extract declarations from a Lean project.",
    usage: ["herald extract --project DIR [--jobs N] [--module PREFIX]... [TARGET...]"],
    discussion: "Targets default to every module of the project.",
    options: [
      .option("--project", value: "DIR", help: "Root of the Lean project.", required: true),
      .option("--jobs", short: "-j", value: "N", help: "Parallel workers.", default: "2"),
      .option("--module", value: "PREFIX", help: "Only modules under PREFIX.", repeatable: true),
      .option("--timeout", value: "SECONDS", help: "Per-module time limit."),
      .flag("--force", short: "-f", help: "Overwrite existing rows."),
      .flag("--quiet", short: "-q", help: "No progress output."),
    ],
    arguments: [PositionalSpec("TARGET", help: "Modules to extract.", arity: .variadic)])

  /// Rejects a combination the spec cannot express, without naming the command itself.
  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    if arguments.flag("--force") && arguments.values("--module").isEmpty {
      throw UsageError("'--force' needs at least one '--module'")
    }
  }

  /// Echoes what it parsed; `/boom` throws, a module named `fail` returns status 1.
  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    let jobs = try arguments.int("--jobs", range: 1...64) ?? 2
    let timeout = try arguments.double("--timeout", range: 0.1...) ?? 60
    let project = arguments.value("--project") ?? ""
    if project == "/boom" { throw AnalyzerCrash(status: 3) }
    let modules = arguments.values("--module")
    console.print(
      "project=\(project) jobs=\(jobs) timeout=\(timeout) modules=\(modules.joined(separator: ","))"
        + " targets=\(arguments.positionalValues("TARGET").joined(separator: ","))")
    console.with(quiet: arguments.flag("--quiet")).note("done")
    return modules.contains("fail") ? ExitStatus.failure : ExitStatus.success
  }
}
