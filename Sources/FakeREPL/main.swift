// fake-repl: a stand-in for the Lean REPL (leanprover-community/repl) for tests and benchmarks
// without Lean. It speaks the REPL's protocol byte for byte (docs/fake-repl.md and
// ../shared/docs/lean-repl-protocol.md §1, §6): requests are blocks of lines joined with no
// separator and ended by one empty line; replies are Lean's 80-column pretty-printed JSON
// followed by an empty line and flushed; invalid JSON ends it with `uncaught exception: …` on
// stderr and exit status 1; EOF ends it with status 0.
//
// Instead of elaborating, it answers by markers in `cmd` (`sorry`, FAKE_ERROR, FAKE_HEARTBEAT,
// FAKE_CRASH, FAKE_CRASH_MID_ANSWER, FAKE_HANG, FAKE_GARBAGE, FAKE_SLOW=<ms>; `import Missing…`
// fails) and by a rules file (see `FakeRules`).
//
//   fake-repl [--rules FILE] [--log FILE] [--latency-ms N] [--header-delay-ms N] [--crash-after N]
//             [--forget-envs-after N] [--memory-mb N] [--sorry-quote backtick|straight]
//             [--key-order reverse|sorted]
//
// --log FILE appends one line per request: `pid<TAB>kind<TAB>env`, kind one of header (a command
// without env), body (a command with env), tactic, other.

#if canImport(Glibc)
  import Glibc
#endif

/// Reads the switches; exits 2 with a message on a bad one.
func configuration(_ arguments: [String]) -> (FakeRules, String?) {
  var rules = FakeRules()
  var log: String?
  var index = 1
  func value() -> String {
    guard index + 1 < arguments.count else {
      FakeOutput.error("fake-repl: \(arguments[index]) needs a value\n")
      exit(2)
    }
    index += 1
    return arguments[index]
  }
  func natural() -> Int {
    let text = value()
    guard let number = Int(text), number >= 0 else {
      FakeOutput.error("fake-repl: \(arguments[index - 1]) takes a whole number >= 0, not '\(text)'\n")
      exit(2)
    }
    return number
  }
  var rulesPath: String?
  var overrides: [(inout FakeRules) -> Void] = []
  // The numeric switches and the setting each one overrides.
  let numbers: [String: WritableKeyPath<FakeRules, Int>] = [
    "--latency-ms": \.latencyMilliseconds, "--header-delay-ms": \.headerDelayMilliseconds,
    "--memory-mb": \.memoryMegabytesPerCommand,
  ]
  let limits: [String: WritableKeyPath<FakeRules, Int?>] = [
    "--crash-after": \.crashAfter, "--forget-envs-after": \.forgetEnvironmentsAfter,
  ]
  while index < arguments.count {
    let argument = arguments[index]
    if let setting = numbers[argument] {
      let number = natural()
      overrides.append { $0[keyPath: setting] = number }
      index += 1
      continue
    }
    if let setting = limits[argument] {
      let number = natural()
      overrides.append { $0[keyPath: setting] = number }
      index += 1
      continue
    }
    switch argument {
    case "--rules": rulesPath = value()
    case "--log": log = value()
    case "--sorry-quote":
      guard let quote = FakeRules.SorryQuote(rawValue: value()) else {
        FakeOutput.error("fake-repl: --sorry-quote is backtick or straight\n")
        exit(2)
      }
      overrides.append { $0.sorryQuote = quote }
    case "--key-order":
      guard let order = LeanJSONLayout.KeyOrder(rawValue: value()) else {
        FakeOutput.error("fake-repl: --key-order is reverse or sorted\n")
        exit(2)
      }
      overrides.append { $0.keyOrder = order }
    default:
      FakeOutput.error("fake-repl: unknown argument '\(argument)'\n")
      exit(2)
    }
    index += 1
  }
  if let rulesPath {
    do {
      try rules.load(path: rulesPath)
    } catch {
      FakeOutput.error("fake-repl: \(error.message)\n")
      exit(2)
    }
  }
  // Switches win over the rules file.
  for override in overrides { override(&rules) }
  return (rules, log)
}

/// One request as the REPL reads it: lines with trailing whitespace stripped and joined with no
/// separator, up to a line that is empty after trimming (kept as read) or the end of input.
/// An empty result means the input ended.
func nextRequest() -> String {
  var query = ""
  while let line = readLine(strippingNewline: false) {
    let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    if trimmed.isEmpty { return query + line }
    var end = line.endIndex
    while end > line.startIndex, [" ", "\t", "\r", "\n"].contains(line[line.index(before: end)]) {
      end = line.index(before: end)
    }
    query += line[..<end]
  }
  return query
}

let (rules, logPath) = configuration(CommandLine.arguments)
let session = FakeSession(rules: rules, logPath: logPath)
while true {
  let query = nextRequest()
  if query.isEmpty { exit(0) }
  if query.hasPrefix("#") || query.hasPrefix("--") { continue }
  session.handle(query)
}
