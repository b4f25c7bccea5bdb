import Foundation
import HeraldCore
import ProcessRunner
import Storage

/// Runs jixia on one module the way it is really run: `lake env <analyzer> -i -m … file` from
/// the project root, outputs into a scratch folder, moved into the cache only once decoded.
struct AnalyzerInvocation: Sendable {
  /// Resolved `lake`.
  var lake: String
  /// Resolved analyzer.
  var analyzer: String
  /// `-D` options.
  var options: [String]
  /// Project root.
  var projectRoot: String
  /// Time limit per module.
  var timeout: Double
  /// Variables added to the inherited environment.
  var environment: [String: String] = [:]

  /// The argument vector for `module`, writing into `directory`.
  func arguments(module: LakeProject.Module, outputDirectory directory: String) -> [String] {
    var arguments = [lake, "env", analyzer, "-i"]
    for plugin in AnalyzerPlugin.allCases {
      arguments += [plugin.flag, directory + "/" + plugin.fileName(module: module.name)]
    }
    return arguments + options + [module.path]
  }

  /// Runs the analyzer; returns the output files or the failure to record.
  func run(_ module: LakeProject.Module, scratch: String) async -> Result<[AnalyzerPlugin: String], FailureRecord> {
    let arguments = arguments(module: module, outputDirectory: scratch)
    let result = await Subprocess.run(
      arguments, in: projectRoot,
      environment: environment.isEmpty
        ? nil : ProcessInfo.processInfo.environment.merging(environment) { _, added in added },
      timeout: timeout, watch: ["PANIC at", "INTERNAL PANIC"])
    let tail = result.lastLines(20)
    let command = arguments.joined(separator: " ")
    func failure(_ reason: String, _ detail: String) -> Result<[AnalyzerPlugin: String], FailureRecord> {
      .failure(
        FailureRecord(
          stage: "extract", item: module.name, reason: reason,
          detail: detail + "\ncommand: \(command)" + (tail.isEmpty ? "" : "\nstderr (last lines):\n\(tail)"),
          file: module.path))
    }
    switch result.termination {
    case .launchFailed(let code):
      return failure(
        "analyzer_launch",
        "the analyzer could not be started (\(String(cString: strerror(code)))); check --lake and --analyzer.")
    case .timedOut:
      return failure(
        "analyzer_timeout",
        "the analyzer ran past \(Int(timeout)) s and was killed; raise --timeout or check the module for a loop.")
    case .signaled(let signal):
      return failure(
        "analyzer_signal",
        "the analyzer was killed by \(Subprocess.signalName(signal)); it may have run out of memory (use fewer --jobs)."
      )
    case .exited(let code) where code > 128 && code < 128 + 65:
      // `lake env` waits for the analyzer and exits with 128 + the signal that killed it.
      let signal = code - 128
      return failure(
        "analyzer_signal",
        "the analyzer was killed by \(Subprocess.signalName(signal)) (reported by lake as exit status \(code)); "
          + "it may have run out of memory (use fewer --jobs).")
    case .exited(let code) where code != 0:
      return failure(
        "analyzer_exit",
        "the analyzer exited with status \(code) (an import or header failure, or bad usage); see stderr.")
    case .exited:
      break
    }
    if !result.seen.isEmpty {
      return failure(
        "analyzer_panic", "the analyzer reported a PANIC, so its output may be incomplete; see stderr.")
    }
    var files: [AnalyzerPlugin: String] = [:]
    var missing: [String] = []
    for plugin in AnalyzerPlugin.allCases {
      let path = scratch + "/" + plugin.fileName(module: module.name)
      if FileBytes.exists(path) { files[plugin] = path } else { missing.append(plugin.fileName(module: module.name)) }
    }
    if !missing.isEmpty {
      return failure(
        "missing_output",
        "the analyzer exited normally but did not write \(missing.joined(separator: ", ")); "
          + "check that the jixia build matches the project's toolchain.")
    }
    return .success(files)
  }
}
