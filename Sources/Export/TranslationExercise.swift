import Records

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
  public var system: EscapedText
  public var user: EscapedText
  public var assistant: EscapedText

  /// The example of `record` in `direction`.
  public init(record: StatementRecord, direction: Direction) {
    self.init(record: record, direction: direction, texts: StatementRecord.Texts(record))
  }

  /// The example of `record` in `direction`, put together from its escaped `texts`.
  public init(record: StatementRecord, direction: Direction, texts: StatementRecord.Texts) {
    self.id = "\(record.id):\(direction.rawValue)"
    self.direction = direction
    let informal = EscapedText.joined([
      Self.namePrefix, texts.informalName, Self.statementPrefix, texts.informalStatement,
    ])
    switch direction {
    case .nlToLean:
      system = Self.nlToLeanSystem
      user = EscapedText.joined([Self.nlToLeanInstruction, Self.paragraph, informal])
      assistant = texts.formalStatement
    case .leanToNL:
      system = Self.leanToNLSystem
      user = EscapedText.joined([Self.leanToNLInstruction, Self.leanFenceOpen, texts.formalStatement, Self.fenceClose])
      assistant = informal
    }
  }

  static let nlToLeanSystem = EscapedText(
    "You are an expert in Lean 4 and Mathlib. You translate mathematical statements written in natural "
      + "language into Lean 4 declarations that compile on their own.")
  static let nlToLeanInstruction = EscapedText(
    "Translate this statement into a Lean 4 declaration, written as a complete Lean file: imports, open lines, "
      + "namespace and variable lines included, and a theorem ending with := sorry.")
  static let leanToNLSystem = EscapedText(
    "You are an expert mathematician who reads Lean 4 and Mathlib. You state Lean declarations in natural "
      + "language with LaTeX, as a textbook would.")
  static let leanToNLInstruction = EscapedText(
    "State this Lean 4 declaration in natural language: give it a short informal name, then the statement in LaTeX.")
  static let namePrefix = EscapedText("Informal name: ")
  static let statementPrefix = EscapedText("\nInformal statement: ")
  static let paragraph = EscapedText("\n\n")
  static let leanFenceOpen = EscapedText("\n\n```lean\n")
  static let fenceClose = EscapedText("```")
}
