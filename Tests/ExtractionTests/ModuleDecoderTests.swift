import Foundation
import HeraldCore
import Testing

@testable import Extraction

/// Decoding jixia's own output for its Example.lean, checked against the files themselves.
@Suite struct ModuleDecoderTests {
  private func decodeReal() throws -> ModuleAnalysis {
    let raw = try TestSupport.realFiles()
    var files: [AnalyzerPlugin: [UInt8]] = [:]
    for (key, value) in raw { files[AnalyzerPlugin(rawValue: key)!] = value }
    return try ModuleDecoder.decode(module: "Example", files: files, source: nil)
  }

  @Test func decodesEveryDeclarationAndSymbolOfTheRealFixture() throws {
    let analysis = try decodeReal()
    #expect(analysis.declarations.count == 24)
    #expect(analysis.symbols.count == 73)
    #expect(analysis.plugins == [.declaration, .symbol, .elaboration])
    #expect(analysis.header == nil)
    let names = analysis.declarations.map(\.name.dotted)
    #expect(names.first == "hello")
    #expect(names.contains("Option.neg_is_some_none"))
    #expect(names.contains("Demo.«term_≋_»") || names.contains("Demo.term_≋_"))
    let example = analysis.declarations.first { $0.kind == "example" }
    #expect(example?.name.dotted == "_example")
  }

  @Test func repairsTheConstructorDoublePrefix() throws {
    let analysis = try decodeReal()
    let isSome = try #require(analysis.declarations.first { $0.name.dotted == "Option.IsSome" })
    #expect(isSome.constructors.map(\.name.dotted) == ["Option.IsSome.of_some"])
    let isRight = try #require(analysis.declarations.first { $0.name.dotted == "Sum.IsRight" })
    #expect(isRight.constructors.map(\.name.dotted) == ["Sum.IsRight.of_right"])
    #expect(analysis.symbols.contains { $0.name.dotted == "Sum.IsRight.of_right" && $0.kind == "constructor" })
  }

  @Test func readsScopeModifiersAndSignatureTexts() throws {
    let analysis = try decodeReal()
    let theorem = try #require(analysis.declarations.first { $0.name.dotted == "eq_trans_sym" })
    #expect(theorem.kind == "theorem")
    #expect(theorem.signatureText == "{a b c : α} : a = b → b = c → c = a")
    #expect(theorem.refRange == 365..<468)
    #expect(theorem.valueRange == 427..<468)
    #expect(theorem.varDecls == ["variable {α : Type u}"])
    #expect(theorem.levelNames == ["u"])
    #expect(theorem.openDecls == ["open Lean renaming Name → ame"])
    let hello = try #require(analysis.declarations.first { $0.name.dotted == "hello" })
    #expect(hello.openDecls == ["open IO", "open Lean renaming Name → ame"])
    let pow = try #require(analysis.declarations.first { $0.name.dotted == "pow'" })
    #expect(pow.docString == "pow' x n = x ^ (n + 1) ")
    #expect(pow.modifiersRange == 1403..<1432)
    let generated = analysis.declarations.filter(\.isGenerated).map(\.name.last)
    #expect(generated.allSatisfy { $0.hasPrefix("_aux") || $0.hasPrefix("term") })
  }

  @Test func rebuildsStatementAndValueFromPrettyPrintedTextWithoutSources() throws {
    let analysis = try decodeReal()
    let index = try #require(analysis.declarations.firstIndex { $0.name.dotted == "eq_trans_sym" })
    let text = analysis.texts[index]
    #expect(text.statement == "theorem eq_trans_sym {a b c : α} : a = b → b = c → c = a")
    #expect(text.value == ":=\n  by\n  intro h₁ h₂\n  rw [h₁, h₂]")
    let powIndex = try #require(analysis.declarations.firstIndex { $0.name.dotted == "pow'" })
    #expect(analysis.texts[powIndex].statement?.hasPrefix("def pow'") == true)
  }

  @Test func decodesSymbolsWithSortedReferencesAndDisplayType() throws {
    let analysis = try decodeReal()
    let symbol = try #require(analysis.symbols.first { $0.name.dotted == "eq_trans_sym" })
    #expect(symbol.kind == "theorem")
    #expect(symbol.isProp)
    #expect(symbol.typeReadable == nil)
    #expect(symbol.displayType == "∀ {α : Type u} {a b c : α}, Eq a b → Eq b c → Eq c a")
    #expect(symbol.typeReferences == ["Eq"])
    #expect(symbol.valueReferences == ["Eq", "Eq.mpr", "Eq.refl", "congrArg", "id"])
    let recursor = try #require(analysis.symbols.first { $0.kind == "recursor" })
    #expect(recursor.valueReferences == nil)
  }

  @Test func picksOneStepPerTacticAsTheFormatDocumentSays() throws {
    let analysis = try decodeReal()
    let index = try #require(analysis.declarations.firstIndex { $0.name.dotted == "eq_trans_sym" })
    let steps = analysis.steps.filter { $0.declarationIndex == index }
    #expect(steps.map(\.tactic) == ["intro h₁ h₂", "rw [h₁, h₂]"])
    #expect(steps.map(\.range) == [435..<450, 453..<468])
    #expect(steps.map(\.depth) == [0, 0])
    let before = try goals(steps[0].goalsBefore)
    #expect(before.first?["type"] as? String == "a = b → b = c → c = a")
    #expect(before.first?["acted_on"] as? Bool == true)
    #expect(try goals(steps[0].goalsAfter).first?["type"] as? String == "c = a")
    #expect(try goals(steps[1].goalsAfter).isEmpty)
  }

  @Test func keepsSimpUsedTheoremsAndNestedBulletSteps() throws {
    let analysis = try decodeReal()
    let simpIndex = try #require(analysis.declarations.firstIndex { $0.name.dotted == "simp_test" })
    let simp = try #require(analysis.steps.first { $0.declarationIndex == simpIndex && $0.tactic == "simp" })
    let used = try JSONSerialization.jsonObject(with: Data((simp.usedTheorems ?? "null").utf8)) as? [String]
    #expect(used == ["Nat.add_zero", "Nat.mul_one", "Nat.zero_add", "Nat.mul_zero"])
    let hypotheses = try goals(simp.goalsBefore).first?["hypotheses"] as? [[String: Any]]
    #expect(hypotheses?.first?["name"] as? String == "x")
    #expect(hypotheses?.first?["binder"] as? String == "default")

    let cdotIndex = try #require(analysis.declarations.firstIndex { $0.name.dotted == "cdot_test" })
    let cdot = analysis.steps.filter { $0.declarationIndex == cdotIndex }
    #expect(
      cdot.map(\.tactic) == [
        "constructor", "· intro A x\n    exact x", "intro A x", "exact x", "· constructor", "constructor",
      ])
    #expect(cdot.map(\.depth) == [0, 0, 1, 1, 0, 1])
    let comp = try #require(analysis.declarations.firstIndex { $0.name.dotted == "comp_test" })
    #expect(!analysis.steps.contains { $0.declarationIndex == comp })
  }

  @Test func deduplicatesRepeatedRangesAndDropsExpansions() throws {
    let analysis = try decodeReal()
    for index in analysis.declarations.indices {
      let ranges = analysis.steps.filter { $0.declarationIndex == index }.compactMap(\.range)
      #expect(Set(ranges).count == ranges.count)
    }
    let rcases = try #require(analysis.declarations.firstIndex { $0.name.dotted == "rcases_test" })
    #expect(
      analysis.steps.filter { $0.declarationIndex == rcases }.map(\.tactic)
        == ["rcases h with ⟨k, hk⟩", "rw [hk]", "exact ⟨k + 1, rfl⟩"])
  }

  private func goals(_ json: String) throws -> [[String: Any]] {
    try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
  }
}
