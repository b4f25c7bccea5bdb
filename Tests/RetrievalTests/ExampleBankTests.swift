import Foundation
import Testing

@testable import Retrieval

/// The example bank of the repository, and the validation that guards it.
@Suite struct ExampleBankTests {
  /// One valid line, to be broken field by field.
  private static let validFields: [String: String] = [
    "id": "t.one", "kind": "theorem", "domain": "algebra", "formal_name": "mul_comm",
    "formal_statement": "theorem mul_comm {G : Type*} [CommMagma G] (a b : G) : a * b = b * a",
    "informal_name": "Product of a and b equals product of b and a",
    "informal_statement": "For all $a, b \\in G$, $a b = b a$.",
  ]

  private static func line(_ fields: [String: String]) -> String {
    let members = fields.keys.sorted().map { key in
      "\"\(key)\": \"\(fields[key]!.replacingOccurrences(of: "\\", with: "\\\\"))\""
    }
    return "{" + members.joined(separator: ", ") + "}"
  }

  private static func replacing(_ key: String, with value: String?) -> String {
    var fields = validFields
    fields[key] = value
    return line(fields)
  }

  @Test func theRepositoryBankLoadsAndCoversEveryDomainAndKind() throws {
    let bank = try ExampleBank.load(directory: Fixtures.exampleDirectory)
    #expect(bank.examples.count >= 36)
    #expect(Set(bank.examples.map(\.id)).count == bank.examples.count)
    let required: Set<String> = [
      "algebra", "order", "analysis", "sets_functions", "logic", "number_theory", "combinatorics",
    ]
    #expect(bank.domains.isSuperset(of: required))
    #expect(bank.kinds == Set(Example.Kind.allCases))
    #expect(bank["comb.sum_range_succ"]?.formalName == "Finset.sum_range_succ")
    for example in bank.examples {
      #expect(example.informalStatement.contains("$"), "\(example.id) should state its mathematics in LaTeX")
    }
  }

  @Test(arguments: [
    ("{\"id\": ", "not valid JSON"),
    ("[1, 2]", "one JSON object"),
    (replacing("informal_statement", with: nil), "missing field 'informal_statement'"),
    (replacing("domain", with: "  "), "field 'domain' is empty"),
    (replacing("kind", with: "lemma"), "kind 'lemma' is not one of theorem, definition, instance, structure"),
    (replacing("kind", with: "definition"), "must start with 'def'"),
    (replacing("formal_name", with: "add_comm"), "does not mention formal_name 'add_comm'"),
    (replacing("id", with: "two words"), "contains white space"),
    ("{\"id\": 3}", "field 'id' must be a string"),
  ])
  func aMalformedLineIsReportedWithItsFileAndLine(text: String, reason: String) throws {
    let folder = try Fixtures.temporaryFolder()
    let path = folder.appendingPathComponent("bank.jsonl").path
    var second = Self.validFields
    second["id"] = "t.two"
    // Line 2 is blank: line numbers count every line of the file.
    try [Self.line(Self.validFields), "", Self.line(second), text].joined(separator: "\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try ExampleBank.load(directory: folder.path)
      Issue.record("expected an error for \(text)")
    } catch .malformed(let file, let line, let message) {
      #expect(file == path)
      #expect(line == 4)
      #expect(message.contains(reason), "\(message)")
      let description = ExampleBankError.malformed(file: file, line: line, reason: message).description
      #expect(description.hasPrefix("\(path):4: "))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func aDuplicateIDNamesBothPlaces() throws {
    let folder = try Fixtures.temporaryFolder()
    let line = Self.line(Self.validFields)
    try line.write(to: folder.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
    try "\n\(line)\n".write(to: folder.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
    #expect(
      throws: ExampleBankError.duplicateID(
        id: "t.one", file: folder.appendingPathComponent("b.jsonl").path, line: 2,
        firstFile: folder.appendingPathComponent("a.jsonl").path, firstLine: 1)
    ) {
      _ = try ExampleBank.load(directory: folder.path)
    }
  }

  @Test func aFolderWithoutExamplesIsAnError() throws {
    let folder = try Fixtures.temporaryFolder()
    try "\n\n".write(to: folder.appendingPathComponent("empty.jsonl"), atomically: true, encoding: .utf8)
    #expect(throws: ExampleBankError.noExamples(directory: folder.path)) {
      _ = try ExampleBank.load(directory: folder.path)
    }
    #expect(throws: ExampleBankError.self) {
      _ = try ExampleBank.load(directory: folder.appendingPathComponent("missing").path)
    }
  }
}
