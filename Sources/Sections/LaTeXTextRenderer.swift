/// Turns LaTeX into an item's text: running text loses its formatting macros and grouping
/// braces, math is kept as LaTeX between `$…$` (display math `$$…$$`) with the file's own macros
/// expanded, `\ref`s are kept and collected, and unknown macros are kept verbatim and collected.
/// The HTML reader feeds it too (text nodes, `alttext`, links), so both forms share one normal form.
struct LaTeXTextRenderer {
  /// The text so far.
  private(set) var text = NormalizedText()
  /// Labels referenced so far, in order, once each.
  private(set) var references: [String] = []
  private var referenced: Set<String> = []
  /// Unknown macros met so far (with their backslash), with the line of their first use.
  private(set) var unknownMacros: [String: Int] = [:]
  /// Problems met so far (unclosed math, runaway expansion), one sentence each.
  private(set) var warnings: [String] = []

  private let macros: ByteNameTable<MacroDefinition>
  /// Names the line of an offset in the outermost source, for warnings.
  private let lineOf: (Int) -> Int
  /// How deep in macro expansions the renderer is; past a limit a definition is taken to recurse.
  private var depth = 0
  /// The offset in the outermost source of what is being expanded, for warnings inside expansions.
  private var origin: Int?
  /// Open `enumerate`/`itemize` lists: whether numbered, and how many items so far.
  private var lists: [(numbered: Bool, count: Int)] = []

  private static let maximumDepth = 32
  /// Expansions one renderer makes at most: definitions that each use another twice would
  /// otherwise grow exponentially within the depth limit.
  private static let maximumExpansions = 100_000
  private var expansions = 0

  /// The line every problem is put on, when the text has no lines of its own (an HTML node's).
  var fixedLine: Int?

  init(macros: ByteNameTable<MacroDefinition>, lineOf: @escaping (Int) -> Int) {
    self.macros = macros
    self.lineOf = lineOf
  }

  /// The text rendered so far as a string.
  var string: String { text.string }

  // MARK: Entry points

  /// Renders running text (`range` of `source`).
  mutating func renderText(_ source: LaTeXBytes, _ range: Range<Int>) {
    render(source, range.lowerBound, range.upperBound, math: false)
  }

  /// Renders math content (no delimiters) verbatim but for macro expansion and white space.
  mutating func renderMath(_ source: LaTeXBytes, _ range: Range<Int>) {
    render(source, range.lowerBound, range.upperBound, math: true)
  }

  /// Appends math given as LaTeX (an HTML `alttext`) between `$…$` or `$$…$$`.
  mutating func appendMath(_ latex: UnsafeBufferPointer<UInt8>, display: Bool) {
    let source = LaTeXBytes(latex)
    text.open(display ? "$$" : "$")
    render(source, 0, source.count, math: true)
    text.close(display ? "$$" : "$")
  }

  /// Appends running text that is not LaTeX (an HTML text node), white space collapsed and
  /// `$`, `{`, `}` escaped as LaTeX source writes them.
  mutating func appendPlain(_ run: UnsafeBufferPointer<UInt8>) {
    text.appendCollapsing(run, escapingLaTeX: true)
  }

  /// Appends running text given as a string.
  mutating func appendPlain(_ string: String) {
    text.appendCollapsing(string)
  }

  /// Appends a reference to `label` as `\ref{label}` and records it.
  mutating func appendReference(_ label: String) {
    text.append("\\ref{")
    var label = label
    label.withUTF8 { text.append($0) }
    text.append(Byte.closeBrace)
    record(label)
  }

  /// White space between blocks.
  mutating func space() {
    text.space()
  }

  /// Records the comma-separated labels of `range` (`\cref{a, b}`), each without its spaces.
  private mutating func recordLabels(_ source: LaTeXBytes, _ range: Range<Int>) {
    var start = range.lowerBound
    while start < range.upperBound {
      let comma = source.find(Byte.comma, from: start, to: range.upperBound) ?? range.upperBound
      var low = start
      var high = comma
      while low < high, Byte.isSpace(source[low]) { low += 1 }
      while high > low, Byte.isSpace(source[high - 1]) { high -= 1 }
      if high > low { record(source.string(low..<high)) }
      start = comma + 1
    }
  }

  /// Records `label` as referenced.
  mutating func record(_ label: String) {
    if referenced.insert(label).inserted { references.append(label) }
  }

  // MARK: The loop

  /// Bytes that end a run of plain text.
  private static let special: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for byte in [
      Byte.backslash, Byte.dollar, Byte.openBrace, Byte.closeBrace, Byte.tilde, 0x20, 0x0A, 0x09, 0x0D, 0x0C, 0xC2,
    ] {
      table[Int(byte)] = true
    }
    return table
  }()

  /// Renders `start..<end` of `source` in running text or in math.
  private mutating func render(_ source: LaTeXBytes, _ start: Int, _ end: Int, math: Bool) {
    var index = start
    while index < end {
      let byte = source[index]
      switch byte {
      case Byte.backslash:
        index = controlSequence(source, index, end, math: math)
      case Byte.dollar:
        if math {
          text.append(byte)
          index += 1
        } else {
          index = dollarMath(source, index, end)
        }
      case Byte.openBrace, Byte.closeBrace:
        // In running text braces only group; in math they are part of the formula.
        if math { text.append(byte) }
        index += 1
      case Byte.tilde:
        if math { text.append(byte) } else { text.space() }
        index += 1
      case 0x20, 0x0A, 0x09, 0x0D, 0x0C:
        text.space()
        index += 1
      case 0xC2 where index + 1 < end && source[index + 1] == 0xA0:
        // A no-break space (an HTML page's `&nbsp;`) is white space like `~`.
        text.space()
        index += 2
      default:
        var stop = index + 1
        Self.special.withUnsafeBufferPointer { special in
          while stop < end, !special[Int(source[stop])] { stop += 1 }
        }
        text.append(source.slice(index..<stop))
        index = stop
      }
    }
  }

  /// `$…$` or `$$…$$` starting at `index`; returns where text goes on.
  private mutating func dollarMath(_ source: LaTeXBytes, _ index: Int, _ end: Int) -> Int {
    let display = index + 1 < end && source[index + 1] == Byte.dollar
    let contentStart = index + (display ? 2 : 1)
    var cursor = contentStart
    var close: Int?
    while cursor < end {
      let byte = source[cursor]
      if byte == Byte.backslash {
        cursor += 2
        continue
      }
      if byte == Byte.dollar {
        if !display {
          close = cursor
          break
        }
        if cursor + 1 < end, source[cursor + 1] == Byte.dollar {
          close = cursor
          break
        }
      }
      cursor += 1
    }
    let contentEnd = close ?? end
    if close == nil { warn("A \(display ? "$$" : "$") is not closed", at: index) }
    text.open(display ? "$$" : "$")
    render(source, contentStart, contentEnd, math: true)
    text.close(display ? "$$" : "$")
    guard let close else { return end }
    return close + (display ? 2 : 1)
  }

  /// `\(…\)` or `\[…\]` whose opening starts at `index`; returns where text goes on.
  private mutating func delimitedMath(_ source: LaTeXBytes, _ index: Int, _ end: Int, display: Bool) -> Int {
    let closing = display ? Byte.closeBracket : UInt8(ascii: ")")
    var cursor = index + 2
    var close: Int?
    while cursor + 1 < end {
      if source[cursor] == Byte.backslash {
        if source[cursor + 1] == closing {
          close = cursor
          break
        }
        cursor += 2
      } else {
        cursor += 1
      }
    }
    if close == nil { warn("A \(display ? "\\[" : "\\(") is not closed", at: index) }
    text.open(display ? "$$" : "$")
    render(source, index + 2, close ?? end, math: true)
    text.close(display ? "$$" : "$")
    return close.map { $0 + 2 } ?? end
  }

  // MARK: Control sequences

  /// Renders the control sequence at `index`; returns where rendering goes on.
  private mutating func controlSequence(_ source: LaTeXBytes, _ index: Int, _ end: Int, math: Bool) -> Int {
    guard index + 1 < end else {
      text.append(Byte.backslash)
      return end
    }
    let first = source[index + 1]
    guard Byte.isLetter(first) else { return controlSymbol(source, index, end, math: math) }
    let nameEnd = source.controlWordEnd(from: index + 1, to: end)
    let name = index + 1..<nameEnd
    if let definition = macros.value(source.slice(name)) {
      return expand(definition, source, index, nameEnd, end, math: math)
    }
    if let command = MacroDefinition.Command(source, name) {
      // Definitions were read by the scanner; here they are no text.
      return MacroDefinition.read(command, in: source, at: nameEnd, to: end)?.next ?? nameEnd
    }
    guard let role = KnownMacro.table.value(source.slice(name)) else {
      let spelled = "\\" + source.string(name)
      if unknownMacros[spelled] == nil { unknownMacros[spelled] = fixedLine ?? lineOf(origin ?? index) }
      text.append(source.slice(index..<nameEnd))
      return math ? nameEnd : keptArguments(source, nameEnd, end)
    }
    switch role {
    case .label:
      return source.argument(at: nameEnd, to: end)?.next ?? nameEnd
    case .reference:
      guard let (inside, next) = source.braceGroup(at: nameEnd, to: end) else {
        text.append(source.slice(index..<nameEnd))
        return nameEnd
      }
      text.append(source.slice(index..<nameEnd))
      text.append(Byte.openBrace)
      text.append(source.slice(inside))
      text.append(Byte.closeBrace)
      recordLabels(source, inside)
      return next
    case .structural:
      return structural(source, index, name, end, math: math)
    case _ where math:
      text.append(source.slice(index..<nameEnd))
      return nameEnd
    case .kept:
      text.append(source.slice(index..<nameEnd))
      return keptArguments(source, nameEnd, end)
    case .argument:
      var cursor = nameEnd
      if cursor < end, source[cursor] == Byte.star { cursor += 1 }
      if let (_, next) = source.optionalArgument(at: cursor, to: end), source.name(at: index, is: "makebox") {
        cursor = next
      }
      guard let (inside, next) = source.argument(at: cursor, to: end) else { return cursor }
      render(source, inside.lowerBound, inside.upperBound, math: false)
      return next
    case .dropped:
      return source.skipSpaces(from: nameEnd, to: end)
    case .space:
      text.space()
      return nameEnd
    case .droppedWithArguments(let count):
      var cursor = nameEnd
      if cursor < end, source[cursor] == Byte.star { cursor += 1 }
      while let (_, next) = source.optionalArgument(at: cursor, to: end) { cursor = next }
      for _ in 0..<count {
        guard let (_, next) = source.braceGroup(at: cursor, to: end) else { break }
        cursor = next
        while let (_, next) = source.optionalArgument(at: cursor, to: end) { cursor = next }
      }
      return cursor
    }
  }

  /// The brace and bracket groups right after a macro kept as written, kept as written too.
  private mutating func keptArguments(_ source: LaTeXBytes, _ start: Int, _ end: Int) -> Int {
    var cursor = start
    while cursor < end {
      let byte = source[cursor]
      if byte == Byte.openBrace, let close = source.groupEnd(from: cursor, to: end) {
        text.append(Byte.openBrace)
        render(source, cursor + 1, close, math: true)
        text.append(Byte.closeBrace)
        cursor = close + 1
      } else if byte == Byte.openBracket, let close = source.optionalEnd(from: cursor, to: end) {
        text.append(Byte.openBracket)
        render(source, cursor + 1, close, math: true)
        text.append(Byte.closeBracket)
        cursor = close + 1
      } else if byte == Byte.star {
        text.append(byte)
        cursor += 1
      } else {
        break
      }
    }
    return cursor
  }

  /// Renders a backslash and one non-letter (`\\`, `\%`, `\(`, `\,`); returns where rendering goes on.
  private mutating func controlSymbol(_ source: LaTeXBytes, _ index: Int, _ end: Int, math: Bool) -> Int {
    let symbol = source[index + 1]
    if math {
      if symbol == 0x0A || symbol == 0x0D {
        text.space()
      } else {
        let stop = min(end, index + 1 + Byte.sequenceLength(symbol))
        text.append(source.slice(index..<stop))
        return stop
      }
      return index + 2
    }
    switch symbol {
    case UInt8(ascii: "("):
      return delimitedMath(source, index, end, display: false)
    case Byte.openBracket:
      return delimitedMath(source, index, end, display: true)
    case Byte.backslash:
      // A line break: a space, without its optional `[length]` or star.
      text.space()
      var cursor = index + 2
      if cursor < end, source[cursor] == Byte.star { cursor += 1 }
      if cursor < end, source[cursor] == Byte.openBracket, let close = source.optionalEnd(from: cursor, to: end) {
        cursor = close + 1
      }
      return cursor
    case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: ">"), Byte.space, 0x0A, 0x09, 0x0D:
      text.space()
      return index + 2
    case UInt8(ascii: "!"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "@"):
      return index + 2
    case Byte.percent, UInt8(ascii: "&"), Byte.hash, UInt8(ascii: "_"):
      // Escaped characters are characters in the text; `\$`, `\{` and `\}` stay escaped since
      // `$` delimits math and braces group in the normal form.
      text.append(symbol)
      return index + 2
    default:
      let stop = min(end, index + 1 + Byte.sequenceLength(symbol))
      text.append(source.slice(index..<stop))
      return stop
    }
  }

  // MARK: Structure inside an item

  /// Renders `\begin`, `\end`, `\item` and `\ensuremath`: display math, lists, and environments that only lay out.
  private mutating func structural(_ source: LaTeXBytes, _ index: Int, _ name: Range<Int>, _ end: Int, math: Bool)
    -> Int
  {
    let nameEnd = name.upperBound
    if source.equals(name, "ensuremath") {
      guard let (inside, next) = source.argument(at: nameEnd, to: end) else { return nameEnd }
      if math {
        render(source, inside.lowerBound, inside.upperBound, math: true)
      } else {
        text.open("$")
        render(source, inside.lowerBound, inside.upperBound, math: true)
        text.close("$")
      }
      return next
    }
    if source.equals(name, "item") {
      if math {
        text.append(source.slice(index..<nameEnd))
        return nameEnd
      }
      text.space()
      if let (inside, next) = source.optionalArgument(at: nameEnd, to: end) {
        render(source, inside.lowerBound, inside.upperBound, math: false)
        text.space()
        return next
      }
      if var list = lists.popLast() {
        list.count += 1
        lists.append(list)
        if list.numbered {
          for byte in "\(list.count).".utf8 { text.append(byte) }
        } else {
          text.appendCollapsing("•")
        }
        text.space()
      }
      return nameEnd
    }
    // `\begin` or `\end`.
    guard !math, let (environment, next) = source.braceGroup(at: nameEnd, to: end) else {
      text.append(source.slice(index..<nameEnd))
      return nameEnd
    }
    let isBegin = source.equals(name, "begin")
    if let form = DisplayMathEnvironment(source, environment) {
      guard isBegin else { return next }
      return displayMath(form, source, environment, next, end)
    }
    if source.equals(environment, "enumerate") || source.equals(environment, "itemize")
      || source.equals(environment, "description")
    {
      if isBegin {
        lists.append((source.equals(environment, "enumerate"), 0))
      } else {
        _ = lists.popLast()
      }
    }
    text.space()
    // Arguments of a tabular or a minipage are layout, not text.
    var cursor = next
    if isBegin, source.equals(environment, "tabular") || source.equals(environment, "minipage") {
      if let (_, afterOptional) = source.optionalArgument(at: cursor, to: end) { cursor = afterOptional }
      if let (_, afterSpec) = source.braceGroup(at: cursor, to: end) { cursor = afterSpec }
    }
    return cursor
  }

  /// A display math environment's content (to its matching `\end`) as `$$…$$`.
  private mutating func displayMath(
    _ form: DisplayMathEnvironment, _ source: LaTeXBytes, _ environment: Range<Int>, _ start: Int, _ end: Int
  ) -> Int {
    var depth = 1
    var cursor = start
    var close: Int?
    var after = end
    while let backslash = source.find(Byte.backslash, from: cursor, to: end) {
      let nameEnd = source.controlWordEnd(from: backslash + 1, to: end)
      let word = backslash + 1..<nameEnd
      cursor = max(nameEnd, backslash + 2)
      let isBegin = source.equals(word, "begin")
      guard isBegin || source.equals(word, "end"),
        let (inside, next) = source.braceGroup(at: nameEnd, to: end), source.same(inside, environment)
      else { continue }
      cursor = next
      depth += isBegin ? 1 : -1
      if depth == 0 {
        close = backslash
        after = next
        break
      }
    }
    if close == nil { warn("The \(source.string(environment)) environment is not closed", at: start) }
    text.open("$$")
    if let wrapper = form.wrapper {
      text.append("\\begin{")
      for byte in wrapper.utf8 { text.append(byte) }
      text.append(Byte.closeBrace)
      text.suppressSpace()
    }
    render(source, start, close ?? end, math: true)
    if let wrapper = form.wrapper {
      text.dropSpace()
      text.append("\\end{")
      for byte in wrapper.utf8 { text.append(byte) }
      text.append(Byte.closeBrace)
    }
    text.close("$$")
    return after
  }

  // MARK: Macros

  /// Expands a macro of the file at `index` (its name ends at `nameEnd`) and renders the result.
  private mutating func expand(
    _ definition: MacroDefinition, _ source: LaTeXBytes, _ index: Int, _ nameEnd: Int, _ end: Int, math: Bool
  ) -> Int {
    guard depth < Self.maximumDepth else {
      warn("\\\(source.string(index + 1..<nameEnd)) expands too deeply (a definition that uses itself?)", at: index)
      text.append(source.slice(index..<nameEnd))
      return nameEnd
    }
    guard expansions < Self.maximumExpansions else {
      if expansions == Self.maximumExpansions {
        warn(
          "Macros stopped expanding after \(Self.maximumExpansions) expansions (definitions that multiply?)", at: index)
        expansions += 1
      }
      text.append(source.slice(index..<nameEnd))
      return nameEnd
    }
    expansions += 1
    let outerOrigin = origin
    if origin == nil { origin = index }
    depth += 1
    defer {
      depth -= 1
      origin = outerOrigin
    }
    guard definition.parameters > 0 else {
      definition.body.withUnsafeBufferPointer { body in
        render(LaTeXBytes(body), 0, body.count, math: math)
      }
      guard !math else { return nameEnd }
      // In running text the space after a control word is TeX's, not the reader's; keep a
      // letter that follows from gluing onto a control word the expansion ended with.
      let next = source.skipSpaces(from: nameEnd, to: end)
      if next < end, Byte.isLetter(source[next]), text.endsWithControlWord { text.space() }
      return next
    }
    var arguments: [Range<Int>?] = []
    var cursor = nameEnd
    for parameter in 0..<definition.parameters {
      if parameter == 0, definition.optionalDefault != nil {
        if let (inside, next) = source.optionalArgument(at: cursor, to: end) {
          arguments.append(inside)
          cursor = next
        } else {
          arguments.append(nil)
        }
        continue
      }
      if let (inside, next) = source.argument(at: cursor, to: end) {
        arguments.append(inside)
        cursor = next
      } else {
        arguments.append(source.count..<source.count)
      }
    }
    var expansion: [UInt8] = []
    expansion.reserveCapacity(definition.body.count + 16)
    let body = definition.body
    var position = 0
    while position < body.count {
      let byte = body[position]
      if byte == Byte.hash, position + 1 < body.count {
        let next = body[position + 1]
        if next == Byte.hash {
          expansion.append(Byte.hash)
          position += 2
          continue
        }
        if next >= 0x31, next <= 0x39 {
          let number = Int(next - 0x31)
          if number < arguments.count {
            if let range = arguments[number] {
              expansion.append(contentsOf: source.slice(range))
            } else if let fallback = definition.optionalDefault {
              expansion.append(contentsOf: fallback)
            }
          }
          position += 2
          continue
        }
      }
      expansion.append(byte)
      position += 1
    }
    expansion.withUnsafeBufferPointer { buffer in
      render(LaTeXBytes(buffer), 0, buffer.count, math: math)
    }
    return cursor
  }

  /// Records a problem at `offset` of the outermost source (or where the expansion began).
  private mutating func warn(_ problem: String, at offset: Int) {
    let line = fixedLine ?? lineOf(origin ?? offset)
    warnings.append("\(problem) at line \(line); it was read to the end of its item.")
  }
}

extension LaTeXBytes {
  /// Whether the control word at `index` (its backslash) is `word`.
  fileprivate func name(at index: Int, is word: StaticString) -> Bool {
    hasPrefix(word, at: index + 1)
  }
}
