/// Which decision rule a check uses (lean-repl-protocol.md §3).
public enum CheckMode: String, Sendable, Hashable, Codable, CaseIterable {
  /// A statement (`theorem t … := by sorry`): passes when no message has severity error.
  case statement
  /// A proof: additionally needs no sorry (no `sorries` entry and no sorry warning).
  case proof
}
