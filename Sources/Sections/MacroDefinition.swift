import Foundation

/// A macro the file defines (`\newcommand`, `\renewcommand`, `\providecommand`,
/// `\DeclareMathOperator`, `\def`): what it takes and what it expands to.
struct MacroDefinition: Sendable {
  /// How many arguments it takes (`#1` … `#9`).
  var parameters: Int
  /// The default of the first argument, which is then optional (`\newcommand{\x}[2][d]{…}`).
  var optionalDefault: [UInt8]?
  /// The replacement text, with `#n` where the arguments go.
  var body: [UInt8]

  /// The commands that define macros, by name.
  enum Command {
    case newcommand, renewcommand, providecommand, declareMathOperator, def

    /// The command `name` spells, if it defines a macro.
    init?(_ source: LaTeXBytes, _ name: Range<Int>) {
      switch name.count {
      case 3 where source.equals(name, "def"): self = .def
      case 10 where source.equals(name, "newcommand"): self = .newcommand
      case 12 where source.equals(name, "renewcommand"): self = .renewcommand
      case 14 where source.equals(name, "providecommand"): self = .providecommand
      case 19 where source.equals(name, "DeclareMathOperator"): self = .declareMathOperator
      default: return nil
      }
    }
  }

  /// Reads the definition that follows `command` at `index` (just after the command's name);
  /// nil with no name or body (the caller warns and reads on).
  static func read(_ command: Command, in source: LaTeXBytes, at index: Int, to end: Int) -> (
    name: Range<Int>, definition: MacroDefinition, next: Int
  )? {
    var cursor = index
    var starred = false
    if cursor < end, source[cursor] == Byte.star {
      starred = true
      cursor += 1
    }
    switch command {
    case .def:
      // `\def\name#1#2{body}`: the parameter text counts the arguments.
      let start = source.skipSpaces(from: cursor, to: end)
      guard start + 1 < end, source[start] == Byte.backslash else { return nil }
      var stop = source.controlWordEnd(from: start + 1, to: end)
      if stop == start + 1 { stop = start + 2 }
      guard let open = source.find(Byte.openBrace, from: stop, to: end),
        let close = source.groupEnd(from: open, to: end)
      else { return nil }
      var parameters = 0
      for offset in stop..<open where source[offset] == Byte.hash { parameters += 1 }
      return (
        start + 1..<stop,
        MacroDefinition(
          parameters: min(parameters, 9), optionalDefault: nil, body: Array(source.slice(open + 1..<close))),
        close + 1
      )
    case .declareMathOperator:
      guard let (name, afterName) = source.definedName(at: cursor, to: end),
        let (inside, next) = source.braceGroup(at: afterName, to: end)
      else { return nil }
      var body = Array((starred ? "\\operatorname*{" : "\\operatorname{").utf8)
      body.append(contentsOf: source.slice(inside))
      body.append(Byte.closeBrace)
      return (name, MacroDefinition(parameters: 0, optionalDefault: nil, body: body), next)
    case .newcommand, .renewcommand, .providecommand:
      guard let (name, afterName) = source.definedName(at: cursor, to: end) else { return nil }
      cursor = afterName
      var parameters = 0
      var optionalDefault: [UInt8]?
      if let (inside, next) = source.optionalArgument(at: cursor, to: end) {
        let digits = source.string(inside).trimmingCharacters(in: .whitespaces)
        parameters = min(9, max(0, Int(digits) ?? 0))
        cursor = next
        if let (defaultInside, afterDefault) = source.optionalArgument(at: cursor, to: end) {
          optionalDefault = Array(source.slice(defaultInside))
          cursor = afterDefault
        }
      }
      guard let (inside, next) = source.braceGroup(at: cursor, to: end) else { return nil }
      return (
        name,
        MacroDefinition(parameters: parameters, optionalDefault: optionalDefault, body: Array(source.slice(inside))),
        next
      )
    }
  }
}
