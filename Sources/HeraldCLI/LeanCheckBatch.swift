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
    writer.key("outcome")
    writer.value(result.outcome.rawValue)
    writer.key("passed")
    writer.value(result.passed)
    writer.key("mode")
    writer.value(mode.rawValue)
    writer.key("seconds")
    writer.value((result.seconds * 1000).rounded() / 1000)
    writer.key("messages")
    writer.beginArray()
    for message in result.messages {
      writer.beginObject()
      writer.key("severity")
      writer.value(message.severity.rawValue)
      writer.key("line")
      writer.value(message.line)
      writer.key("column")
      writer.value(message.column)
      writer.key("end_line")
      writer.value(message.endLine)
      writer.key("end_column")
      writer.value(message.endColumn)
      writer.key("text")
      writer.value(message.text)
      writer.endObject()
    }
    writer.endArray()
    writer.key("detail")
    writer.value(result.detail)
  }

  /// The batch's closing summary as one JSON line: counts, throughput and the pool's figures.
  static func summaryJSON(_ summary: Summary, statistics: REPLPoolStatistics?, configuration: REPLConfiguration?)
    -> String
  {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("summary")
    writer.beginObject()
    writer.key("checks")
    writer.value(summary.checks)
    writer.key("passed")
    writer.value(summary.passed)
    writer.key("outcomes")
    writer.beginObject()
    for outcome in CompileOutcome.allCases where summary.outcomes[outcome] != nil {
      writer.key(outcome.rawValue)
      writer.value(summary.outcomes[outcome] ?? 0)
    }
    writer.endObject()
    writer.key("seconds")
    writer.value((summary.seconds * 1000).rounded() / 1000)
    writer.key("checks_per_second")
    writer.value(summary.seconds > 0 ? (Double(summary.checks) / summary.seconds * 10).rounded() / 10 : 0)
    writer.key("workers")
    writer.value(configuration?.workers)
    writer.key("fresh_process_per_check")
    writer.value(configuration?.freshProcessPerCheck)
    if let statistics {
      writer.key("commands_sent")
      writer.value(statistics.commandsSent)
      writer.key("processes_started")
      writer.value(statistics.processesStarted)
      writer.key("header_elaborations")
      writer.value(statistics.headerElaborations)
      writer.key("header_elaborations_per_worker")
      writer.beginArray()
      for count in statistics.headerElaborationsPerWorker { writer.value(count) }
      writer.endArray()
      writer.key("distinct_headers")
      writer.value(statistics.headerElaborationsPerHeader.count)
      writer.key("failed_headers")
      writer.value(statistics.failedHeaders)
      writer.key("restarts")
      writer.beginObject()
      for (reason, count) in statistics.restarts.sorted(by: { $0.key < $1.key }) {
        writer.key(reason)
        writer.value(count)
      }
      writer.endObject()
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
