/// Finds a LaTeX file's outline in one pass: it jumps from backslash to backslash and looks
/// only at sectioning, environments, labels and definitions. Environments left open or closed
/// out of order become warnings naming the environment and the line; the scan never stops
/// before the end of the document.
struct LaTeXScanner {
  /// What an open environment is to the outline.
  private enum Role {
    case item(Int)
    case proof(Int?)
    case skippedTheorem
    case other
  }

  /// An environment begun and not yet ended.
  private struct Open {
    var name: Range<Int>
    var line: Int
    var role: Role
    /// Where its inside starts.
    var start: Int
  }

  private let source: LaTeXBytes
  private let lineOf: (Int) -> Int
  private var outline = LaTeXOutline()
  private var theorems = TheoremEnvironment.defaults
  private var stack: [Open] = []
  private var current: LaTeXOutline.Section
  private var sawSection = false
  private var sectionCounter = 0
  private var itemCounter = 0
  /// Theorem-like environments that are not items, by name, with their lines, per section.
  private var skipped: [(name: String, line: Int)] = []

  private init(_ source: LaTeXBytes, lineOf: @escaping (Int) -> Int) {
    self.source = source
    self.lineOf = lineOf
    current = LaTeXOutline.Section(
      title: nil, number: nil, label: nil, content: 0..<source.count, firstLine: 1, lastLine: 1)
  }

  /// The outline of `source`; `lineOf` names the file's line of an offset.
  static func outline(of source: LaTeXBytes, lineOf: @escaping (Int) -> Int) -> LaTeXOutline {
    var scanner = LaTeXScanner(source, lineOf: lineOf)
    scanner.scan()
    return scanner.outline
  }

  /// The pass: from backslash to backslash, acting on the commands that shape the outline.
  private mutating func scan() {
    let end = source.count
    var index = 0
    var documentEnd = end
    while let backslash = source.find(Byte.backslash, from: index, to: end) {
      let nameStart = backslash + 1
      guard nameStart < end else { break }
      let nameEnd = source.controlWordEnd(from: nameStart, to: end)
      if nameEnd == nameStart {
        index = nameStart + 1  // a control symbol such as `\\` or `\%`
        continue
      }
      let name = nameStart..<nameEnd
      index = nameEnd
      switch name.count {
      case 3 where source.equals(name, "end"):
        guard let (inside, next) = source.braceGroup(at: nameEnd, to: end) else { continue }
        index = next
        if source.equals(inside, "document") {
          documentEnd = backslash
          break
        }
        endEnvironment(inside, at: backslash)
      case 5 where source.equals(name, "begin"):
        guard let (inside, next) = source.braceGroup(at: nameEnd, to: end) else { continue }
        index = beginEnvironment(inside, at: backslash, after: next)
      case 5 where source.equals(name, "label"):
        guard let (inside, next) = source.braceGroup(at: nameEnd, to: end) else { continue }
        index = next
        if case .item(let item)? = stack.last?.role, current.items[item].label == nil {
          current.items[item].label = source.string(inside)
        }
      case 7 where source.equals(name, "section"):
        index = section(at: backslash, after: nameEnd)
      case 10 where source.equals(name, "newtheorem"):
        index = newtheorem(after: nameEnd)
      case 10 where source.equals(name, "setcounter"):
        if let (counter, afterCounter) = source.braceGroup(at: nameEnd, to: end),
          source.equals(counter, "section"),
          let (value, next) = source.braceGroup(at: afterCounter, to: end)
        {
          sectionCounter = Int(source.string(value).filter { !$0.isWhitespace }) ?? sectionCounter
          index = next
        }
      default:
        if let command = MacroDefinition.Command(source, name) {
          index = define(command, at: backslash, after: nameEnd)
        }
      }
      if documentEnd < end { break }
    }
    finishSection(at: documentEnd, reason: "the end of the document")
    outline.sections.append(current)
  }

  // MARK: Environments

  /// Handles `\begin{name}` at `offset`; returns where scanning goes on.
  private mutating func beginEnvironment(_ name: Range<Int>, at offset: Int, after next: Int) -> Int {
    let end = source.count
    if source.equals(name, "document") {
      // Whatever came before is preamble: the document (and a section without `\section`) starts here.
      current.content = next..<end
      current.firstLine = lineOf(next)
      stack.removeAll()
      return next
    }
    if let environment = theorems.value(source.slice(name)) {
      closeOpenItem(before: name, at: offset)
      var cursor = next
      var title: Range<Int>?
      if let (inside, afterTitle) = source.optionalArgument(at: next, to: end) {
        title = inside
        cursor = afterTitle
      }
      var number: String?
      if environment.numbered {
        itemCounter += 1
        number = current.number.map { "\($0).\(itemCounter)" } ?? "\(itemCounter)"
      }
      let line = lineOf(offset)
      guard let kind = environment.kind else {
        skipped.append((source.string(name), line))
        stack.append(Open(name: name, line: line, role: .skippedTheorem, start: cursor))
        return cursor
      }
      if current.introductionEnd == nil { current.introductionEnd = offset }
      current.items.append(
        LaTeXOutline.Item(kind: kind, number: number, title: title, body: cursor..<cursor, label: nil, line: line))
      stack.append(Open(name: name, line: line, role: .item(current.items.count - 1), start: cursor))
      return cursor
    }
    if source.equals(name, "proof") || source.equals(name, "proof*") {
      closeOpenItem(before: name, at: offset)
      var cursor = next
      if let (_, afterTitle) = source.optionalArgument(at: next, to: end) { cursor = afterTitle }
      if current.introductionEnd == nil { current.introductionEnd = offset }
      let owner = current.items.isEmpty ? nil : current.items.count - 1
      stack.append(Open(name: name, line: lineOf(offset), role: .proof(owner), start: cursor))
      return cursor
    }
    stack.append(Open(name: name, line: lineOf(offset), role: .other, start: next))
    return next
  }

  /// Items and proofs do not nest: one still open when another begins was left open.
  private mutating func closeOpenItem(before name: Range<Int>, at offset: Int) {
    guard
      let depth = stack.lastIndex(where: {
        switch $0.role {
        case .item, .proof, .skippedTheorem: return true
        case .other: return false
        }
      })
    else { return }
    let cause = "\\begin{\(source.string(name))} at line \(lineOf(offset))"
    while stack.count > depth {
      let open = stack.removeLast()
      close(open, at: offset, unclosedBefore: cause)
    }
  }

  /// Handles `\end{name}` at `offset`.
  private mutating func endEnvironment(_ name: Range<Int>, at offset: Int) {
    guard let depth = stack.lastIndex(where: { source.same($0.name, name) }) else {
      current.warnings.append(
        "\\end{\(source.string(name))} at line \(lineOf(offset)) has no matching \\begin{\(source.string(name))}; "
          + "it was ignored.")
      return
    }
    let cause = "\\end{\(source.string(name))} at line \(lineOf(offset))"
    while stack.count > depth + 1 {
      let open = stack.removeLast()
      close(open, at: offset, unclosedBefore: cause)
    }
    close(stack.removeLast(), at: offset, unclosedBefore: nil)
  }

  /// Ends `open` at `offset`; with a cause, it was left open and a warning says where it was cut.
  private mutating func close(_ open: Open, at offset: Int, unclosedBefore cause: String?) {
    switch open.role {
    case .item(let item):
      current.items[item].body = open.start..<max(open.start, offset)
    case .proof(let owner?):
      current.items[owner].proofs.append(open.start..<max(open.start, offset))
    case .proof(nil), .skippedTheorem, .other:
      break
    }
    guard let cause else { return }
    current.warnings.append(
      "The \(source.string(open.name)) environment begun at line \(open.line) is not closed before \(cause); "
        + "it was ended there.")
  }

  // MARK: Sections

  /// Handles `\section` at `offset` (its name ends at `nameEnd`); returns where scanning goes on.
  private mutating func section(at offset: Int, after nameEnd: Int) -> Int {
    let end = source.count
    finishSection(at: offset, reason: "\\section at line \(lineOf(offset))")
    if sawSection {
      outline.sections.append(current)
    } else {
      // The document before the first `\section` is no section once there is one.
      if !current.items.isEmpty {
        current.warnings.append(
          "\(current.items.count) item(s) before the first \\section (from line \(current.items[0].line)) "
            + "belong to no section and were skipped.")
      }
      outline.documentWarnings.append(contentsOf: current.warnings)
      sawSection = true
    }
    var cursor = nameEnd
    var starred = false
    if cursor < end, source[cursor] == Byte.star {
      starred = true
      cursor += 1
    }
    if let (_, next) = source.optionalArgument(at: cursor, to: end) { cursor = next }
    var title: Range<Int>?
    if let (inside, next) = source.braceGroup(at: cursor, to: end) {
      title = inside
      cursor = next
    }
    var label: String?
    let afterSpaces = source.skipSpaces(from: cursor, to: end)
    if source.hasPrefix("\\label", at: afterSpaces),
      let (inside, next) = source.braceGroup(at: afterSpaces + 6, to: end)
    {
      label = source.string(inside)
      cursor = next
    } else if let title, let found = source.label(in: title) {
      // `\section{Title\label{…}}` puts the label inside the title.
      label = found
    }
    var number: String?
    if !starred {
      sectionCounter += 1
      number = "\(sectionCounter)"
    }
    itemCounter = 0
    current = LaTeXOutline.Section(
      title: title ?? (cursor..<cursor), number: number, label: label, content: cursor..<end,
      firstLine: lineOf(offset), lastLine: lineOf(offset))
    return cursor
  }

  /// Ends the current section at `offset`, cutting what is still open there; the caller keeps it.
  private mutating func finishSection(at offset: Int, reason cause: String) {
    while let open = stack.popLast() {
      close(open, at: offset, unclosedBefore: cause)
    }
    current.content = current.content.lowerBound..<max(current.content.lowerBound, offset)
    current.lastLine = lineOf(offset)
    if !skipped.isEmpty {
      var byName: [String: [Int]] = [:]
      var order: [String] = []
      for (name, line) in skipped {
        if byName[name] == nil { order.append(name) }
        byName[name, default: []].append(line)
      }
      for name in order {
        let lines = byName[name]!
        current.warnings.append(
          "\(lines.count) \(name) environment(s) (line \(lines.map(String.init).joined(separator: ", "))) are not "
            + "definitions, lemmas, propositions, theorems, corollaries, remarks or examples and were skipped.")
      }
      skipped.removeAll()
    }
  }

  // MARK: Declarations

  /// Reads `\newtheorem{name}[counter]{Printed}[within]` (or starred) after its name.
  private mutating func newtheorem(after nameEnd: Int) -> Int {
    let end = source.count
    var cursor = nameEnd
    var starred = false
    if cursor < end, source[cursor] == Byte.star {
      starred = true
      cursor += 1
    }
    guard let (name, afterName) = source.braceGroup(at: cursor, to: end) else { return cursor }
    cursor = afterName
    if let (_, next) = source.optionalArgument(at: cursor, to: end) { cursor = next }
    guard let (printed, afterPrinted) = source.braceGroup(at: cursor, to: end) else { return cursor }
    cursor = afterPrinted
    if let (_, next) = source.optionalArgument(at: cursor, to: end) { cursor = next }
    let environment = source.string(name)
    let kind = SectionItemKind(environment: environment) ?? SectionItemKind(printedName: source.string(printed))
    theorems.set(source.slice(name), TheoremEnvironment(kind: kind, numbered: !starred))
    return cursor
  }

  /// Reads a macro definition after the command's name and records it.
  private mutating func define(_ command: MacroDefinition.Command, at offset: Int, after nameEnd: Int) -> Int {
    guard let (name, definition, next) = MacroDefinition.read(command, in: source, at: nameEnd, to: source.count)
    else {
      let message =
        "A macro definition at line \(lineOf(offset)) could not be read (no name or no body); it was skipped."
      if sawSection { current.warnings.append(message) } else { outline.documentWarnings.append(message) }
      return nameEnd
    }
    if command == .providecommand, outline.macros.value(source.slice(name)) != nil { return next }
    outline.macros.set(source.slice(name), definition)
    return next
  }
}

extension LaTeXBytes {
  /// The first `\label{…}` inside `range`.
  fileprivate func label(in range: Range<Int>) -> String? {
    var index = range.lowerBound
    while let backslash = find(Byte.backslash, from: index, to: range.upperBound) {
      if hasPrefix("\\label", at: backslash), let (inside, _) = braceGroup(at: backslash + 6, to: range.upperBound) {
        return string(inside)
      }
      index = backslash + 2
    }
    return nil
  }
}
