import Foundation
import HeraldCore
import LLM
import LeanREPL
import Records
import Storage

/// `herald augment`: the rest of Herald's data, each item traced to its parent theorem.
///
/// - **Tactic states**: each proof state before a step of a translated theorem's tactic proof,
///   rendered as a theorem (`StateRenderer`), deduplicated and sampled (`TacticSampler`), then
///   compile-checked (`StatementChecker`): a state that does not compile is `rejected`, with a
///   failure row holding Lean's messages, and never exported; without a REPL the states stay
///   candidates with the compile `not_run`. The translate stage informalizes the candidates.
/// - **Informal rewrites** of translated theorems by the four strategies (`RewritePlan`,
///   `InformalRewriter`): records of their own with the parent's formal statement.
/// - **Informal proofs** of tactic proofs (`ProofExplainer`), for the `proofs` view.
///
/// A rerun keeps what was made from an unchanged parent, and asks or compiles nothing twice.
public struct AugmentStage: Sendable {
  /// The stage's name in `failures` and `provenance`.
  public static let name = AugmentationStore.stage

  public let settings: AugmentSettings
  let checker: StatementChecker
  let rewriter: InformalRewriter?
  let explainer: ProofExplainer?

  /// A stage compiling through `checker` and asking `rewriter` and `explainer` (nil when their
  /// parts are not asked for).
  public init(
    settings: AugmentSettings, checker: StatementChecker, rewriter: InformalRewriter?, explainer: ProofExplainer?
  ) {
    self.settings = settings
    self.checker = checker
    self.rewriter = rewriter
    self.explainer = explainer
  }

  /// A translated theorem the augmented items are made from.
  struct Parent: Sendable {
    var name: String
    var module: String
    var statement: String
    var statementHash: String
    var informalName: String
    var informalStatement: String
    var namespace: String
    var openLines: [String]
  }

  /// Runs the parts asked for; throws only when the database or the prompts cannot be used.
  public func run(progress: any ProgressSink) async throws -> AugmentStageReport {
    let started = Date()
    let usageBefore = await usage()
    let connection = try HeraldDatabase.openExisting(path: settings.database)
    let store = AugmentationStore(connection: connection)
    var report = AugmentStageReport()
    report.mixture = settings.mixture.description
    report.lean = checker.identity
    let parents = try self.parents(connection)
    report.theorems = parents.count
    let runID = try ProvenanceLog.begin(
      connection,
      Provenance(
        stage: Self.name, project: nil, gitRevision: nil, toolchain: nil, analyzer: checker.identity,
        heraldVersion: HeraldVersion.string))
    try HeraldDatabase.setMeta(connection, Augmentation.mixtureKey, settings.mixture.description)
    try await GracefulStop.during {
      if settings.tactic {
        try await makeTacticStates(
          connection, parents: parents, store: store, runID: runID, report: &report,
          progress: progress)
      }
      if settings.informal, let rewriter {
        try await makeRewrites(
          parents, rewriter: rewriter, store: store, runID: runID, report: &report,
          progress: progress)
      }
      if settings.proofs, let explainer {
        report.termProofs = try ProofSource(connection: connection).termProofs(modulePrefixes: settings.modulePrefixes)
        try await explainProofs(
          connection, parents: parents, explainer: explainer, store: store, runID: runID,
          report: &report, progress: progress)
      }
    }
    let usageAfter = await usage()
    report.llmRequestsSent = usageAfter.requests - usageBefore.requests
    report.cacheHits = usageAfter.cacheHits - usageBefore.cacheHits
    report.promptTokens = usageAfter.promptTokens - usageBefore.promptTokens
    report.completionTokens = usageAfter.completionTokens - usageBefore.completionTokens
    report.seconds = Date().timeIntervalSince(started)
    try ProvenanceLog.finish(
      connection, id: runID, report: String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
    return report
  }

  /// The translated theorems the filters and the limit select, module by module in source order.
  func parents(_ connection: SQLiteConnection) throws -> [Parent] {
    let query = try connection.prepare(
      """
      SELECT t.name, m.name, d.statement, t.statement_hash, t.informal_name, t.informal_statement, d.namespace,
        d.open_decls
      FROM translations t JOIN symbols s ON s.name = t.name JOIN declarations d ON d.id = s.declaration_id
      JOIN modules m ON m.id = d.module_id
      WHERE t.status = 'translated' AND d.kind = 'theorem'
      ORDER BY m.name, d.idx
      """)
    var parents: [Parent] = []
    while try query.step() {
      let module = query.text(1) ?? ""
      guard ModulePrefix.selects(module, prefixes: settings.modulePrefixes) else { continue }
      if let limit = settings.limit, parents.count >= limit { break }
      parents.append(
        Parent(
          name: query.text(0) ?? "", module: module, statement: query.text(2) ?? "",
          statementHash: query.text(3) ?? "", informalName: query.text(4) ?? "",
          informalStatement: query.text(5) ?? "", namespace: query.text(6) ?? "",
          openLines: StatementBuilder.list(query.text(7) ?? "[]")))
    }
    return parents
  }

  /// Rewrites of every parent by the strategies its plan gives.
  func makeRewrites(
    _ parents: [Parent], rewriter: InformalRewriter, store: AugmentationStore, runID: Int,
    report: inout AugmentStageReport, progress: any ProgressSink
  ) async throws {
    let existing = settings.force ? [:] : try store.existing(kind: .informal)
    let plan = RewritePlan(ratio: settings.rewritesPerTheorem, seed: settings.seed, languages: settings.languages)
    var work: [(Parent, Augmentation.Strategy, String, String, String)] = []
    for parent in parents {
      let source = Augmentation.sourceHash(
        parentStatement: parent.statement, informalName: parent.informalName,
        informalStatement: parent.informalStatement)
      for (strategy, language) in plan.rewrites(of: parent.name) {
        let id = Augmentation.informalID(parent: parent.name, strategy: strategy, language: language)
        if let done = existing[id], done.sourceHash == source, done.status != "failed" {
          report.informal.kept += 1
          continue
        }
        work.append((parent, strategy, language, id, source))
      }
    }
    progress.start(total: work.count, label: "augment: rewrites")
    try await forEach(work) { item in
      let (parent, strategy, language, _, _) = item
      return try await rewriter.rewrite(
        informalName: parent.informalName, informalStatement: parent.informalStatement, strategy: strategy,
        language: language)
    } record: { item, outcome in
      let (parent, strategy, language, id, source) = item
      var row = AugmentationStore.Row(
        id: id,
        augmentation: Augmentation(kind: .informal, parentName: parent.name, strategy: strategy, language: language),
        name: parent.name, sourceHash: source, status: "failed", attempts: 1, model: rewriter.role.model,
        promptVersion: rewriter.templates[strategy]?.version, runID: runID)
      var fault: AugmentationStore.Fault?
      switch outcome {
      case .rewritten(let name, let statement, let raw):
        (row.status, row.informalName, row.informalStatement, row.rawAnswer) = ("translated", name, statement, raw)
        report.informal.made += 1
      case .abstained(let reason, let raw):
        (row.status, row.reason, row.rawAnswer) = ("abstained", reason, raw)
        report.informal.abstained += 1
      case .unusable(let raw, let problem):
        (row.reason, row.rawAnswer) = ("unparseable", raw)
        fault = .init(reason: "unparseable", detail: "\(parent.name) (\(strategy.rawValue)): \(problem)")
      case .failed(let reason, let detail):
        row.reason = reason
        fault = .init(reason: reason, detail: "\(parent.name) (\(strategy.rawValue)): \(detail)")
      }
      if let fault {
        report.informal.failed += 1
        report.informal.reasons[fault.reason, default: 0] += 1
        progress.log("augment: rewrite of \(fault.detail)")
      }
      try store.record([(row, fault)])
      progress.advance(item: parent.name)
    }
    progress.finish()
  }

  /// Informal proofs of the parents' tactic proofs.
  func explainProofs(
    _ connection: SQLiteConnection, parents: [Parent], explainer: ProofExplainer, store: AugmentationStore,
    runID: Int, report: inout AugmentStageReport, progress: any ProgressSink
  ) async throws {
    let selected = Set(parents.map(\.name))
    let existing = settings.force ? [:] : try store.existingProofs()
    var work: [ProofSource.Theorem] = []
    for theorem in try ProofSource(connection: connection).theorems(modulePrefixes: settings.modulePrefixes)
    where selected.contains(theorem.name) {
      if let done = existing[theorem.name], done.sourceHash == theorem.sourceHash,
        done.status == "explained" || done.reason == "unparseable"
      {
        report.proofs.kept += 1
        continue
      }
      work.append(theorem)
    }
    progress.start(total: work.count, label: "augment: proofs")
    try await forEach(work) { theorem in
      try await explainer.explain(theorem, runID: runID)
    } record: { theorem, result in
      let (proof, fault) = result
      if let fault {
        report.proofs.failed += 1
        report.proofs.reasons[fault.reason, default: 0] += 1
        progress.log("augment: proof of \(fault.detail)")
      } else {
        report.proofs.made += 1
      }
      try store.record(proofs: [(proof, fault)])
      progress.advance(item: theorem.name)
    }
    progress.finish()
  }

  /// Runs `make` on every item, `settings.concurrency` at once, and `record` on each result in
  /// the order they finish, on this task (which alone writes to the database).
  func forEach<Item: Sendable, Result: Sendable>(
    _ items: [Item], make: @escaping @Sendable (Item) async throws -> Result,
    record: (Item, Result) throws -> Void
  ) async throws {
    try await withThrowingTaskGroup(of: (Item, Result).self) { group in
      var next = 0
      var inFlight = 0
      while true {
        while inFlight < max(1, settings.concurrency), next < items.count, !Task.isCancelled {
          let item = items[next]
          next += 1
          inFlight += 1
          group.addTask { (item, try await make(item)) }
        }
        guard let (item, result) = try await group.next() else { break }
        inFlight -= 1
        try record(item, result)
      }
    }
  }

  /// The rewriter's and the explainer's usage so far.
  private func usage() async -> StageUsage {
    await ModelRole.usage(of: [rewriter?.role, explainer?.role].compactMap { $0 })
  }
}
