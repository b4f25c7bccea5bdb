import Foundation
import HeraldCore
import Records
import Storage

/// The translated theorems with tactic proofs, read for proof informalization: statement,
/// informal statement, the whole declaration's text and where it starts, and the steps with the
/// goals before and after each.
public struct ProofSource {
  let connection: SQLiteConnection

  /// A source over `connection`.
  public init(connection: SQLiteConnection) {
    self.connection = connection
  }

  /// One theorem to explain.
  public struct Theorem: Sendable, Hashable {
    public var name: String
    public var module: String
    public var statement: String
    public var informalStatement: String
    /// The whole declaration command, and its first byte in the module's source.
    public var text: String
    public var start: Int
    public var steps: [Step]

    /// What the explanation was made from: a changed statement, proof or translation makes it again.
    public var sourceHash: String {
      StatementBuilder.statementHash(statement + "\u{1F}" + text + "\u{1F}" + informalStatement)
    }
  }

  /// One tactic step of a proof.
  public struct Step: Sendable, Hashable {
    public var ord: Int
    public var depth: Int
    public var tactic: String
    /// Its first byte in the module's source, when known.
    public var start: Int?
    /// The goals before and after, as Lean shows them (`hypotheses ⊢ goal`).
    public var before: [String]
    public var after: [String]
  }

  /// How many translated theorems have a proof written in term mode (no tactic steps).
  public func termProofs(modulePrefixes: [String]) throws -> Int {
    let query = try connection.prepare(
      """
      SELECT m.name FROM translations t JOIN symbols s ON s.name = t.name JOIN declarations d ON d.id = s.declaration_id
      JOIN modules m ON m.id = d.module_id
      WHERE t.status = 'translated' AND d.kind = 'theorem'
        AND NOT EXISTS (SELECT 1 FROM tactic_steps p WHERE p.declaration_id = d.id)
      """)
    var count = 0
    while try query.step() {
      if ModulePrefix.selects(query.text(0) ?? "", prefixes: modulePrefixes) { count += 1 }
    }
    return count
  }

  /// The translated theorems with tactic proofs, by module and source order.
  public func theorems(modulePrefixes: [String]) throws -> [Theorem] {
    let query = try connection.prepare(
      """
      SELECT d.id, d.name, m.name, d.statement, t.informal_statement, d.text, d.ref_start
      FROM translations t JOIN symbols s ON s.name = t.name JOIN declarations d ON d.id = s.declaration_id
      JOIN modules m ON m.id = d.module_id
      WHERE t.status = 'translated' AND d.kind = 'theorem'
        AND EXISTS (SELECT 1 FROM tactic_steps p WHERE p.declaration_id = d.id)
      ORDER BY m.name, d.idx
      """)
    let stepQuery = try connection.prepare(
      "SELECT ord, depth, tactic, start, goals_before, goals_after FROM tactic_steps WHERE declaration_id = ?1 ORDER BY ord"
    )
    var theorems: [Theorem] = []
    while try query.step() {
      let module = query.text(2) ?? ""
      guard ModulePrefix.selects(module, prefixes: modulePrefixes) else { continue }
      stepQuery.reset()
      try stepQuery.bind([.int(query.int(0))])
      var steps: [Step] = []
      while try stepQuery.step() {
        steps.append(
          Step(
            ord: stepQuery.int(0), depth: stepQuery.int(1), tactic: stepQuery.text(2) ?? "",
            start: stepQuery.isNull(3) ? nil : stepQuery.int(3), before: Self.goals(stepQuery.text(4)),
            after: Self.goals(stepQuery.text(5))))
      }
      theorems.append(
        Theorem(
          name: query.text(1) ?? "", module: module, statement: query.text(3) ?? "",
          informalStatement: query.text(4) ?? "", text: query.text(5) ?? "",
          start: query.isNull(6) ? 0 : query.int(6), steps: steps))
    }
    return theorems
  }

  /// Goals as Lean shows them, from the stored JSON (the infoview text when there is one).
  static func goals(_ json: String?) -> [String] {
    guard let json, let document = try? JSONDocument(text: json) else { return [] }
    return document.root.elements.map { goal in
      if let pp = goal["pp"]?.string, !pp.isEmpty { return pp }
      let hypotheses = goal["hypotheses"]?.elements.map { "\($0["name"]?.string ?? "_") : \($0["type"]?.string ?? "")" }
      return ((hypotheses ?? []) + ["⊢ " + (goal["type"]?.string ?? "")]).joined(separator: "\n")
    }
  }
}
