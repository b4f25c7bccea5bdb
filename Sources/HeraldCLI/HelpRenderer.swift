/// Renders the overview and per-command help text from specs.
enum HelpRenderer {
  /// Width help is wrapped to; fixed rather than the terminal's so help piped to a file or
  /// pager reads the same everywhere.
  static let width = 100

  /// Widest option/argument name column before the help text moves to its own line.
  private static let maximumNameColumn = 32

  /// The row documenting `-h, --help`, which every command and the top level accept.
  static let helpOptionRow = ("-h, --help", "Show this help.")

  /// Help for one command: abstract, usage, arguments, options and discussion.
  static func commandHelp(_ spec: CommandSpec) -> String {
    var sections: [String] = []
    if !spec.abstract.isEmpty { sections.append(spec.abstract) }
    sections.append(usageBlock(spec.usageLines))
    if !spec.arguments.isEmpty {
      let rows = spec.arguments.map { argument in
        (argument.name, argument.arity == .required ? argument.help : "\(argument.help) (optional)")
      }
      sections.append((["Arguments:"] + table(rows)).joined(separator: "\n"))
    }
    let anyShort = spec.options.contains { $0.short != nil }
    let rows = spec.options.map { optionRow($0, padForShort: anyShort) } + [helpOptionRow]
    sections.append((["Options:"] + table(rows)).joined(separator: "\n"))
    let discussion = spec.discussion.trimmingNewlines()
    if !discussion.isEmpty { sections.append(discussion) }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// The top-level help: what herald does, its commands with abstracts, and global options.
  static func overview(abstract: String, commands: [CommandSpec], usage: [String]) -> String {
    var sections = [abstract, usageBlock(usage)]
    let commandRows = commands.map { ($0.name, $0.abstract) }
    sections.append((["Commands:"] + table(commandRows)).joined(separator: "\n"))
    let optionRows = [helpOptionRow, ("    --version", "Print the herald version.")]
    sections.append((["Options:"] + table(optionRows)).joined(separator: "\n"))
    sections.append("See 'herald help COMMAND' for more about a command.")
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// `Usage:` followed by the lines, continuation lines aligned under the first.
  static func usageBlock(_ lines: [String]) -> String {
    lines.enumerated().map { index, line in (index == 0 ? "Usage: " : "       ") + line }
      .joined(separator: "\n")
  }

  /// The name and help cells for one option, with its default, required and repeatable notes.
  static func optionRow(_ option: OptionSpec, padForShort: Bool) -> (String, String) {
    var name = option.short.map { "\($0), " } ?? (padForShort ? "    " : "")
    name += option.synopsis
    var notes: [String] = []
    if option.isRequired { notes.append("required") }
    if option.isRepeatable { notes.append("repeatable") }
    if let value = option.defaultDescription { notes.append("default: \(value)") }
    let help = notes.isEmpty ? option.help : "\(option.help) (\(notes.joined(separator: "; ")))"
    return (name, help)
  }

  /// Two aligned columns indented by two spaces; help text wraps with a hanging indent.
  static func table(_ rows: [(String, String)]) -> [String] {
    let fitting = rows.map(\.0.count).filter { $0 <= maximumNameColumn }
    let nameWidth = fitting.max() ?? maximumNameColumn
    let helpColumn = 2 + nameWidth + 2
    let helpWidth = max(width - helpColumn, 30)
    let hanging = String(repeating: " ", count: helpColumn)
    var lines: [String] = []
    for (name, help) in rows {
      let wrapped = wrap(help, width: helpWidth)
      if name.count > nameWidth {
        lines.append("  \(name)")
        lines += wrapped.map { hanging + $0 }
        continue
      }
      let padded = "  " + name + String(repeating: " ", count: nameWidth - name.count + 2)
      lines.append((padded + (wrapped.first ?? "")).trimmingTrailingSpaces())
      lines += wrapped.dropFirst().map { hanging + $0 }
    }
    return lines
  }

  /// Greedy word wrap; a word longer than `width` gets a line of its own rather than being cut.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }
}

extension String {
  /// The string without leading and trailing newlines, keeping inner layout intact.
  fileprivate func trimmingNewlines() -> String {
    String(drop { $0.isNewline }.reversed().drop { $0.isNewline }.reversed())
  }

  /// The string without trailing spaces, so padded rows with empty help end cleanly.
  fileprivate func trimmingTrailingSpaces() -> String {
    String(reversed().drop { $0 == " " }.reversed())
  }
}
