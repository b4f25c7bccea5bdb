import Foundation

/// The dataset folder (`--out`): checked before any work, written through a staging folder inside
/// it, and updated by renames only once every file of the run is complete and synced.
///
/// A run writes everything under `.herald-export-<pid>/` first. Publishing renames the files to
/// their final names (the manifest last), removes shard files of an earlier export that this one
/// does not have, and removes the staging folder. A run killed at any point thus leaves complete
/// files under final names only; its staging folder is removed by the next run.
struct OutputFolder {
  /// The folder.
  let root: String
  /// This run's staging folder.
  let staging: String

  static let stagingPrefix = ".herald-export-"

  /// Names at the top of the folder that herald export writes; anything else makes the folder
  /// someone else's.
  static let ownNames: Set<String> = Set(
    ExportView.allCases.map(\.rawValue) + ["schemas", "manifest.json", "README.md"])

  /// Checks `root` (creating it when missing), removes staging folders of dead runs and creates
  /// this run's.
  static func prepare(_ root: String) throws(ExportError) -> OutputFolder {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    if manager.fileExists(atPath: root, isDirectory: &isFolder) {
      guard isFolder.boolValue else { throw .outputIsFile(path: root) }
    } else {
      do {
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
      } catch {
        throw .outputNotWritable(path: root, message: Self.reason(error))
      }
    }
    let entries: [String]
    do {
      entries = try manager.contentsOfDirectory(atPath: root).sorted()
    } catch {
      throw .outputNotWritable(path: root, message: Self.reason(error))
    }
    for entry in entries {
      if let process = Self.stagingProcess(entry) {
        if process != getpid(), kill(process, 0) == 0 || errno == EPERM {
          throw .outputBusy(path: root, process: process)
        }
        continue
      }
      guard Self.ownNames.contains(entry) else { throw .outputNotOurs(path: root, entry: entry) }
      if entry == "README.md", !DatasetCard.isHerald(path: root + "/README.md") {
        throw .outputNotOurs(path: root, entry: entry)
      }
    }
    for entry in entries where Self.stagingProcess(entry) != nil {
      try? manager.removeItem(atPath: root + "/" + entry)
    }
    let staging = root + "/" + stagingPrefix + String(getpid())
    try? manager.removeItem(atPath: staging)
    guard mkdir(staging, 0o755) == 0 else {
      throw .outputNotWritable(path: root, message: String(cString: strerror(errno)))
    }
    return OutputFolder(root: root, staging: staging)
  }

  /// The staged path of `relative`, its folders created.
  func stagedPath(_ relative: String) throws(ExportError) -> String {
    try Self.prepare(staging, relative)
  }

  /// Renames staged files to their final names: shards (`staged` → `final`), then `others` in
  /// order (the manifest last); then removes shard files and schemas no longer part of the
  /// dataset, and the staging folder.
  func publish(shards: [(staged: String, final: String)], others: [String]) throws(ExportError) {
    var kept: Set<String> = []
    var folders: Set<String> = [root]
    for (staged, final) in shards {
      try moveIntoPlace(staging + "/" + staged, final)
      kept.insert(final)
      folders.insert((root + "/" + final as NSString).deletingLastPathComponent)
    }
    for relative in others {
      try moveIntoPlace(staging + "/" + relative, relative)
      kept.insert(relative)
      folders.insert((root + "/" + relative as NSString).deletingLastPathComponent)
    }
    removeStale(keeping: kept)
    for folder in folders.sorted() { Self.syncFolder(folder) }
    try? FileManager.default.removeItem(atPath: staging)
  }

  /// Removes the staging folder (the run failed).
  func abandon() {
    try? FileManager.default.removeItem(atPath: staging)
  }

  private func moveIntoPlace(_ from: String, _ relative: String) throws(ExportError) {
    let target = try Self.prepare(root, relative)
    guard rename(from, target) == 0 else { throw StagedFile.failure(target) }
  }

  /// `base/relative`, after checking that it stays inside `base` and creating its folders.
  private static func prepare(_ base: String, _ relative: String) throws(ExportError) -> String {
    precondition(isSafe(relative), "export builds its relative paths from fixed names only")
    let path = base + "/" + relative
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw .writeFailed(path: folder, message: reason(error))
    }
    return path
  }

  /// Shard files and schemas of earlier exports that this one did not write.
  private func removeStale(keeping kept: Set<String>) {
    let manager = FileManager.default
    var candidates: [String] = []
    for view in ExportView.allCases {
      let folder = "\(view.rawValue)/data"
      for file in (try? manager.contentsOfDirectory(atPath: root + "/" + folder)) ?? []
      where ShardName.parse(file) != nil {
        candidates.append(folder + "/" + file)
      }
    }
    for file in (try? manager.contentsOfDirectory(atPath: root + "/schemas")) ?? [] where file.hasSuffix(".json") {
      candidates.append("schemas/" + file)
    }
    for relative in candidates where !kept.contains(relative) {
      try? manager.removeItem(atPath: root + "/" + relative)
    }
  }

  /// The process id in a staging folder's name.
  static func stagingProcess(_ entry: String) -> pid_t? {
    guard entry.hasPrefix(stagingPrefix) else { return nil }
    return pid_t(entry.dropFirst(stagingPrefix.count))
  }

  /// Whether `relative` stays inside the folder: no absolute path, no `..`, no empty component.
  static func isSafe(_ relative: String) -> Bool {
    !relative.hasPrefix("/")
      && !relative.split(separator: "/", omittingEmptySubsequences: false).contains {
        $0.isEmpty || $0 == ".." || $0 == "."
      }
  }

  /// Syncs a folder so that the renames into it survive a crash.
  private static func syncFolder(_ path: String) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  private static func reason(_ error: any Error) -> String {
    if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return error.localizedDescription
  }
}
