import HeraldCore

/// One goal of a tactic step as extract stores it (docs/database.md): the hypotheses in context
/// order, the goal's type, its case tag and whether the step acts on it. Types are Lean's
/// pretty-printed text, daggers (`x✝`) and all; nothing here is sanitised yet.
public struct ProofState: Sendable, Hashable {
  /// How a hypothesis was bound, as the analyzer reports it.
  public enum Binder: String, Sendable, Hashable, Codable {
    case `default`, implicit, instImplicit, strictImplicit
  }

  /// One local hypothesis (a variable, an assumption or a `let`).
  public struct Hypothesis: Sendable, Hashable {
    /// The name as printed: `h`, `x✝`, `inst✝¹`.
    public var name: String
    /// The type as printed.
    public var type: String
    /// How it was bound; `default` when the analyzer gave none (a `let` has none).
    public var binder: Binder
    /// The value of a `let` hypothesis.
    public var value: String?
    /// Whether the type is a proposition.
    public var isProp: Bool
    /// Whether this is a local definition (`let`, `set`).
    public var isLet: Bool

    /// A hypothesis; `binder` defaults to explicit.
    public init(
      name: String, type: String, binder: Binder = .default, value: String? = nil, isProp: Bool = false,
      isLet: Bool = false
    ) {
      self.name = name
      self.type = type
      self.binder = binder
      self.value = value
      self.isProp = isProp
      self.isLet = isLet
    }
  }

  /// Why a stored goal could not be read.
  public struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One sentence: what was wrong and where.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
  }

  /// The hypotheses, in context order (each may mention only earlier ones).
  public var hypotheses: [Hypothesis]
  /// The goal's type: the conclusion to prove.
  public var goal: String
  /// Whether the analyzer found the goal a proposition (not always right: jixia marks some
  /// equations of `induction` goals as not propositions, so the renderer only trusts an obvious case).
  public var isProp: Bool
  /// The case tag (`left`, `succ`), empty when untagged.
  public var tag: String
  /// Whether the step this state is taken from acts on this goal (it carried the analyzer's
  /// `extra`); with several goals, the others wait for a later step.
  public var actedOn: Bool

  /// A state from its parts.
  public init(hypotheses: [Hypothesis], goal: String, isProp: Bool = true, tag: String = "", actedOn: Bool = true) {
    self.hypotheses = hypotheses
    self.goal = goal
    self.isProp = isProp
    self.tag = tag
    self.actedOn = actedOn
  }

  /// The goals of one stored `goals_before`/`goals_after` array, each decoded or with the
  /// reason it could not be; a text that is not a JSON array of objects yields one failure.
  public static func decodeGoals(_ json: String) -> [Result<ProofState, DecodeError>] {
    decodeGoals(bytes: Array(json.utf8))
  }

  /// `decodeGoals(_:)` on the UTF-8 bytes of the text.
  public static func decodeGoals(bytes: [UInt8]) -> [Result<ProofState, DecodeError>] {
    let document: JSONDocument
    do {
      document = try JSONDocument(bytes: bytes)
    } catch {
      return [.failure(DecodeError("the goals are not JSON (\(error))"))]
    }
    let root = document.root
    guard root.kind == .array else {
      return [.failure(DecodeError("the goals are not a JSON array"))]
    }
    return root.elements.enumerated().map { index, goal in
      Result { () throws(DecodeError) in try ProofState(goal: goal, at: index) }
    }
  }

  /// Decodes one goal object of the stored shape.
  public init(decoding json: String) throws(DecodeError) {
    let document: JSONDocument
    do {
      document = try JSONDocument(text: json)
    } catch {
      throw DecodeError("the goal is not JSON (\(error))")
    }
    try self.init(goal: document.root, at: 0)
  }

  /// Reads goal `index` of an array; only `type` is required, other fields default.
  init(goal: JSONValue, at index: Int) throws(DecodeError) {
    guard goal.kind == .object else { throw DecodeError("goal \(index) is not an object") }
    guard let type = goal["type"]?.string else { throw DecodeError("goal \(index) has no type") }
    var hypotheses: [Hypothesis] = []
    if let context = goal["hypotheses"], context.kind != .null {
      guard context.kind == .array else { throw DecodeError("goal \(index): hypotheses are not an array") }
      hypotheses.reserveCapacity(context.count)
      for (position, entry) in context.elements.enumerated() {
        guard entry.kind == .object, let name = entry["name"]?.string, let type = entry["type"]?.string else {
          throw DecodeError("goal \(index): hypothesis \(position) has no name or type")
        }
        // An unknown binder kind reads as explicit: the renderer makes every non-instance explicit.
        let binder = entry["binder"]?.string.flatMap(Binder.init(rawValue:)) ?? .default
        let value = entry["value"]?.string
        hypotheses.append(
          Hypothesis(
            name: name, type: type, binder: binder, value: value, isProp: entry["is_prop"]?.bool ?? false,
            isLet: (entry["is_let"]?.bool ?? false) || value != nil))
      }
    }
    self.init(
      hypotheses: hypotheses, goal: type, isProp: goal["is_prop"]?.bool ?? true, tag: goal["tag"]?.string ?? "",
      actedOn: goal["acted_on"]?.bool ?? false)
  }
}
