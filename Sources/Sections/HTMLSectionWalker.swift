import CLibXML2
import Foundation

/// Walks a parsed page in document order and splits it into sections and items.
///
/// LaTeXML (arXiv HTML): sections are `section.ltx_section` titled by `h2.ltx_title_section`
/// (number in `span.ltx_tag_section`); items are `div.ltx_theorem.ltx_theorem_<env>` titled by
/// `h6.ltx_title_theorem` ("Lemma 1.3" in `span.ltx_tag_theorem`); proofs `div.ltx_proof`; math
/// `<math alttext>`; references `a.ltx_ref` to `#id`. LaTeXML does not keep `\label` keys, so an
/// item's label is its element's `id`, and a reference's label the `#id` it links to: both
/// sides then name the same thing (the bundled sample gives its elements the LaTeX labels as ids).
///
/// Stacks-style tag pages: sections are `h2.tex-section` headings (number and tag in
/// `span[data-tag]`) whose section runs to the next one; items are `article.env-<env>` (label:
/// `id`, or `data-tag`) introduced by `a.environment-identifier`; proofs `.env-proof`;
/// references links to `/tag/XXXX`; math stays in the text as TeX, so text is read as LaTeX.
struct HTMLSectionWalker {
  /// Which markup the page uses, which decides how its text nodes are read.
  enum Dialect {
    /// Text is plain; math is in `alttext`.
    case latexml
    /// Text carries its math as TeX (`$…$`, `\[…\]`) for MathJax.
    case stacks
  }

  /// A section being read.
  private struct Draft {
    var title = ""
    var number: String?
    var label: String?
    var introduction: LaTeXTextRenderer
    var items: [SectionItem] = []
    var firstLine: Int
    var lastLine: Int
    var warnings: [String] = []
    var unknown: [String: Int] = [:]
    var titled = false
  }

  private let dialect: Dialect
  private let fileTitle: String
  private static let noMacros = ByteNameTable<MacroDefinition>()
  private var drafts: [Draft]
  /// The section content goes to; nil between LaTeXML sections.
  private var current: Int?
  private var sawSection = false

  init(dialect: Dialect, fileTitle: String) {
    self.dialect = dialect
    self.fileTitle = fileTitle
    drafts = [Draft(title: fileTitle, introduction: Self.renderer(line: 1), firstLine: 1, lastLine: 1)]
    current = 0
  }

  /// A renderer for page text, which has no macros of its own, placing problems at `line`.
  private static func renderer(line: Int?) -> LaTeXTextRenderer {
    var renderer = LaTeXTextRenderer(macros: noMacros, lineOf: { _ in line ?? 0 })
    renderer.fixedLine = line
    return renderer
  }

  // MARK: Structure

  /// Reads the children of `parent` in order.
  mutating func walk(_ parent: xmlNodePtr) {
    var child = parent.pointee.children
    while let node = child {
      child = node.pointee.next
      if node.pointee.type == XML_TEXT_NODE {
        if let index = introductionTarget { appendText(node, into: &drafts[index].introduction) }
        continue
      }
      guard node.pointee.type == XML_ELEMENT_NODE else { continue }
      let element = HTMLElement(node: node)
      if Self.isInvisible(element) { continue }
      if element.hasClass("ltx_section") {
        beginSection(at: element.line)
        drafts[current!].label = element.string("id")
        walk(node)
        endSection(at: lastLine(of: node))
        current = nil
        continue
      }
      if element.isHeading, element.hasClass("tex-section") {
        if let current { endSection(at: element.line - 1, index: current) }
        beginSection(at: element.line)
        readStacksHeading(element)
        continue
      }
      if element.hasClass("ltx_title_section"), let index = current, !drafts[index].titled {
        readLaTeXMLHeading(element, into: index)
        continue
      }
      if Self.isSkippedInText(element) { continue }
      if isItem(element) {
        readItem(element)
        continue
      }
      if element.hasClass("ltx_proof") || element.hasClass("env-proof") {
        readProof(element)
        continue
      }
      guard let index = introductionTarget else {
        walk(node)
        continue
      }
      // Content before the section's first item is its introduction; elements that may hold
      // sections or items are walked, not rendered.
      if element.isNamed("math") || element.isNamed("a") {
        appendElement(element, into: &drafts[index].introduction, inCitation: false)
      } else {
        let block = Self.isBlock(element)
        if block { drafts[index].introduction.space() }
        walk(node)
        if block, let index = introductionTarget { drafts[index].introduction.space() }
      }
    }
  }

  /// The sections read, in order (the whole page as one when it has none), with their outlines.
  func finish() -> ([ParsedSection], [SectionOutline]) {
    var drafts = self.drafts
    if sawSection {
      let implicit = drafts.removeFirst()
      if !implicit.items.isEmpty, !drafts.isEmpty {
        drafts[0].warnings.insert(
          "\(implicit.items.count) item(s) outside every section (from line \(implicit.firstLine)) were skipped.",
          at: 0)
      }
    }
    var sections: [ParsedSection] = []
    var outlines: [SectionOutline] = []
    for draft in drafts {
      let names = draft.unknown.keys.sorted()
      var warnings = draft.warnings
      for name in names { warnings.append(UnknownMacroWarning.sentence(name, line: draft.unknown[name])) }
      sections.append(
        ParsedSection(
          format: .html, title: draft.title, number: draft.number, label: draft.label,
          introduction: draft.introduction.string, items: draft.items, unknownMacros: names, warnings: warnings))
      outlines.append(
        SectionOutline(
          title: draft.title, number: draft.number, label: draft.label, itemLabels: draft.items.compactMap(\.label),
          itemNumbers: draft.items.compactMap(\.number),
          lines: draft.firstLine...max(draft.firstLine, draft.lastLine)))
    }
    return (sections, outlines)
  }

  /// Where introduction text goes now: the current section, until its first item.
  private var introductionTarget: Int? {
    guard let current, drafts[current].items.isEmpty else { return nil }
    return current
  }

  /// Starts a section at `line`; the first one ends the page-as-a-section.
  private mutating func beginSection(at line: Int) {
    if !sawSection {
      sawSection = true
      drafts[0].lastLine = max(drafts[0].firstLine, line - 1)
    } else if let current {
      endSection(at: line - 1, index: current)
    }
    drafts.append(Draft(title: "", introduction: Self.renderer(line: line), firstLine: line, lastLine: line))
    current = drafts.count - 1
  }

  /// Ends a section at `line`, keeping what its introduction found.
  private mutating func endSection(at line: Int, index: Int? = nil) {
    guard let index = index ?? current else { return }
    drafts[index].lastLine = max(drafts[index].firstLine, line)
    keep(drafts[index].introduction, in: index)
  }

  /// The last line of `node`'s content: the line of its deepest last descendant.
  private func lastLine(of node: xmlNodePtr) -> Int {
    var last = node
    while let child = last.pointee.last { last = child }
    return Int(xmlGetLineNo(last))
  }

  /// A LaTeXML section heading: `<h2><span class="ltx_tag_section">1 </span>Title</h2>`.
  private mutating func readLaTeXMLHeading(_ heading: HTMLElement, into index: Int) {
    let tag = heading.firstDescendant { $0.hasClass("ltx_tag_section") }
    var title = Self.renderer(line: heading.line)
    collect(heading.node, into: &title, excluding: tag?.node)
    drafts[index].title = title.string
    drafts[index].number = tag.map { Self.sectionNumber($0.plainText) }
    drafts[index].titled = true
    keep(title, in: index)
  }

  /// A Stacks heading: `<h2 class="tex-section"><span data-tag="001R">3.4</span> Title</h2>`.
  private mutating func readStacksHeading(_ heading: HTMLElement) {
    guard let index = current else { return }
    let tag = heading.firstDescendant { $0.attribute("data-tag") != nil }
    var title = Self.renderer(line: heading.line)
    collect(heading.node, into: &title, excluding: tag?.node)
    drafts[index].title = title.string
    drafts[index].number = tag.map { Self.sectionNumber($0.plainText) }
    drafts[index].label = tag?.string("data-tag") ?? heading.string("id")
    drafts[index].titled = true
    keep(title, in: index)
  }

  /// A section tag's text ("1 ", "§2") as its number.
  private static func sectionNumber(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace || $0 == "§" }).joined(separator: " ")
  }

  // MARK: Items

  /// Whether `element` is an item of the page's dialect.
  private func isItem(_ element: HTMLElement) -> Bool {
    switch dialect {
    case .latexml: return element.hasClass("ltx_theorem")
    case .stacks:
      guard let environment = element.classSuffix("env-") else { return false }
      return environment != "proof"
    }
  }

  /// Reads an item: kind, label, number and title from its heading, text from the rest.
  private mutating func readItem(_ element: HTMLElement) {
    guard let index = current else { return }
    let line = element.line
    let heading: HTMLElement?
    let tag: HTMLElement?
    var environment: String?
    switch dialect {
    case .latexml:
      heading = element.firstDescendant { $0.hasClass("ltx_title_theorem") }
      tag = heading?.firstDescendant { $0.hasClass("ltx_tag_theorem") }
      environment = element.classSuffix("ltx_theorem_")
    case .stacks:
      heading = element.firstDescendant { $0.hasClass("environment-identifier") }
      tag = heading?.firstDescendant { $0.attribute("data-tag") != nil }
      environment = element.classSuffix("env-")
    }
    // "Lemma 1.3." in LaTeXML's tag; in Stacks' the number alone, the name before it.
    var printed = ""
    var number: String?
    var title = Self.renderer(line: line)
    if let heading {
      switch dialect {
      case .latexml:
        let words = (tag?.plainText ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        if let last = words.last, last.contains(where: \.isNumber) {
          number = Self.trimmingPeriods(last)
          printed = words.dropLast().joined(separator: " ")
        } else {
          printed = words.joined(separator: " ")
        }
        collect(heading.node, into: &title, excluding: tag?.node)
      case .stacks:
        number = tag.map { Self.trimmingPeriods($0.plainText.trimmingWhitespace()) }
        var before = Self.renderer(line: line)
        var sawTag = false
        var child = heading.node.pointee.children
        while let node = child {
          child = node.pointee.next
          if node == tag?.node {
            sawTag = true
            continue
          }
          if sawTag {
            appendNode(node, into: &title, inCitation: false)
          } else {
            appendNode(node, into: &before, inCitation: false)
          }
        }
        printed = before.string
      }
    }
    let kind = environment.flatMap { SectionItemKind(environment: $0) } ?? SectionItemKind(printedName: printed)
    guard let kind else {
      drafts[index].warnings.append(
        "The \(environment ?? printed) at line \(line) is not a definition, lemma, proposition, theorem, corollary, "
          + "remark or example; it was skipped.")
      return
    }
    var statement = Self.renderer(line: line)
    collect(element.node, into: &statement, excluding: heading?.node)
    keep(title, in: index)
    keep(statement, in: index)
    var references = title.references
    for label in statement.references where !references.contains(label) { references.append(label) }
    let label = element.string("id") ?? element.string("data-tag")
    let titleText = Self.cleanTitle(title.string)
    drafts[index].items.append(
      SectionItem(
        index: drafts[index].items.count + 1, kind: kind, label: label?.isEmpty == false ? label : nil,
        number: number, title: titleText, text: statement.string, references: references, proof: nil))
  }

  /// The proof after an item; a second proof of the same item is appended to the first.
  private mutating func readProof(_ element: HTMLElement) {
    guard let index = current, var item = drafts[index].items.last else { return }
    var proof = Self.renderer(line: element.line)
    collect(element.node, into: &proof, excluding: nil)
    keep(proof, in: index)
    item.proof = [item.proof, proof.string].compactMap { $0 }.joined(separator: " ")
    for label in proof.references where !item.references.contains(label) { item.references.append(label) }
    drafts[index].items[drafts[index].items.count - 1] = item
  }

  /// A title as the heading shows it, "(Title)." → "Title"; nil when there is none.
  private static func cleanTitle(_ text: String) -> String? {
    var title = Substring(text)
    func trim() {
      while let first = title.first, first == " " || first == "." { title.removeFirst() }
      while let last = title.last, last == " " || last == "." { title.removeLast() }
    }
    trim()
    if title.hasPrefix("("), title.hasSuffix(")") {
      title = title.dropFirst().dropLast()
      trim()
    }
    return title.isEmpty ? nil : String(title)
  }

  /// A number without the periods a heading ends it with ("1.3." → "1.3").
  private static func trimmingPeriods(_ text: String) -> String {
    var text = Substring(text)
    while text.hasSuffix(".") { text.removeLast() }
    return String(text)
  }

  /// Keeps what a renderer found besides its text: unknown macros and warnings.
  private mutating func keep(_ renderer: LaTeXTextRenderer, in index: Int) {
    drafts[index].unknown.merge(renderer.unknownMacros) { min($0, $1) }
    for warning in renderer.warnings where !drafts[index].warnings.contains(warning) {
      drafts[index].warnings.append(warning)
    }
  }

  // MARK: Content

  /// Renders the content below `parent` (all of it but `excluded`).
  private func collect(
    _ parent: xmlNodePtr, into renderer: inout LaTeXTextRenderer, excluding excluded: xmlNodePtr?,
    inCitation: Bool = false
  ) {
    var child = parent.pointee.children
    while let node = child {
      child = node.pointee.next
      if node == excluded { continue }
      appendNode(node, into: &renderer, inCitation: inCitation)
    }
  }

  /// Renders one node: text as text, an element as `appendElement` says, anything else not at all.
  private func appendNode(_ node: xmlNodePtr, into renderer: inout LaTeXTextRenderer, inCitation: Bool) {
    switch node.pointee.type {
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      appendText(node, into: &renderer)
    case XML_ELEMENT_NODE:
      let element = HTMLElement(node: node)
      if Self.isInvisible(element) || Self.isSkippedInText(element) { return }
      appendElement(element, into: &renderer, inCitation: inCitation)
    default:
      break
    }
  }

  /// Renders an element: math as LaTeX, a link to a label as `\ref`, blocks as separate words.
  private func appendElement(_ element: HTMLElement, into renderer: inout LaTeXTextRenderer, inCitation: Bool) {
    if element.isNamed("math") {
      appendMath(element, into: &renderer)
      return
    }
    if element.isNamed("a"), !inCitation, let label = referencedLabel(element) {
      renderer.appendReference(label)
      return
    }
    if element.isNamed("br") {
      renderer.space()
      return
    }
    let citation = inCitation || element.isNamed("cite") || element.hasClass("ltx_cite") || element.hasClass("cite")
    let block = Self.isBlock(element)
    if block { renderer.space() }
    collect(element.node, into: &renderer, excluding: nil, inCitation: citation)
    if block { renderer.space() }
  }

  /// Renders a text node: plain text on LaTeXML pages, LaTeX on Stacks pages.
  private func appendText(_ node: xmlNodePtr, into renderer: inout LaTeXTextRenderer) {
    guard let content = node.pointee.content else { return }
    let text = UnsafeBufferPointer(
      start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)))
    switch dialect {
    case .latexml: renderer.appendPlain(text)
    case .stacks:
      renderer.fixedLine = Int(xmlGetLineNo(node))
      renderer.renderText(LaTeXBytes(text), 0..<text.count)
    }
  }

  /// `<math alttext="…">` as `$…$` (`display="block"`: `$$…$$`); without `alttext`, its TeX
  /// annotation, else its text.
  private func appendMath(_ element: HTMLElement, into renderer: inout LaTeXTextRenderer) {
    let display = element.attribute("display").map { String(decoding: $0, as: UTF8.self) == "block" } ?? false
    renderer.fixedLine = element.line
    if let alttext = element.attribute("alttext") {
      renderer.appendMath(alttext, display: display)
      return
    }
    if let annotation = element.firstDescendant(where: {
      $0.isNamed("annotation") && $0.string("encoding") == "application/x-tex"
    }) {
      var text = annotation.plainText
      text.withUTF8 { renderer.appendMath($0, display: display) }
      return
    }
    renderer.appendPlain(element.plainText)
  }

  /// The label a link refers to: `#id` within the page, or a Stacks tag (`/tag/XXXX`).
  private func referencedLabel(_ link: HTMLElement) -> String? {
    guard let href = link.string("href") else { return nil }
    if href.hasPrefix("#"), href.count > 1 { return String(href.dropFirst()) }
    if let tag = link.string("data-tag"), !tag.isEmpty { return tag }
    if let range = href.range(of: "/tag/") {
      let tag = href[range.upperBound...].prefix { $0 != "/" && $0 != "#" && $0 != "?" }
      return tag.isEmpty ? nil : String(tag)
    }
    return nil
  }

  /// Elements whose text is never the section's: the head, scripts, styles.
  private static func isInvisible(_ element: HTMLElement) -> Bool {
    element.isNamed("head") || element.isNamed("script") || element.isNamed("style") || element.isNamed("noscript")
      || element.isNamed("annotation") || element.isNamed("annotation-xml")
  }

  /// Titles and numbers the walker reads on its own, and equation numbers.
  private static func isSkippedInText(_ element: HTMLElement) -> Bool {
    element.hasClass(prefix: "ltx_title") || element.hasClass("ltx_eqn_eqno") || element.hasClass("ltx_tag_equation")
      || element.hasClass("ltx_tag_qed") || element.hasClass("environment-identifier")
      || element.hasClass("equation-label")
  }

  /// Elements that separate the words before and after them.
  private static func isBlock(_ element: HTMLElement) -> Bool {
    for name: StaticString in [
      "p", "div", "li", "ol", "ul", "dl", "dt", "dd", "table", "tbody", "tr", "td", "th", "section", "article",
      "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "main",
      "body", "pre", "hr",
    ] where element.isNamed(name) {
      return true
    }
    return false
  }
}

extension String {
  /// Without white space at either end.
  fileprivate func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
