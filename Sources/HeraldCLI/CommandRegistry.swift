/// The subcommands herald offers, in the order the overview lists them.
enum CommandRegistry {
  /// Every registered command; `help` is built in and not listed here.
  static let commands: [any CLICommand.Type] = [
    ExtractCommand.self,
    GraphCommand.self,
    VersionCommand.self,
  ]
}
