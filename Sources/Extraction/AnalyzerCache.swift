import Foundation
import HeraldCore

/// The per-project folder of analyzer outputs, so a new database need not rerun Lean.
///
/// A module's files are moved in only after they decoded, and its `.key` file is written last:
/// a run killed half-way leaves no entry that looks complete (ntp-toolkit's failure mode).
struct AnalyzerCache: Sendable {
  /// The folder.
  let directory: String

  /// Creates the folder and its scratch area.
  init(directory: String) throws(ExtractionError) {
    self.directory = directory
    do {
      // Scratch folders left by a killed run are never complete; start clean.
      try? FileManager.default.removeItem(atPath: directory + "/.scratch")
      try FileManager.default.createDirectory(atPath: directory + "/.scratch", withIntermediateDirectories: true)
    } catch {
      throw .cacheUnwritable(path: directory, message: error.localizedDescription)
    }
  }

  /// A fresh scratch folder for one analyzer run.
  func scratch(for module: String) throws -> String {
    let path = directory + "/.scratch/" + module + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The cached files of `module` when their key matches and all are present.
  func lookup(_ module: String, key: String) -> [AnalyzerPlugin: String]? {
    guard let stored = try? String(contentsOfFile: keyPath(module), encoding: .utf8), stored == key else {
      return nil
    }
    var files: [AnalyzerPlugin: String] = [:]
    for plugin in AnalyzerPlugin.allCases {
      let path = directory + "/" + plugin.fileName(module: module)
      guard FileBytes.exists(path) else { return nil }
      files[plugin] = path
    }
    return files
  }

  /// Moves decoded outputs from `scratch` into the cache and records their key.
  func store(_ module: String, from files: [AnalyzerPlugin: String], key: String) throws -> [AnalyzerPlugin: String] {
    let manager = FileManager.default
    try? manager.removeItem(atPath: keyPath(module))
    var stored: [AnalyzerPlugin: String] = [:]
    for (plugin, path) in files {
      let target = directory + "/" + plugin.fileName(module: module)
      if rename(path, target) != 0 {
        try? manager.removeItem(atPath: target)
        try manager.moveItem(atPath: path, toPath: target)
      }
      stored[plugin] = target
    }
    let temporary = keyPath(module) + ".tmp"
    try key.write(toFile: temporary, atomically: false, encoding: .utf8)
    _ = rename(temporary, keyPath(module))
    return stored
  }

  /// Moves a failed run's outputs to `failed/<module>/` (replacing an earlier failure's), for
  /// inspection; returns the folder, or `nil` when that is not possible.
  func keepFailed(_ module: String, from scratch: String) -> String? {
    let manager = FileManager.default
    let target = directory + "/failed/" + module
    try? manager.removeItem(atPath: target)
    do {
      try manager.createDirectory(atPath: directory + "/failed", withIntermediateDirectories: true)
      try manager.moveItem(atPath: scratch, toPath: target)
      return target
    } catch {
      return nil
    }
  }

  private func keyPath(_ module: String) -> String { directory + "/" + module + ".key" }
}
