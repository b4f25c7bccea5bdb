import Testing

@testable import HeraldCLI

/// Spec consistency checks, including every registered command.
struct CommandSpecTests {
  @Test func registeredCommandsAreSound() {
    let names = CommandRegistry.commands.map { $0.spec.name }
    #expect(Set(names).count == names.count, "duplicate command names: \(names)")
    #expect(!names.contains(HeraldMain.helpSpec.name))
    for command in CommandRegistry.commands {
      #expect(command.spec.problems().isEmpty, "\(command.spec.name): \(command.spec.problems())")
      #expect(!command.spec.abstract.isEmpty && !command.spec.abstract.contains("\n"))
    }
    #expect(HeraldMain.helpSpec.problems().isEmpty)
    #expect(ProbeExtractCommand.spec.problems().isEmpty)
  }

  @Test(arguments: [
    (OptionSpec.flag("jobs", help: ""), "long option 'jobs' must look like '--name'"),
    (OptionSpec.flag("--a=b", help: ""), "long option '--a=b' must look like '--name'"),
    (OptionSpec.flag("--x", short: "j", help: ""), "short option 'j' of '--x' must look like '-x'"),
    (OptionSpec.flag("--help", help: ""), "option '--help' is reserved for help"),
    (OptionSpec.flag("--hint", short: "-h", help: ""), "option '-h' is reserved for help"),
    (
      OptionSpec(long: "--force", help: "", isRequired: true),
      "flag '--force' cannot be required or have a default"
    ),
  ])
  func detectsBadOptions(_ option: OptionSpec, _ problem: String) {
    let spec = CommandSpec(name: "x", abstract: "X.", options: [option])
    #expect(spec.problems() == [problem])
  }

  @Test func detectsDuplicateSpellings() {
    let spec = CommandSpec(
      name: "x", abstract: "X.",
      options: [.flag("--jobs", short: "-j", help: ""), .option("--json", short: "-j", value: "F", help: "")])
    #expect(spec.problems() == ["option '-j' is declared twice"])
  }

  @Test func detectsBadPositionalOrder() {
    let spec = CommandSpec(
      name: "x", abstract: "X.",
      arguments: [
        PositionalSpec("A", help: "", arity: .optional), PositionalSpec("B", help: ""),
        PositionalSpec("C", help: "", arity: .variadic), PositionalSpec("D", help: "", arity: .optional),
      ])
    #expect(
      spec.problems() == [
        "required argument 'B' follows an optional one", "variadic argument 'C' must be last",
      ])
  }

  @Test func rejectsMultiWordNames() {
    #expect(CommandSpec(name: "two words", abstract: "X.").problems().count == 1)
    #expect(CommandSpec(name: "--x", abstract: "X.").problems().count == 1)
  }

  @Test func generatesUsageWhenNoneGiven() {
    let spec = CommandSpec(
      name: "graph", abstract: "Graph.",
      options: [
        .option("--db", value: "PATH", help: "", required: true), .flag("--force", help: ""),
      ],
      arguments: [PositionalSpec("ROOT", help: ""), PositionalSpec("MORE", help: "", arity: .variadic)])
    #expect(spec.usageLines == ["herald graph --db PATH [options] ROOT [MORE...]"])
    #expect(CommandSpec(name: "version", abstract: "V.").usageLines == ["herald version"])
  }
}
