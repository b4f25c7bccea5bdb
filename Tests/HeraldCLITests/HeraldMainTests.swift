import Foundation
import Testing

@testable import HeraldCLI

/// What one `herald` invocation produced.
struct Invocation {
  var status: Int32
  var stdout: String
  var stderr: String

  /// Runs herald in-process with `commands` (the real table by default), capturing both streams.
  static func run(
    _ arguments: [String], commands: [any CLICommand.Type] = CommandRegistry.commands
  ) async -> Invocation {
    let output = MemorySink()
    let error = MemorySink()
    let status = await HeraldMain.run(arguments, commands: commands, console: Console(output: output, error: error))
    return Invocation(status: status, stdout: output.text, stderr: error.text)
  }
}

/// A new empty folder under the temporary directory.
func temporaryFolder(_ prefix: String) -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Waits for `process` to exit without blocking one of the few threads async tests share: a
/// blocking wait of seconds starves the tests running meanwhile (keep-alive servers time out).
func exited(_ process: Process) async {
  while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
  process.waitUntilExit()
}

/// End-to-end dispatch: output streams and exit statuses of whole invocations.
struct HeraldMainTests {
  static let commands: [any CLICommand.Type] = [ProbeExtractCommand.self, VersionCommand.self]

  /// Runs herald with the test command table, capturing both streams.
  private func herald(_ arguments: String...) async -> Invocation {
    await Invocation.run(arguments, commands: Self.commands)
  }

  private static let topUsage = """
    Usage: herald COMMAND [options]
           herald help [COMMAND]
    See 'herald --help'.

    """

  @Test func bareHeraldPrintsOverviewToStderrAndFails() async {
    let result = await herald()
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("Commands:"))
  }

  @Test(arguments: [["--help"], ["-h"], ["help"]])
  func overviewGoesToStdout(_ arguments: [String]) async {
    let output = MemorySink()
    let error = MemorySink()
    let status = await HeraldMain.run(
      arguments, commands: Self.commands, console: Console(output: output, error: error))
    #expect(status == 0)
    #expect(error.text.isEmpty)
    #expect(output.text.hasPrefix(HeraldMain.abstract + "\n"))
    #expect(output.text.contains("  extract  Extract declarations from a Lean project.\n"))
    #expect(output.text.contains("  version  Print the herald version.\n"))
    #expect(output.text.contains("  help     Show help for herald or one of its commands.\n"))
  }

  @Test func helpForACommandMatchesItsOwnHelpFlag() async {
    let viaHelp = await herald("help", "extract")
    let viaFlag = await herald("extract", "--help")
    let viaTopFlag = await herald("--help", "extract")
    #expect(viaHelp.status == 0 && viaFlag.status == 0 && viaTopFlag.status == 0)
    #expect(viaHelp.stdout == HelpRenderer.commandHelp(ProbeExtractCommand.spec))
    #expect(viaFlag.stdout == viaHelp.stdout)
    #expect(viaTopFlag.stdout == viaHelp.stdout)
    #expect(viaHelp.stdout.contains("--module PREFIX"))
  }

  @Test func helpDescribesItself() async {
    let result = await herald("help", "help")
    #expect(result.status == 0)
    #expect(result.stdout.contains("Usage: herald help [COMMAND]"))
  }

  @Test func unknownCommandSuggestsTheNearestOne() async {
    let result = await herald("extrct", "--project", "p")
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "Error: unknown command 'extrct' (did you mean 'extract'?)\n" + Self.topUsage)
  }

  @Test func helpForUnknownCommandIsAUsageError() async {
    let result = await herald("help", "verison")
    #expect(result.status == 64)
    #expect(result.stderr == "Error: unknown command 'verison' (did you mean 'version'?)\n" + Self.topUsage)
  }

  @Test func unknownTopLevelOption() async {
    let result = await herald("--verison")
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: unknown option '--verison' (did you mean '--version'?)\n"))
  }

  @Test func helpRejectsExtraArguments() async {
    let result = await herald("help", "extract", "graph")
    #expect(result.status == 64)
    #expect(
      result.stderr == """
        Error: unexpected argument 'graph'
        Usage: herald help [COMMAND]
        See 'herald help --help'.

        """)
  }

  @Test(arguments: [["--version"], ["version"]])
  func printsVersion(_ arguments: [String]) async {
    let output = MemorySink()
    let status = await HeraldMain.run(
      arguments, commands: Self.commands, console: Console(output: output, error: MemorySink()))
    #expect(status == 0)
    #expect(output.text == HeraldMain.versionLine + "\n")
    #expect(output.text.wholeMatch(of: /herald \d+\.\d+\.\d+\n/) != nil)
  }

  @Test func versionRejectsArguments() async {
    #expect(await herald("version", "now").status == 64)
    #expect(await herald("--version", "now").status == 64)
  }

  @Test func commandUsageErrorShowsCommandUsage() async {
    let result = await herald("extract", "--project", "p", "--jbos", "3")
    #expect(result.status == 64)
    #expect(
      result.stderr == """
        Error: unknown option '--jbos' (did you mean '--jobs'?)
        Usage: herald extract --project DIR [--jobs N] [--module PREFIX]... [TARGET...]
        See 'herald extract --help'.

        """)
  }

  @Test func runsTheCommandWithParsedArguments() async {
    let result = await herald(
      "extract", "--project=/lean", "-j", "3", "--module", "A", "--module", "B", "T1", "--", "-T2")
    #expect(result.status == 0)
    #expect(result.stdout == "project=/lean jobs=3 timeout=60.0 modules=A,B targets=T1,-T2\n")
    #expect(result.stderr == "done\n")
  }

  @Test func quietFlagSilencesNotes() async {
    let result = await herald("extract", "--project", "/lean", "-q")
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
  }

  @Test func commandChoosesItsOwnStatus() async {
    #expect(await herald("extract", "--project", "p", "--module", "fail").status == 1)
  }

  @Test func typedAccessorErrorsAreUsageErrors() async {
    let result = await herald("extract", "--project", "p", "--jobs", "0")
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: invalid value '0' for '--jobs': must be between 1 and 64\n"))
    #expect(result.stderr.hasSuffix("See 'herald extract --help'.\n"))
  }

  @Test func validationErrorsGetTheCommandUsage() async {
    let result = await herald("extract", "--project", "p", "--force")
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: '--force' needs at least one '--module'\nUsage: herald extract "))
  }

  @Test func runtimeErrorsExitOne() async {
    let result = await herald("extract", "--project", "/boom")
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "Error: analyzer crashed with status 3\n")
  }

  @Test func describesLocalizedErrors() {
    /// An error with a localized description, as Foundation-style errors have.
    struct Missing: LocalizedError {
      var errorDescription: String? { "no lakefile in /lean" }
    }
    #expect(HeraldMain.describe(Missing()) == "no lakefile in /lean")
    #expect(HeraldMain.describe(AnalyzerCrash(status: 2)) == "analyzer crashed with status 2")
  }

  @Test func mainUsesTheRegistryAndDropsTheProgramName() async {
    #expect(await HeraldMain.main(["herald", "definitely-not-a-command"]) == 64)
    #expect(await HeraldMain.main(["herald", "help"]) == 0)
    #expect(await HeraldMain.main(["herald", "version"]) == 0)
  }
}
