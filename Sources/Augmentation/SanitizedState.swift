import Records

/// A proof state ready to be written: names repaired, `let`s placed, normal form computed.
///
/// The normal form is what deduplication and sampling need, and every state gets one; the
/// declaration text and its universes are written by `theorem(name:)` only for the states kept
/// (about one in five on a library: writing them for all cost more than the rest of rendering).
struct SanitizedState {
  /// What sanitizing a state gave.
  enum Outcome {
    case ready(SanitizedState)
    case skipped(SkipReason)
  }

  /// The hypotheses that stay binders, in context order.
  let binders: [ProofState.Hypothesis]
  /// The conclusion with the `let`s (and what depends on them) in front.
  let statement: String
  /// The normal form of the whole statement (`CanonicalStatement`).
  let normalizedStatement: String
  /// Printed names replaced, and their replacements.
  let renames: [Substring: String]

  /// The state of `hypotheses` (names repaired, in context order) proving `conclusion`.
  init(hypotheses: [ProofState.Hypothesis], conclusion: String, renames: [Substring: String]) {
    let inConclusion = Self.dependentsOfLets(hypotheses)
    var statement = ""
    var binders: [ProofState.Hypothesis] = []
    binders.reserveCapacity(hypotheses.count)
    for (index, hypothesis) in hypotheses.enumerated() {
      guard inConclusion.contains(index) else {
        binders.append(hypothesis)
        continue
      }
      if let value = hypothesis.value, hypothesis.isLet {
        statement += "let \(hypothesis.name) : \(hypothesis.type) := \(value); "
      } else if hypothesis.binder == .instImplicit {
        statement += "∀ [\(hypothesis.name) : \(hypothesis.type)], "
      } else {
        statement += "∀ (\(hypothesis.name) : \(hypothesis.type)), "
      }
    }
    statement += conclusion
    self.binders = binders
    self.statement = statement
    self.renames = renames
    normalizedStatement = CanonicalStatement.normalized(
      binders: binders.map { ($0.name, $0.type) }, conclusion: statement)
  }

  /// The theorem `name`: binders in order (instances `[n : C]`, the rest `(n : T)`, neighbours
  /// of one type sharing a binder), then ` : ` and the statement, then `:= sorry`.
  func theorem(name: String) -> RenderedTheorem {
    var signature = ""
    signature.reserveCapacity(statement.utf8.count + binders.count * 24)
    var index = 0
    while index < binders.count {
      let binder = binders[index]
      if binder.binder == .instImplicit {
        signature += " [\(binder.name) : \(binder.type)]"
        index += 1
        continue
      }
      signature += " (" + binder.name
      var next = index + 1
      while next < binders.count, binders[next].binder != .instImplicit, binders[next].type == binder.type {
        signature += " " + binders[next].name
        next += 1
      }
      signature += " : \(binder.type))"
      index = next
    }
    signature += " : " + statement
    return RenderedTheorem(
      declaration: "theorem \(name)\(signature) := sorry", universes: UniverseNames.scan(signature),
      normalizedStatement: normalizedStatement,
      renames: Dictionary(uniqueKeysWithValues: renames.map { (String($0.key), $0.value) }))
  }

  /// The indices of the `let` hypotheses (with values) and of every hypothesis that mentions one
  /// of them or of those, directly or through another: they go in front of the conclusion, since
  /// a binder cannot refer to a `let` that comes after it.
  private static func dependentsOfLets(_ hypotheses: [ProofState.Hypothesis]) -> Set<Int> {
    guard hypotheses.contains(where: { $0.isLet && $0.value != nil }) else { return [] }
    var dependents: Set<Int> = []
    var names: [String] = []
    for (index, hypothesis) in hypotheses.enumerated() {
      let isLet = hypothesis.isLet && hypothesis.value != nil
      let mentions =
        !names.isEmpty
        && names.contains { name in
          PrintedText.mentionsWord(name, in: hypothesis.type)
            || hypothesis.value.map { PrintedText.mentionsWord(name, in: $0) } == true
        }
      if isLet || mentions {
        dependents.insert(index)
        names.append(hypothesis.name)
      }
    }
    return dependents
  }
}
