import Extraction
import Foundation
import HeraldCore
import LLM
import Retrieval
import Storage

/// `herald translate`: an informal name and statement for every translatable declaration of an
/// extract database, asked of an LLM in dependency order with retrieval-augmented prompts.
///
/// Scheduling is dataflow (`DataflowScheduler`): a declaration (or a cycle, as one group) is sent
/// as soon as all its dependencies have an outcome. `concurrency` declarations are asked at once
/// (the client's shared limiter, which the command line sets to the same number, holds requests
/// to it), and a few more are prepared, so the endpoint never waits for herald.
/// Every outcome is committed as it arrives, so an interrupted run loses only the jobs in flight,
/// and a rerun skips declarations that already have an outcome (translated, abstained, or failed
/// because the model's answers were unusable), asking again only after endpoint failures: a
/// finished database costs zero requests.
public struct TranslateStage: Sendable {
  /// The stage's name in `failures`, `provenance` and the usage meter.
  public static let name = Translator.stage

  public let options: TranslateOptions
  public let translator: Translator
  /// Where the client sums requests and tokens (the report reads the translate stage's share).
  public let meter: UsageMeter?

  /// A stage asking `client` for `model`.
  public init(options: TranslateOptions, client: any LLMClient, model: String, meter: UsageMeter? = nil) {
    self.options = options
    self.translator = Translator(
      client: client, model: model, maxAnswers: options.maxAnswers, temperature: options.temperature,
      maxTokens: options.maxTokens, timeout: options.timeout)
    self.meter = meter
  }

  /// A graph unit to translate, as selected.
  struct Unit {
    var id: Int
    var component: Int
    var level: Int
    var name: String
    var statementHash: String
  }

  /// One declaration's context and prompt template, from the database; the child task adds the
  /// retrieved examples, fills the template and asks (so searches overlap the coordinator's work).
  struct Work: Sendable {
    var context: TranslationContext
    var template: PromptTemplate
    var origin: TranslationStore.Origin

    var name: String { context.formalName }
  }

  /// One member's outcome, from the child task back to the coordinator.
  struct Finished: Sendable {
    var job: DataflowScheduler.Job
    var work: Work
    var outcome: TranslationOutcome
    var searchTime: Duration
  }

  /// Runs the stage; throws only when the database, prompts or examples cannot be used at all.
  public func run(progress: any ProgressSink) async throws -> TranslateReport {
    let started = Date()
    let usageBefore = await meter?.usage(stage: Self.name) ?? StageUsage()
    let connection = try HeraldDatabase.openExisting(path: options.database)
    // Contexts read declarations all over the database: a larger page cache than SQLite's 2 MB
    // keeps the upper levels of its indexes (outcomes are committed in batches, so the other
    // connections' commits do not keep discarding it).
    try connection.execute("PRAGMA cache_size = -16384")
    if try GraphBuilder.needsRebuild(connection) {
      progress.log("translate: the dependency graph is stale; rebuilding it first")
      _ = try GraphBuilder.rebuild(connection)
    }
    var templates: [PromptTemplate.Family: PromptTemplate] = [:]
    for family in PromptTemplate.Family.allCases {
      templates[family] = try PromptTemplate.load(family, from: options.prompts)
    }
    let indexPath = RetrievalIndex.path(besideDatabase: options.database)
    let index = try RetrievalIndex(path: indexPath)
    try dropIndexTablesOfEarlierVersions(connection)
    if let folder = options.examples {
      let bank = try ExampleBank.load(directory: folder)
      try await index.upsert(examples: bank.examples)
      try await index.removeExamples(notIn: Set(bank.examples.map(\.id)))
    }
    let store = TranslationStore(connection: connection)
    // Documents of a run that ended without writing its last batch (killed): found again here.
    try await index.upsert(try store.translatedButNotIndexed(indexPath: indexPath))
    var report = TranslateReport()
    report.model = translator.model
    report.promptVersions = Dictionary(uniqueKeysWithValues: templates.map { ($0.key.rawValue, $0.value.version) })

    let (selected, finished) = try select(connection, store: store)
    report.selected = selected.count
    let pending = selected.filter { finished[$0.name] != $0.statementHash }
    report.skipped = selected.count - pending.count
    let (units, left) = limited(pending)
    report.notAttempted = left
    let unitByID = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) })
    let dataflow = DataflowScheduler(
      units: units.map(\.id), componentOf: unitByID.mapValues(\.component), edges: try edges(connection))
    var scheduler: any JobScheduler = dataflow
    if case .levelBarrier(let batch) = options.scheduling {
      scheduler = LevelBarrierScheduler(
        jobs: dataflow.jobs.map { job in (job, job.members.compactMap { unitByID[$0]?.level }.max() ?? 0) },
        batch: batch)
    }

    let runID = try ProvenanceLog.begin(
      connection,
      Provenance(
        stage: Self.name, project: nil, gitRevision: nil, toolchain: nil, analyzer: nil,
        heraldVersion: HeraldVersion.string))
    var loader = ContextLoader(connection: connection)
    loader.maxDependencies = options.maxDependencies
    progress.start(total: units.count, label: Self.name)
    var unreachableInARow = 0
    var searchTimes: [Duration] = []
    // Members of a handed-out job wait here for a free slot: a cycle's members are asked in
    // parallel (a cycle of thousands is not one long serial task), and the job is complete once
    // every member has an outcome.
    var waiting: [(job: DataflowScheduler.Job, member: Int)] = []
    var waitingHead = 0
    var membersLeft: [Int: Int] = [:]
    var groupNames: Set<String> = []
    // Answers the cache holds and documents the index holds are written in batches: written
    // here at the end, also when the run stops with an error.
    let recorder = OutcomeRecorder(store: store, batch: options.recordBatch)
    func flushBatches() async throws {
      // Answers first: an outcome lost to a kill is then answered from the cache on a rerun.
      try await translator.client.flush()
      try recorder.flush()
      try await index.flush()
    }
    do {
      // Ctrl-C cancels the run instead of ending herald, so that the batches are written.
      try await GracefulStop.during { try await translateJobs() }
    } catch {
      try? await flushBatches()
      throw error
    }
    try await flushBatches()
    func translateJobs() async throws {
      try await withThrowingTaskGroup(of: Finished.self) { group in
        var inFlight = 0
        var stopped = false
        while true {
          while !stopped, inFlight < options.jobsInProgress {
            if waitingHead == waiting.count {
              guard let job = scheduler.next() else { break }
              waiting.removeAll(keepingCapacity: true)
              waitingHead = 0
              membersLeft[job.component] = job.members.count
              waiting += job.members.map { (job, $0) }
              groupNames = job.members.count > 1 ? Set(job.members.compactMap { unitByID[$0]?.name }) : []
            }
            let (job, member) = waiting[waitingHead]
            waitingHead += 1
            guard
              let work = try prepare(
                member, of: job, groupNames: groupNames, unitByID: unitByID, loader: loader,
                informal: { name in recorder.translation(of: name) },
                templates: templates, runID: runID)
            else {
              if finish(member: member, of: job, left: &membersLeft) { scheduler.complete(job) }
              continue
            }
            let translator = translator
            let examples = options.exampleCount
            group.addTask {
              var work = work
              let (hits, searchTime) = try await index.timedSearch(
                work.context.formalStatement, limit: examples, excluding: [work.context.formalName])
              work.context.examples = hits.compactMap { hit in
                guard let name = hit.informalName, let statement = hit.informalStatement else { return nil }
                return TranslationContext.Example(formal: hit.formal, informalName: name, informalStatement: statement)
              }
              let messages = work.template.render(work.context.placeholderValues()).map {
                ChatMessage(role: $0.role, content: $0.content)
              }
              let outcome = try await translator.translate(name: work.name, messages: messages)
              if outcome.status == .translated {
                // Here rather than in the coordinator, which must never wait behind searches.
                try await index.add(
                  RetrievalIndex.Document(
                    source: .declaration, item: work.name, formal: work.context.formalStatement,
                    informalName: outcome.informalName, informalStatement: outcome.informalStatement))
              }
              return Finished(job: job, work: work, outcome: outcome, searchTime: searchTime)
            }
            inFlight += 1
          }
          guard let done = try await group.next() else { break }
          inFlight -= 1
          searchTimes.append(done.searchTime)
          let (work, outcome) = (done.work, done.outcome)
          try recorder.add(outcome, work.origin)
          count(outcome, into: &report)
          if outcome.status == .failed {
            progress.log("translate: \(work.name): \(outcome.reason ?? "failed"): \(outcome.detail ?? "")")
          }
          progress.advance(item: work.name)
          if finish(member: work.context.symbolID, of: done.job, left: &membersLeft) { scheduler.complete(done.job) }
          unreachableInARow = outcome.reason == "unreachable" ? unreachableInARow + 1 : 0
          if !stopped, unreachableInARow >= options.unreachableLimit {
            stopped = true
            let message =
              "the endpoint could not be reached for \(unreachableInARow) declarations in a row; stopped sending. "
              + "Start the model server (or fix the base URL) and rerun: finished declarations are kept"
            report.stoppedEarly = message
            progress.log("translate: " + message)
          }
        }
      }
    }
    progress.finish()
    report.notAttempted += units.count - report.done
    if report.stoppedEarly == nil {
      do {
        report.tacticStates = try await GracefulStop.during {
          try await TacticStateTranslation(translator: translator, options: options).run(
            connection, runID: runID, progress: progress)
        }
      } catch {
        try? await translator.client.flush()
        throw error
      }
      try await translator.client.flush()
    }
    if let meter {
      let usage = await meter.usage(stage: Self.name)
      report.llmRequestsSent = usage.requests - usageBefore.requests
      report.cacheHits = usage.cacheHits - usageBefore.cacheHits
      report.promptTokens = usage.promptTokens - usageBefore.promptTokens
      report.completionTokens = usage.completionTokens - usageBefore.completionTokens
    }
    report.seconds = Date().timeIntervalSince(started)
    searchTimes.sort()
    func percentile(_ fraction: Double) -> Double? {
      guard !searchTimes.isEmpty else { return nil }
      let time = searchTimes[min(searchTimes.count - 1, Int(Double(searchTimes.count) * fraction))]
      return Double(time.components.attoseconds) / 1e15 + Double(time.components.seconds) * 1000
    }
    report.retrievalP50Milliseconds = percentile(0.5)
    report.retrievalP99Milliseconds = percentile(0.99)
    try ProvenanceLog.finish(
      connection, id: runID, report: String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
    return report
  }

  private func count(_ outcome: TranslationOutcome, into report: inout TranslateReport) {
    switch outcome.status {
    case .translated:
      report.translated += 1
      report.answersUsed += outcome.attempts
    case .abstained: report.abstained += 1
    case .failed:
      report.failed += 1
      report.failuresByReason[outcome.reason ?? "failed", default: 0] += 1
    }
  }

  /// The translatable units the filters select, and the finished outcomes (by name, with the
  /// statement hash they were made for). Internal and auto-generated declarations never count.
  private func select(_ connection: SQLiteConnection, store: TranslationStore) throws -> (
    [Unit], [String: String]
  ) {
    let query = try connection.prepare(
      """
      SELECT l.symbol_id, l.component, l.level, s.name, m.name, coalesce(d.statement, s.name || ' : ' || s.type)
      FROM levels l JOIN symbols s ON s.id = l.symbol_id JOIN modules m ON m.id = s.module_id
      LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE s.is_internal = 0 AND coalesce(d.is_generated, 0) = 0
      """)
    var all: [Unit] = []
    var nameOf: [Int: String] = [:]
    while try query.step() {
      let unit = Unit(
        id: query.int(0), component: query.int(1), level: query.int(2), name: query.text(3) ?? "",
        statementHash: TranslationStore.statementHash(query.text(5) ?? ""))
      nameOf[unit.id] = unit.name
      guard options.selects(module: query.text(4) ?? "") else { continue }
      all.append(unit)
    }
    if let shard = options.shard {
      // A cycle stays on one machine: the slice follows the component's representative.
      all = all.filter { shard.contains(nameOf[$0.component] ?? $0.name) }
    }
    return (all, options.force ? [:] : try store.finished(retryUnusable: options.retryUnusable))
  }

  /// At most `limit` units, lowest levels first (so dependencies come before what uses them),
  /// never splitting a cycle; returns them and how many were left out.
  private func limited(_ units: [Unit]) -> ([Unit], Int) {
    guard let limit = options.limit, units.count > limit else { return (units, 0) }
    let ordered = units.sorted { ($0.level, $0.id) < ($1.level, $1.id) }
    let byComponent = Dictionary(grouping: ordered, by: \.component)
    var taken: [Unit] = []
    var seen: Set<Int> = []
    for unit in ordered where seen.insert(unit.component).inserted {
      let members = byComponent[unit.component] ?? [unit]
      guard taken.isEmpty || taken.count + members.count <= limit else { break }
      taken += members
    }
    return (taken, units.count - taken.count)
  }

  /// Earlier versions kept the retrieval index inside the herald database; it is derived data
  /// and now lives in a file of its own, so the old tables only take space.
  private func dropIndexTablesOfEarlierVersions(_ connection: SQLiteConnection) throws {
    let old =
      try connection.scalarInt(
        "SELECT count(*) FROM sqlite_master WHERE name IN ('retrieval_documents', 'retrieval_entries')") ?? 0
    guard old > 0 else { return }
    try connection.transaction {
      try connection.execute(
        """
        DROP TABLE IF EXISTS retrieval_documents; DROP TABLE IF EXISTS retrieval_entries;
        DELETE FROM herald_meta WHERE key = 'retrieval_tokenizer';
        """)
    }
  }

  private func edges(_ connection: SQLiteConnection) throws -> [(source: Int, target: Int)] {
    let query = try connection.prepare("SELECT source_id, target_id FROM dependencies")
    var result: [(source: Int, target: Int)] = []
    while try query.step() { result.append((query.int(0), query.int(1))) }
    return result
  }

  /// Counts `member` of `job` as done; true when it was the job's last.
  private func finish(member: Int, of job: DataflowScheduler.Job, left: inout [Int: Int]) -> Bool {
    let remaining = (left[job.component] ?? 1) - 1
    left[job.component] = remaining > 0 ? remaining : nil
    return remaining <= 0
  }

  /// The context of one job member from the database, with the other members of its cycle
  /// among the dependencies (those it uses directly are listed already; a few more are added,
  /// bounded like the dependencies), and its template.
  private func prepare(
    _ member: Int, of job: DataflowScheduler.Job, groupNames: Set<String>, unitByID: [Int: Unit],
    loader: ContextLoader, informal: (String) -> (name: String, statement: String)?,
    templates: [PromptTemplate.Family: PromptTemplate], runID: Int
  ) throws -> Work? {
    guard
      var context = try loader.context(
        symbolID: member, informal: informal),
      let unit = unitByID[member]
    else { return nil }
    if job.members.count > 1 {
      let listed = Set(context.dependencies.map(\.name))
      let listedPeers = listed.intersection(groupNames).count
      var peers: [TranslationContext.Related] = []
      for peer in job.members where peer != member {
        if peers.count + listed.count >= options.maxDependencies { break }
        guard let name = unitByID[peer]?.name, !listed.contains(name),
          let statement = try loader.statement(symbolID: peer)
        else { continue }
        peers.append(TranslationContext.Related(name: name, statement: statement))
      }
      context.dependencies.insert(contentsOf: peers, at: 0)
      context.omittedDependencies += job.members.count - 1 - listedPeers - peers.count
    }
    let family = PromptTemplate.Family.of(kind: context.kind)
    guard let template = templates[family] else { return nil }
    return Work(
      context: context, template: template,
      origin: TranslationStore.Origin(
        symbolID: member, model: translator.model, family: family, promptVersion: template.version,
        statementHash: unit.statementHash, componentSize: job.members.count, runID: runID))
  }
}
