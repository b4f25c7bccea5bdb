import Foundation
import HeraldCore
import LeanREPL

/// `herald lean check`: compiles Lean text with the REPL and prints Lean's messages; the fastest
/// way to see that a Lean setup works.
enum LeanCommand: CLICommand {
  static let actions = ["check"]

  static let spec = CommandSpec(
    name: "lean",
    abstract: "Check Lean text with the Lean REPL (lean check FILE|-, or many with --jsonl).",
    usage: [
      "herald lean check FILE|- [--pipeline FILE] [--project DIR] [--repl CMD] [--header TEXT] [--proof]"
        + " [--timeout SECONDS] [--lean-workers N] [--fresh] [--json]",
      "herald lean check --jsonl FILE|- [options]",
    ],
    discussion: """
      The REPL: the pipeline file's "lean" section, or --project DIR (a Lake project that depends on the library
      the text imports, with the REPL; run there as --repl, default `lake exe repl`). Each text's leading import
      lines are its header, elaborated once per REPL process and reused; --header "import Mathlib" (or the
      pipeline's "header") replaces them for every text. Outcomes: ok, sorry, lean_error (with messages),
      timeout, repl_error, crashed, not_run. A statement check passes with ok or sorry; --proof also rejects
      sorry. --jsonl reads lines {"id": ..., "code": "...", "mode": "statement"|"proof"} and prints one JSON
      result per line as each finishes (with --json, a last line {"summary": ...}; else a summary on stderr).
      --fresh starts a new REPL per check (header and body as one command), for comparison.
      Exit status 0 when every check passes, 1 when one does not (or no REPL is configured).
      """,
    options: [
      OptionSpec(long: "--pipeline", valueName: "FILE", help: "A pipeline file with a \"lean\" section."),
      OptionSpec(long: "--project", valueName: "DIR", help: "The Lake project the REPL runs in."),
      OptionSpec(
        long: "--repl", valueName: "CMD", help: "The REPL command, split on spaces (no shell).",
        defaultDescription: "lake exe repl"),
      OptionSpec(long: "--header", valueName: "TEXT", help: "A header replacing each text's import lines."),
      .flag("--proof", help: "Proof check: a sorry fails too."),
      OptionSpec(
        long: "--timeout", valueName: "SECONDS", help: "Time limit per check (not the header).",
        defaultDescription: "300"),
      OptionSpec(
        long: "--lean-workers", valueName: "N", help: "REPL processes at once.", defaultDescription: "cores"),
      OptionSpec(
        long: "--jsonl", valueName: "FILE", help: "Check every line {\"id\", \"code\"} of FILE (- for stdin)."),
      .flag("--fresh", help: "A new REPL per check (the benchmark's comparison)."),
      .flag("--json", help: "Print JSON instead of text."),
    ],
    arguments: [
      PositionalSpec("ACTION", help: "check"),
      PositionalSpec("FILE", help: "A Lean file, or - for stdin.", arity: .optional),
    ])

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    let action = arguments.positional("ACTION") ?? ""
    guard actions.contains(action) else {
      var message = "unknown action '\(action)' for 'herald lean' (known: \(actions.joined(separator: ", ")))"
      if let guess = EditDistance.suggestion(for: action, among: actions) { message += "; did you mean '\(guess)'?" }
      throw UsageError(message, command: spec.name)
    }
    switch (arguments.positional("FILE"), arguments.value("--jsonl")) {
    case (nil, nil): throw UsageError("give a Lean FILE (or - for stdin), or --jsonl FILE", command: spec.name)
    case (.some, .some): throw UsageError("give a Lean FILE or --jsonl FILE, not both", command: spec.name)
    default: break
    }
    _ = try arguments.double("--timeout", range: 0.01...86_400)
    _ = try arguments.int("--lean-workers", range: 1...1024)
    if let repl = arguments.value("--repl"), repl.split(whereSeparator: \.isWhitespace).isEmpty {
      throw UsageError("--repl needs a command, such as 'lake exe repl'", command: spec.name)
    }
    if arguments.value("--header")?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
      throw UsageError("--header needs a header, such as 'import Mathlib'", command: spec.name)
    }
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    let (configuration, policy) = try repl(arguments)
    let mode: CheckMode = arguments.flag("--proof") ? .proof : .statement
    let batch: LeanCheckBatch
    if let jsonl = arguments.value("--jsonl") {
      batch = LeanCheckBatch(items: try jsonLines(jsonl, mode: mode, policy: policy), output: .jsonLines)
    } else {
      let file = arguments.positional("FILE") ?? "-"
      let check = LeanCheck(text: try read(file), mode: mode, headerOverride: policy.override)
      let item = LeanCheckBatch.Item(name: file == "-" ? "<stdin>" : file, id: nil, check: .success(check))
      batch = LeanCheckBatch(items: [item], output: arguments.flag("--json") ? .json : .text)
    }
    let pool = configuration.map(REPLPool.init)
    let summary = await batch.run(
      pool: pool, notRunReason: notConfigured, inFlight: 2 * (configuration?.workers ?? 1) + 8, console: console)
    let statistics = await pool?.statistics
    await pool?.shutdown()
    // Text output carries the reason already; for JSON readers it also goes to stderr.
    if configuration == nil, arguments.flag("--json") || arguments.value("--jsonl") != nil {
      console.printError("herald lean: \(notConfigured)")
    }
    if arguments.value("--jsonl") != nil {
      if arguments.flag("--json") {
        console.write(
          LeanCheckBatch.summaryJSON(summary, statistics: statistics, configuration: configuration))
      } else {
        console.printError(LeanCheckBatch.summaryText(summary, statistics: statistics))
      }
    }
    return summary.passed == summary.checks ? ExitStatus.success : ExitStatus.failure
  }

  /// What a check without a REPL says, with how to configure one.
  static let notConfigured =
    "no Lean REPL is configured, so nothing was checked; give --project DIR (a Lake project that depends on the "
    + "library, with the REPL: see the README's \"Checking Lean with a REPL\"), optionally --repl CMD, or "
    + "--pipeline FILE with a \"lean\" section"

  /// The REPL settings from the pipeline file and the command line; nil when none are given.
  static func repl(_ arguments: ParsedArguments) throws -> (REPLConfiguration?, HeaderPolicy) {
    var configuration: REPLConfiguration?
    var policy = HeaderPolicy.asWritten
    if let file = arguments.value("--pipeline") {
      let pipeline = try PipelineConfig.load(file)
      configuration = pipeline.lean
      policy = pipeline.headerPolicy
    }
    let project = arguments.value("--project")
    let command = arguments.value("--repl").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
    if project != nil || command != nil {
      var settings =
        configuration ?? REPLConfiguration(projectDirectory: FileManager.default.currentDirectoryPath)
      if let project { settings.projectDirectory = URL(fileURLWithPath: project).standardizedFileURL.path }
      if let command { settings.command = command }
      configuration = settings
    }
    if let header = arguments.value("--header") { policy = .literal(header) }
    if let timeout = try arguments.double("--timeout") { configuration?.commandTimeout = timeout }
    if let workers = try arguments.int("--lean-workers") { configuration?.workers = workers }
    if arguments.flag("--fresh") { configuration?.freshProcessPerCheck = true }
    return (configuration, policy)
  }

  /// A file's text, or standard input's for `-`.
  static func read(_ path: String) throws -> String {
    let data =
      path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
    guard let data else { throw Unreadable(path: path) }
    return String(decoding: data, as: UTF8.self)
  }

  /// A file that cannot be read.
  struct Unreadable: Error, CustomStringConvertible {
    var path: String
    var description: String { "cannot read '\(path)'; give the path of a Lean file (or - for standard input)" }
  }

  /// The checks of a JSONL file: one per line `{"id": …, "code": "…", "mode": …}`; a bad line
  /// becomes a `not_run` item naming the line and what is wrong.
  static func jsonLines(_ path: String, mode: CheckMode, policy: HeaderPolicy) throws -> [LeanCheckBatch.Item] {
    let name = path == "-" ? "<stdin>" : path
    var items: [LeanCheckBatch.Item] = []
    for (index, line) in try read(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard !line.allSatisfy(\.isWhitespace) else { continue }
      let place = "\(name):\(index + 1)"
      func problem(_ reason: String, id: String? = nil) -> LeanCheckBatch.Item {
        LeanCheckBatch.Item(name: place, id: id, check: .failure(LeanCheckBatch.Problem(reason: "\(place): \(reason)")))
      }
      guard let root = try? JSONDocument(text: String(line)).root, root.kind == .object else {
        items.append(problem("not a JSON object; each line must be {\"id\": ..., \"code\": \"...\"}"))
        continue
      }
      let id = root["id"]?.rawText
      guard let code = root["code"]?.string else {
        items.append(problem("no \"code\" string (the Lean text to check)", id: id))
        continue
      }
      var lineMode = mode
      if let value = root["mode"], !value.isNull {
        guard let parsed = value.string.flatMap(CheckMode.init) else {
          items.append(problem("\"mode\" must be \"statement\" or \"proof\"", id: id))
          continue
        }
        lineMode = parsed
      }
      let check = LeanCheck(text: code, mode: lineMode, headerOverride: policy.override)
      items.append(LeanCheckBatch.Item(name: place, id: id, check: .success(check)))
    }
    return items
  }
}
