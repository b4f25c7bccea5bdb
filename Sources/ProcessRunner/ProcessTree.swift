import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A process and its descendants as /proc shows them.
public enum ProcessTree {
  /// The pids of `root`'s descendants (not `root` itself), found through each task's
  /// `/proc/PID/task/TID/children` list.
  public static func descendants(of root: pid_t) -> [pid_t] {
    var found: [pid_t] = []
    var pending = [root]
    while let next = pending.popLast() {
      let taskFolder = "/proc/\(next)/task"
      guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: taskFolder) else { continue }
      for task in tasks {
        guard let text = contents("\(taskFolder)/\(task)/children") else { continue }
        for word in text.split(separator: " ") {
          if let child = pid_t(word.trimmingCharacters(in: .whitespacesAndNewlines)), !found.contains(child) {
            found.append(child)
            pending.append(child)
          }
        }
      }
    }
    return found
  }

  /// The resident memory of `root` and all its descendants in bytes, or nil when `root` is gone.
  public static func residentBytes(root: pid_t) -> Int? {
    guard let own = residentBytes(of: root) else { return nil }
    return descendants(of: root).reduce(own) { $0 + (residentBytes(of: $1) ?? 0) }
  }

  /// One process's resident memory in bytes (the second field of /proc/PID/statm, in pages).
  public static func residentBytes(of pid: pid_t) -> Int? {
    guard let text = contents("/proc/\(pid)/statm") else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// A small /proc file's text, read with plain system calls (Foundation's readers stat first,
  /// and /proc files report size 0).
  private static func contents(_ path: String) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
