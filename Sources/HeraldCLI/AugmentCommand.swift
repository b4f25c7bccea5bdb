import Augmentation
import Foundation
import Storage

/// `herald augment`: more statements from the library's own proofs (issue 7). For now the
/// tactic-based augmentation's rendering half: proof states as theorems, deduplicated and sampled.
enum AugmentCommand: CLICommand {
  static let spec = CommandSpec(
    name: "augment",
    abstract: "Turn the proof states of tactic proofs into standalone theorems, deduplicated and sampled.",
    usage: [
      "herald augment --db PATH --tactic --render-only [--per-theorem K] [--seed S] [--limit N] [--module PREFIX]..."
        + " [--show N] [--json]"
    ],
    discussion: """
      Every goal a tactic step of a theorem acts on (as extract stored it) becomes a theorem of its own:
      hypotheses become binders (instances [inst : C], everything else explicit), the goal the conclusion, let
      hypotheses `let x : T := v;` in front of it, named <theorem>.state_<step>. Names Lean prints but cannot
      read back (x✝, inst✝, shadowed h✝) get fresh ones; states with metavariables (?m.5) or elided terms
      (⋯) are skipped, as are trivial goals (True, a = a, a hypothesis), each counted by reason; a step's goals
      it does not act on are counted not_acted_on (they are rendered at the step that does). States equal to
      their theorem's statement or to an earlier state (up to bound names, white space and intro) are dropped;
      of the rest, at most K per theorem (default 2) are kept, one drawn from each of K stretches of the proof,
      the same for the same seed. --render-only renders, dedupes and samples without writing anything and
      prints the counts; compiling, informalizing and storing the candidates come with the full augmentation
      stage, which --render-only will then be the dry run of. --limit counts theorems, module by module.
      """,
    options: [
      OptionSpec(long: "--db", valueName: "PATH", help: "The database extract wrote.", isRequired: true),
      .flag("--tactic", help: "Tactic-based augmentation: proof states as theorems (the only kind so far)."),
      .flag("--render-only", help: "Render, dedupe and sample; write nothing (the full stage comes later)."),
      OptionSpec(
        long: "--per-theorem", valueName: "K", help: "States kept per theorem at most.", defaultDescription: "2"),
      OptionSpec(long: "--seed", valueName: "S", help: "Seed of the per-theorem draws.", defaultDescription: "0"),
      OptionSpec(long: "--limit", valueName: "N", help: "At most N theorems, module by module."),
      OptionSpec(
        long: "--module", valueName: "PREFIX", help: "Only theorems of modules under PREFIX.", isRepeatable: true),
      OptionSpec(long: "--show", valueName: "N", help: "Also print the first N candidates.", defaultDescription: "0"),
      .flag("--json", help: "Print the summary as one JSON object."),
    ])

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    guard arguments.flag("--tactic") else {
      throw UsageError("give --tactic (tactic-based augmentation is the only kind so far)", command: spec.name)
    }
    guard arguments.flag("--render-only") else {
      throw UsageError(
        "give --render-only: compiling, informalizing and storing candidates come with the full augmentation stage",
        command: spec.name)
    }
    _ = try arguments.int("--per-theorem", range: 0...1_000)
    _ = try arguments.int("--seed", range: 0...Int.max)
    _ = try arguments.int("--limit", range: 0...Int.max)
    _ = try arguments.int("--show", range: 0...1_000_000)
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    let connection = try HeraldDatabase.openExisting(path: arguments.value("--db") ?? "", readOnly: true)
    let source = try TacticStateSource(connection: connection, options: try options(arguments))
    let shown = try source.drain(keepingFirst: try arguments.int("--show") ?? 0)
    if arguments.flag("--json") {
      console.print(try JSONText.encode(Output(report: source.report, candidates: shown)))
    } else {
      console.print((summary(source.report) + shown.map { "  \($0.declaration)" }).joined(separator: "\n"))
    }
    return ExitStatus.success
  }

  /// The source's settings from the command line.
  static func options(_ arguments: ParsedArguments) throws(UsageError) -> AugmentOptions {
    var options = AugmentOptions()
    options.perTheorem = try arguments.int("--per-theorem") ?? options.perTheorem
    options.seed = UInt64(try arguments.int("--seed") ?? 0)
    options.limit = try arguments.int("--limit")
    options.modulePrefixes = arguments.values("--module")
    return options
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: AugmentReport) -> [String] {
    let skipped = report.skipped.values.reduce(0, +)
    let reasons = report.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    return [
      "augment (render only): \(report.theorems) theorems in \(report.modules) module\(report.modules == 1 ? "" : "s") "
        + "(\(report.theoremsWithTacticProofs) with tactic proofs, \(report.termProofs) term proofs); "
        + "\(report.steps) steps, \(report.states) states (\(String(format: "%.1f", report.seconds)) s)",
      "  rendered \(report.rendered); skipped \(skipped)"
        + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: ", ")),
      "  kept \(report.sampled) (at most \(report.perTheorem) per theorem, seed \(report.seed)); dropped "
        + "\(report.sameAsParent) equal to their theorem, \(report.duplicates) duplicates, "
        + "\(report.overBudget) over the budget",
    ]
  }

  /// The `--json` object: the report's keys, plus `candidates` when `--show` asked for some.
  private struct Output: Encodable {
    let report: AugmentReport
    let candidates: [TacticCandidate]

    private enum Key: String, CodingKey { case candidates }

    func encode(to encoder: any Encoder) throws {
      try report.encode(to: encoder)
      guard !candidates.isEmpty else { return }
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(candidates, forKey: .candidates)
    }
  }
}
