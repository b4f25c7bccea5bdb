import HeraldCore
import Storage

/// Reads the tactic steps of the database's theorems, module by module in name order and each
/// module's theorems in source order, and turns their proof states into sampled candidates.
///
/// Streaming: one theorem's steps are in memory at a time, and across the library only the
/// 64-bit hashes of the candidates kept (`TacticSampler`); candidates are pulled in batches with
/// `next(_:)`, so a caller that compiles or stores them holds no more than a batch either.
///
/// Which goals of a step are states: those the step acts on (`acted_on`: the goals carrying the
/// analyzer's `extra`), each rendered on its own with its own context; the step's other goals
/// are skipped as `not_acted_on`, since they are still open and the step that acts on them
/// renders them then. A step none of whose goals is marked (older analyzer output) acts on its
/// first goal, as a tactic does unless told otherwise.
///
/// A theorem's own statement, to which a state must not be equal, is its symbol's type and, when
/// its proof is `by …` from the start, the state before the first top-level step: that state is
/// the statement as elaborated, whatever printer the symbol's type came from.
public final class TacticStateSource {
  private let connection: SQLiteConnection
  private let options: AugmentOptions
  private var sampler: TacticSampler
  /// The counts so far (final once `next` returns an empty batch).
  public private(set) var report = AugmentReport()
  /// The modules to read, by id and name.
  private var modules: [(id: Int, name: String)] = []
  private var moduleIndex = 0
  private var module = ""
  private var inModule = false
  private var isExhausted = false
  private let theorems: SQLiteStatement
  private let steps: SQLiteStatement
  private let started = ContinuousClock.now

  /// A source over the theorems of `connection` selected by `options`.
  public init(connection: SQLiteConnection, options: AugmentOptions = AugmentOptions()) throws {
    self.connection = connection
    self.options = options
    sampler = TacticSampler(perTheorem: options.perTheorem, seed: options.seed)
    report.perTheorem = sampler.perTheorem
    report.seed = options.seed
    let list = try connection.prepare("SELECT id, name FROM modules ORDER BY name")
    while try list.step() {
      let name = list.text(1) ?? ""
      if ModulePrefix.selects(name, prefixes: options.modulePrefixes) { modules.append((list.int(0), name)) }
    }
    theorems = try connection.prepare(
      """
      SELECT d.id, d.name, substr(ltrim(coalesce(d.value, ''), ' :=' || char(10, 9, 13)), 1, 3), s.type
      FROM declarations d LEFT JOIN symbols s ON s.name = d.name
      WHERE d.module_id = ?1 AND d.kind = 'theorem' AND d.is_generated = 0 AND d.ctor_idx IS NULL
      ORDER BY d.idx
      """)
    steps = try connection.prepare(
      "SELECT ord, depth, goals_before FROM tactic_steps WHERE declaration_id = ?1 ORDER BY ord")
  }

  /// The candidates of the next theorems, at least `count` unless the theorems run out; empty
  /// when every selected theorem has been read.
  public func next(_ count: Int = 256) throws -> [TacticCandidate] {
    var batch: [TacticCandidate] = []
    while batch.count < count, !isExhausted {
      if let limit = options.limit, report.theorems >= limit {
        isExhausted = true
        break
      }
      guard inModule else {
        try enterNextModule()
        continue
      }
      guard try theorems.step() else {
        inModule = false
        continue
      }
      let id = theorems.int(0)
      let name = theorems.text(1) ?? ""
      let provedByTactic = theorems.text(2).map { $0.hasPrefix("by") && ($0.count == 2 || $0.last!.isWhitespace) }
      let type = theorems.text(3)
      batch += try candidates(ofTheorem: id, name: name, provedByTactic: provedByTactic ?? false, type: type)
    }
    report.seconds = started.duration(to: .now).seconds
    return batch
  }

  /// Every candidate and the final report: for small databases and tests (a library's
  /// candidates are better pulled with `next`).
  public static func collect(connection: SQLiteConnection, options: AugmentOptions = AugmentOptions()) throws
    -> (candidates: [TacticCandidate], report: AugmentReport)
  {
    let source = try TacticStateSource(connection: connection, options: options)
    var candidates: [TacticCandidate] = []
    while true {
      let batch = try source.next()
      if batch.isEmpty { break }
      candidates += batch
    }
    return (candidates, source.report)
  }

  /// Reads every remaining theorem, keeping only the first `count` candidates: a render-only
  /// pass, whose result is the report.
  public func drain(keepingFirst count: Int) throws -> [TacticCandidate] {
    var kept: [TacticCandidate] = []
    while true {
      let batch = try next()
      if batch.isEmpty { break }
      if kept.count < count { kept += batch.prefix(count - kept.count) }
    }
    return kept
  }

  /// Moves to the next selected module.
  private func enterNextModule() throws {
    guard moduleIndex < modules.count else {
      isExhausted = true
      return
    }
    let (id, name) = modules[moduleIndex]
    moduleIndex += 1
    module = name
    report.modules += 1
    theorems.reset()
    try theorems.bind([.int(id)])
    inModule = true
  }

  /// Renders the states of one theorem and samples them.
  private func candidates(ofTheorem id: Int, name: String, provedByTactic: Bool, type: String?) throws
    -> [TacticCandidate]
  {
    report.theorems += 1
    steps.reset()
    try steps.bind([.int(id)])
    /// A state that passed rendering, its theorem not yet written.
    struct Pending {
      var state: SanitizedState
      var ord: Int
      var depth: Int
      var goalIndex: Int
    }
    var pending: [Pending] = []
    var parentHashes: Set<UInt64> = []
    var isFirstStep = true
    while try steps.step() {
      let ord = steps.int(0)
      let depth = steps.int(1)
      let goals = ProofState.decodeGoals(bytes: steps.withBytes(2) { Array($0) })
      report.steps += 1
      // The first top-level state of a `by` proof is the statement itself.
      let statesTheStatement = isFirstStep && provedByTactic && depth == 0
      isFirstStep = false
      let anyActedOn = goals.contains { (try? $0.get())?.actedOn == true }
      for (index, goal) in goals.enumerated() {
        report.states += 1
        guard case .success(let state) = goal else {
          report.skip(.unreadable)
          continue
        }
        guard anyActedOn ? state.actedOn : index == 0 else {
          report.skip(.notActedOn)
          continue
        }
        switch StateRenderer.sanitize(state, parent: name) {
        case .skipped(let reason):
          report.skip(reason)
        case .ready(let sanitized):
          report.rendered += 1
          if statesTheStatement, index == 0 { parentHashes.insert(StableHash.fnv1a64(sanitized.normalizedStatement)) }
          pending.append(Pending(state: sanitized, ord: ord, depth: depth, goalIndex: index))
        }
      }
    }
    if isFirstStep {
      report.termProofs += 1
    } else {
      report.theoremsWithTacticProofs += 1
    }
    guard !pending.isEmpty else { return [] }
    if let type, !type.isEmpty { parentHashes.insert(StableHash.fnv1a64(CanonicalStatement.normalized(type: type))) }
    let choice = sampler.choose(
      hashes: pending.map { StableHash.fnv1a64($0.state.normalizedStatement) }, parent: name,
      parentHashes: parentHashes)
    report.sameAsParent += choice.sameAsParent
    report.duplicates += choice.duplicates
    report.overBudget += choice.overBudget
    report.sampled += choice.kept.count
    return choice.kept.map { index in
      let kept = pending[index]
      let stateName = TacticCandidate.name(parent: name, ord: kept.ord, goalIndex: kept.goalIndex)
      let theorem = kept.state.theorem(name: stateName)
      return TacticCandidate(
        parent: name, module: module, ord: kept.ord, depth: kept.depth, goalIndex: kept.goalIndex, name: stateName,
        declaration: theorem.declaration, universes: theorem.universes,
        normalizedStatement: theorem.normalizedStatement)
    }
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}
