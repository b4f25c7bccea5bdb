import Foundation
import HeraldCore
import Records
import Storage
import Testing

@testable import Export

/// The export stage on the sample's real database: records, views, splits, manifest and card,
/// reruns, and what is left out.
@Suite struct ExportStageTests {
  private func export(_ options: ExportOptions) async throws -> ExportReport {
    try await ExportStage(options: options).run(progress: SilentProgress())
  }

  /// Translated units that can be written as a declaration: those with a declaration command,
  /// and theorems (written from their type).
  private func writable(_ database: String) throws -> Int {
    try ExportFixture.count(
      database,
      """
      SELECT count(*) FROM translations t JOIN symbols s ON s.name = t.name
      LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE t.status = 'translated' AND (d.id IS NOT NULL OR s.kind = 'theorem')
      """)
  }

  @Test func everyViewIsWrittenBySplitWithAManifestThatMatchesTheFiles() async throws {
    let database = try await ExportFixture.database(
      abstained: ["Sample.double_add"], untranslated: ["Sample.triple_one"])
    let options = ExportFixture.options(database)
    let report = try await export(options)
    let out = options.outputDirectory

    let expected = try writable(database)
    #expect(expected > 30)
    #expect(report.records == expected)
    #expect(report.failed == 0)
    #expect(report.excluded["abstained"] == 1)
    #expect(report.excluded["not_translated"] == 1)
    let withoutCommand = try ExportFixture.count(
      database,
      """
      SELECT count(*) FROM translations t JOIN symbols s ON s.name = t.name
      WHERE t.status = 'translated' AND s.declaration_id IS NULL AND s.kind != 'theorem'
      """)
    #expect(report.excluded["no_declaration_command"] == withoutCommand)
    #expect(report.rowsByView == ["herald": expected, "messages": 2 * expected, "prompt-completion": 2 * expected])

    let manifest = try ExportFixture.manifest(out)
    let files = try #require(manifest["files"] as? [[String: Any]])
    #expect(Set(files.compactMap { $0["view"] as? String }) == ["herald", "messages", "prompt-completion"])
    #expect(Set(files.compactMap { $0["split"] as? String }) == ["train", "validation", "test"])
    var modulesBySplit: [String: Set<String>] = [:]
    var records: [String: [String: Any]] = [:]
    for file in files {
      let path = try #require(file["path"] as? String)
      let data = try #require(FileManager.default.contents(atPath: out + "/" + path))
      #expect(file["bytes"] as? Int == data.count)
      #expect(file["sha256"] as? String == SHA256.hexDigest(of: data))
      let lines = try ExportFixture.lines(out + "/" + path)
      #expect(file["rows"] as? Int == lines.count)
      #expect(data.last == UInt8(ascii: "\n"))
      guard file["view"] as? String == "herald" else { continue }
      let split = try #require(file["split"] as? String)
      for line in lines {
        let module = try #require(line["module"] as? String)
        modulesBySplit[split, default: []].insert(module)
        #expect(options.split.split(of: module).rawValue == split)
        let name = try #require(line["formal_name"] as? String)
        #expect(line["id"] as? String == StatementRecord.id(formalName: name))
        records[line["id"] as? String ?? ""] = line
      }
    }
    #expect(records.count == expected)
    let splits = Array(modulesBySplit.values)
    for (index, modules) in splits.enumerated() {
      for other in splits[(index + 1)...] { #expect(modules.isDisjoint(with: other)) }
    }
    for record in records.values {
      let statement = try #require(record["formal_statement"] as? String)
      #expect(statement.hasSuffix("\n"))
      #expect(!statement.contains("import Init\n"))
      if record["kind"] as? String == "theorem" { #expect(statement.contains(":= sorry")) }
      let validation = try #require(record["validation"] as? [String: Any])
      #expect(validation["status"] as? String == "not_run")
      #expect(validation["reason"] as? String == StatementRecord.Validation.notValidatedReason)
      #expect((record["augmentation"] as? [String: Any])?["kind"] as? String == "original")
      let provenance = try #require(record["provenance"] as? [String: Any])
      #expect(provenance["model"] as? String == "test-model")
      #expect(provenance["project"] as? String == "sample")
      #expect(provenance["lean_toolchain"] as? String == "leanprover/lean4:v4.28.0-rc1")
    }

    // Each record gives one chat per direction; NL→Lean answers with its formal statement.
    var directions: [String: Set<String>] = [:]
    for file in files where file["view"] as? String == "messages" {
      for line in try ExportFixture.lines(out + "/" + (file["path"] as? String ?? "")) {
        let recordID = try #require(line["record_id"] as? String)
        let direction = try #require(line["direction"] as? String)
        directions[recordID, default: []].insert(direction)
        let messages = try #require(line["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] } == ["system", "user", "assistant"])
        let formal = try #require(records[recordID]?["formal_statement"] as? String)
        #expect((direction == "nl_to_lean" ? messages[2]["content"] : messages[1]["content"])?.contains(formal) == true)
      }
    }
    #expect(directions.count == expected)
    #expect(directions.values.allSatisfy { $0 == ["nl_to_lean", "lean_to_nl"] })

    // The card's configs name exactly the manifest's files; the schemas are beside them.
    let card = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
    #expect(card.hasPrefix("---\n"))
    // The card types every column from the schemas, nullable members included.
    #expect(card.contains("dataset_info:\n- config_name: herald\n  features:\n  - name: augmentation\n    struct:\n"))
    #expect(card.contains("    - name: step\n      dtype: int64\n"))
    #expect(card.contains("  - name: dependencies\n    sequence: string\n"))
    #expect(card.contains("- config_name: messages\n  features:\n"))
    // Every view with files is a config; proofs, none explained in this database, is not.
    for view in ExportView.allCases {
      #expect(card.contains("- config_name: \(view.rawValue)\n") == view.isStatementView)
    }
    for file in files { #expect(card.contains("    - \(file["path"] as? String ?? "?")\n")) }
    for view in ExportView.allCases {
      let copied = try String(contentsOfFile: out + "/schemas/" + view.schemaFile, encoding: .utf8)
      #expect(copied == view.schema.text + "\n")
    }
    let entries = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(!entries.contains { $0.hasPrefix(".herald-export-") })
    #expect(try ExportFixture.count(database, "SELECT count(*) FROM failures WHERE stage = 'export'") == 0)
    #expect(try ExportFixture.count(database, "SELECT count(*) FROM provenance WHERE stage = 'export'") == 1)
  }

  @Test func aRerunWritesTheSameBytesInTheSameOrAnotherFolder() async throws {
    let database = try await ExportFixture.database()
    let options = ExportFixture.options(database)
    _ = try await export(options)
    let first = try ExportFixture.files(options.outputDirectory)
    _ = try await export(options)
    #expect(try ExportFixture.files(options.outputDirectory) == first)
    var elsewhere = options
    elsewhere.outputDirectory = ExportFixture.folder().appendingPathComponent("again").path
    _ = try await export(elsewhere)
    #expect(try ExportFixture.files(elsewhere.outputDirectory) == first)
    #expect(first.keys.contains("manifest.json") && first.keys.contains("README.md"))
  }

  @Test func shardsCutEachSplitIntoContiguousFilesAndFewerShardsLaterRemoveTheRest() async throws {
    let database = try await ExportFixture.database()
    var options = ExportFixture.options(database)
    _ = try await export(options)
    let single = try ExportFixture.files(options.outputDirectory)
    options.shards = 4
    var sharded = options
    sharded.outputDirectory = ExportFixture.folder().appendingPathComponent("sharded").path
    _ = try await export(sharded)
    let files = try ExportFixture.files(sharded.outputDirectory)
    for view in ExportView.allCases where view.isStatementView {
      for split in DatasetSplit.allCases {
        let prefix = "\(view.rawValue)/data/\(split.rawValue)-"
        let parts = files.keys.filter { $0.hasPrefix(prefix) }.sorted()
        let whole = single.filter { $0.key.hasPrefix(prefix) }
        #expect(whole.count == 1)
        #expect(!parts.isEmpty && parts.count <= 4)
        #expect(parts.allSatisfy { $0.hasSuffix("-of-0000\(parts.count).jsonl") })
        #expect(parts.reduce(Data()) { $0 + files[$1]! } == whole.first?.value)
      }
    }
    // Back to one shard in the same folder: the four-shard files are gone.
    sharded.shards = 1
    _ = try await export(sharded)
    let after = try ExportFixture.files(sharded.outputDirectory)
    #expect(Set(after.keys.filter { $0.hasSuffix(".jsonl") }) == Set(single.keys.filter { $0.hasSuffix(".jsonl") }))
  }

  @Test func chosenViewsOnlyAndTheOthersFilesAreRemoved() async throws {
    let database = try await ExportFixture.database()
    var options = ExportFixture.options(database)
    _ = try await export(options)
    options.views = [.messages]
    let report = try await export(options)
    #expect(report.rowsByView.keys.sorted() == ["messages"])
    let files = try ExportFixture.files(options.outputDirectory).keys
    #expect(!files.contains { $0.hasPrefix("herald/") || $0.hasPrefix("prompt-completion/") })
    #expect(files.filter { $0.hasPrefix("schemas/") }.sorted() == ["schemas/messages.schema.json"])
    let settings = try ExportFixture.manifest(options.outputDirectory)["settings"] as? [String: Any]
    #expect(settings?["views"] as? [String] == ["messages"])
  }

  @Test func aRecordThatBreaksItsSchemaBecomesAFailureRowAndNoLine() async throws {
    let database = try await ExportFixture.database()
    try ExportFixture.execute(
      database,
      """
      UPDATE declarations SET kind = 'lemma_wanted' WHERE name = 'Sample.double_add';
      UPDATE translations SET informal_name = '' WHERE name = 'Sample.triple_eq';
      """)
    var options = ExportFixture.options(database)
    options.views = [.messages]
    let report = try await export(options)
    #expect(report.failed == 2)
    #expect(report.excluded["invalid_record"] == 2)
    #expect(report.records == (try writable(database)) - 2)
    let failures = try FailureLog.all(HeraldDatabase.openExisting(path: database), stage: "export")
    #expect(Set(failures.map(\.item)) == ["Sample.double_add", "Sample.triple_eq"])
    #expect(Set(failures.compactMap(\.codingPath)) == ["/kind", "/informal_name"])
    #expect(failures.allSatisfy { $0.reason == "invalid_record" && $0.detail.contains("statement.schema.json") })
    for (path, data) in try ExportFixture.files(options.outputDirectory) where path.hasSuffix(".jsonl") {
      let text = String(decoding: data, as: UTF8.self)
      #expect(!text.contains(StatementRecord.id(formalName: "Sample.double_add")))
      #expect(!text.contains(StatementRecord.id(formalName: "Sample.triple_eq")))
    }
    let invalid = try ExportFixture.manifest(options.outputDirectory)["invalid_records"] as? [[String: Any]]
    #expect(invalid?.count == 2)

    // Fixed data, rerun: the failure rows go.
    try ExportFixture.execute(
      database,
      """
      UPDATE declarations SET kind = 'theorem' WHERE name = 'Sample.double_add';
      UPDATE translations SET informal_name = 'Tripling' WHERE name = 'Sample.triple_eq';
      """)
    #expect(try await export(options).failed == 0)
    #expect(try ExportFixture.count(database, "SELECT count(*) FROM failures WHERE stage = 'export'") == 0)
  }

  @Test func staleAndVanishedTranslationsAreLeftOutWithTheirReasons() async throws {
    let database = try await ExportFixture.database()
    try ExportFixture.execute(
      database,
      """
      UPDATE declarations SET statement = statement || ' ∧ True' WHERE name = 'Sample.quadruple_eq';
      INSERT INTO translations(name, symbol_id, status, informal_name, informal_statement, attempts, model,
        prompt_family, prompt_version, statement_hash, component_size, created_at)
      VALUES ('Sample.removed', 9999, 'translated', 'Gone', 'Gone.', 1, 'm', 'theorem', 'v', '0', 1, 'now');
      """)
    let report = try await export(ExportFixture.options(database))
    #expect(report.excluded["stale_translation"] == 1)
    #expect(report.excluded["not_in_database"] == 1)
    #expect(report.records == (try writable(database)) - 1)
  }

  @Test func aTheoremNoDeclarationCommandWroteIsWrittenFromItsTypeWithItsUniverses() async throws {
    let database = try await ExportFixture.database()
    // As for a to_additive twin: a theorem symbol without a declaration row, translated from its type.
    let connection = try HeraldDatabase.openExisting(path: database)
    try connection.execute("UPDATE symbols SET declaration_id = NULL WHERE name = 'Sample.unit_unique'")
    let type = try #require(try connection.scalarText("SELECT type FROM symbols WHERE name = 'Sample.unit_unique'"))
    try connection.prepare("UPDATE translations SET statement_hash = ?1 WHERE name = 'Sample.unit_unique'")
      .run([.text(StatementBuilder.statementHash("Sample.unit_unique : \(type)"))])
    let options = ExportFixture.options(database)
    _ = try await export(options)
    let lines = try ExportFixture.files(options.outputDirectory).filter { $0.key.hasPrefix("herald/") }
      .flatMap { try ExportFixture.lines(options.outputDirectory + "/" + $0.key) }
    let record = try #require(lines.first { $0["formal_name"] as? String == "Sample.unit_unique" })
    // It uses Sample.Monoid of its own module: the module is imported and the theorem, whose name
    // the module declares, stated as an example.
    #expect(
      record["formal_statement"] as? String
        == "import Sample.Algebra.Monoid\n\nuniverse u\n\nexample : \(type) := sorry\n")
    #expect(type.contains("Type u"))
  }

  @Test func aStatementUsingItsOwnModuleImportsItAndIsAnExampleTheOthersKeepTheirNames() async throws {
    let database = try await ExportFixture.database()
    let options = ExportFixture.options(database)
    _ = try await export(options)
    let lines = try ExportFixture.files(options.outputDirectory).filter { $0.key.hasPrefix("herald/") }
      .flatMap { try ExportFixture.lines(options.outputDirectory + "/" + $0.key) }
    let statements = Dictionary(
      uniqueKeysWithValues: lines.compactMap { line in
        (line["formal_name"] as? String).map { ($0, line["formal_statement"] as? String ?? "") }
      })
    // Sample.double_add (Sample.Arith) uses Sample.double of Sample.Basic only.
    let own = try #require(statements["Sample.double_add"])
    #expect(own.hasPrefix("import Sample.Basic\n"))
    #expect(own.contains("theorem double_add "))
    // Sample.triple_eq uses Sample.triple, declared before it in Sample.Arith.
    let same = try #require(statements["Sample.triple_eq"])
    #expect(same.hasPrefix("import Sample.Arith\n"))
    #expect(!same.contains("theorem"))
    #expect(same.contains("\nexample "))
    #expect(same.contains("namespace Sample\n"))
    // Every statement that imports its own module is an example, and no other is.
    for line in lines {
      let statement = line["formal_statement"] as? String ?? ""
      let module = line["module"] as? String ?? ""
      let kind = line["kind"] as? String ?? ""
      guard ["theorem", "definition", "instance", "abbrev"].contains(kind) else { continue }
      #expect(statement.contains("import \(module)\n") == statement.contains("example"), "\(statement)")
    }
  }
}

/// The cursor hands out every translated declaration once, in order, whatever the batch size.
@Suite struct StatementCursorTests {
  @Test(arguments: [1, 7, 1000])
  func everyDeclarationOnceThenNothing(_ batch: Int) async throws {
    let database = try await ExportFixture.database()
    let cursor = try StatementSource(connection: HeraldDatabase.openExisting(path: database)).rows()
    var names: [String] = []
    while true {
      let rows = try cursor.next(batch)
      if rows.isEmpty { break }
      #expect(rows.count <= batch)
      names += rows.map(\.name)
    }
    #expect(try cursor.next(batch).isEmpty)
    #expect(names.count == Set(names).count)
    #expect(names.count == (try ExportFixture.count(database, "SELECT count(*) FROM translations")))
  }
}

/// Verdicts of herald validate travel with their records, and `--require passed` keeps only
/// the passed ones.
@Suite struct ExportValidationTests {
  private func export(_ options: ExportOptions) async throws -> ExportReport {
    try await ExportStage(options: options).run(progress: SilentProgress())
  }

  private func records(_ folder: String) throws -> [String: [String: Any]] {
    let lines = try ExportFixture.files(folder).filter { $0.key.hasPrefix("herald/") }
      .flatMap { try ExportFixture.lines(folder + "/" + $0.key) }
    return Dictionary(uniqueKeysWithValues: lines.map { ($0["formal_name"] as? String ?? "", $0) })
  }

  /// A stored verdict for `record` (as exported), judged for its texts unless `stale`.
  private func verdict(
    _ record: [String: Any], status: RecordValidation.Status, compile: String, sameSample: Bool, stale: Bool = false
  ) -> ValidationStore.Row {
    let name = record["formal_name"] as? String ?? ""
    let sample = RecordValidation.Sample(
      text: "example : True := sorry", rawAnswer: nil, compile: .init(outcome: sameSample ? "ok" : "lean_error"),
      verdict: sameSample ? .same : .notJudged, judgedBy: sameSample ? "model" : nil)
    let validation = RecordValidation(
      status: status, reason: status == .passed ? nil : "the formal statement does not compile",
      compile: .init(outcome: compile), backTranslationModel: "bt", backTranslationPromptVersion: "0123456789abcdef",
      samples: [sample],
      judge: .init(
        model: "judge", promptVersion: "fedcba9876543210", verdict: sameSample ? .same : .notJudged,
        sample: sameSample ? 0 : nil, raw: sameSample ? "||same||" : nil, reason: nil),
      validatedAt: "2026-12-05T10:00:00Z")
    return ValidationStore.Row(
      recordID: record["id"] as? String ?? "", name: name,
      recordHash: ValidationStore.recordHash(
        formalStatement: (record["formal_statement"] as? String ?? "") + (stale ? " " : ""),
        informalName: record["informal_name"] as? String ?? "",
        informalStatement: record["informal_statement"] as? String ?? ""),
      settingsHash: "s", validation: validation, retryable: false, fault: nil, runID: nil)
  }

  @Test func verdictsTravelWithTheirRecordsAndRequirePassedKeepsOnlyThePassedOnes() async throws {
    let database = try await ExportFixture.database()
    let first = ExportFixture.options(database)
    _ = try await export(first)
    let before = try records(first.outputDirectory)
    let passed = try #require(before["Sample.triple_eq"])
    let failed = try #require(before["Sample.double_add"])
    let stale = try #require(before["Sample.le_double"])
    try ValidationStore(connection: HeraldDatabase.openExisting(path: database)).record([
      verdict(passed, status: .passed, compile: "sorry", sameSample: true),
      verdict(failed, status: .failed, compile: "lean_error", sameSample: false),
      verdict(stale, status: .passed, compile: "ok", sameSample: true, stale: true),
    ])

    let all = ExportFixture.options(database)
    let report = try await export(all)
    #expect(report.records == before.count)
    let after = try records(all.outputDirectory)
    let passedValidation = try #require(after["Sample.triple_eq"]?["validation"] as? [String: Any])
    #expect(passedValidation["status"] as? String == "passed")
    #expect((passedValidation["judge"] as? [String: Any])?["verdict"] as? String == "same")
    #expect((passedValidation["compile"] as? [String: Any])?["outcome"] as? String == "sorry")
    #expect((after["Sample.double_add"]?["validation"] as? [String: Any])?["status"] as? String == "failed")
    let staleValidation = try #require(after["Sample.le_double"]?["validation"] as? [String: Any])
    #expect(staleValidation["status"] as? String == "not_run")
    #expect(staleValidation["reason"] as? String == StatementRecord.Validation.staleReason)
    let funnel = try #require(try ExportFixture.manifest(all.outputDirectory)["funnel"] as? [String: Int])
    #expect(funnel["translated"] == before.count)
    #expect(funnel["extracted"] ?? 0 >= before.count)
    #expect(funnel["validated"] == 2)
    #expect(funnel["compiled"] == 1)
    #expect(funnel["back_translated"] == 1)
    #expect(funnel["judged_same"] == 1)
    #expect(funnel["passed"] == 1)
    let card = try String(contentsOfFile: all.outputDirectory + "/README.md", encoding: .utf8)
    #expect(card.contains("| passed | 1 |"))
    #expect(card.contains("filter on `validation.status`"))

    var strict = ExportFixture.options(database)
    strict.requirement = .passed
    let strictReport = try await export(strict)
    #expect(strictReport.records == 1)
    #expect(try records(strict.outputDirectory).keys.sorted() == ["Sample.triple_eq"])
    #expect(strictReport.excluded["validation_failed"] == 1)
    #expect(strictReport.excluded["not_validated"] == before.count - 2)
    let settings = try #require(try ExportFixture.manifest(strict.outputDirectory)["settings"] as? [String: Any])
    #expect(settings["require"] as? String == "passed")
    let strictCard = try String(contentsOfFile: strict.outputDirectory + "/README.md", encoding: .utf8)
    #expect(strictCard.contains("Only records that passed are in this dataset"))
  }
}
