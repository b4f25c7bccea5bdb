import Foundation
import ProcessRunner

/// Running one check on a worker: starting its process, elaborating the header, sending the
/// body, and turning what came back into a verdict.
extension REPLPool {
  /// The outcome of making sure a worker has a header's environment.
  private enum HeaderStep {
    case environment(Int)
    case failed(CheckResult)
  }

  /// Checks `check` on `worker`, elaborating its header first if the worker lacks it, and
  /// retrying once on a fresh process after `Unknown environment.`.
  func run(_ check: LeanCheck, on worker: Worker) async -> CheckResult {
    var retried = false
    while true {
      let process: REPLProcess
      switch start(worker, mode: check.mode) {
      case .success(let started): process = started
      case .failure(let failure): return failure.result
      }
      let env: Int
      if let known = worker.environments[check.header] {
        env = known
      } else {
        switch await elaborateHeader(check, on: worker, process) {
        case .environment(let made): env = made
        case .failed(let result): return result
        }
      }
      let exchange = await send(
        REPLRequest.command(check.body, env: env), to: worker, process, timeout: configuration.commandTimeout)
      guard case .reply(let reply, let residentBytes) = exchange else {
        return failure(exchange, on: worker, check: check, during: "the check")
      }
      if reply.isUnknownEnvironment {
        replace(worker, because: .unknownEnvironment)
        if retried {
          return CheckResult(
            outcome: .replError,
            detail: "the REPL answered 'Unknown environment.' for an environment it had just made, twice; "
              + "check that lean.repl starts the REPL itself (not a wrapper that restarts it)",
            mode: check.mode)
        }
        retried = true
        continue
      }
      recycleIfDue(worker, residentBytes: residentBytes)
      return verdict(reply, for: check)
    }
  }

  /// Checks `check` on a new process of its own, header and body as one command, then ends it.
  func runFresh(_ check: LeanCheck, on worker: Worker) async -> CheckResult {
    guard await passGate(check.header) else { return Self.cancelledResult }
    if let early = answerWithoutRunning(check) { return early }
    let firstElaboration = closeGate(check.header)
    defer { if firstElaboration { openGate(check.header) } }
    let process: REPLProcess
    switch start(worker, mode: check.mode) {
    case .success(let started): process = started
    case .failure(let failure): return failure.result
    }
    let (text, headerLines) = check.combined
    countHeaderElaboration(check.header, on: worker)
    let exchange = await send(
      REPLRequest.command(text), to: worker, process,
      timeout: configuration.headerTimeout + configuration.commandTimeout)
    guard case .reply(let reply, _) = exchange else {
      return failure(exchange, on: worker, check: check, during: "the check")
    }
    worker.process = nil
    process.retire()
    guard case .command = reply.kind else { return verdict(reply, for: check) }
    let headerMessages = reply.messages.filter { $0.line >= 1 && $0.line <= headerLines }
    if headerMessages.contains(where: { $0.severity == .error }) {
      let detail = Self.headerFailureDetail(headerMessages)
      failedHeaders[check.header] = FailedHeader(messages: headerMessages, detail: detail)
      statistics.failedHeaders += 1
      return CheckResult(
        outcome: .replError, messages: Self.placeHeaderMessages(headerMessages, in: check), detail: detail,
        mode: check.mode)
    }
    provenHeaders.insert(check.header)
    var body = reply
    body.messages = reply.messages.filter { $0.line > headerLines || $0.line < 1 }.map {
      $0.shifted(by: -headerLines)
    }
    return verdict(body, for: check)
  }

  /// A setup failure, as the result every check gets.
  struct SetupFailure: Error {
    var result: CheckResult
  }

  /// The worker's process, started if it has none; a setup failure when it cannot be.
  private func start(_ worker: Worker, mode: CheckMode) -> Result<REPLProcess, SetupFailure> {
    if let process = worker.process { return .success(process) }
    if let reason = setupProblem() {
      setupFailure = reason
      return .failure(SetupFailure(result: CheckResult(outcome: .replError, detail: reason, mode: mode)))
    }
    do {
      let process = try REPLProcess(configuration)
      statistics.processesStarted += 1
      worker.process = process
      worker.environments = [:]
      worker.commands = 0
      worker.answered = false
      return .success(process)
    } catch {
      let reason =
        "could not start the REPL command '\(configuration.command.joined(separator: " "))': "
        + "\(String(cString: strerror(error.code))); set lean.repl in the pipeline file (or --repl) to a command "
        + "that runs the REPL, such as [\"lake\", \"exe\", \"repl\"] or [\"lake\", \"env\", \"<repl>/.lake/build/bin/repl\"], "
        + "with its program on PATH"
      setupFailure = reason
      return .failure(SetupFailure(result: CheckResult(outcome: .replError, detail: reason, mode: mode)))
    }
  }

  /// What is wrong with the project folder, if anything.
  private func setupProblem() -> String? {
    let folder = configuration.projectDirectory
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      return "the Lean project folder '\(folder)' does not exist; set lean.project in the pipeline file "
        + "(or --project) to the Lake project that depends on the library to check against (e.g. Mathlib), built"
    }
    let program = URL(fileURLWithPath: configuration.command.first ?? "").lastPathComponent
    if program == "lake",
      !["lakefile.lean", "lakefile.toml"].contains(where: {
        FileManager.default.fileExists(atPath: folder + "/" + $0)
      })
    {
      return "'\(folder)' is not a Lake project (no lakefile.lean or lakefile.toml); set lean.project in the "
        + "pipeline file (or --project) to the Lake project that depends on the library to check against"
    }
    return nil
  }

  /// Sends the header, records its environment, or remembers that it fails.
  private func elaborateHeader(_ check: LeanCheck, on worker: Worker, _ process: REPLProcess) async -> HeaderStep {
    // Another worker may have started this header's first elaboration since the check was queued.
    guard await passGate(check.header) else { return .failed(Self.cancelledResult) }
    if let early = answerWithoutRunning(check) { return .failed(early) }
    let firstElaboration = closeGate(check.header)
    defer { if firstElaboration { openGate(check.header) } }
    countHeaderElaboration(check.header, on: worker)
    let exchange = await send(
      REPLRequest.command(check.header), to: worker, process, timeout: configuration.headerTimeout)
    switch exchange {
    case .reply(let reply, _):
      switch reply.kind {
      case .command(let env):
        let errors = reply.messages.filter { $0.severity == .error }
        guard errors.isEmpty else {
          let detail = Self.headerFailureDetail(errors)
          failedHeaders[check.header] = FailedHeader(messages: reply.messages, detail: detail)
          statistics.failedHeaders += 1
          return .failed(
            CheckResult(
              outcome: .replError, messages: Self.placeHeaderMessages(reply.messages, in: check), detail: detail,
              mode: check.mode))
        }
        // Recycling waits for the body: a worker recycled right after its header would loop.
        worker.environments[check.header] = env
        provenHeaders.insert(check.header)
        return .environment(env)
      case .error(let text):
        let detail = "the REPL refused the header: \(text)"
        failedHeaders[check.header] = FailedHeader(messages: [], detail: detail)
        statistics.failedHeaders += 1
        return .failed(CheckResult(outcome: .replError, detail: detail, mode: check.mode))
      case .proofStep:
        replace(worker, because: .garbage)
        return .failed(
          CheckResult(outcome: .replError, detail: "the REPL answered the header with a proof step", mode: check.mode))
      }
    case .timedOut, .ended:
      let result = failure(exchange, on: worker, check: check, during: "the header")
      headerTroubles[check.header, default: 0] += 1
      if headerTroubles[check.header, default: 0] >= 2, setupFailure == nil {
        let detail =
          "the header failed twice (\(result.outcome.rawValue)): \(result.detail ?? "")"
          + (result.outcome == .timeout
            ? "; raise lean.header_timeout" : "; if the REPL ran out of memory, raise lean.memory_limit_mb")
        failedHeaders[check.header] = FailedHeader(messages: [], detail: detail)
        statistics.failedHeaders += 1
      }
      return .failed(result)
    case .garbage, .cancelled:
      return .failed(failure(exchange, on: worker, check: check, during: "the header"))
    }
  }

  private func countHeaderElaboration(_ header: String, on worker: Worker) {
    statistics.headerElaborations += 1
    statistics.headerElaborationsPerWorker[worker.index] += 1
    statistics.headerElaborationsPerHeader[header, default: 0] += 1
  }

  /// Why a header failed, with the likely remedies.
  static func headerFailureDetail(_ errors: [LeanMessage]) -> String {
    let first = errors.first { $0.severity == .error }?.text ?? "error"
    return "the header failed to elaborate: \(first.split(separator: "\n").first ?? ""); check that lean.project "
      + "depends on and has built the imported modules, and that the REPL was built for the project's lean-toolchain"
  }

  /// Sends one request on the worker's process, counting it.
  private func send(_ request: [UInt8], to worker: Worker, _ process: REPLProcess, timeout: Double) async
    -> REPLProcess.Exchange
  {
    worker.commands += 1
    statistics.commandsSent += 1
    let exchange = await process.exchange(
      request, timeout: timeout, measureMemory: configuration.maxResidentBytes != nil)
    if case .reply = exchange {
      worker.answered = true
      startupDeaths = 0
    }
    return exchange
  }

  /// The verdict for a reply to a body (decision rule of lean-repl-protocol.md §3).
  func verdict(_ reply: REPLReply, for check: LeanCheck) -> CheckResult {
    switch reply.kind {
    case .command:
      let messages = reply.messages.map { $0.shifted(by: check.bodyLineOffset) }
      return CheckResult(
        outcome: CheckResult.outcome(messages: messages, sorries: reply.sorries), messages: messages,
        mode: check.mode)
    case .error(let text):
      return CheckResult(outcome: .replError, detail: "the REPL refused the check: \(text)", mode: check.mode)
    case .proofStep:
      return CheckResult(
        outcome: .replError, detail: "the REPL answered a command with a proof step", mode: check.mode)
    }
  }

  /// The result for an exchange that brought no reply; the worker's process is replaced.
  private func failure(
    _ exchange: REPLProcess.Exchange, on worker: Worker, check: LeanCheck, during phase: String
  ) -> CheckResult {
    let neverAnswered = !worker.answered
    switch exchange {
    case .reply(let reply, _):
      return verdict(reply, for: check)
    case .cancelled:
      replace(worker, because: .cancelled)
      return isShutDown ? Self.shutDownResult : Self.cancelledResult
    case .timedOut:
      replace(worker, because: .timeout)
      let limit = phase == "the header" ? configuration.headerTimeout : configuration.commandTimeout
      let setting = phase == "the header" ? "lean.header_timeout" : "lean.timeout"
      return CheckResult(
        outcome: .timeout,
        detail: "no answer to \(phase) within \(Self.seconds(limit)) (\(setting)); the REPL was killed and "
          + "will be restarted",
        mode: check.mode)
    case .garbage(let text):
      replace(worker, because: .garbage)
      return CheckResult(
        outcome: .replError,
        detail: "the REPL wrote something that is not a reply during \(phase): \(text.prefix(200)); it was "
          + "killed and will be restarted",
        mode: check.mode)
    case .ended(let termination, let stderr):
      replace(worker, because: .crash)
      if isShutDown { return Self.shutDownResult }
      let tail = stderr.split(separator: "\n", omittingEmptySubsequences: true).suffix(8).joined(separator: "\n")
      var detail = "the REPL died during \(phase) (\(termination))"
      if stderr.contains("Stack overflow") { detail += "; deep recursion in the input, not retried" }
      detail += tail.isEmpty ? "; nothing on stderr" : "; last lines of stderr:\n\(tail)"
      if neverAnswered {
        startupDeaths += 1
        if startupDeaths >= 2, setupFailure == nil {
          setupFailure =
            "the REPL command '\(configuration.command.joined(separator: " "))' in '\(configuration.projectDirectory)' "
            + "ended before answering, twice (\(termination)); check lean.repl and lean.project (run the command "
            + "there by hand)" + (tail.isEmpty ? "" : "; last lines of stderr:\n\(tail)")
        }
      }
      return CheckResult(outcome: .crashed, detail: detail, mode: check.mode)
    }
  }

  /// Ends the worker's process; the worker starts a new one when next used.
  func replace(_ worker: Worker, because reason: REPLPoolStatistics.RestartReason) {
    worker.process?.retire()
    worker.process = nil
    worker.environments = [:]
    statistics.restarts[reason.rawValue, default: 0] += 1
  }

  /// Restarts a worker that has run its share of commands or grown past the memory limit.
  private func recycleIfDue(_ worker: Worker, residentBytes: Int?) {
    if let limit = configuration.maxCommandsPerWorker, worker.commands >= limit {
      replace(worker, because: .commands)
    } else if let limit = configuration.maxResidentBytes, let residentBytes, residentBytes > limit {
      replace(worker, because: .memory)
    }
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}
