/// A mistake in how the user invoked herald; reported with usage and a help hint, exit status 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was wrong, without the `Error:` prefix, e.g. `unknown option '--jbos'`.
  public var message: String
  /// The subcommand being parsed, or `nil` for the top level; the dispatcher fills it in
  /// when a command throws without naming itself.
  public var command: String?

  /// Creates a usage error; commands usually omit `command`.
  public init(_ message: String, command: String? = nil) {
    self.message = message
    self.command = command
  }

  /// The bare message, so `"\(error)"` reads naturally.
  public var description: String { message }

  /// Formats the error for stderr: message, usage lines, and where to get help.
  public func rendered(usage: [String], helpCommand: String) -> String {
    var lines = ["Error: \(message)"]
    for (index, line) in usage.enumerated() {
      lines.append((index == 0 ? "Usage: " : "       ") + line)
    }
    lines.append("See '\(helpCommand)'.")
    return lines.joined(separator: "\n")
  }
}
