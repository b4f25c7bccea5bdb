import Foundation

/// Finds a project's git revision by reading `.git` directly (no subprocess, no shell).
enum GitRevision {
  /// The commit checked out at or above `directory`, or `nil` outside a git checkout.
  static func of(_ directory: URL) -> String? {
    var current = directory.standardizedFileURL
    for _ in 0..<64 {
      let git = current.appendingPathComponent(".git")
      if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) {
        return resolve(head.trimmingCharacters(in: .whitespacesAndNewlines), git: git)
      }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { return nil }
      current = parent
    }
    return nil
  }

  private static func resolve(_ head: String, git: URL) -> String? {
    guard head.hasPrefix("ref: ") else { return head.isEmpty ? nil : head }
    let reference = String(head.dropFirst(5))
    if let direct = try? String(contentsOf: git.appendingPathComponent(reference), encoding: .utf8) {
      return direct.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard let packed = try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8) else {
      return nil
    }
    for line in packed.split(separator: "\n") where line.hasSuffix(" " + reference) {
      return String(line.prefix { $0 != " " })
    }
    return nil
  }
}
