import HeraldCore

/// One reply of the REPL, decoded tolerantly (lean-repl-protocol.md §3, §7): every field is
/// optional except `env` / `proofState`, `null` stands for absent, unknown keys are ignored.
struct REPLReply: Sendable, Equatable {
  /// What kind of answer it is.
  enum Kind: Sendable, Equatable {
    /// A command's answer with its new environment id.
    case command(env: Int)
    /// A tactic's (or proof-state pickle's) answer with its new proof-state id.
    case proofStep(proofState: Int)
    /// `{"message": …}` with neither `env` nor `proofState`: the REPL refused the request.
    case error(String)
  }

  var kind: Kind
  /// Messages with the REPL's own positions (relative to the text sent).
  var messages: [LeanMessage] = []
  /// Entries in `sorries`.
  var sorries = 0

  /// Whether this is the answer for an env id the process does not have (any more): the
  /// process lost its state, e.g. it was replaced behind our back.
  var isUnknownEnvironment: Bool {
    if case .error(let text) = kind { return text.hasPrefix("Unknown environment") }
    return false
  }

  /// Decodes one reply block; nil when it is not JSON or not a reply (garbage).
  static func decode(_ bytes: [UInt8]) -> REPLReply? {
    guard let root = try? JSONDocument(bytes: bytes).root, root.kind == .object else { return nil }
    let env = present(root["env"])
    let proofState = present(root["proofState"])
    let kind: Kind
    if let env {
      guard let id = env.int else { return nil }
      kind = .command(env: id)
    } else if let proofState {
      guard let id = proofState.int else { return nil }
      kind = .proofStep(proofState: id)
    } else if let message = present(root["message"]) {
      kind = .error(message.string ?? message.rawText)
    } else {
      return nil
    }
    var reply = REPLReply(kind: kind)
    if let list = present(root["messages"]), list.kind == .array {
      reply.messages = list.elements.compactMap(message)
    }
    if let list = present(root["sorries"]), list.kind == .array {
      reply.sorries = list.count
    }
    return reply
  }

  /// A value that is there and not null.
  private static func present(_ value: JSONValue?) -> JSONValue? {
    guard let value, !value.isNull else { return nil }
    return value
  }

  /// One message; a missing or unknown severity counts as an error, so a reply we do not
  /// understand can never pass a check.
  private static func message(_ value: JSONValue) -> LeanMessage? {
    guard value.kind == .object else { return nil }
    let severity = present(value["severity"])?.string.flatMap(LeanMessage.Severity.init) ?? .error
    let start = position(value["pos"])
    let end = present(value["endPos"]).map { position($0) }
    let text = present(value["data"]).map { $0.string ?? $0.rawText } ?? ""
    return LeanMessage(
      severity: severity, line: start.line, column: start.column, endLine: end?.line, endColumn: end?.column,
      text: text)
  }

  private static func position(_ value: JSONValue?) -> (line: Int, column: Int) {
    guard let value = present(value), value.kind == .object else { return (0, 0) }
    return (present(value["line"])?.int ?? 0, present(value["column"])?.int ?? 0)
  }
}
