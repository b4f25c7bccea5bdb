import Foundation
import HeraldCore
import LeanREPL

/// Runs many checks through one REPL pool and writes each result as it comes: the work behind
/// `herald lean check`.
struct LeanCheckBatch {
  /// One thing to check: a name for messages, the JSON id to echo (JSONL input), and the check,
  /// or why the input could not become one.
  struct Item: Sendable {
    var name: String
    var id: String?
    var check: Result<LeanCheck, Problem>
  }

  /// Input that is not a check (a bad JSONL line); reported as `not_run`.
  struct Problem: Error, Sendable {
    var reason: String
  }

  /// What the whole batch came to.
  struct Summary: Sendable {
    var checks = 0
    var passed = 0
    var outcomes: [CompileOutcome: Int] = [:]
    var seconds = 0.0
  }

  /// How results are printed.
  enum Output {
    /// `FILE:line:col: severity: text` per message, then the outcome.
    case text
    /// One JSON object per result (a single check with `--json`).
    case json
    /// One JSON line per result, with its id (`--jsonl`).
    case jsonLines
  }

  var items: [Item]
  var output: Output

  /// Checks every item through `pool` (nil: no REPL configured, every check `not_run` for
  /// `reason`), at most `inFlight` at once, printing results in the order they finish.
  func run(pool: REPLPool?, notRunReason reason: String, inFlight: Int, console: Console) async -> Summary {
    let started = Date()
    var summary = Summary()
    let record: (Item, CheckResult) -> Void = { item, result in
      summary.checks += 1
      if result.passed { summary.passed += 1 }
      summary.outcomes[result.outcome, default: 0] += 1
      console.write(render(result, of: item))
    }
    await withTaskGroup(of: (Item, CheckResult).self) { group in
      var pending = items[...]
      var running = 0
      while true {
        while running < max(1, inFlight), let item = pending.popFirst() {
          running += 1
          group.addTask {
            switch item.check {
            case .failure(let problem): return (item, CheckResult.notRun(reason: problem.reason))
            case .success(let check):
              guard let pool else { return (item, CheckResult.notRun(reason: reason)) }
              return (item, await pool.check(check))
            }
          }
        }
        guard let (item, result) = await group.next() else { break }
        running -= 1
        record(item, result)
      }
    }
    summary.seconds = Date().timeIntervalSince(started)
    return summary
  }

  /// One result in the chosen output form, newline included.
  func render(_ result: CheckResult, of item: Item) -> String {
    switch output {
    case .text:
      var lines = result.messages.map { message in
        "\(item.name):\(message.line):\(message.column): \(message.severity.rawValue): \(message.text)"
      }
      let verdict = result.passed ? "passes" : "fails"
      let mode = (try? item.check.get().mode) ?? .statement
      lines.append(
        "\(item.name): \(result.outcome.rawValue) (\(verdict) as a \(mode.rawValue) check, "
          + String(format: "%.2f s)", result.seconds))
      if let detail = result.detail {
        lines += detail.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
      }
      return lines.joined(separator: "\n") + "\n"
    case .json, .jsonLines:
      var writer = JSONWriter()
      writer.beginObject()
      if output == .jsonLines {
        writer.key("id")
        if let id = item.id, let value = try? JSONDocument(text: id).root {
          writer.write(value)
        } else {
          writer.nullValue()
        }
      } else {
        writer.key("file")
        writer.value(item.name)
      }
      Self.write(result, mode: (try? item.check.get().mode) ?? .statement, into: &writer)
      writer.endObject()
      writer.endLine()
      return writer.string
    }
  }

  /// The members of a result's JSON object.
  static func write(_ result: CheckResult, mode: CheckMode, into writer: inout JSONWriter) {
    writer.member("outcome", result.outcome.rawValue)
    writer.member("passed", result.passed)
    writer.member("mode", mode.rawValue)
    writer.member("seconds", (result.seconds * 1000).rounded() / 1000)
    writer.key("messages")
    writer.beginArray()
    for message in result.messages {
      writer.beginObject()
      writer.member("severity", message.severity.rawValue)
      for (key, number) in [
        ("line", message.line), ("column", message.column), ("end_line", message.endLine),
        ("end_column", message.endColumn),
      ] {
        writer.member(key, number)
      }
      writer.member("text", message.text)
      writer.endObject()
    }
    writer.endArray()
    writer.member("detail", result.detail)
  }

  /// The batch's closing summary as one JSON line: counts and throughput, and under `pool` the
  /// pool's own figures (`REPLPoolStatistics` with snake_case keys).
  static func summaryJSON(_ summary: Summary, statistics: REPLPoolStatistics?, configuration: REPLConfiguration?)
    -> String
  {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("summary")
    writer.beginObject()
    writer.member("checks", summary.checks)
    writer.member("passed", summary.passed)
    writer.key("outcomes")
    writer.beginObject()
    for outcome in CompileOutcome.allCases where summary.outcomes[outcome] != nil {
      writer.member(outcome.rawValue, summary.outcomes[outcome])
    }
    writer.endObject()
    writer.member("seconds", (summary.seconds * 1000).rounded() / 1000)
    let rate = summary.seconds > 0 ? Double(summary.checks) / summary.seconds : 0
    writer.member("checks_per_second", (rate * 10).rounded() / 10)
    writer.member("workers", configuration?.workers)
    writer.member("fresh_process_per_check", configuration?.freshProcessPerCheck)
    writer.key("pool")
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = .sortedKeys
    if let statistics, let data = try? encoder.encode(statistics), let pool = try? JSONDocument(data: data) {
      writer.write(pool.root)
    } else {
      writer.nullValue()
    }
    writer.endObject()
    writer.endObject()
    writer.endLine()
    return writer.string
  }

  /// The batch's closing summary for people.
  static func summaryText(_ summary: Summary, statistics: REPLPoolStatistics?) -> String {
    let outcomes = CompileOutcome.allCases.compactMap { outcome in
      summary.outcomes[outcome].map { "\(outcome.rawValue) \($0)" }
    }
    var lines = [
      "lean check: \(summary.checks) checks, \(summary.passed) passed (\(outcomes.joined(separator: ", "))) in "
        + String(format: "%.1f s", summary.seconds)
    ]
    if let statistics, statistics.processesStarted > 0 {
      let restarts = statistics.restarts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append(
        "  \(statistics.processesStarted) REPL processes, \(statistics.headerElaborations) header elaborations "
          + "for \(statistics.headerElaborationsPerHeader.count) headers, \(statistics.commandsSent) commands"
          + (restarts.isEmpty ? "" : "; restarts: " + restarts.joined(separator: ", ")))
    }
    return lines.joined(separator: "\n")
  }
}

extension JSONWriter {
  /// Writes one object member.
  fileprivate mutating func member(_ key: String, _ value: String?) {
    self.key(key)
    self.value(value)
  }

  fileprivate mutating func member(_ key: String, _ value: Int?) {
    self.key(key)
    self.value(value)
  }

  fileprivate mutating func member(_ key: String, _ value: Bool?) {
    self.key(key)
    self.value(value)
  }

  fileprivate mutating func member(_ key: String, _ value: Double) {
    self.key(key)
    self.value(value)
  }
}
