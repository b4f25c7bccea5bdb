import Extraction
import Foundation
import HeraldCore
import Storage
import Testing

@testable import Translation

/// Assembled prompts for sample declarations, compared with reviewed golden files. To accept an
/// intended change, run with HERALD_UPDATE_GOLDEN=1 and review the diff of Tests/TranslationTests/Golden.
@Suite(.serialized) struct PromptGoldenTests {
  private static let packageRoot = SampleFixture.packageRoot

  private static func sampleDatabase() async throws -> SQLiteConnection {
    try HeraldDatabase.openExisting(path: try await SampleFixture.database())
  }

  private func symbolID(_ connection: SQLiteConnection, _ name: String) throws -> Int {
    try #require(try connection.scalarInt("SELECT id FROM symbols WHERE name = ?1", [.text(name)]))
  }

  private func rendered(_ context: TranslationContext) throws -> String {
    let family = PromptTemplate.Family.of(kind: context.kind)
    let template = try PromptTemplate.load(
      family, from: Self.packageRoot.appendingPathComponent("pipelines/prompts").path)
    return template.render(context.placeholderValues()).map { "### \($0.role)\n\($0.content)" }.joined(
      separator: "\n\n")
      + "\n"
  }

  private func compare(_ text: String, golden name: String) throws {
    let path = Self.packageRoot.appendingPathComponent("Tests/TranslationTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["HERALD_UPDATE_GOLDEN"] == "1" {
      try text.write(to: path, atomically: true, encoding: .utf8)
    }
    let golden = try String(contentsOf: path, encoding: .utf8)
    #expect(text == golden, "prompt differs from \(name); rerun with HERALD_UPDATE_GOLDEN=1 and review the diff")
  }

  @Test func theoremPromptWithDependenciesNeighboursExamplesAndTranslations() async throws {
    let connection = try await Self.sampleDatabase()
    let loader = ContextLoader(connection: connection)
    let examples = [
      TranslationContext.Example(
        formal: "theorem two_mul (a : ℕ) : 2 * a = a + a", informalName: "Doubling is adding to itself",
        informalStatement: "For every natural number $a$, $2a = a + a$.")
    ]
    let context = try #require(
      try loader.context(
        symbolID: symbolID(connection, "Sample.quadruple_add"), examples: examples,
        informal: { name in
          name == "Sample.quadruple"
            ? (
              "Quadrupling",
              "For $n \\in \\mathbb{N}$, $\\mathrm{quadruple}(n) = \\mathrm{double}(\\mathrm{double}(n))$."
            )
            : nil
        }))
    #expect(context.kind == "theorem")
    #expect(context.headStatement?.isEmpty == false)
    #expect(context.dependencies.contains { $0.name == "Sample.quadruple" && $0.informalName == "Quadrupling" })
    #expect(context.dependencies.first?.onType == true)
    #expect(!context.neighbours.isEmpty && context.neighbours.count <= 4)
    #expect(context.formalDefinition == nil)
    try compare(try rendered(context), golden: "Sample.quadruple_add.txt")
  }

  @Test func definitionAndInstancePromptsShowTheBody() async throws {
    let connection = try await Self.sampleDatabase()
    let loader = ContextLoader(connection: connection)
    let definition = try #require(try loader.context(symbolID: symbolID(connection, "Sample.quadHom")))
    #expect(PromptTemplate.Family.of(kind: definition.kind) == .definition)
    #expect(definition.formalDefinition?.isEmpty == false)
    try compare(try rendered(definition), golden: "Sample.quadHom.txt")
    let instance = try #require(try loader.context(symbolID: symbolID(connection, "Sample.instMonoidNat")))
    #expect(PromptTemplate.Family.of(kind: instance.kind) == .instance)
    try compare(try rendered(instance), golden: "Sample.instMonoidNat.txt")
  }

  @Test func aLongDependencyListIsBoundedWithANote() async throws {
    let connection = try await Self.sampleDatabase()
    var loader = ContextLoader(connection: connection)
    loader.maxDependencies = 1
    let context = try #require(try loader.context(symbolID: symbolID(connection, "Sample.quadruple_add")))
    #expect(context.dependencies.count == 1)
    #expect(context.omittedDependencies >= 1)
    #expect(context.placeholderValues()["dependencies"]?.contains("more dependencies, left out") == true)
  }

  @Test func templatesParseAndVersionByContent() throws {
    let folder = Self.packageRoot.appendingPathComponent("pipelines/prompts").path
    for family in PromptTemplate.Family.allCases {
      let template = try PromptTemplate.load(family, from: folder)
      #expect(template.messages.map(\.role) == ["system", "user", "assistant", "user"])
      #expect(template.version.count == 16)
    }
    let one = try PromptTemplate.parse("## user\n{{formal_statement}}", family: .theorem)
    let two = try PromptTemplate.parse("## user\nTranslate {{formal_statement}}", family: .theorem)
    #expect(one.version != two.version)
    #expect(throws: PromptTemplate.Invalid.self) {
      try PromptTemplate.parse("## user\nno placeholder", family: .theorem)
    }
  }
}
