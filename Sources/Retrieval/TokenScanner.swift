/// One left-to-right pass over a text's UTF-8 bytes that produces `MathTokenizer`'s tokens.
///
/// It works on bytes rather than `Character`s: grapheme breaking would cost more than the whole
/// scan, and every decision here needs only an ASCII byte or a single Unicode scalar. The few
/// pieces of state below exist because LaTeX and Lean reuse the same characters for different
/// things (`|` is an absolute value, a set-builder bar or a match arm; `^` is a power or a bound).
struct TokenScanner {
  /// What an open brace belongs to.
  private enum GroupKind {
    /// An ordinary `{`, `\{`: may become a set-builder.
    case plain
    /// The braced `_{…}` or `^{…}` bound of a big operator, which resumes at `depth` when closed.
    case script(depth: Int)
  }

  /// An open brace and where the tokens inside it started.
  private struct Group {
    var kind: GroupKind
    var start: Int
    var usedBar = false
  }

  /// The kind of the previous character inside a word, for part boundaries.
  private enum CharacterKind {
    case none, lower, upper, digit, letterPart
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0
  private(set) var tokens: [String] = []

  private var groups: [Group] = []
  /// Set after a big operator: the depth at which its `_` / `^` bounds may follow.
  private var boundsDepth: Int?
  private var absoluteOpen = false
  private var normOpen = false
  private var pendingSide: TokenVocabulary.Side?
  private var blackboardNext = false
  private var negateNext = false

  // Buffers reused across words so that reading one allocates only its final strings.
  private var part: [UInt8] = []
  private var join: [UInt8] = []
  private var componentParts: [String] = []
  private var wordTokens: [String] = []

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    tokens.reserveCapacity(bytes.count / 4)
  }

  /// Scans the whole text.
  mutating func run() {
    while index < bytes.count {
      let byte = bytes[index]
      if let depth = boundsDepth, scanBound(byte, depth: depth) { continue }
      if byte < 0x80 {
        scanASCII(byte)
      } else {
        scanScalar()
      }
    }
  }

  // MARK: - Dispatch

  /// Handles the bytes that may follow a big operator; `false` when its bounds are over.
  private mutating func scanBound(_ byte: UInt8, depth: Int) -> Bool {
    if Self.isSpace(byte) {
      index += 1
      return true
    }
    guard byte == UInt8(ascii: "_") || byte == UInt8(ascii: "^"), groups.count == depth else {
      boundsDepth = nil
      return false
    }
    index += 1
    skipSpaces()
    guard index < bytes.count else { return true }
    let next = bytes[index]
    if next == UInt8(ascii: "{") {
      groups.append(Group(kind: .script(depth: depth), start: tokens.count))
      boundsDepth = nil
      index += 1
    } else if Self.isLetter(next) || Self.isDigit(next) {
      // A one-character bound, as in `\sum_i^n`.
      emit(Self.isDigit(next) ? String(UnicodeScalar(next)) : String(UnicodeScalar(next | 0x20)))
      index += 1
    } else if next == UInt8(ascii: "\\") {
      boundsDepth = nil
      readCommand()
      if boundsDepth == nil { boundsDepth = depth }
    }
    return true
  }

  /// Dispatches on an ASCII byte: words, numbers, commands, braces and operators.
  private mutating func scanASCII(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
      readWord()
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      readNumber()
    case UInt8(ascii: "\\"):
      readCommand()
    case UInt8(ascii: "{"):
      groups.append(Group(kind: .plain, start: tokens.count))
      index += 1
    case UInt8(ascii: "}"):
      closeGroup()
      index += 1
    case UInt8(ascii: "<"):
      if peek(1) == UInt8(ascii: "=") {
        emit("op_le", advance: 2)
      } else if peek(1) == UInt8(ascii: "-") && peek(2) == UInt8(ascii: ">") {
        emit("op_iff", advance: 3)
      } else if peek(1) == UInt8(ascii: "|") {
        index += 2  // Lean's `<|` application pipe.
      } else {
        emit("op_lt", advance: 1)
      }
    case UInt8(ascii: ">"):
      emit(peek(1) == UInt8(ascii: "=") ? "op_ge" : "op_gt", advance: peek(1) == UInt8(ascii: "=") ? 2 : 1)
    case UInt8(ascii: "="):
      if peek(1) == UInt8(ascii: ">") {
        emit("op_mapsto", advance: 2)
      } else {
        emit("op_eq", advance: peek(1) == UInt8(ascii: "=") ? 2 : 1)
      }
    case UInt8(ascii: "!"):
      emit(peek(1) == UInt8(ascii: "=") ? "op_ne" : "op_fact", advance: peek(1) == UInt8(ascii: "=") ? 2 : 1)
    case UInt8(ascii: "-"):
      emit(peek(1) == UInt8(ascii: ">") ? "op_to" : "op_sub", advance: peek(1) == UInt8(ascii: ">") ? 2 : 1)
    case UInt8(ascii: "+"):
      emit("op_add", advance: 1)
    case UInt8(ascii: "*"):
      if followsUniverse() {
        index += 1  // `Type*`, `Sort*`: a universe, not a product.
      } else {
        emit("op_mul", advance: 1)
      }
    case UInt8(ascii: "/"):
      emit("op_div", advance: 1)
    case UInt8(ascii: "%"):
      emit("mod", advance: 1)
    case UInt8(ascii: "#"):
      emit("op_card", advance: 1)
    case UInt8(ascii: "^"):
      readCaret()
    case UInt8(ascii: "|"):
      if peek(1) == UInt8(ascii: "|") {
        emit("op_or", advance: 2)
      } else {
        let start = index
        index += 1
        barCharacter(at: start)
      }
    default:
      // Spaces, brackets, punctuation, `$`, `&`, a lone `_` (a LaTeX subscript) or `'`.
      index += 1
    }
  }

  /// Dispatches on a non-ASCII scalar: an operator or set symbol, a superscript or subscript
  /// digit, a letter that starts a word, or an unknown symbol kept as its code point.
  private mutating func scanScalar() {
    let (value, length) = scalar(at: index)
    if value == 0x207B && index + length < bytes.count && scalar(at: index + length).value == 0xB9 {
      emit("op_inv", advance: length + 2)
      return
    }
    if let list = TokenVocabulary.symbols[value] {
      index += length
      for token in list { emit(token) }
      return
    }
    if value == 0x2016 {
      index += length
      normBar(nil)
      return
    }
    if let digit = Self.superscriptDigit(value) {
      index += length
      emit("op_pow")
      var number = [digit]
      while index < bytes.count, bytes[index] >= 0x80 {
        let (next, nextLength) = scalar(at: index)
        guard let more = Self.superscriptDigit(next) else { break }
        number.append(more)
        index += nextLength
      }
      emit(String(decoding: number, as: UTF8.self))
      return
    }
    if (0x2080...0x2089).contains(value) {
      var number: [UInt8] = []
      while index < bytes.count, bytes[index] >= 0x80 {
        let (next, nextLength) = scalar(at: index)
        guard (0x2080...0x2089).contains(next) else { break }
        number.append(UInt8(next - 0x2080) + UInt8(ascii: "0"))
        index += nextLength
      }
      emit(String(decoding: number, as: UTF8.self))
      return
    }
    if TokenVocabulary.greek[value] != nil || Self.isWordScalar(value) {
      readWord()
      return
    }
    index += length
    if Self.isModifierLetter(value) { return }
    guard let scalar = Unicode.Scalar(value) else { return }
    let properties = scalar.properties
    if properties.isWhitespace { return }
    switch properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation, .control, .format, .spaceSeparator, .nonspacingMark,
      .enclosingMark, .spacingMark:
      return
    default:
      // An operator without a canonical name still matches itself.
      emit("u" + String(value, radix: 16))
    }
  }

  // MARK: - Words

  /// Reads a word or Lean name and emits its parts, their joins and any alias.
  private mutating func readWord() {
    pendingSide = nil
    wordTokens.removeAll(keepingCapacity: true)
    var componentCount = 0
    var partCount = 0
    var firstPart = ""
    var last = CharacterKind.none

    func finishPart(_ scanner: inout TokenScanner) {
      guard !scanner.part.isEmpty else { return }
      scanner.componentParts.append(String(decoding: scanner.part, as: UTF8.self))
      scanner.part.removeAll(keepingCapacity: true)
    }
    func finishComponent(_ scanner: inout TokenScanner) {
      finishPart(&scanner)
      let parts = scanner.componentParts
      guard !parts.isEmpty else { return }
      componentCount += 1
      if partCount == 0 { firstPart = parts[0] }
      partCount += parts.count
      for part in parts { scanner.wordTokens.append(Self.canonical(part)) }
      if parts.count > 1 {
        while scanner.join.last == UInt8(ascii: "_") { scanner.join.removeLast() }
        scanner.wordTokens.append(String(decoding: scanner.join, as: UTF8.self))
      }
      scanner.componentParts.removeAll(keepingCapacity: true)
      scanner.join.removeAll(keepingCapacity: true)
    }

    scan: while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x80 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
          if last == .digit || last == .letterPart { finishPart(&self) }
          part.append(byte)
          join.append(byte)
          last = .lower
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
          // `IsOpen` → is|open, `HTTPServer` → http|server, `x2Y` → x|2|y.
          if last == .lower || last == .digit || last == .letterPart
            || (last == .upper && Self.isLower(peek(1)))
          {
            finishPart(&self)
          }
          part.append(byte | 0x20)
          join.append(byte | 0x20)
          last = .upper
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
          if last != .digit { finishPart(&self) }
          part.append(byte)
          join.append(byte)
          last = .digit
        case UInt8(ascii: "_"):
          guard Self.isWordContinuation(peekScalar(1)) else { break scan }
          finishPart(&self)
          if !join.isEmpty && join.last != UInt8(ascii: "_") { join.append(byte) }
          last = .none
        case UInt8(ascii: "'"):
          break  // `f'` is `f`: primes name a variant, not a new word.
        case UInt8(ascii: "."):
          // `h.1` is a projection, not a name component.
          guard let next = peekScalar(1), !(0x30...0x39).contains(next), Self.isWordContinuation(next)
          else { break scan }
          finishComponent(&self)
          last = .none
        default:
          break scan
        }
        index += 1
      } else {
        let (value, length) = scalar(at: index)
        if (0x2080...0x2089).contains(value) {
          if last != .digit { finishPart(&self) }
          let digit = UInt8(value - 0x2080) + UInt8(ascii: "0")
          part.append(digit)
          join.append(digit)
          last = .digit
        } else if let name = TokenVocabulary.greek[value] {
          finishPart(&self)
          part.append(contentsOf: name.utf8)
          join.append(contentsOf: name.utf8)
          finishPart(&self)
          last = .letterPart
        } else if TokenVocabulary.symbols[value] != nil {
          break scan
        } else if Self.isModifierLetter(value) {
          // `xᵢ`, `αᵒᵈ`: sub- and superscript letters decorate, they do not name.
        } else if Self.isWordScalar(value) {
          finishPart(&self)
          let name = "u" + String(value, radix: 16)
          part.append(contentsOf: name.utf8)
          join.append(contentsOf: name.utf8)
          finishPart(&self)
          last = .letterPart
        } else {
          break scan
        }
        index += length
      }
    }
    finishComponent(&self)

    if componentCount == 1 && partCount == 1 {
      emitSingleWord(firstPart)
    } else {
      for token in wordTokens { emit(token) }
    }
    blackboardNext = false
  }

  /// Emits a plain word: a stop word is dropped, a phrase such as "if and only if" becomes its
  /// operator, and `\mathbb` turns a letter into a number set.
  private mutating func emitSingleWord(_ word: String) {
    if blackboardNext, let set = TokenVocabulary.blackboardSets[word] {
      emit(set)
      return
    }
    if let phrases = Self.phrases[word] {
      for (rest, token) in phrases where matchPhrase(rest) {
        emit(token)
        return
      }
    }
    if TokenVocabulary.stopWords.contains(word) { return }
    emit(Self.canonical(word))
  }

  /// Consumes the words `rest` (separated by white space) when they follow; `false` otherwise.
  private mutating func matchPhrase(_ rest: [[UInt8]]) -> Bool {
    var position = index
    for word in rest {
      guard position < bytes.count, Self.isSpace(bytes[position]) else { return false }
      while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
      guard position + word.count <= bytes.count else { return false }
      for (offset, byte) in word.enumerated() where bytes[position + offset] | 0x20 != byte {
        return false
      }
      position += word.count
      if position < bytes.count && Self.isLetter(bytes[position]) { return false }
    }
    index = position
    return true
  }

  /// Multi-word prose spellings of operators, by first word, longest first.
  private static let phrases: [String: [([[UInt8]], String)]] = {
    let list: [(String, String)] = [
      ("if and only if", "op_iff"), ("less than or equal to", "op_le"), ("greater than or equal to", "op_ge"),
      ("less than", "op_lt"), ("greater than", "op_gt"), ("at most", "op_le"), ("at least", "op_ge"),
      ("not equal to", "op_ne"), ("for all", "op_forall"), ("for every", "op_forall"), ("for each", "op_forall"),
      ("for any", "op_forall"), ("there exists", "op_exists"), ("there exist", "op_exists"),
      ("there is", "op_exists"),
    ]
    var table: [String: [([[UInt8]], String)]] = [:]
    for (phrase, token) in list {
      let words = phrase.split(separator: " ").map { Array($0.utf8) }
      table[String(decoding: words[0], as: UTF8.self), default: []].append((Array(words.dropFirst()), token))
    }
    return table.mapValues { $0.sorted { $0.0.count > $1.0.count } }
  }()

  /// A word part in its canonical spelling: an alias, else its singular, else itself.
  static func canonical(_ part: String) -> String {
    if let alias = TokenVocabulary.aliases[part] { return alias }
    let utf8 = part.utf8
    guard utf8.count >= 4, utf8.last == UInt8(ascii: "s") else { return part }
    let before = utf8[utf8.index(utf8.endIndex, offsetBy: -2)]
    // "class", "minus", "axis" and "series" keep their s.
    guard before != UInt8(ascii: "s"), before != UInt8(ascii: "u"), before != UInt8(ascii: "i"),
      !part.hasSuffix("ies")
    else { return part }
    let stem = String(part.dropLast())
    return TokenVocabulary.aliases[stem] ?? stem
  }

  /// Reads a run of ASCII digits as one token.
  private mutating func readNumber() {
    pendingSide = nil
    let start = index
    while index < bytes.count && Self.isDigit(bytes[index]) { index += 1 }
    emit(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
  }

  // MARK: - LaTeX commands and delimiters

  /// Reads a LaTeX command (or a backslash followed by one character) and applies its rule.
  private mutating func readCommand() {
    index += 1
    guard index < bytes.count else { return }
    let byte = bytes[index]
    guard Self.isLetter(byte) else {
      index += 1
      switch byte {
      case UInt8(ascii: "|"): normBar(nil)
      case UInt8(ascii: "{"): groups.append(Group(kind: .plain, start: tokens.count))
      case UInt8(ascii: "}"): closeGroup()
      // Lean's set difference `s \ t`; in LaTeX a forced space, rare in statements.
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): emit("op_sdiff")
      default: break  // `\,` `\;` `\!` `\\` `\&` `\%` `\$` `\#` `\_`
      }
      return
    }
    let start = index
    while index < bytes.count && Self.isLetter(bytes[index]) { index += 1 }
    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let command = TokenVocabulary.commands[name] else {
      // `\alpha`, `\log`, `\gcd`: the name is the word (`\Gamma` and `\gamma` alike).
      emit(Self.canonical(name.lowercased()))
      return
    }
    switch command {
    case .emit(let list):
      for token in list { emit(token) }
    case .bigOperator(let token):
      emit(token)
      boundsDepth = groups.count
    case .drop:
      break
    case .dropArgument:
      skipBracedArgument()
    case .blackboard:
      blackboardNext = true
    case .negate:
      negateNext = true
    case .leftDelimiter:
      pendingSide = .open
    case .rightDelimiter:
      pendingSide = .close
    case .bar(let side):
      bar(side)
    case .normBar(let side):
      normBar(side)
    case .mid:
      if !isSetBuilderBar() { emit("op_dvd") }
    case .openBrace:
      groups.append(Group(kind: .plain, start: tokens.count))
    case .closeBrace:
      closeGroup()
    }
  }

  /// `^`: a power, or an inverse when it is `^{-1}` / `^-1`.
  private mutating func readCaret() {
    var position = index + 1
    let braced = position < bytes.count && bytes[position] == UInt8(ascii: "{")
    if braced { position += 1 }
    while position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
    if position + 1 < bytes.count && bytes[position] == UInt8(ascii: "-") && bytes[position + 1] == UInt8(ascii: "1")
      && (position + 2 >= bytes.count || !Self.isDigit(bytes[position + 2]))
    {
      position += 2
      while braced && position < bytes.count && Self.isSpace(bytes[position]) { position += 1 }
      if !braced || (position < bytes.count && bytes[position] == UInt8(ascii: "}")) {
        emit("op_inv")
        index = braced ? position + 1 : position
        return
      }
    }
    emit("op_pow", advance: 1)
  }

  /// An ASCII `|` at `start`: an absolute-value bar, a set-builder bar, a match arm or `∣`.
  private mutating func barCharacter(at start: Int) {
    if pendingSide != nil || absoluteOpen {
      bar(nil)
      return
    }
    if isSetBuilderBar() { return }
    guard index >= bytes.count || Self.isSpace(bytes[index]) else {
      bar(nil)
      return
    }
    // A bar followed by a space opens nothing: at the start of a line it is a match arm,
    // elsewhere (LaTeX `a | b`) divisibility.
    var position = start - 1
    while position >= 0 && (bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t")) {
      position -= 1
    }
    if position >= 0 && bytes[position] != UInt8(ascii: "\n") { emit("op_dvd") }
  }

  /// An absolute-value bar; only the opening one is a token, so `|x|` and `abs x` match.
  private mutating func bar(_ side: TokenVocabulary.Side?) {
    let side = side ?? pendingSide ?? (absoluteOpen ? .close : .open)
    pendingSide = nil
    absoluteOpen = side == .open
    if side == .open { emit("op_abs") }
  }

  /// A norm bar, paired like `bar(_:)`.
  private mutating func normBar(_ side: TokenVocabulary.Side?) {
    let side = side ?? pendingSide ?? (normOpen ? .close : .open)
    pendingSide = nil
    normOpen = side == .open
    if side == .open { emit("op_norm") }
  }

  /// Whether a bar here separates a set-builder's variable from its condition
  /// (`{x | p x}`, `\{ x \mid p(x) \}`); marks the group when it does.
  private mutating func isSetBuilderBar() -> Bool {
    guard let top = groups.last, case .plain = top.kind, !top.usedBar else { return false }
    let inside = tokens.count - top.start
    guard (1...4).contains(inside) else { return false }
    groups[groups.count - 1].usedBar = true
    return true
  }

  /// Closes the innermost brace; closing a big operator's bound lets its next bound follow.
  private mutating func closeGroup() {
    guard let group = groups.popLast() else { return }
    if case .script(let depth) = group.kind { boundsDepth = depth }
  }

  /// Skips the braced argument at `index` with everything nested in it.
  private mutating func skipBracedArgument() {
    skipSpaces()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return }
    var depth = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "{") { depth += 1 }
      if bytes[index] == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 {
          index += 1
          return
        }
      }
      index += 1
    }
  }

  // MARK: - Emission

  private mutating func emit(_ token: String, advance: Int) {
    index += advance
    emit(token)
  }

  /// Appends a token, applying a pending `\not`.
  private mutating func emit(_ token: String) {
    blackboardNext = false
    pendingSide = nil
    if negateNext {
      negateNext = false
      switch token {
      case "op_mem":
        tokens.append("op_notin")
        return
      case "op_eq":
        tokens.append("op_ne")
        return
      default:
        tokens.append("op_not")
      }
    }
    tokens.append(token)
  }

  // MARK: - Bytes and scalars

  private func peek(_ offset: Int) -> UInt8? {
    index + offset < bytes.count ? bytes[index + offset] : nil
  }

  /// The scalar `offset` bytes ahead, if any.
  private func peekScalar(_ offset: Int) -> UInt32? {
    index + offset < bytes.count ? scalar(at: index + offset).value : nil
  }

  /// Whether the bytes just before `index` are `Type` or `Sort`.
  private func followsUniverse() -> Bool {
    guard index >= 4 else { return false }
    let previous = (bytes[index - 4], bytes[index - 3], bytes[index - 2], bytes[index - 1])
    return previous == (0x54, 0x79, 0x70, 0x65) || previous == (0x53, 0x6F, 0x72, 0x74)
  }

  private mutating func skipSpaces() {
    while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
  }

  /// Decodes the scalar starting at `position` (the text is valid UTF-8: it came from a String).
  private func scalar(at position: Int) -> (value: UInt32, length: Int) {
    let lead = UInt32(bytes[position])
    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    guard position + length <= bytes.count else { return (0xFFFD, 1) }
    switch length {
    case 1: return (lead, 1)
    case 2: return ((lead & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F), 2)
    case 3:
      return ((lead & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F), 3)
    default:
      return (
        (lead & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12 | UInt32(bytes[position + 2] & 0x3F) << 6
          | UInt32(bytes[position + 3] & 0x3F), 4
      )
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    let lower = byte | 0x20
    return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
  }

  private static func isLower(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// Whether `value` may continue a word after `_` or `.`.
  private static func isWordContinuation(_ value: UInt32?) -> Bool {
    guard let value else { return false }
    if value < 0x80 { return isLetter(UInt8(value)) || isDigit(UInt8(value)) || value == 0x5F }
    return TokenVocabulary.greek[value] != nil || (0x2080...0x2089).contains(value) || isWordScalar(value)
  }

  /// A non-ASCII letter that is neither an operator nor a decoration.
  private static func isWordScalar(_ value: UInt32) -> Bool {
    guard value >= 0x80, TokenVocabulary.symbols[value] == nil, !isModifierLetter(value),
      let scalar = Unicode.Scalar(value)
    else { return false }
    return scalar.properties.isAlphabetic
  }

  /// Sub- and superscript letters (`ᵢ`, `ᵒᵈ`, `ₗ`).
  private static func isModifierLetter(_ value: UInt32) -> Bool {
    (0x02B0...0x02FF).contains(value) || (0x1D2C...0x1D6A).contains(value) || (0x1D9B...0x1DBF).contains(value)
      || (0x2090...0x209C).contains(value) || value == 0x2071 || value == 0x207F
  }

  /// The ASCII digit a superscript digit stands for.
  private static func superscriptDigit(_ value: UInt32) -> UInt8? {
    switch value {
    case 0x2070: return UInt8(ascii: "0")
    case 0xB9: return UInt8(ascii: "1")
    case 0xB2: return UInt8(ascii: "2")
    case 0xB3: return UInt8(ascii: "3")
    case 0x2074...0x2079: return UInt8(value - 0x2074) + UInt8(ascii: "4")
    default: return nil
    }
  }
}
