/// A herald subcommand: a declarative spec plus the code that runs it.
///
/// Conformers are normally caseless enums listed in `CommandRegistry.commands`.
public protocol CLICommand: Sendable {
  /// Name, help text, options and arguments; parsing and help are derived from it.
  static var spec: CommandSpec { get }

  /// Checks combinations the spec cannot express (mutually exclusive options, paths that must
  /// exist) before `run`; throw `UsageError` to report them with usage. Defaults to accepting.
  static func validate(_ arguments: ParsedArguments) throws(UsageError)

  /// Does the work and returns the exit status (`ExitStatus.success`, or e.g. `.failure` when
  /// some items failed). A thrown `UsageError` exits 64 with usage; any other error prints
  /// `Error: …` and exits 1.
  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32
}

extension CLICommand {
  /// Accepts every argument combination the parser accepted.
  public static func validate(_ arguments: ParsedArguments) throws(UsageError) {}
}
