import Retrieval
import Sections
import Testing

@testable import Formalization

/// What an item's prompt shows besides the item, and how it is cut to a budget.
@Suite struct ItemContextTests {
  static func item(_ index: Int, _ text: String, label: String, references: [String] = []) -> SectionItem {
    SectionItem(
      index: index, kind: index == 1 ? .definition : .lemma, label: label, number: "2.\(index)", title: nil, text: text,
      references: references, proof: nil)
  }

  static let items = [
    item(1, "A group homomorphism preserves products.", label: "def-hom"),
    item(2, "The weather is unrelated to algebra.", label: "rem-weather"),
    item(3, "The kernel of a homomorphism is the preimage of one.", label: "def-ker"),
    item(4, "The kernel of a homomorphism is a normal subgroup.", label: "lem-normal", references: ["def-ker"]),
  ]
  static let section = ParsedSection(
    format: .latex, title: "Kernels", number: "2", label: nil, introduction: "", items: items, unknownMacros: [],
    warnings: [])
  static let accepted = items.prefix(3).map {
    ItemContext.Accepted(item: $0, lean: "def lean\($0.index) : Prop := True", name: "lean\($0.index)")
  }
  static let hits = (1...3).map {
    RetrievalHit(
      source: .declaration, item: "Subgroup.Normal\($0)", formal: "theorem Subgroup.Normal\($0) : True",
      informalName: nil, informalStatement: "A fact \($0).", score: Double(10 - $0))
  }

  @Test func everythingFitsInALargeBudget() {
    let context = ItemContext.assemble(
      item: Self.items[3], section: Self.section, accepted: Self.accepted, hits: Self.hits, budget: 10_000)
    #expect(context.truncation == nil)
    #expect(context.earlier == ["def-hom", "rem-weather", "def-ker"])
    #expect(context.referenced == ["def-ker"])
    #expect(context.retrieved == ["Subgroup.Normal1", "Subgroup.Normal2", "Subgroup.Normal3"])
    #expect(context.text.contains("-- Lemma 2.3 (def-ker)\ndef lean3 : Prop := True"))
    #expect(context.text.contains("(in Lean: `lean3`): The kernel of a homomorphism is the preimage of one."))
    #expect(context.text.contains("Subgroup.Normal1: theorem Subgroup.Normal1 : True — A fact 1."))
  }

  @Test func aSmallBudgetDropsDeclarationsFirstThenTheLeastRelatedEarlierItems() {
    let full = ItemContext.assemble(
      item: Self.items[3], section: Self.section, accepted: Self.accepted, hits: Self.hits, budget: 10_000)
    let withoutHits = ItemContext.assemble(
      item: Self.items[3], section: Self.section, accepted: Self.accepted, hits: [], budget: 10_000)
    // Just too small for everything but the declarations: they go, the items stay.
    let cut = ItemContext.assemble(
      item: Self.items[3], section: Self.section, accepted: Self.accepted, hits: Self.hits,
      budget: withoutHits.text.count)
    #expect(cut.retrieved.isEmpty)
    #expect(cut.earlier.count == 3)
    #expect(cut.truncation?.contains("left out 3 related declarations, 0 earlier items") == true)
    // Smaller still: the earlier item least related to the item's text (the weather) goes first,
    // and the referenced one stays longest.
    let smaller = ItemContext.assemble(
      item: Self.items[3], section: Self.section, accepted: Self.accepted, hits: [],
      budget: withoutHits.text.count - 10)
    #expect(smaller.earlier == ["def-hom", "def-ker"])
    #expect(smaller.referenced == ["def-ker"])
    #expect(full.text.count > cut.text.count)
  }
}
