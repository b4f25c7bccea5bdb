#if canImport(Glibc)
  import Glibc
#endif

/// The fake REPL's state between requests and its answers: the env and proof-state counters,
/// the memory it hoards, and its request log.
final class FakeSession {
  let rules: FakeRules
  private let layout: LeanJSONLayout
  private let log: Int32?
  /// Env ids issued so far (the next one is this).
  private var environments = 0
  /// Env ids below this were forgotten (`forget_envs_after`).
  private var forgottenBelow = 0
  private var proofStates = 0
  private var requests = 0
  /// Memory kept on purpose so the process's resident size grows.
  private var hoard: [UnsafeMutableRawPointer] = []

  init(rules: FakeRules, logPath: String?) {
    self.rules = rules
    layout = LeanJSONLayout(keyOrder: rules.keyOrder)
    log = logPath.map { open($0, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) }.flatMap { $0 >= 0 ? $0 : nil }
  }

  /// Answers one request (a block of joined lines), or ends the process as the REPL would.
  func handle(_ query: String) {
    requests += 1
    if let limit = rules.crashAfter, requests > limit {
      FakeOutput.error("PANIC: fake-repl crashes after \(limit) requests (crash_after)\n")
      exit(134)
    }
    if let limit = rules.forgetEnvironmentsAfter, requests == limit + 1 {
      forgottenBelow = environments
    }
    let json: FakeJSON
    switch FakeJSON.parse(query) {
    case .success(let value): json = value
    case .failure(let failure):
      die("Could not parse JSON:\n" + failure.message)
    }
    if let tactic = json["tactic"]?.string, let state = json["proofState"]?.natural {
      record("tactic", state)
      answer(proofStep(tactic: tactic, from: state))
    } else if json["pickleTo"]?.string != nil, let env = json["env"]?.natural {
      record("other", env)
      answer(known(env) ? .object([("env", .int(env))]) : unknownEnvironment)
    } else if json["unpickleEnvFrom"]?.string != nil {
      record("other", nil)
      answer(.object([("env", .int(nextEnvironment()))]))
    } else if json["pickleTo"]?.string != nil, let state = json["proofState"]?.natural {
      record("other", state)
      answer(
        state < proofStates
          ? proofStep(tactic: "", from: state) : .object([("message", .string("Unknown proof State."))]))
    } else if json["unpickleProofStateFrom"]?.string != nil {
      record("other", json["env"]?.natural)
      if let env = json["env"]?.natural, !known(env) {
        answer(unknownEnvironment)
      } else {
        answer(proofStep(tactic: "", from: nil))
      }
    } else if let text = json["cmd"]?.string, json["env"] == nil || json["env"]?.natural != nil {
      command(text, env: json["env"]?.natural)
    } else if let path = json["path"]?.string, json["env"] == nil || json["env"]?.natural != nil {
      guard let text = FakeRules.readFile(path) else {
        record("other", nil)
        answer(.object([("message", .string("no such file or directory (error code: 2)\n  file: \(path)"))]))
        return
      }
      command(text, env: json["env"]?.natural)
    } else {
      die("Could not parse as a valid JSON command:\nno request kind matches " + layout.render(json))
    }
  }

  /// What Lean's runtime prints for an uncaught exception in `main`, then exit status 1.
  private func die(_ message: String) -> Never {
    FakeOutput.error("uncaught exception: " + layout.render(.object([("message", .string(message))])) + "\n")
    exit(1)
  }

  private var unknownEnvironment: FakeJSON { .object([("message", .string("Unknown environment."))]) }

  private func known(_ env: Int) -> Bool { env >= forgottenBelow && env < environments }

  private func nextEnvironment() -> Int {
    defer { environments += 1 }
    return environments
  }

  private func nextProofState() -> Int {
    defer { proofStates += 1 }
    return proofStates
  }

  /// Appends `pid kind env` to the log, so tests can count header elaborations per process.
  private func record(_ kind: String, _ env: Int?) {
    guard let log else { return }
    let line = "\(getpid())\t\(kind)\t\(env.map(String.init) ?? "-")\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(log, $0.baseAddress, $0.count - 1) }
  }

  /// Writes a reply as the REPL does: pretty-printed, a newline, then an empty line, flushed.
  private func answer(_ reply: FakeJSON) {
    FakeOutput.write(layout.render(reply) + "\n\n")
  }

  private func proofStep(tactic: String, from state: Int?) -> FakeJSON {
    if let state, state >= proofStates { return .object([("message", .string("Unknown proof state."))]) }
    let id = nextProofState()
    if tactic.contains("FAKE_ERROR") {
      return .object([
        ("proofStatus", .string("Incomplete: open goals remain")), ("proofState", .int(id)),
        ("messages", .array([message("error", 0, 0, nil, "unsolved goals\n⊢ False")])),
        ("goals", .array([.string("⊢ False")])),
      ])
    }
    return .object([("proofStatus", .string("Completed")), ("proofState", .int(id)), ("goals", .array([]))])
  }

  private func message(_ severity: String, _ line: Int, _ column: Int, _ end: (Int, Int)?, _ text: String)
    -> FakeJSON
  {
    .object([
      ("severity", .string(severity)), ("pos", position(line, column)),
      ("endPos", end.map { position($0.0, $0.1) } ?? .null), ("data", .string(text)),
    ])
  }

  private func position(_ line: Int, _ column: Int) -> FakeJSON {
    .object([("line", .int(line)), ("column", .int(column))])
  }

  /// A `cmd` (or `path`) request: markers and rules decide the answer.
  private func command(_ text: String, env: Int?) {
    record(env == nil ? "header" : "body", env)
    if let env, !known(env) {
      answer(unknownEnvironment)
      return
    }
    hoardMemory()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let importLines = lines.indices.filter { lines[$0].hasPrefix("import ") }
    var delay = rules.latencyMilliseconds
    if env == nil && !importLines.isEmpty { delay += rules.headerDelayMilliseconds }
    // A rule decides; without one, the process markers do (content markers are read below).
    let scripted = rules.rule(for: text)?.action
    let rule = scripted ?? Self.processMarker(in: text)
    if case .slow(let milliseconds) = rule { delay += milliseconds }
    if let marker = Self.number(after: "FAKE_SLOW=", in: text) { delay += marker }
    FakeOutput.sleep(milliseconds: delay)

    switch rule {
    case .hang:
      while true { FakeOutput.sleep(milliseconds: 60_000) }
    case .crash:
      FakeOutput.error("Stack overflow detected. Aborting.\n")
      exit(134)
    case .garbage:
      FakeOutput.write("PANIC at Lean.Expr.bindingBody! this is not JSON\n\n")
      return
    default:
      break
    }

    var messages: [FakeJSON] = []
    var sorries: [FakeJSON] = []
    for index in importLines where env != nil {
      messages.append(
        message(
          "error", index + 1, 0, (index + 1, 6),
          "invalid 'import' command, it must be used in the beginning of the file"
        ))
    }
    if env == nil {
      for index in importLines {
        for module in lines[index].dropFirst("import ".count).split(separator: " ") {
          let root = module.split(separator: ".").first.map(String.init) ?? String(module)
          if rules.unknownModulePrefixes.contains(where: { module == $0 || module.hasPrefix($0 + ".") }) {
            messages.append(
              message(
                "error", index + 1, 0, nil,
                "unknown module prefix '\(root)'\n\nNo directory '\(root)' or file '\(root).olean' in the search "
                  + "path entries:\n/fake/.lake/build/lib/lean"))
          }
        }
      }
    }
    let (nameStart, nameEnd) = Self.declarationName(in: lines)
    switch rule {
    case .error(let line, let column, let endLine, let endColumn, let text):
      messages.append(message("error", line, column, endLine.map { ($0, endColumn ?? 0) }, text))
    case .sorry:
      sorries.append(sorryEntry(in: lines))
      messages.append(message("warning", nameStart.0, nameStart.1, nameEnd, rules.sorryWarning))
    case .heartbeat:
      messages.append(message("error", nameStart.0, nameStart.1, nameEnd, Self.heartbeatText))
    case .ok, .slow, .hang, .crash, .crashMidAnswer, .garbage, nil:
      if scripted == nil || scripted == .crashMidAnswer {
        let hasSorry = text.contains("sorry")
        if text.contains("FAKE_ERROR") {
          messages.append(message("error", 2, 4, nil, "unsolved goals\n⊢ False"))
        } else if text.contains("FAKE_HEARTBEAT") {
          messages.append(message("error", nameStart.0, nameStart.1, nameEnd, Self.heartbeatText))
        } else if hasSorry {
          messages.append(message("warning", nameStart.0, nameStart.1, nameEnd, rules.sorryWarning))
        }
        if hasSorry { sorries.append(sorryEntry(in: lines)) }
      }
    }
    var members: [(String, FakeJSON)] = [("env", .int(nextEnvironment()))]
    if !messages.isEmpty { members.append(("messages", .array(messages))) }
    if !sorries.isEmpty { members.append(("sorries", .array(sorries))) }
    let reply = layout.render(.object(members)) + "\n\n"
    if rule == .crashMidAnswer {
      let bytes = Array(reply.utf8)
      FakeOutput.write(String(decoding: bytes[0..<bytes.count / 2], as: UTF8.self))
      FakeOutput.error("INTERNAL PANIC: out of memory\n")
      kill(getpid(), SIGKILL)
    }
    FakeOutput.write(reply)
  }

  /// The marker that changes how the process answers (not what), if any.
  private static func processMarker(in text: String) -> FakeRules.Action? {
    if text.contains("FAKE_CRASH_MID_ANSWER") { return .crashMidAnswer }
    if text.contains("FAKE_CRASH") { return .crash }
    if text.contains("FAKE_HANG") { return .hang }
    if text.contains("FAKE_GARBAGE") { return .garbage }
    return nil
  }

  private static let heartbeatText =
    "(deterministic) timeout at `whnf`, maximum number of heartbeats (200000) has been reached\n"
    + "Use `set_option maxHeartbeats <num>` to set the limit.\n"
    + "Additional diagnostic information may be available using the `set_option diagnostics true` command."

  /// A sorry entry for the first `sorry` in the text (columns in code points, as Lean counts).
  private func sorryEntry(in lines: [String]) -> FakeJSON {
    var start = (1, 0)
    for (index, line) in lines.enumerated() {
      if let range = line.firstRange(of: "sorry") {
        start = (index + 1, line.unicodeScalars[line.startIndex..<range.lowerBound].count)
        break
      }
    }
    return .object([
      ("proofState", .int(nextProofState())), ("pos", position(start.0, start.1)),
      ("goal", .string(rules.sorryGoal)), ("endPos", position(start.0, start.1 + 5)),
    ])
  }

  /// Where Lean puts a declaration's warnings: its name (or the `example` keyword); 1:8–1:9 when
  /// the text declares nothing recognisable.
  private static func declarationName(in lines: [String]) -> ((Int, Int), (Int, Int)) {
    let keywords: Set<Substring> = ["theorem", "lemma", "def", "abbrev", "instance", "example"]
    for (index, line) in lines.enumerated() {
      var words: [(start: Int, text: Substring)] = []
      var column = 0
      for word in line.split(separator: " ", omittingEmptySubsequences: false) {
        if !word.isEmpty { words.append((column, word)) }
        column += word.unicodeScalars.count + 1
      }
      for (position, word) in words.enumerated() where keywords.contains(word.text) {
        if word.text == "example" || position + 1 == words.count {
          return ((index + 1, word.start), (index + 1, word.start + word.text.unicodeScalars.count))
        }
        let name = words[position + 1]
        return ((index + 1, name.start), (index + 1, name.start + name.text.unicodeScalars.count))
      }
    }
    return ((1, 8), (1, 9))
  }

  /// The decimal number right after `marker` in `text`.
  private static func number(after marker: String, in text: String) -> Int? {
    guard let range = text.firstRange(of: marker) else { return nil }
    return Int(text[range.upperBound...].prefix { $0.isNumber })
  }

  /// Allocates and touches `memory_mb_per_command` MB, and keeps it.
  private func hoardMemory() {
    let bytes = rules.memoryMegabytesPerCommand * 1_048_576
    guard bytes > 0 else { return }
    guard let block = malloc(bytes) else {
      FakeOutput.error("INTERNAL PANIC: out of memory\n")
      exit(1)
    }
    memset(block, 0x5A, bytes)
    hoard.append(block)
  }
}
