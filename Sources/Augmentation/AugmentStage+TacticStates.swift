import Foundation
import HeraldCore
import LeanREPL
import Records
import Storage

extension AugmentStage {
  /// The tactic states of the parents' proofs: rendered, deduplicated and sampled, then
  /// compile-checked and stored as candidates (or rejected).
  func makeTacticStates(
    _ connection: SQLiteConnection, parents: [Parent], store: AugmentationStore, runID: Int,
    report: inout AugmentStageReport, progress: any ProgressSink
  ) async throws {
    let byName = Dictionary(parents.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var options = AugmentOptions()
    options.perTheorem = settings.statesPerTheorem
    options.seed = settings.seed
    options.modulePrefixes = settings.modulePrefixes
    let source = try TacticStateSource(connection: connection, options: options)
    let existing = settings.force ? [:] : try store.existing(kind: .tactic)
    // A state made before is kept unless its compile check must run (again): a fault of the REPL
    // interrupted it, or it was not compiled for want of a REPL and one is configured now. A
    // state compiled again keeps its informal texts.
    let compiled = try compileOutcomes(connection)
    var work: [(candidate: TacticCandidate, parent: Parent, sourceHash: String, again: Bool)] = []
    while true {
      let candidates = try source.next()
      if candidates.isEmpty { break }
      for candidate in candidates {
        guard let parent = byName[candidate.parent] else { continue }
        let id = Augmentation.tacticID(parent: parent.name, normalizedStatement: candidate.normalizedStatement)
        let sourceHash = Augmentation.sourceHash(parentStatement: parent.statement)
        var again = false
        if let done = existing[id], done.sourceHash == sourceHash {
          let outcome = compiled[id] ?? "not_run"
          let faulted = ["timeout", "repl_error", "crashed"].contains(outcome)
          guard faulted || (outcome == "not_run" && checker.identity != nil) else {
            report.tactic.kept += 1
            continue
          }
          again = done.status != "candidate"
        }
        work.append((candidate, parent, sourceHash, again))
      }
    }
    report.rendering = source.report
    progress.start(total: work.count, label: "augment: tactic states")
    let checker = checker
    try await forEach(work) { item in
      let (candidate, parent) = (item.candidate, item.parent)
      let text = StatementBuilder.tacticStatement(
        module: parent.module, openLines: parent.openLines, namespace: parent.namespace,
        universes: candidate.universes, declaration: candidate.declaration
      ).text
      return await checker.check(text)
    } record: { item, checked in
      let (candidate, parent, sourceHash) = (item.candidate, item.parent, item.sourceHash)
      let (compile, cached) = checked
      if compile.outcome != "not_run" {
        report.compiles += 1
        if cached { report.compilesCached += 1 }
      }
      var writer = JSONWriter(keyOrder: .codePoint)
      compile.write(to: &writer)
      var fault: AugmentationStore.Fault?
      var status = "candidate"
      switch compile.outcome {
      case "lean_error":
        status = "rejected"
        let first = compile.messages.first { $0.severity == "error" }
        fault = .init(
          reason: "not_compiled",
          detail: "\(candidate.name) does not compile: "
            + (first.map { "line \($0.line): \($0.text)" } ?? "an error") + " (its parent: \(parent.name))")
        report.tactic.rejected += 1
      case "timeout", "repl_error", "crashed":
        fault = .init(
          reason: "lean_\(compile.outcome)", detail: "\(candidate.name): \(compile.detail ?? compile.outcome)")
        report.tactic.failed += 1
        report.tactic.reasons[fault!.reason, default: 0] += 1
      default:
        report.tactic.made += 1
      }
      let statement =
        candidate.declaration.hasSuffix(" := sorry")
        ? String(candidate.declaration.dropLast(" := sorry".count)) : candidate.declaration
      let id = Augmentation.tacticID(parent: parent.name, normalizedStatement: candidate.normalizedStatement)
      if item.again {
        // Already informalized: only its compile check (and, should it fail, its status) changes.
        try store.recordCompile(
          id: id, outcome: compile.outcome, compile: writer.string, rejected: status == "rejected", fault: fault,
          runID: runID)
        if let fault { progress.log("augment: \(fault.detail)") }
        progress.advance(item: candidate.name)
        return
      }
      try store.record([
        (
          AugmentationStore.Row(
            id: id,
            augmentation: Augmentation(
              kind: .tactic, parentName: parent.name, step: candidate.ord, depth: candidate.depth),
            name: candidate.name, goal: candidate.goalIndex, statement: statement, universes: candidate.universes,
            sourceHash: sourceHash, compileOutcome: compile.outcome, compile: writer.string, status: status,
            runID: runID),
          fault
        )
      ])
      if let fault { progress.log("augment: \(fault.detail)") }
      progress.advance(item: candidate.name)
    }
    progress.finish()
  }

  /// The compile outcomes of the stored tactic states, by id.
  private func compileOutcomes(_ connection: SQLiteConnection) throws -> [String: String] {
    let query = try connection.prepare("SELECT id, compile_outcome FROM augmentations WHERE kind = 'tactic'")
    var outcomes: [String: String] = [:]
    while try query.step() { outcomes[query.text(0) ?? ""] = query.text(1) ?? "not_run" }
    return outcomes
  }
}
