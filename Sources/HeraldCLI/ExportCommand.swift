import Export
import Foundation

/// `herald export`: the translated declarations as JSONL shards, with a manifest and a dataset card.
enum ExportCommand: CLICommand {
  static let spec = CommandSpec(
    name: "export",
    abstract: "Write the translated declarations as a dataset: JSONL shards per view and split, manifest, card.",
    usage: [
      "herald export --db PATH --out DIR [--view herald|messages|prompt-completion]... [--shards N]"
        + " [--val-fraction F] [--test-fraction F] [--seed S] [--require any|passed] [--quiet] [--json]"
    ],
    discussion: """
      Views (one Hugging Face config each): herald (the full statement record), messages (system, user and
      assistant chat records, NL->Lean and Lean->NL, the direction in a field) and prompt-completion (the same
      pairs as prompt and completion). Files: DIR/<view>/data/<split>-00000-of-0000N.jsonl, DIR/manifest.json
      (rows, bytes and SHA-256 per file, counts, provenance, what was left out and why), DIR/README.md (the
      dataset card) and DIR/schemas/. Whole modules go to one split, chosen by a hash of the name and the seed.
      Every record is checked against its schema first; one that breaks it becomes a row in failures (stage
      export) instead of a line. Files are written to a staging folder inside DIR and renamed into place at
      the end, so an interrupted export leaves the previous dataset whole; the same command on the same
      database writes the same bytes. Each record carries its validation verdicts (herald validate); with
      --require passed only records that passed are written, the others counted by reason in the manifest. The
      card and manifest show the funnel extracted -> translated -> compiled -> back-translated -> judged same.
      Exit status 1 when a record broke its schema.
      """,
    options: [
      OptionSpec(long: "--db", valueName: "PATH", help: "The database translate wrote.", isRequired: true),
      OptionSpec(
        long: "--out", valueName: "DIR", help: "The dataset folder (created when missing).", isRequired: true),
      OptionSpec(
        long: "--view", valueName: "VIEW", help: "herald, messages or prompt-completion.", isRepeatable: true,
        defaultDescription: "all three"),
      OptionSpec(long: "--shards", valueName: "N", help: "Files per split and view, at most.", defaultDescription: "1"),
      OptionSpec(
        long: "--val-fraction", valueName: "F", help: "Fraction of modules for validation.",
        defaultDescription: "0.05"),
      OptionSpec(
        long: "--test-fraction", valueName: "F", help: "Fraction of modules for test.", defaultDescription: "0.05"),
      OptionSpec(long: "--seed", valueName: "S", help: "Seed of the split by module.", defaultDescription: "0"),
      OptionSpec(
        long: "--require", valueName: "VERDICT",
        help: "any (every record, with its verdicts) or passed (only records that passed validation).",
        defaultDescription: "any"),
      .flag("--quiet", short: "-q", help: "No progress display."),
      .flag("--json", help: "Print the summary as one JSON object."),
    ])

  static func validate(_ arguments: ParsedArguments) throws(UsageError) {
    for view in arguments.values("--view") where ExportView(rawValue: view) == nil {
      var message = "unknown view '\(view)' for '--view' (herald, messages or prompt-completion)"
      if let guess = EditDistance.suggestion(for: view, among: ExportView.allCases.map(\.rawValue)) {
        message += "; did you mean '\(guess)'?"
      }
      throw UsageError(message, command: spec.name)
    }
    if let requirement = arguments.value("--require"), ExportOptions.Requirement(rawValue: requirement) == nil {
      throw UsageError("--require takes any or passed, not '\(requirement)'", command: spec.name)
    }
    _ = try arguments.int("--shards", range: 1...ExportOptions.maxShards)
    _ = try arguments.int("--seed", range: 0...Int.max)
    let validation = try arguments.double("--val-fraction", range: 0.0...1.0) ?? 0
    let test = try arguments.double("--test-fraction", range: 0.0...1.0) ?? 0
    if validation + test > 1 {
      throw UsageError("--val-fraction and --test-fraction add up to more than 1", command: spec.name)
    }
  }

  static func run(_ arguments: ParsedArguments, _ console: Console) async throws -> Int32 {
    var options = ExportOptions(
      database: arguments.value("--db") ?? "", outputDirectory: arguments.value("--out") ?? "")
    let views = Set(arguments.values("--view").compactMap(ExportView.init(rawValue:)))
    if !views.isEmpty { options.views = views.sorted() }
    options.shards = try arguments.int("--shards") ?? options.shards
    options.split.validationFraction = try arguments.double("--val-fraction") ?? options.split.validationFraction
    options.split.testFraction = try arguments.double("--test-fraction") ?? options.split.testFraction
    options.split.seed = try arguments.int("--seed") ?? options.split.seed
    if let requirement = arguments.value("--require").flatMap(ExportOptions.Requirement.init(rawValue:)) {
      options.requirement = requirement
    }
    let json = arguments.flag("--json")
    let display = ProgressDisplay(console: console.with(quiet: arguments.flag("--quiet") || json))
    let report = try await ExportStage(options: options).run(progress: display)
    console.print(json ? try JSONText.encode(report) : summary(report, database: options.database))
    return status(report)
  }

  /// 1 when some record broke its schema.
  static func status(_ report: ExportReport) -> Int32 {
    report.failed == 0 ? ExitStatus.success : ExitStatus.failure
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: ExportReport, database: String) -> String {
    let splits = ["train", "validation", "test"].compactMap { split in
      report.recordsBySplit[split].map { "\(split) \($0)" }
    }
    let views = report.rowsByView.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    var lines = [
      "export: \(report.records) records (\(splits.joined(separator: ", ")))"
        + (report.proofs > 0 ? " and \(report.proofs) proofs" : "") + ", lines by view: "
        + "\(views.joined(separator: ", ")); \(report.files) files, "
        + "\(String(format: "%.1f", Double(report.bytes) / 1_048_576)) MB (\(String(format: "%.1f", report.seconds)) s)",
      "  dataset: \(report.output) (manifest.json, README.md)",
    ]
    let excluded = report.excluded.filter { $0.key != "invalid_record" }.sorted { $0.key < $1.key }
    if !excluded.isEmpty {
      lines.append("  left out: " + excluded.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
    if report.failed > 0 {
      lines += FailureSummary.lines(
        byReason: ["invalid_record": report.failed], stage: "export", database: database,
        rerun: "the other records were written; a rerun exports everything again")
    }
    return lines.joined(separator: "\n")
  }
}
