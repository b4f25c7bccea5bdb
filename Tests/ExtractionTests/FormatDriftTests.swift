import HeraldCore
import Testing

@testable import Extraction

/// Older jixia output (tag v4.11.0, the Herald paper's era) and the odd corners of the current
/// format decode to the same values as the current format.
@Suite struct FormatDriftTests {
  private func decode(_ plugin: AnalyzerPlugin, _ json: String) throws -> ModuleAnalysis {
    var files: [AnalyzerPlugin: [UInt8]] = [.declaration: Array("[]".utf8), .symbol: Array("[]".utf8)]
    files[plugin] = Array(json.utf8)
    return try ModuleDecoder.decode(module: "Old", files: files, source: nil)
  }

  @Test func readsTheOldDeclarationShape() throws {
    let old = """
      [{"kind":"inductive","name":["Tree"],"fullname":["Demo","Tree"],
        "ref":{"range":[10,80],"original":true,"str":"inductive Tree where\\n  | leaf"},
        "id":{"range":[20,24],"original":true},
        "signature":{"range":[24,24],"original":true,"str":""},
        "modifiers":{"docString":"A tree. ","visibility":"protected","isNoncomputable":true,"attrs":[]},
        "scopeInfo":{"varDecls":[],"levelNames":[]},
        "constructors":[{"kind":"ctor","name":["Demo","Demo","Tree","leaf"],"ref":{"range":[30,36],"original":true,"str":"| leaf"}}]}]
      """
    let declaration = try #require(try decode(.declaration, old).declarations.first)
    #expect(declaration.name.dotted == "Demo.Tree")
    #expect(declaration.refText == "inductive Tree where\n  | leaf")
    #expect(declaration.docString == "A tree. ")
    #expect(declaration.isProtected)
    #expect(declaration.visibility == "regular")
    #expect(declaration.computeKind == "noncomputable")
    #expect(declaration.namespace == .anonymous)
    #expect(declaration.constructors.map(\.kind) == ["constructor"])
    #expect(declaration.constructors.map(\.name.dotted) == ["Demo.Tree.leaf"])
  }

  @Test func readsTheOldSymbolShapeAndKinds() throws {
    let old = """
      [{"kind":"def","name":["f"],"type":"Nat → Nat","isProp":false,"typeReferences":[["Nat"]],"valueReferences":null},
       {"kind":"quot","name":["Q"],"type":"Sort u","isProp":false,"typeReferences":[]}]
      """
    let symbols = try decode(.symbol, old).symbols
    #expect(symbols.map(\.kind) == ["definition", "quotient"])
    #expect(symbols[0].displayType == "Nat → Nat")
    #expect(symbols[0].typeFallback == "Nat → Nat")
    #expect(symbols[0].valueReferences == nil)
    #expect(symbols[1].typeReferences == [])
  }

  @Test func readsBothModuleShapes() throws {
    let current = try decode(.module, #"{"imports":[["Init"],["Mathlib","Logic","Basic"]],"docstring":["\n Head \n"]}"#)
    #expect(current.header?.imports == ["Init", "Mathlib.Logic.Basic"])
    #expect(current.header?.docstring == "Head")
    let old = try decode(.module, #"[["Init"],["Lean"]]"#)
    #expect(old.header?.imports == ["Init", "Lean"])
    #expect(old.header?.docstring == nil)
  }

  @Test func namesMixStringsAndNumbersAndDottedFormsRoundTrip() throws {
    let json = """
      [{"kind":"theorem","name":["_private","Old",0,"List","getLast?","match_1","eq_1"],"typeFallback":"T",
        "typeReferences":[["Nat","add"],["Demo","term_≋_"],["x.y"]],"valueReferences":[],"isProp":true}]
      """
    let symbol = try #require(try decode(.symbol, json).symbols.first)
    #expect(symbol.name.dotted == "_private.Old.0.List.getLast?.match_1.eq_1")
    #expect(symbol.name.hasNumericComponent)
    #expect(symbol.typeReferences == ["Demo.term_≋_", "Nat.add", "«x.y»"])
    #expect(LeanName(dotted: "_private.Old.0.List").components[2] == .number(0))
    #expect(LeanName(dotted: "Demo.«term_≋_»").components == [.string("Demo"), .string("term_≋_")])
    #expect(LeanName(dotted: "«x.y».z").components == [.string("x.y"), .string("z")])
    #expect(symbol.typeFull == nil)
  }

  @Test func omittedAndNullFieldsBothDecodeAsAbsent() throws {
    let json = """
      [{"kind":"axiom","name":["ax"],"ref":{"original":true,"range":null},"id":{"original":false,"range":null},
        "signature":{"original":false,"pp":"","range":null},"type":null,"value":null,
        "modifiers":{"stx":null,"attrs":[{"kind":"global","name":["simp"],"stx":null}]},"scopeInfo":{}}]
      """
    let declaration = try #require(try decode(.declaration, json).declarations.first)
    #expect(declaration.refRange == nil)
    #expect(declaration.valueRange == nil)
    #expect(declaration.typeRange == nil)
    #expect(declaration.signatureText == "")
    #expect(declaration.attributes == ["simp"])
    #expect(declaration.modifiersRange == nil)
  }

  @Test func anUnknownKindIsKeptWithAWarningAndUnknownFieldsAreIgnored() throws {
    let json =
      #"[{"kind":"mysteryCommand","name":["m"],"futureField":{"x":[1,2]},"ref":{"original":true,"range":[0,5]}}]"#
    let analysis = try decode(.declaration, json)
    #expect(analysis.declarations.map(\.kind) == ["mysteryCommand"])
    #expect(analysis.warnings.map(\.reason) == ["unknown_kind"])
    #expect(analysis.warnings.first?.path == "[0].kind")
  }

  @Test(arguments: [
    (AnalyzerPlugin.declaration, #"{"not":"an array"}"#, ""),
    (AnalyzerPlugin.declaration, #"[{"name":["x"]}]"#, "[0].kind"),
    (AnalyzerPlugin.symbol, #"[{"kind":"theorem","name":["x"],"isProp":true}]"#, "[0].typeFallback"),
    (
      AnalyzerPlugin.symbol, #"[{"kind":"theorem","name":["x"],"typeFallback":"T","typeReferences":[[1.5]]}]"#,
      "[0].typeReferences[0]"
    ),
    (AnalyzerPlugin.line, #"[{"state":[]}]"#, "[0].start"),
    (AnalyzerPlugin.elaboration, #"[5]"#, ""),
  ])
  func wrongShapesNameTheirCodingPath(plugin: AnalyzerPlugin, json: String, path: String) {
    #expect(throws: DecodeError.self) { _ = try decode(plugin, json) }
    do {
      _ = try decode(plugin, json)
    } catch let error as DecodeError {
      #expect(error.reason == .unexpectedShape)
      #expect(error.plugin == plugin)
      #expect(error.path == path)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }
}
