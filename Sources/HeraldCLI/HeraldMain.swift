import Foundation
import HeraldCore

/// The `herald` entry point: dispatches to a registered command, handles help and version,
/// and maps outcomes to exit statuses.
///
/// Output contract: help and version go to stdout with status 0; usage errors go to stderr
/// with usage and a help hint, status 64; other errors thrown by a command print
/// `Error: <description>` to stderr, status 1; otherwise the command's own status is returned.
/// A bare `herald` prints the overview to stderr and returns 64, as it did nothing useful.
public enum HeraldMain {
  /// One-line description of herald shown atop the overview.
  public static let abstract = "Turn Lean 4 libraries into natural-language ↔ Lean datasets."

  /// What `herald --version` and `herald version` print.
  static var versionLine: String { "herald \(HeraldVersion.string)" }

  /// Usage lines of the top level.
  static let usage = ["herald COMMAND [options]", "herald help [COMMAND]"]

  /// The built-in `help` command's spec; it is dispatched here because it needs the command table.
  static let helpSpec = CommandSpec(
    name: "help", abstract: "Show help for herald or one of its commands.",
    usage: ["herald help [COMMAND]"],
    arguments: [PositionalSpec("COMMAND", help: "Command to describe.", arity: .optional)])

  /// Runs herald with the process's arguments (`arguments[0]` is the program path and ignored).
  public static func main(_ arguments: [String] = CommandLine.arguments) async -> Int32 {
    await run(Array(arguments.dropFirst()), commands: CommandRegistry.commands, console: .standard)
  }

  /// Runs herald on the words after the program name with an explicit command table and console;
  /// this is what tests call.
  public static func run(
    _ arguments: [String], commands: [any CLICommand.Type], console: Console
  ) async -> Int32 {
    guard let first = arguments.first else {
      console.writeError(overview(commands))
      return ExitStatus.usage
    }
    let rest = Array(arguments.dropFirst())
    switch first {
    case "-h", "--help", "help":
      return help(rest, commands: commands, console: console)
    case "--version":
      if let extra = rest.first {
        return report(UsageError("unexpected argument '\(extra)'"), commands: commands, console: console)
      }
      console.print(versionLine)
      return ExitStatus.success
    default:
      if let command = commands.first(where: { $0.spec.name == first }) {
        return await execute(command, rest, commands: commands, console: console)
      }
      let error =
        CommandLineParser.looksLikeOption(first)
        ? unknown("option", first, among: ["--help", "--version"])
        : unknown("command", first, among: names(commands))
      return report(error, commands: commands, console: console)
    }
  }

  /// Parses, validates and runs one command, translating its outcome into an exit status.
  private static func execute(
    _ command: any CLICommand.Type, _ arguments: [String], commands: [any CLICommand.Type],
    console: Console
  ) async -> Int32 {
    let spec = command.spec
    do {
      let parsed = try CommandLineParser.parse(arguments, spec: spec)
      if parsed.isHelpRequested {
        console.write(HelpRenderer.commandHelp(spec))
        return ExitStatus.success
      }
      try command.validate(parsed)
      return try await command.run(parsed, console)
    } catch let error as UsageError {
      var error = error
      if error.command == nil { error.command = spec.name }
      return report(error, commands: commands, console: console)
    } catch is CancellationError {
      // Interrupted (Ctrl-C): what was finished is written; `main` says so and exits 128 + signal.
      return ExitStatus.failure
    } catch {
      console.printError("Error: \(describe(error))")
      return ExitStatus.failure
    }
  }

  /// `herald help [COMMAND]`, also reached as `herald --help [COMMAND]`.
  private static func help(
    _ arguments: [String], commands: [any CLICommand.Type], console: Console
  ) -> Int32 {
    let parsed: ParsedArguments
    do {
      parsed = try CommandLineParser.parse(arguments, spec: helpSpec)
    } catch {
      return report(error, commands: commands, console: console)
    }
    if parsed.isHelpRequested {
      console.write(HelpRenderer.commandHelp(helpSpec))
      return ExitStatus.success
    }
    guard let topic = parsed.positional("COMMAND") else {
      console.write(overview(commands))
      return ExitStatus.success
    }
    if topic == helpSpec.name {
      console.write(HelpRenderer.commandHelp(helpSpec))
      return ExitStatus.success
    }
    guard let command = commands.first(where: { $0.spec.name == topic }) else {
      // Reported at the top level: the useful next step is the command list in `herald --help`.
      return report(unknown("command", topic, among: names(commands)), commands: commands, console: console)
    }
    console.write(HelpRenderer.commandHelp(command.spec))
    return ExitStatus.success
  }

  /// Prints a usage error with the usage of the command it concerns and returns 64.
  private static func report(
    _ error: UsageError, commands: [any CLICommand.Type], console: Console
  ) -> Int32 {
    let spec = error.command.flatMap { name in
      name == helpSpec.name ? helpSpec : commands.first { $0.spec.name == name }?.spec
    }
    let rendered =
      if let spec {
        error.rendered(usage: spec.usageLines, helpCommand: "herald \(spec.name) --help")
      } else {
        error.rendered(usage: usage, helpCommand: "herald --help")
      }
    console.printError(rendered)
    return ExitStatus.usage
  }

  /// A usage error for an unknown command or option, with a suggestion when one is close.
  private static func unknown(_ kind: String, _ word: String, among candidates: [String]) -> UsageError {
    var message = "unknown \(kind) '\(word)'"
    if let guess = EditDistance.suggestion(for: word, among: candidates) {
      message += " (did you mean '\(guess)'?)"
    }
    return UsageError(message)
  }

  /// Names accepted as commands, for suggestions.
  private static func names(_ commands: [any CLICommand.Type]) -> [String] {
    commands.map { $0.spec.name } + [helpSpec.name]
  }

  /// The overview text listing the registered commands and `help`.
  private static func overview(_ commands: [any CLICommand.Type]) -> String {
    HelpRenderer.overview(
      abstract: abstract, commands: commands.map { $0.spec } + [helpSpec], usage: usage)
  }

  /// The most readable description of a runtime error: a `LocalizedError`'s text if it has one,
  /// else its `description`.
  static func describe(_ error: any Error) -> String {
    if let localized = error as? any LocalizedError, let text = localized.errorDescription {
      return text
    }
    return String(describing: error)
  }
}
