import Sections
import Testing

@testable import Formalization

/// The Lean file a section becomes.
@Suite struct SectionLeanFileTests {
  static let section = ParsedSection(
    format: .latex, title: "Kernels", number: "1", label: "section-kernels", introduction: "We study -/ kernels.",
    items: [], unknownMacros: [], warnings: [])

  static func item(_ index: Int, _ text: String) -> SectionItem {
    SectionItem(
      index: index, kind: index == 1 ? .definition : .lemma, label: "item-\(index)", number: "1.\(index)",
      title: nil, text: text, references: [], proof: nil)
  }

  @Test func acceptedItemsAreCodeWithTheirTextAsDocCommentsAndRejectedOnesAreComments() {
    var file = SectionLeanFile(header: "import Mathlib", section: Self.section, source: "notes/kernels.tex")
    file.accept("open Function\ndef double (n : ℕ) : ℕ := 2 * n", for: Self.item(1, "The double of $n$ is $2n$."))
    file.reject(
      Self.item(2, "The double is even -/ really."), note: "herald: not formalized: errors",
      code: "theorem bad : False := by sorry")
    let text = file.text
    #expect(text.hasPrefix("import Mathlib\n"))
    #expect(text.contains("Formalized by herald from `notes/kernels.tex`, section `section-kernels`"))
    #expect(text.contains("We study - / kernels."))
    #expect(text.contains("open Function\n/-- Definition 1.1 (item-1): The double of $n$ is $2n$. -/\ndef double"))
    #expect(text.contains("/- Lemma 1.2 (item-2): The double is even - / really."))
    #expect(text.contains("theorem bad : False := by sorry\n-/"))
    // Checks leave the commented-out item out.
    #expect(!file.checked.contains("theorem bad"))
    #expect(file.checked.contains("def double"))
    #expect(file.declarations == "open Function\ndef double (n : ℕ) : ℕ := 2 * n")
    // The items live in the section's namespace, which the finished file closes.
    #expect(text.contains("-/\n\nnamespace SectionKernels\n"))
    #expect(file.finished.hasSuffix("\nend SectionKernels\n"))
  }

  @Test(arguments: [
    ("section-kernels", "Kernels", "SectionKernels"),
    (nil, "Kernels of group homomorphisms", "KernelsOfGroupHomomorphisms"),
    ("9.15", "Normal extensions", "Section915"), (nil, "Über Gruppen", "BerGruppen"),
  ])
  func theNamespaceIsAnIdentifierFromTheLabelOrTitle(_ label: String?, _ title: String, _ name: String) {
    let section = ParsedSection(
      format: .latex, title: title, number: nil, label: label, introduction: "", items: [], unknownMacros: [],
      warnings: [])
    #expect(SectionLeanFile.namespaceName(section) == name)
  }

  @Test func aPlacementMapsFileLinesToTheLinesOfTheModelsCode() {
    let file = SectionLeanFile(header: "import Mathlib", section: Self.section, source: "kernels.tex")
    let placement = file.appending("open Nat\ntheorem t :\n  True := by sorry", for: Self.item(2, "True."))
    let lines = placement.text.split(separator: "\n", omittingEmptySubsequences: false)
    let openLine = lines.firstIndex(of: "open Nat")! + 1
    let declarationLine = lines.firstIndex(of: "theorem t :")! + 1
    #expect(placement.codeLine(openLine) == 1)
    #expect(placement.codeLine(declarationLine) == 2)
    #expect(placement.codeLine(declarationLine + 1) == 3)
    #expect(placement.codeLine(declarationLine - 1) == nil)
    #expect(placement.lines.contains(declarationLine + 1))
    #expect(!placement.lines.contains(declarationLine + 2))
  }
}
