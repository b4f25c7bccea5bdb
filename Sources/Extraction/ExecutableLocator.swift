import Foundation

/// Finds executables the way a shell would, without using one.
enum ExecutableLocator {
  /// An absolute path for `name`: itself when it contains a slash, else the first match on PATH.
  static func locate(_ name: String, relativeTo directory: String = FileManager.default.currentDirectoryPath)
    -> String?
  {
    if name.contains("/") {
      let path = name.hasPrefix("/") ? name : directory + "/" + name
      let url = URL(fileURLWithPath: path).standardizedFileURL
      return FileManager.default.isExecutableFile(atPath: url.path) ? url.path : nil
    }
    let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in searchPath.split(separator: ":") {
      let candidate = String(folder) + "/" + name
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
