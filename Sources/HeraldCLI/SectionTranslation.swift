import Formalization
import Foundation
import LLM
import LeanREPL
import Retrieval
import Sections
import Storage

/// `herald translate --section SOURCE`: a section of mathematics (LaTeX or HTML) formalized
/// into a Lean file, item by item, with compile feedback; and its JSON and Markdown reports.
enum SectionTranslation {
  /// The options of this mode, added to `translate`'s.
  static let options: [OptionSpec] = [
    OptionSpec(long: "--section", valueName: "SOURCE", help: "Formalize a section of a LaTeX or HTML file instead."),
    OptionSpec(long: "--label", valueName: "LABEL", help: "With --section: the section (or an item in it) by label."),
    OptionSpec(long: "--number", valueName: "N", help: "With --section: the section by number, such as 9.15."),
    OptionSpec(
      long: "--format", valueName: "FORMAT", help: "With --section: latex or html.", defaultDescription: "detected"),
    OptionSpec(long: "--out", valueName: "FILE.lean", help: "With --section: the Lean file to write."),
    OptionSpec(
      long: "--samples", valueName: "N", help: "With --section: candidates per item at most.", defaultDescription: "2"),
    OptionSpec(
      long: "--repair-rounds", valueName: "K", help: "With --section: times Lean's errors go back to the model.",
      defaultDescription: "2"),
    .flag("--prove", help: "With --section: ask for proofs, kept only when they compile without sorry."),
    .flag("--parse-only", help: "With --section: print the section's items and stop (no model, no Lean)."),
  ]

  /// The options that mean nothing without `--section`, and its flags.
  static let sectionOnly = [
    "--label", "--number", "--format", "--out", "--samples", "--repair-rounds", "--lean-project", "--repl",
    "--header", "--lean-workers",
  ]
  static let sectionOnlyFlags = ["--prove", "--parse-only"]

  /// Checks this mode's options.
  static func validate(_ arguments: ParsedArguments, command: String) throws(UsageError) {
    guard arguments.value("--section") != nil else {
      if let stray = sectionOnly.first(where: { arguments.value($0) != nil })
        ?? sectionOnlyFlags.first(where: arguments.flag)
      {
        throw UsageError("\(stray) is an option of translate --section SOURCE", command: command)
      }
      return
    }
    if arguments.value("--label") != nil, arguments.value("--number") != nil {
      throw UsageError("give --label or --number, not both", command: command)
    }
    if let format = arguments.value("--format"), SectionFormat(rawValue: format) == nil {
      throw UsageError("--format takes latex or html, not '\(format)'", command: command)
    }
    _ = try arguments.int("--samples", range: 1...64)
    _ = try arguments.int("--repair-rounds", range: 0...16)
    let translateOnly =
      ["--limit", "--module", "--shard", "--scheduler"].first { arguments.value($0) != nil }
      ?? ["--force", "--retry-unusable"].first(where: arguments.flag)
    if let option = translateOnly {
      throw UsageError("\(option) is not an option of translate --section", command: command)
    }
    guard !arguments.flag("--parse-only") else { return }
    guard let out = arguments.value("--out") else {
      throw UsageError("translate --section needs --out FILE.lean (where the Lean file goes)", command: command)
    }
    guard out.hasSuffix(".lean") else {
      throw UsageError("--out names a .lean file, not '\(out)'", command: command)
    }
    if arguments.value("--db") == nil && arguments.value("--pipeline") == nil {
      throw UsageError(
        "give --db PATH (the database translate wrote: its retrieval index and answer cache)", command: command)
    }
    try LeanSetup.validate(arguments, command: command)
  }

  /// Parses the section, then formalizes it (or, with `--parse-only`, prints its items).
  static func run(_ arguments: ParsedArguments, _ console: Console, command: String) async throws -> Int32 {
    let path = arguments.value("--section") ?? ""
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SectionInputError(message: "cannot read the section file '\(path)': check the path")
    }
    let selector: SectionSelector? =
      arguments.value("--label").map(SectionSelector.label) ?? arguments.value("--number").map(SectionSelector.number)
    let section = try SectionParser.parse(
      data, path: path, format: arguments.value("--format").flatMap(SectionFormat.init), selecting: selector)
    let quiet = arguments.flag("--quiet") || arguments.flag("--json")
    if !quiet {
      for warning in section.warnings { console.printError("warning: \(warning)") }
    }
    if arguments.flag("--parse-only") {
      console.print(arguments.flag("--json") ? try JSONText.encode(section) : listing(section))
      return ExitStatus.success
    }
    var config = try TranslateCommand.modelConfiguration(arguments, command: command)
    try LeanSetup.apply(arguments, to: &config, command: command)
    var settings = SectionSettings()
    settings.prompts = config.translate.prompts
    settings.samples = try arguments.int("--samples") ?? settings.samples
    settings.repairRounds = try arguments.int("--repair-rounds") ?? settings.repairRounds
    settings.prove = arguments.flag("--prove")
    if case .literal(let header) = config.headerPolicy { settings.header = header }
    let answerTokens = 512
    settings.contextCharacters = SectionSettings.contextCharacters(
      window: config.llm.contextSize, answerTokens: answerTokens)
    let prompts = try SectionPrompts.load(from: settings.prompts)
    let out = arguments.value("--out") ?? ""
    try checkWritable(out)
    // The answer and compile caches live in the database: a section can be formalized before (or
    // without) an extract, with no library declarations in its prompts then.
    _ = try HeraldDatabase.openForWriting(path: config.database)
    let display = ProgressDisplay(console: console.with(quiet: quiet))
    let session = try await LLMSession.open(config.llm, database: config.database) { display.log($0) }
    defer { session.close() }
    func role(_ stage: String, tokens: Int) -> ModelRole {
      session.role(stage, maxAnswers: 2, maxTokens: tokens, timeout: config.llm.timeout)
    }
    let indexPath = RetrievalIndex.path(besideDatabase: config.database)
    let retrieval = FileManager.default.fileExists(atPath: indexPath) ? try? RetrievalIndex(path: indexPath) : nil
    if retrieval == nil {
      display.log(
        "section: no retrieval index beside \(config.database): prompts show no library declarations "
          + "(run herald extract and translate into that database first)")
    }
    let result = try await LeanSetup.withChecker(config) { checker in
      try await SectionFormalizer(
        section: section, source: path, settings: settings, prompts: prompts,
        formalizer: role("section", tokens: answerTokens), backTranslator: role("section_back", tokens: 300),
        judge: role("section_judge", tokens: 400), checker: checker, retrieval: retrieval
      ).run(output: out) { display.log($0) }
    }
    let (reportPath, summaryPath) = try write(result, to: out)
    if arguments.flag("--json") {
      console.print(try JSONText.encode(result.report))
    } else {
      console.print(summary(result.report, reportPath: reportPath, summaryPath: summaryPath))
    }
    // Faults are per item (reported, and redone by a rerun); only an endpoint that answered
    // nothing at all is an error of the setup.
    if result.report.everyItemFaulted {
      console.printError(
        "Error: the endpoint failed for every item (\(session.endpointDescription)): check --base-url, --model "
          + "and the key's variable")
      return ExitStatus.failure
    }
    return ExitStatus.success
  }

  /// Fails before any work when the Lean file cannot be written where `out` says: its folder is
  /// made, and must be writable.
  static func checkWritable(_ out: String) throws {
    let folder = URL(fileURLWithPath: out).deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw SectionInputError(message: "cannot create the folder of --out '\(out)': \(error.localizedDescription)")
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), isFolder.boolValue {
      throw SectionInputError(message: "--out '\(out)' is a folder: name the .lean file to write")
    }
    guard FileManager.default.isWritableFile(atPath: folder.path) else {
      throw SectionInputError(message: "cannot write into '\(folder.path)' (from --out): check its permissions")
    }
  }

  /// Writes the Lean file at `out` and the reports beside it (`NAME.report.json`,
  /// `NAME.report.md`), each replaced whole; returns the reports' paths.
  static func write(_ result: (lean: String, report: SectionReport), to out: String) throws -> (String, String) {
    let url = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    // Named as the user named the Lean file (relative stays relative).
    let stem = String(out.dropLast(".lean".count))
    let reportPath = stem + ".report.json"
    let summaryPath = stem + ".report.md"
    try Data(result.lean.utf8).write(to: url, options: .atomic)
    try Data((try JSONText.encode(result.report) + "\n").utf8).write(
      to: URL(fileURLWithPath: reportPath), options: .atomic)
    try Data(SectionSummary.markdown(result.report).utf8).write(to: URL(fileURLWithPath: summaryPath), options: .atomic)
    return (reportPath, summaryPath)
  }

  /// The section's items, one block each, for `--parse-only`.
  static func listing(_ section: ParsedSection) -> String {
    var lines = [
      "\(section.format.rawValue) section \([section.number, section.title].compactMap { $0 }.joined(separator: " "))"
        + (section.label.map { " (\($0))" } ?? "") + ": \(section.items.count) items"
    ]
    for item in section.items {
      var head = "\(item.index). \(item.kind.rawValue)"
      if let number = item.number { head += " \(number)" }
      if let label = item.label { head += " (\(label))" }
      if !item.references.isEmpty { head += " → " + item.references.joined(separator: ", ") }
      lines.append(head)
      lines.append("   " + item.text)
      if item.proof != nil { lines.append("   (with a proof)") }
    }
    if !section.unknownMacros.isEmpty {
      lines.append("unknown macros, kept as written: " + section.unknownMacros.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }

  /// The closing lines of a run, for people.
  static func summary(_ report: SectionReport, reportPath: String, summaryPath: String) -> String {
    var lines = [
      "translate --section: \(report.section): \(report.items.count) items: "
        + SectionSummary.counts(report.statuses) + (report.proved > 0 ? ", \(report.proved) proved" : "")
        + " (\(String(format: "%.1f", report.seconds)) s)",
      "  Lean: " + (report.lean ?? "not configured, nothing compiled (\(StatementChecker.noREPLReason))"),
      "  model \(report.model): \(report.llmRequestsSent) requests sent, \(report.cacheHits) cache hits",
      "  wrote \(report.output), \(reportPath) and \(summaryPath)",
    ]
    if !report.faults.isEmpty {
      lines.append("  faults: \(SectionSummary.counts(report.faults)); a rerun asks again (answers so far are cached)")
    }
    return lines.joined(separator: "\n")
  }
}

/// A section file that cannot be read.
struct SectionInputError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
