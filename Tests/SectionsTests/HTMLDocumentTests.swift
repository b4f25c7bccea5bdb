import Foundation
import Testing

@testable import Sections

/// HTML: LaTeXML markup, Stacks-style tag pages, and pages libxml2 has to recover.
@Suite struct HTMLDocumentTests {
  private static let malformed = """
    <html><body>
    <section class="ltx_section" id="s2"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">2 </span>Broken</h2>
    <div class="ltx_theorem ltx_theorem_lemma" id="l1"><h6 class="ltx_title ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem">Lemma 2.1</span>.</h6>
    <div class="ltx_para"><p class="ltx_p">Fish &amp chips and <b>bold <math alttext="x &lt; \\Weird y" display="inline"></math>
    </div></div></div></div>
    <div class="ltx_theorem ltx_theorem_theorem" id="t1"><h6 class="ltx_title ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem">Theorem 2.2</span>.</h6>
    <div class="ltx_para"><p class="ltx_p">Still read, see <a class="ltx_ref" href="#l1">2.1</a>.
    </section>
    </body></html>
    """

  @Test func malformedHTMLIsRecoveredWithLibxml2sMessagesAsWarnings() throws {
    let section = try SectionParser.parse(Data(Self.malformed.utf8), path: "bad.html")
    #expect(section.format == .html)
    #expect(section.displayName == "2 Broken")
    #expect(section.items.map(\.label) == ["l1", "t1"])
    #expect(section.items.map(\.text) == ["Fish &amp chips and bold $x < \\Weird y$", "Still read, see \\ref{l1}."])
    #expect(section.items[1].references == ["l1"])
    #expect(section.unknownMacros == ["\\Weird"])
    let recovered = section.warnings.filter { $0.hasPrefix("libxml2 recovered from malformed HTML at line ") }
    #expect(recovered.contains("libxml2 recovered from malformed HTML at line 4: htmlParseEntityRef: expecting ';'."))
    #expect(recovered.contains("libxml2 recovered from malformed HTML at line 5: Unexpected end tag : div."))
    #expect(recovered.count >= 3)
    #expect(section.warnings.contains { $0.hasPrefix("\\Weird (first used at line 4)") })
  }

  @Test func html5ElementsAreNotReportedAsErrors() throws {
    let (data, path) = try SectionFixture.sample(.html)
    #expect(try SectionParser.parse(data, path: path).warnings.isEmpty)
  }

  @Test func latexmlPagesWithSeveralSectionsAreSelectedByIdOrNumber() throws {
    let page = """
      <!DOCTYPE html><html><body><article class="ltx_document">
      <section class="ltx_section" id="S1"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">1 </span>One</h2>
      <div class="ltx_theorem ltx_theorem_thm" id="S1.Thmthm1"><h6 class="ltx_title ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem"><span class="ltx_text ltx_font_bold">Theorem 1.1</span></span><span class="ltx_text ltx_font_bold">.</span></h6>
      <div class="ltx_para"><p class="ltx_p">Statement <math alttext="a" display="inline"><semantics><mi>a</mi></semantics></math>.</p></div></div>
      </section>
      <section class="ltx_section" id="S2"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">2 </span>Two <math alttext="\\mathbb{Z}" display="inline"></math></h2>
      <div class="ltx_para"><p class="ltx_p">Intro.</p></div>
      <section class="ltx_subsection"><h3 class="ltx_title ltx_title_subsection"><span class="ltx_tag">2.1 </span>Sub</h3>
      <div class="ltx_theorem ltx_theorem_conj" id="S2.Thmconj1"><h6 class="ltx_title ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem">Conjecture 2.1</span>.</h6><p>Open.</p></div>
      <div class="ltx_theorem ltx_theorem_lem" id="S2.Thmlem2"><h6 class="ltx_title ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem">Lemma 2.2</span> (Key).</h6><div class="ltx_para"><p class="ltx_p">By <a class="ltx_ref" href="#S1.Thmthm1">1.1</a>, see <cite class="ltx_cite">[<a class="ltx_ref" href="#bib.bib1">1</a>]</cite>.</p></div></div>
      </section></section>
      </article></body></html>
      """
    let data = Data(page.utf8)
    #expect(throws: SectionError.ambiguous(path: "p.html", sections: ["1 One", "2 Two $\\mathbb{Z}$"])) {
      try SectionParser.parse(data, path: "p.html")
    }
    let two = try SectionParser.parse(data, path: "p.html", selecting: .label("S2"))
    #expect(two.introduction == "Intro.")
    #expect(two.items.count == 1)
    let lemma = two.items[0]
    #expect(lemma.kind == .lemma)
    #expect(lemma.number == "2.2")
    #expect(lemma.title == "Key")
    #expect(lemma.text == "By \\ref{S1.Thmthm1}, see [1].")
    #expect(lemma.references == ["S1.Thmthm1"])
    #expect(two.warnings.contains { $0.contains("Conjecture at line") || $0.contains("conj at line") })
    let one = try SectionParser.parse(data, path: "p.html", selecting: .number("1.1"))
    #expect(one.items.map(\.kind) == [.theorem])
    #expect(one.items[0].text == "Statement $a$.")
    #expect(one.label == "S1")
  }

  @Test(arguments: [
    ("Costs \\$5, \\{x\\} and 100\\%.", "Costs $5, {x} and 100%."),
    (
      "Lemma~\\ref{a} holds.",
      "Lemma&nbsp;<a class=\"ltx_ref\" href=\"#a\"><span class=\"ltx_ref_tag\">1</span></a> holds."
    ),
    (
      "An \\emph{open} set $U \\subseteq X$.",
      "An <em class=\"ltx_emph\">open</em> set <math alttext=\"U \\subseteq X\" display=\"inline\"><mi>U</mi></math>."
    ),
    (
      "Either \\begin{enumerate} \\item $p$ \\item $q$ \\end{enumerate}",
      "Either</p><ol class=\"ltx_enumerate\"><li class=\"ltx_item\"><span class=\"ltx_tag ltx_tag_item\">1.</span>"
        + "<div class=\"ltx_para\"><p class=\"ltx_p\"><math alttext=\"p\"></math></p></div></li>"
        + "<li class=\"ltx_item\"><span class=\"ltx_tag ltx_tag_item\">2.</span><div class=\"ltx_para\">"
        + "<p class=\"ltx_p\"><math alttext=\"q\"></math></p></div></li></ol><p class=\"ltx_p\">"
    ),
    (
      "So \\begin{equation} a = b \\label{e} \\end{equation} holds.",
      "So</p><table class=\"ltx_equation ltx_eqn_table\"><tr><td class=\"ltx_eqn_cell\">"
        + "<math alttext=\"a = b\" display=\"block\"></math></td><td class=\"ltx_eqn_cell ltx_eqn_eqno\">"
        + "<span class=\"ltx_tag ltx_tag_equation\">(1)</span></td></tr></table><p class=\"ltx_p\">holds."
    ),
  ])
  func aStatementReadsTheSameInLaTeXAndInLaTeXMLsHTML(_ latex: String, _ paragraph: String) throws {
    let fromLaTeX = try SectionFixture.lemmaText(latex)
    let page = """
      <html><body><section class="ltx_section" id="S1"><h2 class="ltx_title ltx_title_section">S</h2>
      <div class="ltx_theorem ltx_theorem_lemma" id="l"><h6 class="ltx_title ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem">Lemma 1.1</span>.</h6>
      <div class="ltx_para"><p class="ltx_p">\(paragraph)</p></div></div></section></body></html>
      """
    let fromHTML = try SectionParser.parse(Data(page.utf8), path: "l.html").items[0]
    #expect(fromHTML.text == fromLaTeX.text)
    #expect(fromHTML.references == fromLaTeX.references)
  }

  // MARK: Stacks-style tag pages

  private static let stacksPage = """
    <html><head><title>Section 10.5</title></head><body>
    <h2 class="tex-section" id="section-local"><span data-tag="00AA">10.5</span> Local rings</h2>
    <p>Rings are commutative; $R$ is a ring.</p>
    <article class="env-definition" id="00AB">
    <p><a class="environment-identifier" href="/tag/00AB">Definition <span data-tag="00AB">10.5.1</span>.</a> A ring $R$ is <em>local</em> if it has exactly one maximal ideal $\\mathfrak m$.</p>
    </article>
    <article class="env-lemma" id="00AC">
    <p><a class="environment-identifier" href="/tag/00AC">Lemma <span data-tag="00AC">10.5.2</span> (Units).</a> If $R$ is local (Definition&#160;<a href="/tag/00AB" data-tag="00AB">10.5.1</a>), then</p>
    <div class="equation">\\[  R^\\times   = R \\setminus \\mathfrak m.  \\]</div>
    </article>
    <article class="env-proof"><p>An element outside $\\mathfrak m$ lies in no maximal ideal; see <a href="https://stacks.math.columbia.edu/tag/00AB">10.5.1</a>.</p></article>
    <article class="env-exercise" id="00AD"><p><a class="environment-identifier" href="/tag/00AD">Exercise <span data-tag="00AD">10.5.3</span>.</a> Try it.</p></article>
    <h2 class="tex-section" id="section-next"><span data-tag="00AE">10.6</span> Next</h2>
    <article class="env-remark" id="00AF"><p><a class="environment-identifier" href="/tag/00AF">Remark <span data-tag="00AF">10.6.1</span>.</a> Later.</p></article>
    </body></html>
    """

  @Test func stacksTagPagesAreReadWithTheirTagsAsLabels() throws {
    let data = Data(Self.stacksPage.utf8)
    let section = try SectionParser.parse(data, path: "stacks.html", selecting: .label("00AC"))
    #expect(section.displayName == "10.5 Local rings")
    #expect(section.label == "00AA")
    #expect(section.introduction == "Rings are commutative; $R$ is a ring.")
    #expect(section.items.map(\.label) == ["00AB", "00AC"])
    #expect(section.items.map(\.number) == ["10.5.1", "10.5.2"])
    #expect(section.items.map(\.kind) == [.definition, .lemma])
    #expect(section.items[0].title == nil)
    #expect(section.items[0].text == "A ring $R$ is local if it has exactly one maximal ideal $\\mathfrak m$.")
    let lemma = section.items[1]
    #expect(lemma.title == "Units")
    #expect(lemma.text == "If $R$ is local (Definition \\ref{00AB}), then $$R^\\times = R \\setminus \\mathfrak m.$$")
    #expect(lemma.proof == "An element outside $\\mathfrak m$ lies in no maximal ideal; see \\ref{00AB}.")
    #expect(lemma.references == ["00AB"])
    #expect(section.warnings.contains { $0.hasPrefix("The exercise at line 12 is not a definition") })
    let next = try SectionParser.parse(data, path: "stacks.html", selecting: .number("10.6"))
    #expect(next.items.map(\.text) == ["Later."])
  }

  @Test func aSingleTagPageWithoutSectionsIsOneSection() throws {
    let page = """
      <html><body><article class="env-theorem" id="0ABC"><p><a class="environment-identifier" href="/tag/0ABC">Theorem <span data-tag="0ABC">3.1.4</span>.</a> Every $x$ works.</p></article></body></html>
      """
    let section = try SectionParser.parse(Data(page.utf8), path: "tag/0ABC.html")
    #expect(section.title == "0ABC")
    #expect(section.items.map(\.label) == ["0ABC"])
    #expect(section.items.map(\.number) == ["3.1.4"])
  }
}
