import Records

/// Writes a proof state (hypotheses ⊢ goal) as a standalone Lean theorem, repairing what Lean
/// prints but cannot read back, or says why it cannot.
///
/// ```lean
/// theorem Sample.foo.state_3 (m n : Nat) [inst : Monoid α] : let k : Nat := m + n; k = n + m := sorry
/// ```
///
/// Policy:
/// - **Binders.** Hypotheses become binders in context order: an instance (`instImplicit`) is
///   `[name : C]`; every other one, implicit or strict-implicit included and propositions alike,
///   is explicit `(name : T)`: in a standalone statement each is simply an assumption, and
///   explicit binders are what the state shows. Neighbours with the same type share a binder
///   (`(m n : Nat)`), instances never do.
/// - **Names.** A name Lean could not read back gets a fresh one: inaccessible (`x✝`, `a✝¹`, an
///   anonymous instance `inst✝`), shadowed (printed `h✝`), empty or hygienic. The fresh name is
///   the printed one without its dagger (`x`, `inst`), else with `_1`, `_2`, … added, never one
///   that a hypothesis has or that any type mentions. It replaces the old one in every type, value
///   and the goal, word by word (`x✝` never touches `x✝¹` or `y.x✝`). Daggered names bound
///   inside a type (`∀ (a✝ : α), …`) are renamed the same way; a daggered name starting with `_`
///   is an auxiliary constant (`_auto✝`), and the state is skipped.
/// - **Lets.** A `let` hypothesis with its value becomes `let name : T := v;` in front of the
///   conclusion, and so does, as `∀ (h : T),`, every later hypothesis that mentions a `let` (it
///   cannot come before its `let`); both keep context order, so each still follows what it uses.
///   A `let` without a value (the analyzer lost it) stays an ordinary binder.
/// - **Skips** (`SkipReason`): metavariables (`?m.5`, `?u.1`), elided terms (`⋯`, `…`), an
///   empty goal, the theorem itself as a hypothesis (a recursive proof) or a dotted hypothesis
///   name, an obvious data goal (`ℕ`, left by `refine ⟨?_, ?_⟩`), and a trivial goal (`True`,
///   `a = a`, or the type of a hypothesis).
/// - **Dropped.** Case tags (`case succ`): they name the goal, not its content.
/// - **Universes.** The universe names the declaration mentions (`Type u`, `Sort u_1`, auto-bound
///   ones included) are returned for the file to declare.
///
/// Multi-line types are put on one line (a line break and its indentation become one space).
public enum StateRenderer {
  /// The theorem `name` stating `state`, or why there is none; `parent` is the declaration whose
  /// proof the state comes from (a hypothesis with its name is the proof's own recursion).
  public static func render(_ state: ProofState, name: String, parent: String? = nil) -> RenderedState {
    switch sanitize(state, parent: parent) {
    case .ready(let sanitized): .theorem(sanitized.theorem(name: name))
    case .skipped(let reason): .skipped(reason)
    }
  }

  /// The state with its names repaired and its normal form, or why it is skipped: all the
  /// sampler needs, the declaration being written only for the states it keeps.
  static func sanitize(_ state: ProofState, parent: String?) -> SanitizedState.Outcome {
    guard !state.goal.utf8.allSatisfy(PrintedText.isSpace) else { return .skipped(.emptyGoal) }
    if let reason = checkNames(state, parent: parent) { return .skipped(reason) }

    // Read only the texts that hold a dagger, `?`, an elision or a line break; most hold none.
    var goal = PrintedText.isPlain(state.goal) ? nil : PrintedText(state.goal)
    var types: [PrintedText?] = []
    var values: [PrintedText?] = []
    types.reserveCapacity(state.hypotheses.count)
    values.reserveCapacity(state.hypotheses.count)
    for hypothesis in state.hypotheses {
      guard !hypothesis.type.utf8.allSatisfy(PrintedText.isSpace) else { return .skipped(.unreadable) }
      types.append(PrintedText.isPlain(hypothesis.type) ? nil : PrintedText(hypothesis.type))
      values.append(hypothesis.value.flatMap { PrintedText.isPlain($0) ? nil : PrintedText($0) })
    }
    let scanned = ([goal] + types + values).compactMap { $0 }
    if scanned.contains(where: \.hasMetavariable) { return .skipped(.metavariables) }
    if scanned.contains(where: \.hasElision) { return .skipped(.elidedTerm) }

    guard let renames = freshNames(state, scanned: scanned) else { return .skipped(.auxiliaryConstant) }
    // A renamed name without a dagger (hygienic, `_`) can hide in a text the fast path skipped.
    if renames.keys.contains(where: { PrintedText.firstOffset(of: "✝", in: $0.utf8) == nil }) {
      goal = PrintedText(state.goal)
      for index in state.hypotheses.indices {
        types[index] = PrintedText(state.hypotheses[index].type)
        values[index] = state.hypotheses[index].value.map(PrintedText.init)
      }
    }
    var hypotheses = state.hypotheses
    for index in hypotheses.indices {
      if let fresh = renames[Substring(hypotheses[index].name)] { hypotheses[index].name = fresh }
      if let text = types[index] { hypotheses[index].type = text.rewritten(renames) }
      if let text = values[index] { hypotheses[index].value = text.rewritten(renames) }
    }
    let conclusion = goal?.rewritten(renames) ?? state.goal
    if let reason = triviality(conclusion, state: state, hypotheses: hypotheses) { return .skipped(reason) }
    return .ready(SanitizedState(hypotheses: hypotheses, conclusion: conclusion, renames: renames))
  }

  // MARK: Names

  /// Why the hypothesis names rule the state out, if they do.
  private static func checkNames(_ state: ProofState, parent: String?) -> SkipReason? {
    let shortParent = parent.map { parent in
      parent.utf8.lastIndex(of: UInt8(ascii: ".")).map { parent[$0...].dropFirst() } ?? parent[...]
    }
    for hypothesis in state.hypotheses {
      let name = hypothesis.name
      if let parent, let shortParent,
        PrintedText.sameBytes(name, parent) || PrintedText.sameBytes(name, shortParent)
      {
        return .recursiveReference
      }
      if isDotted(name) { return .recursiveReference }
    }
    return nil
  }

  /// Whether `name` has a `.` outside `«»` and is not a hygienic or inaccessible name (those are
  /// renamed): no binder can take it.
  private static func isDotted(_ name: String) -> Bool {
    guard name.utf8.contains(UInt8(ascii: ".")), PrintedText.firstOffset(of: "✝", in: name.utf8) == nil,
      !isHygienic(name)
    else { return false }
    var escaped = false
    for character in name {
      if character == "«" { escaped = true } else if character == "»" { escaped = false }
      if character == ".", !escaped { return true }
    }
    return false
  }

  private static func isHygienic(_ name: String) -> Bool {
    PrintedText.firstOffset(of: "_hyg", in: name.utf8) != nil
      || PrintedText.firstOffset(of: "._@.", in: name.utf8) != nil
  }

  /// Whether `name` can be written as a binder name as it is: one identifier, no dagger, not `_`.
  private static func isWritable(_ name: String) -> Bool {
    guard !name.isEmpty, name != "_" else { return false }
    var asciiOnly = true
    for byte in name.utf8 where byte >= 0x80 {
      asciiOnly = false
      break
    }
    if asciiOnly {
      // The common case, decided without scanning: [A-Za-z_][A-Za-z0-9_'!?]*.
      let bytes = name.utf8
      guard let first = bytes.first, first == UInt8(ascii: "_") || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A)
      else { return false }
      return bytes.allSatisfy { byte in
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_")
          || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
      } && !isHygienic(name)
    }
    let text = PrintedText(name)
    guard text.words.count == 1, let word = text.words.first else { return false }
    return word.range == 0..<name.utf8.count && !word.isInaccessible && !isHygienic(name)
  }

  /// The fresh name of every hypothesis whose printed name cannot be read back, and of every
  /// daggered name bound inside a type; nil when a daggered name is an auxiliary constant.
  private static func freshNames(_ state: ProofState, scanned: [PrintedText]) -> [Substring: String]? {
    let needing = state.hypotheses.filter { !isWritable($0.name) }.map(\.name)
    let boundInside = scanned.flatMap { text in text.words.filter(\.isInaccessible).map { text.string($0) } }
    let hypothesisNames = Set(state.hypotheses.map { Substring($0.name) })
    if boundInside.contains(where: { $0.hasPrefix("_") && !hypothesisNames.contains($0) }) {
      return nil
    }
    guard !needing.isEmpty || !boundInside.isEmpty else { return [:] }

    // A fresh name must not be a hypothesis's name nor a word any text mentions (it would
    // capture it); texts are searched only for the few names tried.
    let texts = [state.goal] + state.hypotheses.map(\.type) + state.hypotheses.compactMap(\.value)
    var taken = Set(state.hypotheses.map(\.name))
    func isTaken(_ name: String) -> Bool {
      taken.contains(name) || texts.contains { PrintedText.mentionsWord(name, in: $0) }
    }
    var renames: [Substring: String] = [:]
    for name in needing.map({ Substring($0) }) + boundInside where renames[name] == nil {
      let fresh = freshName(for: name, isTaken: isTaken)
      taken.insert(fresh)
      renames[name] = fresh
    }
    return renames
  }

  /// `name` without its dagger and counter (`x` for `x✝¹`), with `_1`, `_2`, … added until it
  /// is not taken.
  private static func freshName(for name: Substring, isTaken: (String) -> Bool) -> String {
    var base = String(name.prefix { $0 != "✝" })
    if isHygienic(base) { base = String(base.prefix { $0 != "." }) }
    if !isWritable(base) { base = "x" }
    if !isTaken(base) { return base }
    var counter = 1
    while isTaken("\(base)_\(counter)") { counter += 1 }
    return "\(base)_\(counter)"
  }

  // MARK: Triviality

  /// Why the goal says nothing or is not a statement at all, if so.
  private static func triviality(_ goal: String, state: ProofState, hypotheses: [ProofState.Hypothesis])
    -> SkipReason?
  {
    let trimmed = PrintedText.trimmed(goal[...])
    if !state.isProp, isDataGoal(trimmed) { return .notAProposition }
    if trimmed == "True" { return .trivial }
    if hypotheses.contains(where: { !$0.isLet && PrintedText.sameBytes(PrintedText.trimmed($0.type[...]), trimmed) }) {
      return .trivial
    }
    if let (left, right) = equationSides(trimmed), PrintedText.sameBytes(left, right) { return .trivial }
    return nil
  }

  /// Whether a goal the analyzer calls data looks it: one name (`ℕ`, `α`) or a universe
  /// (`Type u`, `Sort 1`, `Prop`). An equation marked not a proposition is left to the compiler.
  private static func isDataGoal(_ goal: Substring) -> Bool {
    if goal.hasPrefix("Type") || goal.hasPrefix("Sort") || goal == "Prop" { return true }
    let text = PrintedText(String(goal))
    return text.words.count == 1 && text.words[0].range == 0..<goal.utf8.count
  }

  /// The two sides of `a = b` when `=` is the only top-level relation.
  private static func equationSides(_ goal: Substring) -> (Substring, Substring)? {
    let utf8 = goal.utf8
    guard let equals = PrintedText.firstOffset(of: " = ", in: utf8) else { return nil }
    // `=` must be the only top-level relation: one ` = `, no looser connective, no comma (a
    // binder or a tuple), and brackets balanced on each side (`f (a = b)` is no equation).
    guard PrintedText.firstOffset(of: " = ", in: utf8.dropFirst(equals + 3)) == nil else { return nil }
    for loose in [" ∧ ", " ∨ ", " ↔ ", " → ", ", "] where PrintedText.firstOffset(of: loose, in: utf8) != nil {
      return nil
    }
    let middle = utf8.index(utf8.startIndex, offsetBy: equals)
    let left = goal[..<middle]
    let right = goal[utf8.index(middle, offsetBy: 3)...]
    guard isBalanced(left), isBalanced(right) else { return nil }
    return (PrintedText.trimmed(left), PrintedText.trimmed(right))
  }

  private static func isBalanced(_ text: Substring) -> Bool {
    var depth = 0
    for scalar in text.unicodeScalars {
      if scalar == "(" || scalar == "[" || scalar == "{" || scalar == "⟨" { depth += 1 }
      if scalar == ")" || scalar == "]" || scalar == "}" || scalar == "⟩" { depth -= 1 }
      if depth < 0 { return false }
    }
    return depth == 0
  }
}
