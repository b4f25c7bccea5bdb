import Foundation
import Testing

@testable import Sections

/// LaTeX: macros, comments, text rendering, numbering, and environments left open.
@Suite struct LaTeXDocumentTests {
  // MARK: Macros

  private static let macroPreamble = """
    \\newcommand{\\R}{\\mathbb{R}}
    \\newcommand{\\norm}[1]{\\lVert #1 \\rVert}
    \\newcommand{\\pair}[2][x]{(#1, #2)}
    \\renewcommand{\\phi}{\\varphi}
    \\providecommand{\\R}{\\mathbb{Q}}
    \\DeclareMathOperator*{\\argmax}{arg\\,max}
    \\newcommand*\\Grp{\\mathbf{Grp}}
    \\def\\twice#1{#1#1}
    \\newcommand{\\name}{Lagrange}
    """

  @Test(arguments: [
    ("$v \\in \\R^n$", "$v \\in \\mathbb{R}^n$"),
    ("$\\norm{\\norm{v}}$", "$\\lVert \\lVert v \\rVert \\rVert$"),
    ("$\\norm v$", "$\\lVert v \\rVert$"),
    ("$\\pair{y} = \\pair[z]{y}$", "$(x, y) = (z, y)$"),
    ("$\\phi$", "$\\varphi$"),
    ("$\\argmax f$", "$\\operatorname*{arg\\,max} f$"),
    ("$G \\in \\Grp$", "$G \\in \\mathbf{Grp}$"),
    ("$\\twice{ab}$", "$abab$"),
    ("By \\name's theorem", "By Lagrange's theorem"),
    ("the \\name{} theorem", "the Lagrange theorem"),
    ("$\\Grp x$", "$\\mathbf{Grp} x$"),
  ])
  func macrosOfTheFileAreExpanded(_ statement: String, _ expected: String) throws {
    let item = try SectionFixture.lemmaText(statement, preamble: Self.macroPreamble)
    #expect(item.text == expected)
  }

  @Test func unknownMacrosAreKeptVerbatimAndReported() throws {
    let data = SectionFixture.latex(
      """
      \\section{S}
      \\begin{lemma}
      We \\frobnicate{x}[y] with $\\weird{a} + \\alpha$ and \\frobnicate again; $\\Hom$ is defined.
      \\end{lemma}
      """, preamble: "\\newcommand{\\Hom}{\\mathrm{Hom}}")
    let section = try SectionParser.parse(data, path: "u.tex")
    #expect(
      section.items[0].text
        == "We \\frobnicate{x}[y] with $\\weird{a} + \\alpha$ and \\frobnicate again; $\\mathrm{Hom}$ is defined.")
    #expect(section.unknownMacros == ["\\frobnicate", "\\weird"])
    #expect(section.warnings.count == 2)
    #expect(section.warnings[0].hasPrefix("\\frobnicate (first used at line 6) is neither defined"))
    #expect(section.warnings[1].hasPrefix("\\weird (first used at line 6)"))
  }

  @Test func aMacroThatUsesItselfStopsWithAWarning() throws {
    let data = SectionFixture.latex(
      "\\section{S}\n\\begin{lemma} Loop $\\again$ done. \\end{lemma}",
      preamble: "\\newcommand{\\again}{x\\again}")
    let section = try SectionParser.parse(data, path: "loop.tex")
    #expect(section.items[0].text.hasPrefix("Loop $xxxx"))
    #expect(section.items[0].text.hasSuffix("\\again$ done."))
    #expect(section.warnings.contains { $0.contains("\\again expands too deeply") })
  }

  @Test func definitionsThatMultiplyStopAtABudget() throws {
    // Each macro uses the next twice: 2^20 expansions if nothing stopped them.
    let preamble = (0..<20).map {
      "\\newcommand{\\m\(Character(UnicodeScalar(97 + $0)!))}{\\m\(Character(UnicodeScalar(98 + $0)!))\\m\(Character(UnicodeScalar(98 + $0)!))}"
    }
    .joined(separator: "\n")
    let data = SectionFixture.latex("\\section{S}\n\\begin{lemma} Big $\\ma$. \\end{lemma}", preamble: preamble)
    let section = try SectionParser.parse(data, path: "bomb.tex")
    #expect(section.warnings.contains { $0.hasPrefix("Macros stopped expanding after 100000 expansions") })
    #expect(section.items[0].text.hasPrefix("Big $\\mu"))
  }

  // MARK: Comments

  @Test func commentsAreRemovedAsTeXRemovesThem() throws {
    let data = SectionFixture.latex(
      """
      \\section{S}
      % \\begin{theorem} a commented-out item \\end{theorem}
      \\begin{lemma}\\label{l} % the label is not a comment
      Every group%
         oid is fine, and 100\\% of $x$ % \\begin{remark}
      is here; a \\\\% line break, then a comment
      too.
      \\end{lemma}
      """)
    let section = try SectionParser.parse(data, path: "c.tex")
    #expect(section.items.count == 1)
    #expect(section.items[0].label == "l")
    #expect(section.items[0].text == "Every groupoid is fine, and 100% of $x$ is here; a too.")
    #expect(section.warnings.isEmpty)
  }

  // MARK: Text

  @Test(arguments: [
    ("An \\emph{open} set, \\textbf{bold} and \\textit{it}.", "An open set, bold and it."),
    ("Lemma~\\ref{a} and \\eqref{b}, \\cref{c,d}.", "Lemma \\ref{a} and \\eqref{b}, \\cref{c,d}."),
    ("Inline \\(x + y\\) and display \\[ x^2 \\] end.", "Inline $x + y$ and display $$x^2$$ end."),
    ("Display $$ \\sum_i a_i $$ end.", "Display $$\\sum_i a_i$$ end."),
    (
      "Then \\begin{equation}\\label{eq} a = b \\end{equation} holds.",
      "Then $$a = b$$ holds."
    ),
    (
      "We have \\begin{align*} a &= b \\\\ c &= d \\end{align*} so.",
      "We have $$\\begin{aligned}a &= b \\\\ c &= d\\end{aligned}$$ so."
    ),
    (
      "Either \\begin{enumerate} \\item $p$, or \\item $q$. \\end{enumerate}",
      "Either 1. $p$, or 2. $q$."
    ),
    ("Cases: \\begin{itemize}\\item[(a)] one \\item[(b)] two\\end{itemize}", "Cases: (a) one (b) two"),
    ("See \\cite[Thm.~2]{Serre} and \\S 3\\ldots", "See \\cite[Thm.~2]{Serre} and \\S 3\\ldots"),
    ("\\noindent Spaces \n\n  collapse\\quad here{}.", "Spaces collapse here."),
    ("Braces {group} only; $\\{1\\}$ stays.", "Braces group only; $\\{1\\}$ stays."),
    ("A $ 1 +\n   2 $ sum.", "A $1 + 2$ sum."),
  ])
  func textIsRenderedInTheNormalForm(_ statement: String, _ expected: String) throws {
    #expect(try SectionFixture.lemmaText(statement).text == expected)
  }

  @Test func referencesAreCollectedInOrderOnceFromTitleStatementAndProof() throws {
    let data = SectionFixture.latex(
      """
      \\section{S}
      \\begin{lemma}[After Lemma \\ref{z}]\\label{l}
      By \\ref{a} and \\cref{b, a} and again \\ref{z}.
      \\end{lemma}
      \\begin{proof} Use \\eqref{c} and \\ref{a}. \\end{proof}
      """)
    let item = try SectionParser.parse(data, path: "r.tex").items[0]
    #expect(item.title == "After Lemma \\ref{z}")
    #expect(item.references == ["z", "a", "b", "c"])
    #expect(item.proof == "Use \\eqref{c} and \\ref{a}.")
  }

  // MARK: Numbering and environments

  @Test func theoremDeclarationsDecideKindsAndNumbers() throws {
    let data = SectionFixture.latex(
      """
      \\setcounter{section}{4}
      \\section{Five}
      \\begin{thm}\\label{a} A. \\end{thm}
      \\begin{conj} C. \\end{conj}
      \\begin{mainlemma} B. \\end{mainlemma}
      \\begin{lemma*} Unnumbered. \\end{lemma*}
      \\begin{defn}[Thing] D. \\end{defn}
      """,
      preamble: """
        \\newtheorem{thm}{Theorem}[section]
        \\newtheorem{conj}[thm]{Conjecture}
        \\newtheorem{mainlemma}[thm]{Main Lemma}
        \\newtheorem{defn}[thm]{Definition}
        """)
    let section = try SectionParser.parse(data, path: "n.tex")
    #expect(section.number == "5")
    #expect(section.items.map(\.kind) == [.theorem, .lemma, .lemma, .definition])
    #expect(section.items.map(\.number) == ["5.1", "5.3", nil, "5.4"], "the conjecture takes 5.2 and is skipped")
    #expect(section.items.map(\.index) == [1, 2, 3, 4])
    #expect(section.items[3].title == "Thing")
    #expect(
      section.warnings == [
        "1 conj environment(s) (line 10) are not definitions, lemmas, propositions, theorems, corollaries, remarks "
          + "or examples and were skipped."
      ])
  }

  @Test func environmentsLeftOpenOrClosedOutOfOrderAreWarningsAndTheRestIsRead() throws {
    let data = SectionFixture.latex(
      """
      \\section{A}
      \\begin{lemma}\\label{first} First.
      \\begin{theorem}\\label{second} Second.
      \\end{theorem}
      \\begin{proposition} Third, \\begin{enumerate}\\item open list
      \\end{lemma}
      \\end{proposition}
      \\begin{remark} Never closed, with $x + y.
      \\section{B}
      \\begin{lemma}\\label{b} Fine. \\end{lemma}
      """)
    let sections = try SectionParser.parseAll(data, path: "open.tex")
    #expect(sections.count == 2)
    let a = sections[0]
    #expect(a.items.map(\.label) == ["first", "second", nil, nil])
    #expect(a.items.map(\.text) == ["First.", "Second.", "Third, 1. open list", "Never closed, with $x + y.$"])
    #expect(
      a.warnings == [
        "The lemma environment begun at line 5 is not closed before \\begin{theorem} at line 6; it was ended there.",
        "\\end{lemma} at line 9 has no matching \\begin{lemma}; it was ignored.",
        "The enumerate environment begun at line 8 is not closed before \\end{proposition} at line 10; it was ended there.",
        "The remark environment begun at line 11 is not closed before \\section at line 12; it was ended there.",
        "A $ is not closed at line 11; it was read to the end of its item.",
      ])
    #expect(sections[1].items.map(\.text) == ["Fine."])
    #expect(sections[1].warnings.isEmpty)
  }

  @Test func stacksEnvironmentsThatAreNoItemsKeepTheNumberingRight() throws {
    // Stacks' preamble lives in another file: its environments are known without declarations.
    let data = Data(
      """
      \\section{Ten\\label{section-ten}}
      \\begin{situation}\\label{situation-a} Let $R$ be a ring. \\end{situation}
      \\begin{remarks}\\label{remarks-b} Some remarks. \\end{remarks}
      \\begin{exercise} Do it. \\end{exercise}
      \\begin{definitions}\\label{definitions-c} Terms. \\end{definitions}
      """.utf8)
    let section = try SectionParser.parse(data, path: "stacks.tex", selecting: .label("section-ten"))
    #expect(section.title == "Ten")
    #expect(section.items.map(\.label) == ["remarks-b", "definitions-c"])
    #expect(section.items.map(\.kind) == [.remark, .definition])
    #expect(section.items.map(\.number) == ["1.2", "1.4"])
    #expect(section.warnings.count == 2)
  }

  @Test func anItemLeftOpenAtTheEndOfTheDocumentEndsThere() throws {
    let data = Data("\\section{Only}\n\\begin{lemma} Trailing statement\n".utf8)
    let section = try SectionParser.parse(data, path: "end.tex")
    #expect(section.items.map(\.text) == ["Trailing statement"])
    #expect(
      section.warnings == [
        "The lemma environment begun at line 2 is not closed before the end of the document; it was ended there."
      ])
  }

  @Test func theSectionLabelAndLinesFollowTheSourceAcrossComments() throws {
    let data = Data(
      """
      %% line 1
      \\section{Groups} % line 2
      \\label{section-groups}
      % line 4
      \\begin{lemma} x \\end{lemma}
      \\end{lemma}
      """.utf8)
    let section = try SectionParser.parse(data, path: "lines.tex")
    #expect(section.label == "section-groups")
    #expect(section.warnings == ["\\end{lemma} at line 6 has no matching \\begin{lemma}; it was ignored."])
  }
}
