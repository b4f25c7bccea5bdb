import HeraldCore
import Records
import Testing
import Translation

@testable import Export

/// Record values: members sorted by code point, written as Python writes sorted compact JSON.
@Suite struct RecordValueTests {
  @Test func membersAreSortedByCodePointWhateverTheOrderWritten() {
    let value: RecordValue = .object([
      "é": .int(1), "b": .null, "B": .bool(true), "a_b": .array([.string("x\n\"y\"")]), "ab": .object([:]),
    ])
    #expect(value.jsonText == #"{"B":true,"a_b":["x\n\"y\""],"ab":{},"b":null,"é":1}"#)
  }

  @Test func oneWriterWritesJSONLines() {
    var writer = JSONWriter()
    RecordValue.object(["k": .escaped(EscapedText("first\n\"line\""))]).write(to: &writer)
    writer.endLine()
    RecordValue.array([.int(-2), .optional(nil)]).write(to: &writer)
    writer.endLine()
    #expect(writer.string == "{\"k\":\"first\\n\\\"line\\\"\"}\n[-2,null]\n")
  }

  @Test func theStatementRecordIdDependsOnlyOnTheName() {
    #expect(StatementRecord.id(formalName: "Nat.add_comm") == StatementRecord.id(formalName: "Nat.add_comm"))
    #expect(StatementRecord.id(formalName: "Nat.add_comm") != StatementRecord.id(formalName: "Nat.mul_comm"))
    #expect(StatementRecord.id(formalName: "Nat.add_comm").count == 32)
  }
}

/// Export recognizes a stale translation by the hash translate records.
@Suite struct StatementHashTests {
  @Test(arguments: ["theorem t : True", "def f (n : Nat) : Nat", "Sample.x : ∀ {α : Type u}, α → α", ""])
  func theHashIsTheOneTranslateRecords(_ statement: String) {
    #expect(StatementBuilder.statementHash(statement) == TranslationStore.statementHash(statement))
  }
}
