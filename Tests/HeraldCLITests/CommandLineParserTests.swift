import Testing

@testable import HeraldCLI

/// One successful parse and what it should yield.
struct ParseCase: Sendable, CustomTestStringConvertible {
  var args: [String]
  var project: String?
  var jobs: String? = nil
  var modules: [String] = []
  var force = false
  var verbosity = 0
  var offset: String? = nil
  var positionals: [String] = []

  var testDescription: String { args.joined(separator: " ") }
}

/// Parsing tables: accepted command lines, every error message, help detection, positionals.
struct CommandLineParserTests {
  static let spec = CommandSpec(
    name: "extract", abstract: "Extract.",
    options: [
      .option("--project", value: "DIR", help: "Project root.", required: true),
      .option("--jobs", short: "-j", value: "N", help: "Workers.", default: "2"),
      .option("--module", value: "PREFIX", help: "Module prefix.", repeatable: true),
      .option("--offset", value: "N", help: "Offset."),
      .flag("--force", short: "-f", help: "Overwrite."),
      .flag("--verbose", short: "-v", help: "More output.", repeatable: true),
    ],
    arguments: [PositionalSpec("TARGET", help: "Targets.", arity: .variadic)])

  static let successes: [ParseCase] = [
    ParseCase(args: ["--project", "p"], project: "p"),
    ParseCase(args: ["--project=p", "--jobs=4"], project: "p", jobs: "4"),
    ParseCase(args: ["--project", "p", "-j", "3"], project: "p", jobs: "3"),
    ParseCase(args: ["--project", "p", "-j=5"], project: "p", jobs: "5"),
    ParseCase(
      args: ["--project", "p", "--module", "A", "--module=B", "--module", "C"], project: "p",
      modules: ["A", "B", "C"]),
    ParseCase(args: ["--project", "p", "-f", "-v", "--verbose"], project: "p", force: true, verbosity: 2),
    ParseCase(
      args: ["--project", "p", "--", "--force", "-x"], project: "p", positionals: ["--force", "-x"]),
    ParseCase(args: ["a", "--project", "p", "b"], project: "p", positionals: ["a", "b"]),
    ParseCase(args: ["--project", "p", "--offset", "-3"], project: "p", offset: "-3"),
    ParseCase(args: ["--project", "p", "--offset", "-2.5e3"], project: "p", offset: "-2.5e3"),
    ParseCase(args: ["--project", "-"], project: "-"),
    ParseCase(args: ["--project=a=b"], project: "a=b"),
    ParseCase(args: ["--project="], project: ""),
    ParseCase(args: ["--project", "p", "-"], project: "p", positionals: ["-"]),
    ParseCase(args: ["--project", "p", "-7"], project: "p", positionals: ["-7"]),
  ]

  @Test(arguments: successes)
  func parses(_ expected: ParseCase) throws {
    let parsed = try CommandLineParser.parse(expected.args, spec: Self.spec)
    #expect(!parsed.isHelpRequested)
    #expect(parsed.value("--project") == expected.project)
    #expect(parsed.value("--jobs") == expected.jobs)
    #expect(parsed.values("--module") == expected.modules)
    #expect(parsed.flag("--force") == expected.force)
    #expect(parsed.count("--verbose") == expected.verbosity)
    #expect(parsed.value("--offset") == expected.offset)
    #expect(parsed.positionals == expected.positionals)
    #expect(parsed.positionalValues("TARGET") == expected.positionals)
  }

  @Test(
    arguments: [
      (["--project", "p", "--jbos", "4"], "unknown option '--jbos' (did you mean '--jobs'?)"),
      (["--project", "p", "--jbos=4"], "unknown option '--jbos' (did you mean '--jobs'?)"),
      (["--project", "p", "--mod", "A"], "unknown option '--mod' (did you mean '--module'?)"),
      (["--project", "p", "--hepl"], "unknown option '--hepl' (did you mean '--help'?)"),
      (["--project", "p", "--zzzzzz"], "unknown option '--zzzzzz'"),
      (["--project", "p", "-x"], "unknown option '-x'"),
      (["--project"], "missing value for option '--project' (expected DIR)"),
      (["--project", "--force"], "missing value for option '--project' (expected DIR)"),
      (["--project", "p", "-j"], "missing value for option '--jobs' (expected N)"),
      (["--project", "p", "--force=yes"], "option '--force' does not take a value"),
      (["--project", "p", "--jobs", "1", "-j", "2"], "option '--jobs' was given more than once"),
      (["--project", "p", "-f", "--force"], "option '--force' was given more than once"),
      (["--jobs", "2"], "missing required option '--project DIR'"),
      ([], "missing required option '--project DIR'"),
    ] as [([String], String)])
  func rejects(_ args: [String], _ message: String) {
    #expect(throws: UsageError(message, command: "extract")) {
      try CommandLineParser.parse(args, spec: Self.spec)
    }
  }

  @Test(arguments: [
    ["--help"], ["-h"], ["--project", "p", "-h"], ["--jbos", "--help"], ["--help=please"],
    ["--force=yes", "-h"],
  ])
  func helpWinsOverErrors(_ args: [String]) throws {
    let parsed = try CommandLineParser.parse(args, spec: Self.spec)
    #expect(parsed.isHelpRequested)
    #expect(parsed.positionals.isEmpty)
  }

  @Test func helpAfterDoubleDashIsPositional() throws {
    let parsed = try CommandLineParser.parse(["--project", "p", "--", "--help"], spec: Self.spec)
    #expect(!parsed.isHelpRequested)
    #expect(parsed.positionals == ["--help"])
  }

  static let positionalSpec = CommandSpec(
    name: "copy", abstract: "Copy.",
    arguments: [
      PositionalSpec("SOURCE", help: "From."),
      PositionalSpec("DEST", help: "To.", arity: .optional),
      PositionalSpec("EXTRA", help: "More.", arity: .variadic),
    ])

  @Test(
    arguments: [
      (["a"], "a", nil, []),
      (["a", "b"], "a", "b", []),
      (["a", "b", "c", "d"], "a", "b", ["c", "d"]),
    ] as [([String], String, String?, [String])])
  func bindsPositionalsInDeclarationOrder(
    _ args: [String], _ source: String, _ dest: String?, _ extra: [String]
  ) throws {
    let parsed = try CommandLineParser.parse(args, spec: Self.positionalSpec)
    #expect(parsed.positional("SOURCE") == source)
    #expect(parsed.positional("DEST") == dest)
    #expect(parsed.positionalValues("EXTRA") == extra)
  }

  @Test func reportsMissingRequiredArgument() {
    #expect(throws: UsageError("missing required argument 'SOURCE'", command: "copy")) {
      try CommandLineParser.parse([], spec: Self.positionalSpec)
    }
  }

  @Test func reportsUnexpectedArgument() {
    let one = CommandSpec(name: "show", abstract: "Show.", arguments: [PositionalSpec("NAME", help: "")])
    #expect(throws: UsageError("unexpected argument 'b'", command: "show")) {
      try CommandLineParser.parse(["a", "b"], spec: one)
    }
    let none = CommandSpec(name: "version", abstract: "Version.")
    #expect(throws: UsageError("unexpected argument 'x'", command: "version")) {
      try CommandLineParser.parse(["x"], spec: none)
    }
  }

  @Test(arguments: [
    ("--jobs", true), ("-j", true), ("--", true), ("-", false), ("-3", false), ("-0.5", false),
    ("value", false), ("", false),
  ])
  func classifiesOptionLikeWords(_ word: String, _ isOption: Bool) {
    #expect(CommandLineParser.looksLikeOption(word) == isOption)
  }
}
