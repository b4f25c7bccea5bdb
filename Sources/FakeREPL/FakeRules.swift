#if canImport(Glibc)
  import Glibc
#endif

/// How the fake REPL behaves, from `--rules FILE` and the command-line switches.
///
/// The rules file is one JSON object; every key is optional and unknown keys are errors:
///
/// ```json
/// {
///   "latency_ms": 20,                 // every command request is answered after this delay
///   "header_delay_ms": 1000,          // and a command with `import` lines and no `env` after this one more
///   "crash_after": 100,               // the request after the 100th: stderr line, exit status 134
///   "forget_envs_after": 3,           // after 3 requests every env id issued so far is unknown
///   "memory_mb_per_command": 64,      // each command allocates and touches this many MB, kept
///   "sorry_quote": "backtick",        // "backtick": declaration uses `sorry` (REPL >= v4.28);
///                                     // "straight": declaration uses 'sorry' (older)
///   "key_order": "reverse",           // "reverse" (as the REPL prints) or "sorted"
///   "sorry_goal": "⊢ True",           // the goal reported at a sorry
///   "unknown_module_prefixes": ["Missing"],   // `import Missing.X` fails: "unknown module prefix"
///   "rules": [                        // the first rule whose "match" occurs in `cmd` decides
///     {"match": "bad_lemma", "action": "error", "line": 2, "column": 4, "end_line": 2,
///      "end_column": 9, "text": "type mismatch"},
///     {"match": "slow_one", "action": "slow", "ms": 3000},
///     {"match": "x", "action": "ok" | "sorry" | "heartbeat" | "hang" | "crash" | "crash_mid_answer" | "garbage"}
///   ]
/// }
/// ```
///
/// Actions: `ok` answers `{"env": n}`; `error` adds an error message at `line`:`column` (of the
/// command's text; `end_line`/`end_column` optional, else `endPos` is null) with `text`; `sorry`
/// a sorry and its warning; `heartbeat` the heartbeat-limit error; `slow` answers as `ok` after
/// `ms`; `hang` never answers; `crash` writes `Stack overflow detected. Aborting.` to stderr and
/// exits 134 without answering; `crash_mid_answer` writes half a reply and dies of SIGKILL;
/// `garbage` answers a line that is not JSON, then an empty line. (Comments above are for the
/// reader; the file itself is plain JSON.)
struct FakeRules {
  /// What a rule does.
  enum Action: Equatable {
    case ok
    case error(line: Int, column: Int, endLine: Int?, endColumn: Int?, text: String)
    case sorry
    case heartbeat
    case slow(milliseconds: Int)
    case hang
    case crash
    case crashMidAnswer
    case garbage
  }

  /// One scripted answer: when `match` occurs in a command's text, do `action`.
  struct Rule {
    var match: String
    var action: Action
  }

  /// The quote style of the sorry warning.
  enum SorryQuote: String {
    case backtick, straight
  }

  var latencyMilliseconds = 0
  var headerDelayMilliseconds = 0
  var crashAfter: Int?
  var forgetEnvironmentsAfter: Int?
  var memoryMegabytesPerCommand = 0
  var sorryQuote = SorryQuote.backtick
  var keyOrder = LeanJSONLayout.KeyOrder.reverse
  var sorryGoal = "⊢ True"
  var unknownModulePrefixes = ["Missing"]
  var rules: [Rule] = []

  /// The sorry warning's text in the configured quote style.
  var sorryWarning: String {
    sorryQuote == .backtick ? "declaration uses `sorry`" : "declaration uses 'sorry'"
  }

  /// The first rule matching `text`.
  func rule(for text: String) -> Rule? {
    rules.first { text.contains($0.match) }
  }

  /// A problem with the rules file or a switch.
  struct Invalid: Error {
    var message: String
  }

  /// Reads the rules file at `path` into `self`.
  mutating func load(path: String) throws(Invalid) {
    guard let text = Self.readFile(path) else { throw Invalid(message: "cannot read the rules file \(path)") }
    let root: FakeJSON
    switch FakeJSON.parse(text) {
    case .success(let value): root = value
    case .failure(let failure): throw Invalid(message: "rules file \(path) is not JSON (\(failure.message))")
    }
    guard case .object(let members) = root else { throw Invalid(message: "rules file \(path): expected an object") }
    let known: Set<String> = [
      "latency_ms", "header_delay_ms", "crash_after", "forget_envs_after", "memory_mb_per_command", "sorry_quote",
      "key_order", "sorry_goal", "unknown_module_prefixes", "rules",
    ]
    for (key, _) in members where !known.contains(key) {
      throw Invalid(message: "rules file \(path): unknown key \"\(key)\"")
    }
    func natural(_ key: String) throws(Invalid) -> Int? {
      guard let value = root[key] else { return nil }
      guard let number = value.natural else { throw Invalid(message: "rules file \(path): \"\(key)\" must be >= 0") }
      return number
    }
    latencyMilliseconds = try natural("latency_ms") ?? latencyMilliseconds
    headerDelayMilliseconds = try natural("header_delay_ms") ?? headerDelayMilliseconds
    crashAfter = try natural("crash_after") ?? crashAfter
    forgetEnvironmentsAfter = try natural("forget_envs_after") ?? forgetEnvironmentsAfter
    memoryMegabytesPerCommand = try natural("memory_mb_per_command") ?? memoryMegabytesPerCommand
    if let quote = root["sorry_quote"] {
      guard let parsed = quote.string.flatMap(SorryQuote.init) else {
        throw Invalid(message: "rules file \(path): \"sorry_quote\" is \"backtick\" or \"straight\"")
      }
      sorryQuote = parsed
    }
    if let order = root["key_order"] {
      guard let parsed = order.string.flatMap(LeanJSONLayout.KeyOrder.init) else {
        throw Invalid(message: "rules file \(path): \"key_order\" is \"reverse\" or \"sorted\"")
      }
      keyOrder = parsed
    }
    if let goal = root["sorry_goal"] {
      guard let text = goal.string else { throw Invalid(message: "rules file \(path): \"sorry_goal\" is a string") }
      sorryGoal = text
    }
    if let prefixes = root["unknown_module_prefixes"] {
      guard case .array(let items) = prefixes, items.allSatisfy({ $0.string != nil }) else {
        throw Invalid(message: "rules file \(path): \"unknown_module_prefixes\" is a list of strings")
      }
      unknownModulePrefixes = items.compactMap(\.string)
    }
    if let list = root["rules"] {
      guard case .array(let items) = list else { throw Invalid(message: "rules file \(path): \"rules\" is a list") }
      for (index, item) in items.enumerated() {
        rules.append(try Self.rule(item, at: "rules file \(path), rule \(index + 1)"))
      }
    }
  }

  /// The actions that take no parameters, by name.
  private static let simpleActions: [String: Action] = [
    "ok": .ok, "sorry": .sorry, "heartbeat": .heartbeat, "hang": .hang, "crash": .crash,
    "crash_mid_answer": .crashMidAnswer, "garbage": .garbage,
  ]

  private static func rule(_ item: FakeJSON, at place: String) throws(Invalid) -> Rule {
    guard case .object(let members) = item else { throw Invalid(message: "\(place): expected an object") }
    let known: Set<String> = ["match", "action", "line", "column", "end_line", "end_column", "text", "ms"]
    for (key, _) in members where !known.contains(key) {
      throw Invalid(message: "\(place): unknown key \"\(key)\"")
    }
    guard let match = item["match"]?.string, !match.isEmpty else {
      throw Invalid(message: "\(place): \"match\" must be a non-empty string")
    }
    let name = item["action"]?.string ?? ""
    if let simple = Self.simpleActions[name] { return Rule(match: match, action: simple) }
    let action: Action
    switch name {
    case "slow":
      guard let milliseconds = item["ms"]?.natural else { throw Invalid(message: "\(place): \"slow\" needs \"ms\"") }
      action = .slow(milliseconds: milliseconds)
    case "error":
      guard let line = item["line"]?.natural, let column = item["column"]?.natural else {
        throw Invalid(message: "\(place): \"error\" needs \"line\" and \"column\"")
      }
      action = .error(
        line: line, column: column, endLine: item["end_line"]?.natural, endColumn: item["end_column"]?.natural,
        text: item["text"]?.string ?? "error")
    default:
      throw Invalid(
        message: "\(place): unknown action \"\(name)\" (ok, error, sorry, heartbeat, slow, hang, crash, "
          + "crash_mid_answer, garbage)")
    }
    return Rule(match: match, action: action)
  }

  /// A whole file's text, or nil when it cannot be read.
  static func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
