import Extraction
import Foundation
import Storage

/// `herald graph`: the dependency graph's figures.
enum GraphCommand: CLICommand {
  static let spec = CommandSpec(
    name: "graph",
    abstract: "Summarize the dependency graph: sizes, kinds, levels, cycles, deepest chain.",
    usage: ["herald graph --db PATH [--top N] [--json]"],
    discussion: """
      Levels: 0 = no dependencies, else 1 + the highest level among dependencies; declarations on a cycle
      share one level. `type_levels` counts only what is needed to state a declaration.
      """,
    options: [
      OptionSpec(long: "--db", valueName: "PATH", help: "The database written by extract.", isRequired: true),
      OptionSpec(long: "--top", valueName: "N", help: "How many largest cycles to list.", defaultDescription: "5"),
      .flag("--json", help: "Print one JSON object."),
    ])

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    _ = try arguments.int("--top", range: 0...1000)
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    let connection = try HeraldDatabase.openExisting(path: arguments.value("--db") ?? "")
    let summary = try GraphSummary.load(connection, top: try arguments.int("--top") ?? 5)
    if arguments.flag("--json") {
      console.print(try JSONText.encode(summary))
      return ExitStatus.success
    }
    var lines = [
      "modules \(summary.modules), declarations \(summary.declarations), symbols \(summary.symbols), "
        + "tactic steps \(summary.tacticSteps)",
      "graph: \(summary.units) units, \(summary.edges) edges (\(summary.typeEdges) needed to state), "
        + "max level \(summary.maxLevel) (type only: \(summary.maxTypeLevel))",
      "kinds: "
        + summary.kinds.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        .map { "\($0.key) \($0.value)" }.joined(separator: ", "),
      "levels:",
    ]
    let widest = summary.levels.values.max() ?? 1
    for (level, count) in summary.levels.sorted(by: { Int($0.key) ?? 0 < Int($1.key) ?? 0 }) {
      let bar = String(repeating: "#", count: max(1, count * 40 / max(1, widest)))
      lines.append(
        "  \(level.padding(toLength: 4, withPad: " ", startingAt: 0)) \(String(count).padding(toLength: 8, withPad: " ", startingAt: 0)) \(bar)"
      )
    }
    if summary.largestComponents.isEmpty {
      lines.append("cycles: none")
    } else {
      lines.append("largest cycles (translated together as groups):")
      for component in summary.largestComponents {
        lines.append(
          "  \(component.size) units at level \(component.level): \(component.members.joined(separator: ", "))")
      }
    }
    lines.append("deepest chain: " + summary.deepestChain.joined(separator: " → "))
    lines.append("failures: \(summary.failures)")
    for (reason, count) in summary.failuresByReason.sorted(by: { $0.key < $1.key }) {
      lines.append("  \(reason): \(count)")
    }
    console.print(lines.joined(separator: "\n"))
    return ExitStatus.success
  }
}
