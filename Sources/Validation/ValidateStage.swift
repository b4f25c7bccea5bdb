import Foundation
import HeraldCore
import LLM
import LeanREPL
import Records
import Storage

/// `herald validate`: a verdict on every translated record. Its formal statement is compiled by
/// itself; its informal name and statement are translated back into Lean (samples compiled with
/// the record's header); a compiling back-translation is compared with the formal statement,
/// exactly and then by an LLM judge. Verdicts go to the `validations` table, where export reads
/// them onto the records.
///
/// A rerun keeps every verdict whose texts and settings are unchanged and that no fault
/// interrupted; answers come from the request cache and compile results from the compile cache,
/// so nothing is asked or compiled twice.
public struct ValidateStage: Sendable {
  /// The stage's name in `failures` and `provenance`.
  public static let name = ValidationStore.stage

  public let options: ValidateOptions
  let checker: StatementChecker
  let backTranslator: ModelRole
  let judge: ModelRole

  /// A stage compiling through `checker` and asking the two models.
  public init(options: ValidateOptions, checker: StatementChecker, backTranslator: ModelRole, judge: ModelRole) {
    self.options = options
    self.checker = checker
    self.backTranslator = backTranslator
    self.judge = judge
  }

  /// Runs the stage; throws only when the database or the prompts cannot be used at all.
  public func run(progress: any ProgressSink) async throws -> ValidateReport {
    let started = Date()
    let usageBefore = await usage()
    let headersBefore = await checker.lean?.headerElaborations() ?? 0
    let connection = try HeraldDatabase.openExisting(path: options.database)
    let prompts = try ValidationPrompts.load(from: options.prompts)
    let store = ValidationStore(connection: connection)
    let settingsHash = settings(prompts)
    var report = ValidateReport()
    report.lean = checker.identity
    report.backTranslator = backTranslator.model
    report.judge = judge.model

    // Two passes over the records: the first picks what to validate (names only), the second
    // builds those records again as they are validated, so a library of 200,000 records is
    // never held in memory.
    let (selected, pending, skipped) = try select(connection, store: store, settingsHash: settingsHash)
    report.selected = selected
    report.skipped = skipped
    let work = Set(options.limit.map { Array(pending.prefix($0)) } ?? pending)
    report.notAttempted = pending.count - work.count
    let inputs = try PendingRecords(connection: connection, names: work, options: options)

    let runID = try ProvenanceLog.begin(
      connection,
      Provenance(
        stage: Self.name, project: nil, gitRevision: nil, toolchain: nil, analyzer: checker.identity,
        heraldVersion: HeraldVersion.string))
    let validator = RecordValidator(
      checker: checker, backTranslator: backTranslator, judge: judge, prompts: prompts, samples: options.samples,
      sampleTemperature: options.sampleTemperature)
    progress.start(total: work.count, label: Self.name)
    var waiting: [ValidationStore.Row] = []
    var lastWrite = ContinuousClock.now
    func flush() throws {
      try store.record(waiting)
      waiting.removeAll()
      lastWrite = .now
    }
    do {
      // Ctrl-C cancels the run instead of ending herald, so that the waiting verdicts are written.
      try await GracefulStop.during {
        try await withThrowingTaskGroup(of: (RecordValidator.Input, RecordValidator.Result).self) { group in
          var inFlight = 0
          var unreachableInARow = 0
          var stopped = false
          while true {
            while !stopped, !Task.isCancelled, inFlight < max(1, options.concurrency), let input = try inputs.next() {
              inFlight += 1
              group.addTask { (input, try await validator.validate(input)) }
            }
            guard let (input, result) = try await group.next() else { break }
            inFlight -= 1
            let record = input.record
            waiting.append(
              ValidationStore.Row(
                recordID: record.id, name: record.formalName,
                recordHash: ValidationStore.recordHash(
                  formalStatement: record.formalStatement, informalName: record.informalName,
                  informalStatement: record.informalStatement),
                settingsHash: settingsHash, validation: result.validation, retryable: result.fault != nil,
                fault: result.fault, runID: runID))
            if waiting.count >= 16 || ContinuousClock.now - lastWrite > .seconds(1) { try flush() }
            count(result, into: &report)
            if let fault = result.fault {
              progress.log("validate: \(record.formalName): \(fault.reason): \(fault.detail)")
            }
            progress.advance(item: record.formalName)
            unreachableInARow = result.fault?.reason == "unreachable" ? unreachableInARow + 1 : 0
            if !stopped, unreachableInARow >= options.unreachableLimit {
              stopped = true
              let message =
                "the endpoint could not be reached for \(unreachableInARow) records in a row; stopped sending. "
                + "Start the model server (or fix the base URL) and rerun: finished verdicts are kept"
              report.stoppedEarly = message
              progress.log("validate: " + message)
            }
          }
        }
      }
    } catch {
      try? flush()
      throw error
    }
    try flush()
    progress.finish()
    report.notAttempted += work.count - report.done
    let usageAfter = await usage()
    report.llmRequestsSent = usageAfter.requests - usageBefore.requests
    report.cacheHits = usageAfter.cacheHits - usageBefore.cacheHits
    report.promptTokens = usageAfter.promptTokens - usageBefore.promptTokens
    report.completionTokens = usageAfter.completionTokens - usageBefore.completionTokens
    report.headerElaborations = (await checker.lean?.headerElaborations() ?? 0) - headersBefore
    report.seconds = Date().timeIntervalSince(started)
    try ProvenanceLog.finish(
      connection, id: runID, report: String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
    return report
  }

  /// The records the filters select, the names of those to validate (in the export's order, so
  /// records sharing a header come together), and how many kept a current verdict.
  private func select(_ connection: SQLiteConnection, store: ValidationStore, settingsHash: String) throws -> (
    Int, [String], Int
  ) {
    let settled = options.force ? [:] : try store.settled()
    let records = try PendingRecords(connection: connection, names: nil, options: options)
    var selected = 0
    var skipped = 0
    var pending: [String] = []
    while let input = try records.next() {
      let record = input.record
      selected += 1
      let hash = ValidationStore.recordHash(
        formalStatement: record.formalStatement, informalName: record.informalName,
        informalStatement: record.informalStatement)
      if let verdict = settled[record.id], verdict.recordHash == hash, verdict.settingsHash == settingsHash {
        skipped += 1
      } else {
        pending.append(record.formalName)
      }
    }
    return (selected, pending, skipped)
  }

  /// The hash of how records are judged: a verdict made otherwise is made again.
  func settings(_ prompts: ValidationPrompts) -> String {
    var hash = SHA256()
    let parts = [
      "validator \(RecordValidator.version)", "samples \(options.samples)", "temperature \(options.sampleTemperature)",
      "max_tokens \(options.maxTokens.map(String.init) ?? "default")", "answers \(options.maxAnswers)",
      "back-translator \(backTranslator.model) \(prompts.backTranslate.version)",
      "judge \(judge.model) \(prompts.judge.version)", "lean \(checker.identity ?? "none")",
    ]
    for part in parts {
      hash.update(part)
      hash.update("\u{1F}")
    }
    return String(hash.hexDigest().prefix(32))
  }

  private func count(_ result: RecordValidator.Result, into report: inout ValidateReport) {
    let validation = result.validation
    switch validation.status {
    case .passed: report.passed += 1
    case .failed: report.failed += 1
    case .notRun: report.notRun += 1
    }
    if let reason = validation.reason { report.reasons[Self.reasonKey(reason), default: 0] += 1 }
    report.compileOutcomes[validation.compile.outcome, default: 0] += 1
    report.backTranslations += validation.samples.count
    for sample in validation.samples { report.verdicts[sample.verdict.rawValue, default: 0] += 1 }
    report.exactMatches += result.exactMatches
    report.compiles += result.compiles
    report.compilesCached += result.compilesCached
    if let fault = result.fault { report.faults[fault.reason, default: 0] += 1 }
  }

  /// A reason's kind for counting: the words before any detail in parentheses or after a colon.
  static func reasonKey(_ reason: String) -> String {
    let cut = reason.firstIndex { $0 == "(" || $0 == ":" } ?? reason.endIndex
    return reason[..<cut].trimmingCharacters(in: .whitespaces)
  }

  /// The back-translator's and the judge's usage so far.
  private func usage() async -> StageUsage {
    await ModelRole.usage(of: [backTranslator, judge])
  }
}
