import Foundation
import LeanREPL

/// The command-line options that choose the Lean REPL of a stage's compile checks
/// (`--lean-project`, `--repl`, `--header`, `--lean-workers`), shared by validate and augment.
enum LeanSetup {
  /// The options, for a command's spec.
  static let options: [OptionSpec] = [
    OptionSpec(long: "--lean-project", valueName: "DIR", help: "The Lake project the Lean REPL runs in."),
    OptionSpec(
      long: "--repl", valueName: "CMD", help: "The REPL command, split on spaces (no shell).",
      defaultDescription: "lake exe repl"),
    OptionSpec(long: "--header", valueName: "TEXT", help: "A header replacing each text's imports."),
    OptionSpec(long: "--lean-workers", valueName: "N", help: "REPL processes at once.", defaultDescription: "cores"),
  ]

  /// Checks the options' values; usage errors name `command`'s help.
  static func validate(_ arguments: ParsedArguments, command: String) throws(UsageError) {
    _ = try arguments.int("--lean-workers", range: 1...1024)
    if let repl = arguments.value("--repl"), repl.split(whereSeparator: \.isWhitespace).isEmpty {
      throw UsageError("--repl needs a command, such as 'lake exe repl'", command: command)
    }
    if arguments.value("--header")?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
      throw UsageError("--header needs a header, such as 'import Mathlib'", command: command)
    }
  }

  /// Applies the options to the pipeline's `lean` settings.
  static func apply(_ arguments: ParsedArguments, to config: inout PipelineConfig, command: String) throws {
    if let project = arguments.value("--lean-project") {
      var lean = config.lean ?? REPLConfiguration(projectDirectory: project)
      lean.projectDirectory = URL(fileURLWithPath: project).standardizedFileURL.path
      config.lean = lean
    }
    for option in ["--repl", "--header", "--lean-workers"] where arguments.value(option) != nil && config.lean == nil {
      throw UsageError("\(option) needs a Lean project: give --lean-project DIR too", command: command)
    }
    if let repl = arguments.value("--repl") {
      config.lean?.command = repl.split(whereSeparator: \.isWhitespace).map(String.init)
    }
    if let header = arguments.value("--header") { config.headerPolicy = .literal(header) }
    if let workers = try arguments.int("--lean-workers") { config.lean?.workers = workers }
  }

  /// Runs `body` with the compile checker `config` sets up (the pipeline's header policy and
  /// `autoImplicit`, the compile cache in its database): the REPL pool, when the pipeline has a
  /// `lean` section, lives for `body` only and is shut down however `body` ends.
  static func withChecker<T>(
    _ config: PipelineConfig, _ body: (StatementChecker) async throws -> T
  ) async throws -> T {
    let pool = config.lean.map(REPLPool.init)
    do {
      let checker = StatementChecker(
        lean: pool, configuration: config.lean, policy: config.headerPolicy,
        cache: try CompileCache(path: config.database), autoImplicit: config.validate.options.autoImplicit)
      let result = try await body(checker)
      await pool?.shutdown()
      return result
    } catch {
      await pool?.shutdown()
      throw error
    }
  }
}
