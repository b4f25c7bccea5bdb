import Foundation
import Testing

@testable import HeraldCLI

/// Layout of command help and the overview.
struct HelpRendererTests {
  static let spec = CommandSpec(
    name: "extract", abstract: "Extract declarations from a Lean project.",
    discussion: "\nExamples:\n  herald extract --project ~/mathlib4\n",
    options: [
      .option("--project", value: "DIR", help: "Root of the Lean project.", required: true),
      .option("--jobs", short: "-j", value: "N", help: "Parallel workers.", default: "2"),
      .option("--module", value: "PREFIX", help: "Only modules under PREFIX.", repeatable: true),
      .flag("--force", short: "-f", help: "Overwrite existing rows."),
    ],
    arguments: [
      PositionalSpec("TARGET", help: "Modules to extract.", arity: .variadic)
    ])

  private var help: String { HelpRenderer.commandHelp(Self.spec) }

  @Test func startsWithAbstractThenGeneratedUsage() {
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "Extract declarations from a Lean project.")
    #expect(lines[1] == "")
    #expect(lines[2] == "Usage: herald extract --project DIR [options] [TARGET...]")
  }

  @Test func listsEveryOptionWithItsNotes() {
    let lines = help.split(separator: "\n").map(String.init)
    let expectations = [
      ("      --project DIR", "Root of the Lean project. (required)"),
      ("  -j, --jobs N", "Parallel workers. (default: 2)"),
      ("      --module PREFIX", "Only modules under PREFIX. (repeatable)"),
      ("  -f, --force", "Overwrite existing rows."),
      ("  -h, --help", "Show this help."),
    ]
    for (name, text) in expectations {
      let row = lines.first { $0.hasPrefix(name + " ") }
      #expect(row?.hasSuffix(text) == true, "no row for \(name)")
    }
    #expect(help.contains("Arguments:\n  TARGET"))
    #expect(help.contains("Modules to extract. (optional)"))
  }

  @Test func alignsHelpColumn() {
    let lines = help.split(separator: "\n").map(String.init)
    let helpTexts = [
      "Root of the Lean", "Parallel workers.", "Only modules", "Overwrite existing", "Show this help.",
    ]
    let columns = helpTexts.map { text in
      lines.compactMap { line in
        line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
      }
      .first
    }
    #expect(!columns.contains(nil))
    #expect(Set(columns).count == 1, "help text starts at columns \(columns)")
  }

  @Test func endsWithDiscussionAfterOptions() throws {
    #expect(help.hasSuffix("Show this help.\n\nExamples:\n  herald extract --project ~/mathlib4\n"))
  }

  @Test func usesExplicitUsageLinesAligned() {
    var spec = Self.spec
    spec.usage = ["herald graph build --db PATH", "herald graph show NAME"]
    let text = HelpRenderer.commandHelp(spec)
    #expect(text.contains("Usage: herald graph build --db PATH\n       herald graph show NAME\n"))
  }

  @Test func wrapsLongHelpWithinWidth() {
    var spec = Self.spec
    let long = Array(repeating: "elaborate", count: 40).joined(separator: " ")
    spec.options.append(.option("--note", value: "TEXT", help: long))
    let lines = HelpRenderer.commandHelp(spec).split(separator: "\n").map(String.init)
    #expect(lines.allSatisfy { $0.count <= HelpRenderer.width })
    let rows = lines.filter { $0.contains("elaborate") }
    #expect(rows.count >= 4)
    let column = rows[0].distance(from: rows[0].startIndex, to: rows[0].range(of: "elaborate")!.lowerBound)
    #expect(rows.dropFirst().allSatisfy { $0.prefix { $0 == " " }.count == column })
    #expect(rows.joined().components(separatedBy: "elaborate").count - 1 == 40)
  }

  @Test func overviewListsCommandsAligned() {
    let text = HelpRenderer.overview(
      abstract: "Turn Lean into data.",
      commands: [
        CommandSpec(name: "extract", abstract: "Extract things."),
        CommandSpec(name: "graph", abstract: "Build graphs."),
      ],
      usage: ["herald COMMAND [options]"])
    #expect(text.hasPrefix("Turn Lean into data.\n\nUsage: herald COMMAND [options]\n\nCommands:\n"))
    #expect(text.contains("  extract  Extract things.\n  graph    Build graphs.\n"))
    #expect(text.contains("--version"))
    #expect(text.hasSuffix("See 'herald help COMMAND' for more about a command.\n"))
  }

  @Test(
    arguments: [
      ("one two three", 7, ["one two", "three"]),
      ("one two three", 100, ["one two three"]),
      ("supercalifragilistic a", 5, ["supercalifragilistic", "a"]),
      ("", 10, [""]),
      ("a  b", 10, ["a b"]),
    ] as [(String, Int, [String])])
  func wrapsGreedily(_ text: String, _ width: Int, _ expected: [String]) {
    #expect(HelpRenderer.wrap(text, width: width) == expected)
  }
}
