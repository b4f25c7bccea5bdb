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
    var work: [(TacticCandidate, Parent, String)] = []
    while true {
      let candidates = try source.next()
      if candidates.isEmpty { break }
      for candidate in candidates {
        guard let parent = byName[candidate.parent] else { continue }
        let id = Augmentation.tacticID(parent: parent.name, normalizedStatement: candidate.normalizedStatement)
        let sourceHash = Augmentation.sourceHash(parentStatement: parent.statement)
        // Kept unless its compile check failed for a fault of the REPL (tried again).
        if let done = existing[id], done.sourceHash == sourceHash,
          done.status != "candidate" || !faulted(id, connection)
        {
          report.tactic.kept += 1
          continue
        }
        work.append((candidate, parent, sourceHash))
      }
    }
    report.rendering = source.report
    progress.start(total: work.count, label: "augment: tactic states")
    let checker = checker
    try await forEach(work) { item in
      let (candidate, parent, _) = item
      let text = StatementBuilder.tacticStatement(
        module: parent.module, openLines: parent.openLines, namespace: parent.namespace,
        universes: candidate.universes, declaration: candidate.declaration
      ).text
      return await checker.check(text)
    } record: { item, checked in
      let (candidate, parent, sourceHash) = item
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
      try store.record([
        (
          AugmentationStore.Row(
            id: Augmentation.tacticID(parent: parent.name, normalizedStatement: candidate.normalizedStatement),
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

  /// Whether the stored candidate `id` has a compile check a REPL fault interrupted.
  private func faulted(_ id: String, _ connection: SQLiteConnection) -> Bool {
    let outcome = try? connection.scalarText("SELECT compile_outcome FROM augmentations WHERE id = ?1", [.text(id)])
    return ["timeout", "repl_error", "crashed"].contains(outcome ?? "")
  }
}
