/// One training example derived from a statement record: translate the informal statement into
/// Lean, or the Lean declaration into an informal name and statement.
///
/// The informal side is written the same way in both directions (`Informal name:` and
/// `Informal statement:` lines), so a model trained on both reads and writes one format.
public struct TranslationExercise: Sendable, Hashable {
  /// Which way the example translates.
  public enum Direction: String, CaseIterable, Sendable, Codable {
    case nlToLean = "nl_to_lean"
    case leanToNL = "lean_to_nl"
  }

  public var id: String
  public var direction: Direction
  public var system: String
  public var user: String
  public var assistant: String

  /// The example of `record` in `direction`.
  public init(record: StatementRecord, direction: Direction) {
    self.id = "\(record.id):\(direction.rawValue)"
    self.direction = direction
    let informal = "Informal name: \(record.informalName)\nInformal statement: \(record.informalStatement)"
    switch direction {
    case .nlToLean:
      system = Self.nlToLeanSystem
      user = Self.nlToLeanInstruction + "\n\n" + informal
      assistant = record.formalStatement
    case .leanToNL:
      system = Self.leanToNLSystem
      user = Self.leanToNLInstruction + "\n\n```lean\n" + record.formalStatement + "```"
      assistant = informal
    }
  }

  static let nlToLeanSystem =
    "You are an expert in Lean 4 and Mathlib. You translate mathematical statements written in natural "
    + "language into Lean 4 declarations that compile on their own."
  static let nlToLeanInstruction =
    "Translate this statement into a Lean 4 declaration, written as a complete Lean file: imports, open lines, "
    + "namespace and variable lines included, and a theorem ending with := sorry."
  static let leanToNLSystem =
    "You are an expert mathematician who reads Lean 4 and Mathlib. You state Lean declarations in natural "
    + "language with LaTeX, as a textbook would."
  static let leanToNLInstruction =
    "State this Lean 4 declaration in natural language: give it a short informal name, then the statement in LaTeX."
}
