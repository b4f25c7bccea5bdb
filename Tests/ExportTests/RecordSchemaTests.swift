import Foundation
import Records
import Testing

@testable import Export

/// The validator against the bundled schemas and small schemas of its own.
@Suite struct RecordSchemaTests {
  private static func record(kind: String = "theorem", informalName: String = "Doubling adds") -> StatementRecord {
    StatementRecord(
      informalName: informalName, informalStatement: "For all $n$, $2n = n + n$.", formalName: "Nat.two_mul'",
      formalStatement: "theorem Nat.two_mul' (n : Nat) : 2 * n = n + n := sorry\n", kind: kind, module: "Sample.Arith",
      dependencies: ["Nat"],
      provenance: StatementRecord.Provenance(
        project: nil, gitRevision: nil, leanToolchain: "leanprover/lean4:v4.28.0", analyzer: "jixia#sha256:0",
        heraldVersion: "0.1.0", model: "m", promptVersion: "0123456789abcdef", createdAt: "2026-11-25T10:00:00Z"))
  }

  @Test(arguments: ExportView.allCases)
  func theBundledSchemasAreTheFilesOfSchemasFolderByteForByte(_ view: ExportView) throws {
    let file = ExportFixture.packageRoot.appendingPathComponent("schemas/\(view.schemaFile)")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(
      text == view.schema.text + "\n",
      "schemas/\(view.schemaFile) and BundledSchemas differ: copy the file's text into Sources/Export/BundledSchemas.swift"
    )
    #expect(view.schema.version == (view == .herald ? 3 : 1))
    #expect(view.schema.id.hasPrefix("urn:herald:schema:"))
  }

  @Test func aWellFormedRecordAndItsViewLinesConform() {
    let record = Self.record()
    for view in ExportView.allCases {
      for row in view.rows(for: record) {
        #expect(view.schema.violation(of: row) == nil, "\(view): \(row.jsonText)")
      }
    }
  }

  @Test func aRecordWithEveryKindOfVerdictConforms() {
    let message = RecordValidation.Message(
      severity: "error", line: 3, column: 4, endLine: nil, endColumn: nil, text: "unknown identifier 'x'")
    let validation = RecordValidation(
      status: .passed, reason: nil, compile: .init(outcome: "sorry", lean: "leanprover/lean4:v4.28.0"),
      backTranslationModel: "m", backTranslationPromptVersion: "0123456789abcdef",
      samples: [
        .init(
          text: nil, rawAnswer: "no Lean here", compile: .init(outcome: "not_run"), verdict: .notJudged, judgedBy: nil),
        .init(
          text: "example : x = x := sorry", rawAnswer: nil, compile: .init(outcome: "lean_error", messages: [message]),
          verdict: .notJudged, judgedBy: nil),
        .init(
          text: "example : 1 = 1 := sorry", rawAnswer: nil, compile: .init(outcome: "ok"), verdict: .same,
          judgedBy: "model"),
      ],
      judge: .init(
        model: "m", promptVersion: "fedcba9876543210", verdict: .same, sample: 2, raw: "same ||same||", reason: "same"),
      validatedAt: "2026-12-05T10:00:00Z")
    var record = Self.record()
    record.validation = .stored(status: .passed, json: validation.json)
    #expect(ExportView.herald.schema.violation(of: record.value) == nil, "\(record.value.jsonText)")
    #expect(record.value["validation"]?["judge"]?["sample"] == .int(2))
    // A verdict that is not one of the schema's is caught where it is.
    record.validation = .stored(
      status: .passed, json: validation.json.replacingOccurrences(of: "\"passed\"", with: "\"maybe\""))
    #expect(ExportView.herald.schema.violation(of: record.value)?.path == "/validation/status")
  }

  @Test func aRecordWithoutAVerdictSaysNotRunAndWhy() {
    let value = Self.record().value
    #expect(value["validation"]?["status"] == .string("not_run"))
    #expect(value["validation"]?["reason"] == .string(StatementRecord.Validation.notValidatedReason))
    #expect(value["validation"]?["compile"]?["outcome"] == .string("not_run"))
    #expect(ExportView.herald.schema.violation(of: value) == nil)
  }

  @Test func anEmptyInformalNameIsCaughtWithItsPath() {
    let violation = ExportView.herald.schema.violation(of: Self.record(informalName: "").value)
    #expect(violation?.path == "/informal_name")
    #expect(violation?.message.contains("at least 1 characters") == true)
  }

  @Test func aKindOutsideTheEnumIsCaught() {
    let violation = ExportView.herald.schema.violation(of: Self.record(kind: "lemma_wanted").value)
    #expect(violation?.path == "/kind")
    #expect(violation?.message.contains("\"theorem\"") == true)
  }

  @Test func nestedMembersArrayItemsAndReferencesAreChecked() throws {
    var broken = Self.record().value
    guard case .object(let members) = broken else { throw CancellationError() }
    var list = members.list
    let index = try #require(list.firstIndex { $0.key == "provenance" })
    list[index].value = .object(["model": .int(3)])
    broken = .object(RecordValue.Members(list))
    let violation = try #require(ExportView.herald.schema.violation(of: broken))
    #expect(violation.path == "/provenance")
    #expect(violation.message.contains("required member"))

    let chat: RecordValue = .object([
      "direction": .string("nl_to_lean"), "id": .string("x"),
      "messages": .array([
        .object(["content": .string("a"), "role": .string("system")]),
        .object(["content": .string("b"), "role": .string("narrator")]),
        .object(["content": .string("c"), "role": .string("assistant")]),
      ]),
      "record_id": .string(String(repeating: "a", count: 32)),
    ])
    #expect(ExportView.messages.schema.violation(of: chat)?.path == "/messages/1/role")
  }

  @Test func unknownMembersAndWrongTypesAreCaught() {
    let extra: RecordValue = .object([
      "completion": .string("c"), "direction": .string("lean_to_nl"), "id": .string("i"), "prompt": .string("p"),
      "record_id": .string(String(repeating: "b", count: 32)), "text": .string("t"),
    ])
    #expect(
      ExportView.promptCompletion.schema.violation(of: extra)?.message.contains("\"text\" is not allowed") == true)
    let wrongType: RecordValue = .object([
      "completion": .int(1), "direction": .string("lean_to_nl"), "id": .string("i"), "prompt": .string("p"),
      "record_id": .string(String(repeating: "b", count: 32)),
    ])
    let violation = ExportView.promptCompletion.schema.violation(of: wrongType)
    #expect(violation?.description == "/completion: expected string, found integer")
  }

  @Test(arguments: [("é", 1, true), ("", 1, false), ("日本", 2, true), ("日", 2, false), ("𝔽𝔽𝔽", 3, true)])
  func lengthsCountCodePointsNotBytes(_ text: String, _ minimum: Int, _ conforms: Bool) throws {
    let schema = try RecordSchema(
      text: #"{"$id": "urn:t", "version": 1, "type": "string", "minLength": \#(minimum), "maxLength": 3}"#)
    #expect((schema.violation(of: .string(text)) == nil) == conforms)
  }

  /// Schemas the validator must refuse, with a word of the expected message.
  static let refused: [(String, String)] = [
    (##"{"$id": "urn:t", "version": 1, "pattern": "^a"}"##, "pattern"),
    (##"{"$id": "urn:t", "version": 1, "items": {"oneOf": []}}"##, "oneOf"),
    (##"{"$id": "urn:t", "version": 1, "$ref": "#/$defs/missing"}"##, "does not define"),
    (##"{"$id": "urn:t", "version": 1, "$ref": "other.json"}"##, "#/$defs/NAME"),
    (##"{"version": 1, "type": "object"}"##, "$id"),
    (##"{"$id": "urn:t", "type": "object"}"##, "version"),
    (##"{"$id": "urn:t", "version": 1, "type": "text"}"##, "JSON types"),
    (##"{"$id": "urn:t", "version": 1, "$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##, "recursive"),
    ("{", "not valid JSON"),
  ]

  @Test(arguments: refused)
  func aSchemaOutsideTheSubsetIsRefusedWhenLoaded(_ text: String, _ expected: String) {
    #expect {
      _ = try RecordSchema(text: text)
    } throws: { error in
      String(describing: error).contains(expected)
    }
  }
}
