import HeraldCore

/// Decides which constants are internal or auxiliary, and so never graph units of their own.
///
/// jixia_py's rule (any numeric component; last component starting `_`, `eq_`, `match_`,
/// `proof_`) drops real lemmas such as `eq_trans_sym` or Mathlib's `eq_comm` and keeps
/// `casesOn` or `mk.injEq`. This one matches generated suffixes exactly instead, and treats the
/// structural auxiliaries as internal only when no declaration command wrote them.
public enum InternalNameRule {
  /// Suffixes Lean generates for inductive types, structures and recursive definitions.
  static let auxiliarySuffixes: Set<String> = [
    "rec", "recOn", "casesOn", "noConfusion", "noConfusionType", "ctorIdx", "toCtorIdx", "sizeOf_spec",
    "inj", "injEq", "below", "brecOn", "binductionOn", "ibelow", "eq_def", "splitter", "induct",
    "mutual_induct", "fun_cases",
  ]

  /// Whether `name` is internal; `hasDeclaration` is whether the `-d` plugin lists it.
  public static func isInternal(_ name: LeanName, hasDeclaration: Bool) -> Bool {
    if name.hasNumericComponent { return true }
    let last = name.last
    if last.hasPrefix("_") { return true }
    if matchesNumbered(last, prefix: "eq_") || matchesNumbered(last, prefix: "match_")
      || matchesNumbered(last, prefix: "proof_")
    {
      return true
    }
    if last == "eq_def" || last == "splitter" { return true }
    if !hasDeclaration, auxiliarySuffixes.contains(last), name.components.count > 1 { return true }
    return false
  }

  /// `prefix` followed by one or more digits and nothing else.
  private static func matchesNumbered(_ text: String, prefix: String) -> Bool {
    guard text.hasPrefix(prefix) else { return false }
    let rest = text.utf8.dropFirst(prefix.utf8.count)
    return !rest.isEmpty && rest.allSatisfy { $0 >= 48 && $0 <= 57 }
  }
}
