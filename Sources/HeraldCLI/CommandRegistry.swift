/// The subcommands herald offers, in the order the overview lists them.
enum CommandRegistry {
  /// Every registered command; `help` is built in and not listed here.
  static let commands: [any CLICommand.Type] = [
    RunCommand.self,
    ExtractCommand.self,
    GraphCommand.self,
    TranslateCommand.self,
    AugmentCommand.self,
    ValidateCommand.self,
    ExportCommand.self,
    LeanCommand.self,
    VersionCommand.self,
  ]
}
