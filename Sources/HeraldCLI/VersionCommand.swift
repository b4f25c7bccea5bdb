/// `herald version`: prints `herald <version>` to stdout.
enum VersionCommand: CLICommand {
  static let spec = CommandSpec(
    name: "version", abstract: "Print the herald version.", usage: ["herald version"])

  /// Prints the version line.
  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    console.print(HeraldMain.versionLine)
    return ExitStatus.success
  }
}
