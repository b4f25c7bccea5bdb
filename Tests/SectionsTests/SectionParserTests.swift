import Foundation
import Testing

@testable import Sections

/// Reading the bundled sample in both forms, choosing a section, and the errors that stop a parse.
@Suite struct SectionParserTests {
  // MARK: The bundled sample

  @Test func bothFormsOfTheSampleGiveTheSameSection() throws {
    let latex = try SectionFixture.sample(.latex)
    let html = try SectionFixture.sample(.html)
    let fromLaTeX = try SectionParser.parse(latex.data, path: latex.path)
    let fromHTML = try SectionParser.parse(html.data, path: html.path)
    #expect(fromLaTeX.format == .latex)
    #expect(fromHTML.format == .html)
    #expect(fromLaTeX.items.count == 10)
    for (one, other) in zip(fromLaTeX.items, fromHTML.items) {
      #expect(one == other, "item \(one.index) differs between the LaTeX and the HTML form")
    }
    #expect(fromLaTeX.items.count == fromHTML.items.count)
    #expect(fromLaTeX.title == fromHTML.title)
    #expect(fromLaTeX.number == fromHTML.number)
    #expect(fromLaTeX.label == fromHTML.label)
    #expect(fromLaTeX.introduction == fromHTML.introduction)
    #expect(fromLaTeX.warnings.isEmpty && fromHTML.warnings.isEmpty, "\(fromLaTeX.warnings) \(fromHTML.warnings)")
    #expect(fromLaTeX.unknownMacros.isEmpty && fromHTML.unknownMacros.isEmpty)
  }

  /// The sample as reviewed; to accept an intended change, run with HERALD_UPDATE_GOLDEN=1 and
  /// review the diff of Tests/SectionsTests/Golden.
  @Test(arguments: SectionFormat.allCases) func sampleMatchesTheGolden(_ format: SectionFormat) throws {
    let (data, path) = try SectionFixture.sample(format)
    var section = try SectionParser.parse(data, path: path)
    // One golden serves both forms: it records the LaTeX form.
    section.format = .latex
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let json = String(decoding: try encoder.encode(section), as: UTF8.self) + "\n"
    let golden = SectionFixture.packageRoot.appendingPathComponent(
      "Tests/SectionsTests/Golden/group-homomorphisms.json")
    if ProcessInfo.processInfo.environment["HERALD_UPDATE_GOLDEN"] == "1", format == .latex {
      try json.write(to: golden, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(
      json == expected, "the \(format) form differs from the golden; rerun with HERALD_UPDATE_GOLDEN=1 and review")
  }

  @Test func sampleItemsCarryKindsNumbersTitlesReferencesAndProofs() throws {
    let (data, path) = try SectionFixture.sample(.latex)
    let section = try SectionParser.parse(data, path: path)
    #expect(section.title == "Kernels of group homomorphisms")
    #expect(section.number == "1")
    #expect(section.label == "section-kernels")
    #expect(
      section.items.map(\.kind) == [
        .definition, .lemma, .definition, .lemma, .definition, .proposition, .theorem, .corollary, .example, .remark,
      ])
    #expect(section.items.map(\.number) == (1...10).map { "1.\($0)" })
    #expect(section.items.map(\.index) == Array(1...10))
    let theorem = section.items[6]
    #expect(theorem.title == "Injectivity criterion")
    #expect(theorem.references == ["definition-kernel", "lemma-identity-inverse"])
    #expect(theorem.text.contains("\\mathrm{Hom}(G, H)"), "the \\Hom macro is expanded")
    #expect(section.items[2].text.contains("$$\\ker f = \\{ x \\in G \\mid f(x) = 1 \\}$$"))
    #expect(section.items.filter { $0.proof != nil }.count == 5)
    #expect(section.items[0].proof == nil)
    #expect(section.items.filter(\.kind.isDefinition).count == 3)
  }

  // MARK: Choosing a section

  private static let threeSections = SectionFixture.latex(
    """
    \\section{Alpha}\\label{section-alpha}
    \\begin{lemma}\\label{lemma-a} A. \\end{lemma}
    \\section{Beta}
    \\label{section-beta}
    \\begin{lemma}\\label{lemma-b} B one. \\end{lemma}
    \\begin{theorem}\\label{theorem-b} B two. \\end{theorem}
    \\section{Gamma}
    Only prose here.
    """)

  @Test func severalSectionsWithoutASelectorAreAmbiguous() {
    #expect(throws: SectionError.ambiguous(path: "three.tex", sections: ["1 Alpha", "2 Beta", "3 Gamma"])) {
      try SectionParser.parse(Self.threeSections, path: "three.tex")
    }
    let message = SectionError.ambiguous(path: "three.tex", sections: ["1 Alpha", "2 Beta", "3 Gamma"]).description
    #expect(message.contains("has 3 sections (1 Alpha, 2 Beta, 3 Gamma): choose one with --label or --number"))
  }

  @Test(arguments: [
    (SectionSelector.label("section-beta"), "Beta"), (.label("theorem-b"), "Beta"), (.label("lemma-a"), "Alpha"),
    (.number("2"), "Beta"), (.number("1"), "Alpha"), (.number("2.2"), "Beta"), (.number(" 1 "), "Alpha"),
  ])
  func aSelectorChoosesTheSectionOrTheOneHoldingTheItem(_ selector: SectionSelector, _ title: String) throws {
    let section = try SectionParser.parse(Self.threeSections, path: "three.tex", selecting: selector)
    #expect(section.title == title)
  }

  @Test func aMissingLabelListsTheLabelsThatExist() {
    let expected = SectionError.labelNotFound(
      "lemma-c", path: "three.tex", available: ["section-alpha", "section-beta", "lemma-a", "lemma-b", "theorem-b"])
    #expect(throws: expected) {
      try SectionParser.parse(Self.threeSections, path: "three.tex", selecting: .label("lemma-c"))
    }
    #expect(
      expected.description
        == "'three.tex' has no section or item labelled 'lemma-c'; choose one of its labels: section-alpha, "
        + "section-beta, lemma-a, lemma-b, theorem-b.")
  }

  @Test func aMissingNumberListsTheNumbersThatExist() {
    let expected = SectionError.numberNotFound(
      "4", path: "three.tex", available: ["1", "2", "3", "1.1", "2.1", "2.2"])
    #expect(throws: expected) {
      try SectionParser.parse(Self.threeSections, path: "three.tex", selecting: .number("4"))
    }
    #expect(expected.description.contains("choose one of its section numbers: 1, 2, 3, 1.1, 2.1, 2.2."))
  }

  @Test func aSectionWithoutItemsIsEmpty() {
    #expect(throws: SectionError.empty(section: "3 Gamma", path: "three.tex")) {
      try SectionParser.parse(Self.threeSections, path: "three.tex", selecting: .number("3"))
    }
    #expect(SectionError.empty(section: "3 Gamma", path: "three.tex").description.contains("no definition, lemma"))
  }

  @Test func parseAllKeepsEverySectionEmptyOnesIncluded() throws {
    let sections = try SectionParser.parseAll(Self.threeSections, path: "three.tex")
    #expect(sections.map(\.displayName) == ["1 Alpha", "2 Beta", "3 Gamma"])
    #expect(sections.map(\.items.count) == [1, 2, 0])
    #expect(sections[1].items.map(\.number) == ["2.1", "2.2"], "the counter starts again in every section")
    #expect(sections[2].introduction == "Only prose here.")
  }

  @Test func aFileWithoutSectionsIsOneSectionTitledByItsName() throws {
    let data = SectionFixture.latex("Some prose.\n\\begin{lemma}\\label{x} It holds. \\end{lemma}")
    let section = try SectionParser.parse(data, path: "/tmp/notes/my-notes.tex")
    #expect(section.title == "my-notes")
    #expect(section.number == nil)
    #expect(section.introduction == "Some prose.")
    #expect(section.items.map(\.number) == ["1"])
    // A bare fragment (no preamble, no document environment) reads the same way.
    let fragment = Data("\\begin{theorem} Fragment. \\end{theorem}".utf8)
    #expect(try SectionParser.parse(fragment, path: "frag.tex").items.map(\.text) == ["Fragment."])
    #expect(throws: SectionError.labelNotFound("x", path: "frag.tex", available: [])) {
      try SectionParser.parse(fragment, path: "frag.tex", selecting: .label("x"))
    }
    #expect(
      SectionError.labelNotFound("x", path: "frag.tex", available: []).description.contains("it has no labels at all"))
  }

  @Test func aFileWithoutItemsIsAnEmptySection() {
    #expect(throws: SectionError.empty(section: "prose", path: "prose.tex")) {
      try SectionParser.parse(Data("Just words.\n".utf8), path: "prose.tex")
    }
    #expect(throws: SectionError.empty(section: "blank", path: "blank.html")) {
      try SectionParser.parse(Data(), path: "blank.html")
    }
  }

  @Test(arguments: SectionFormat.allCases) func bytesThatAreNotUTF8AreRejected(_ format: SectionFormat) {
    let data = Data([0x5C, 0x73, 0x65, 0x63, 0xFF, 0xFE, 0x3C])
    #expect(throws: SectionError.notText(path: "bad")) {
      try SectionParser.parse(data, path: "bad", format: format)
    }
    #expect(SectionError.notText(path: "bad").description.contains("iconv"))
  }
}
