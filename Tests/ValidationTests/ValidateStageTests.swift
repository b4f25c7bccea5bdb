import Foundation
import HeraldCore
import HeraldTestSupport
import LeanREPL
import LoopbackHTTP
import Records
import Storage
import Testing

@testable import Validation

/// The validate stage on the translated sample, against a loopback model and the fake REPL
/// behind the real pool.
@Suite struct ValidateStageTests {
  @Test func everyRecordPassesWhenItCompilesAndItsBackTranslationIsJudgedSameThenARerunDoesNothing() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model()
    defer { server.stop() }
    let pool = try ValidationFixture.pool()
    let report = try await ValidationFixture.stage(database: database, server: server, pool: pool)
      .run(progress: SilentProgress())
    let records = try ValidationFixture.records(database)
    #expect(records > 30)
    #expect(report.selected == records)
    #expect(report.passed == records, "\(report)")
    #expect(report.faults.isEmpty)
    // One back-translation and one verdict per record: asking stops at the first judged same.
    #expect(report.llmRequestsSent == 2 * records)
    #expect(report.backTranslations == records)
    #expect(report.compiles == 2 * records)
    let verdicts = try ValidationFixture.verdicts(database)
    #expect(verdicts.count == records)
    for (name, verdict) in verdicts {
      #expect(verdict.status == "passed", "\(name)")
      #expect(["ok", "sorry"].contains(verdict.object["compile"]?["outcome"]?.string ?? ""), "\(name)")
      #expect(verdict.object["judge"]?["verdict"]?.string == "same")
      #expect(verdict.object["judge"]?["sample"]?.int == 0)
      let sample = try #require(verdict.object["back_translation"]?["samples"]?[0])
      #expect(sample["text"]?.string?.contains("example (n : Nat) : n + 0 = n := sorry") == true)
      #expect(sample["compile"]?["lean"]?.string?.contains("header: as-written") == true)
    }
    // The theorem that uses its own module is checked with the module imported (as exported).
    let triple = try #require(verdicts["Sample.triple_eq"])
    #expect(
      triple.object["back_translation"]?["samples"]?[0]?["text"]?.string?.hasPrefix("import Sample.Arith\n") == true)
    // Each header was elaborated at most once per worker.
    let headers =
      try HeraldDatabase.openExisting(path: database).scalarInt(
        "SELECT count(DISTINCT imports) FROM modules") ?? 0
    let statistics = await pool.0.statistics
    #expect(statistics.headerElaborations == report.headerElaborations)
    #expect(report.headerElaborations <= (headers + 9) * 2)
    #expect(statistics.headerElaborationsPerHeader.values.allSatisfy { $0 <= 2 })

    // A rerun keeps every verdict: no request, no compile.
    let again = try await ValidationFixture.stage(database: database, server: server, pool: pool)
      .run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(again.skipped == records)
    #expect(again.done == 0)
    #expect(again.llmRequestsSent == 0 && again.compiles == 0)
    #expect(server.requests.count == 2 * records)
  }

  @Test func withoutAREPLCompileChecksAreNotRunAndNothingPasses() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model()
    defer { server.stop() }
    let report = try await ValidationFixture.stage(database: database, server: server, pool: nil)
      .run(progress: SilentProgress())
    #expect(report.passed == 0)
    #expect(report.notRun == report.selected)
    #expect(report.lean == nil)
    #expect(report.compiles == 0)
    #expect(report.faults.isEmpty, "no REPL is a setting, not a fault")
    for (_, verdict) in try ValidationFixture.verdicts(database) {
      #expect(verdict.status == "not_run")
      #expect(verdict.reason?.contains("compile checks did not run") == true)
      #expect(verdict.object["compile"]?["outcome"]?.string == "not_run")
      #expect(verdict.object["compile"]?["detail"]?.string?.contains("\"lean\" section") == true)
      #expect(verdict.object["judge"]?["verdict"]?.string == "same")
    }
    // Configuring a REPL changes how records are judged: the rerun validates them all again.
    let pool = try ValidationFixture.pool()
    let again = try await ValidationFixture.stage(database: database, server: server, pool: pool)
      .run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(again.skipped == 0)
    #expect(again.passed == again.selected)
    #expect(again.llmRequestsSent == 0, "the answers were cached")
  }

  @Test func aFormalStatementThatDoesNotCompileFailsWithLeansMessageAndNothingIsAsked() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model()
    defer { server.stop() }
    let pool = try ValidationFixture.pool(
      rules: """
        {"rules": [{"match": "triple n = 3 * n", "action": "error", "line": 1, "column": 8, "text": "unknown identifier 'triple'"}]}
        """)
    let report = try await ValidationFixture.stage(database: database, server: server, pool: pool)
      .run(progress: SilentProgress())
    await pool.0.shutdown()
    let verdict = try #require(try ValidationFixture.verdicts(database)["Sample.triple_eq"])
    #expect(verdict.status == "failed")
    #expect(verdict.reason?.contains("the formal statement does not compile") == true)
    #expect(verdict.reason?.contains("unknown identifier 'triple'") == true)
    let message = try #require(verdict.object["compile"]?["messages"]?[0])
    #expect(message["severity"]?.string == "error")
    // The body's first line is placed in the whole text: after the import line, line 2.
    #expect(message["line"]?.int == 2)
    #expect(message["column"]?.int == 8)
    #expect(verdict.object["back_translation"]?["samples"]?.count == 0)
    #expect(report.failed == 1)
    #expect(report.passed == report.selected - 1)
    #expect(report.llmRequestsSent == 2 * (report.selected - 1))
  }

  @Test func aJudgeSayingDifferentFailsTheRecordAfterEverySampleEachWithItsOwnSeed() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model { .completion(ScriptedAnswers.answer(to: $0, verdict: "different")) }
    defer { server.stop() }
    let pool = try ValidationFixture.pool()
    let report = try await ValidationFixture.stage(database: database, server: server, pool: pool, samples: 2) {
      $0.limit = 3
    }.run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(report.failed == 3)
    #expect(report.notAttempted == report.selected - 3)
    #expect(report.verdicts["different"] == 6)
    // Per record: two back-translations and a verdict; the second sample is the same Lean as the
    // first, so its verdict comes from the request cache.
    #expect(report.llmRequestsSent == 9)
    #expect(report.cacheHits == 3)
    for (_, verdict) in try ValidationFixture.verdicts(database) {
      #expect(verdict.reason == "no back-translation was judged to state the same theorem")
      #expect(verdict.object["judge"]?["verdict"]?.string == "different")
      #expect(verdict.object["judge"]?["sample"]?.int == 1)
      #expect(verdict.object["judge"]?["reason"]?.string == "Both state the same about every natural number.")
    }
    let backTranslations = server.requests.filter { ScriptedAnswers.prompt(in: $0.body) == .backTranslate }
    #expect(backTranslations.filter { $0.body.contains("\"seed\":1") }.count == 3)
    #expect(
      backTranslations.filter { !$0.body.contains("\"seed\"") && $0.body.contains("\"temperature\":0") }.count == 3)
  }

  @Test func aBackTranslationEqualUpToSpaceIsSameWithoutAskingTheJudge() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model { body in
      guard ScriptedAnswers.prompt(in: body) == .backTranslate, body.contains("Fact about Sample.Logic.or_swap") else {
        return .completion(ScriptedAnswers.answer(to: body))
      }
      return .completion("```lean\ntheorem swapped :   p ∨ q→q ∨ p := by\n  sorry\n```")
    }
    defer { server.stop() }
    let pool = try ValidationFixture.pool()
    let report = try await ValidationFixture.stage(database: database, server: server, pool: pool)
      .run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(report.exactMatches == 1)
    let verdict = try #require(try ValidationFixture.verdicts(database)["Sample.Logic.or_swap"])
    #expect(verdict.status == "passed")
    #expect(verdict.object["back_translation"]?["samples"]?[0]?["judged_by"]?.string == "exact")
    let judged = server.requests.filter { ScriptedAnswers.prompt(in: $0.body) == .judge }
    #expect(judged.count == report.selected - 1)
    #expect(!judged.contains { $0.body.contains("p ∨ q → q ∨ p") && $0.body.contains("swapped") })
  }

  @Test func backTranslationsWithoutLeanAreCorrectedOnceThenTheRecordFailsWithTheAnswerKept() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model { body in
      ScriptedAnswers.prompt(in: body) == .backTranslate
        ? .completion("The statement says that adding zero changes nothing.")
        : .completion(ScriptedAnswers.answer(to: body))
    }
    defer { server.stop() }
    let pool = try ValidationFixture.pool()
    let report = try await ValidationFixture.stage(database: database, server: server, pool: pool, samples: 1) {
      $0.limit = 2
    }.run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(report.failed == 2)
    // Two answers per record (the second after the correction), no judge.
    #expect(report.llmRequestsSent == 4)
    #expect(server.requests.last?.body.contains("Your answer cannot be used") == true)
    for (_, verdict) in try ValidationFixture.verdicts(database) {
      #expect(verdict.reason == "the back-translator gave no Lean statement in 1 sample(s)")
      let sample = try #require(verdict.object["back_translation"]?["samples"]?[0])
      #expect(sample["text"]?.isNull == true)
      #expect(sample["raw_answer"]?.string == "The statement says that adding zero changes nothing.")
      #expect(sample["verdict"]?.string == "not_judged")
    }
  }

  @Test func endpointFailuresAreNotRunWithAFailureRowAndARerunAsksAgain() async throws {
    let database = try await SampleDatabase.translated()
    let failing = try ValidationFixture.model { _ in .failure(503, message: "overloaded") }
    let pool = try ValidationFixture.pool()
    let report = try await ValidationFixture.stage(database: database, server: failing, pool: pool) {
      $0.limit = 3
      $0.concurrency = 1
    }.run(progress: SilentProgress())
    failing.stop()
    #expect(report.notRun == 3)
    #expect(report.faults["http_503"] == 3)
    let connection = try HeraldDatabase.openExisting(path: database)
    #expect(
      try connection.scalarInt("SELECT count(*) FROM failures WHERE stage = 'validate' AND reason = 'http_503'") == 3)
    for (_, verdict) in try ValidationFixture.verdicts(database) {
      #expect(verdict.status == "not_run")
      #expect(verdict.reason?.contains("HTTP 503") == true)
    }

    let good = try ValidationFixture.model()
    defer { good.stop() }
    let again = try await ValidationFixture.stage(database: database, server: good, pool: pool) { $0.limit = 3 }
      .run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(again.skipped == 0)
    #expect(again.passed == 3)
    #expect(try connection.scalarInt("SELECT count(*) FROM failures WHERE stage = 'validate'") == 0)
    #expect(again.compilesCached >= 3, "the formal statements compiled in the first run come from the cache")
  }

  @Test func aHangingCheckTimesOutAsAFaultAndTheOthersGoOn() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model()
    defer { server.stop() }
    let pool = try ValidationFixture.pool(
      rules: #"{"rules": [{"match": "or_swap", "action": "hang"}]}"#, timeout: 0.5)
    let report = try await ValidationFixture.stage(database: database, server: server, pool: pool)
      .run(progress: SilentProgress())
    let restarts = await pool.0.statistics.restarts(.timeout)
    await pool.0.shutdown()
    #expect(report.faults["lean_timeout"] == 1)
    #expect(report.passed == report.selected - 1)
    #expect(restarts == 1)
    let verdict = try #require(try ValidationFixture.verdicts(database)["Sample.Logic.or_swap"])
    #expect(verdict.status == "not_run")
    #expect(verdict.object["compile"]?["outcome"]?.string == "timeout")
    let connection = try HeraldDatabase.openExisting(path: database)
    #expect(try connection.scalarInt("SELECT retryable FROM validations WHERE name = 'Sample.Logic.or_swap'") == 1)
  }

  @Test func aLiteralHeaderIsElaboratedOncePerWorkerAndRecordsAreCheckedAsExamples() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model()
    defer { server.stop() }
    // A named theorem fails to compile here, as it would once the library that declares its
    // name is imported.
    // So does a structure declared again in its own namespace.
    let rules = #"""
      {"rules": [
        {"match": "theorem ", "action": "error", "line": 1, "column": 0, "text": "already declared"},
        {"match": "namespace Sample\n\nstructure Point", "action": "error", "line": 1, "column": 0,
         "text": "already declared"}]}
      """#
    let log = SampleDatabase.folder("herald-validate-log").appendingPathComponent("requests.log").path
    var pool = try ValidationFixture.pool(rules: rules, workers: 2)
    pool.1.command += ["--log", log]
    pool.0 = REPLPool(pool.1)
    let report = try await ValidationFixture.stage(
      database: database, server: server, pool: pool, policy: .literal("import Sample")
    ).run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(report.passed == report.selected, "\(report.reasons)")
    #expect(report.headerElaborations <= 2)
    let headerLines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
      .filter { $0.contains("\theader") }
    #expect(headerLines.count == report.headerElaborations)
    #expect(try ValidationFixture.verdicts(database)["Sample.Point"]?.status == "passed")

    // The same rules with each text's own imports: the records that keep their names fail.
    let database2 = try await SampleDatabase.translated()
    let named = try ValidationFixture.pool(rules: rules, workers: 2)
    let asWritten = try await ValidationFixture.stage(database: database2, server: server, pool: named)
      .run(progress: SilentProgress())
    await named.0.shutdown()
    #expect(asWritten.failed > 0)
  }
}

/// Faults and unusable verdicts, record by record.
@Suite struct ValidateFaultTests {
  @Test func aHeaderThatFailsToElaborateIsSentOncePerWorkerAndEveryRecordIsNotRunWithItsMessage() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model()
    defer { server.stop() }
    let pool = try ValidationFixture.pool(workers: 2)
    let report = try await ValidationFixture.stage(
      database: database, server: server, pool: pool, policy: .literal("import Missing.Library")
    ) { $0.limit = 6 }.run(progress: SilentProgress())
    let statistics = await pool.0.statistics
    await pool.0.shutdown()
    #expect(report.notRun == 6)
    #expect(report.faults["lean_repl_error"] == 6)
    #expect(statistics.headerElaborations == 1, "a failing header is sent once, not once per record")
    for (_, verdict) in try ValidationFixture.verdicts(database) {
      #expect(verdict.object["compile"]?["outcome"]?.string == "repl_error")
      #expect(verdict.reason?.contains("a check could not run") == true)
    }
  }

  @Test func aJudgeAnswerWithoutAVerdictIsCorrectedOnceThenCountsAsUnparseable() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model { body in
      ScriptedAnswers.prompt(in: body) == .judge
        ? .completion("Both statements are about natural numbers.")
        : .completion(ScriptedAnswers.answer(to: body))
    }
    defer { server.stop() }
    let pool = try ValidationFixture.pool()
    let report = try await ValidationFixture.stage(database: database, server: server, pool: pool, samples: 1) {
      $0.limit = 2
    }.run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(report.failed == 2)
    #expect(report.verdicts["unparseable"] == 2)
    // A back-translation and two judge answers (the second after the correction) per record.
    #expect(report.llmRequestsSent == 6)
    #expect(server.requests.last?.body.contains("Your answer has no verdict") == true)
    for (_, verdict) in try ValidationFixture.verdicts(database) {
      #expect(verdict.object["judge"]?["verdict"]?.string == "unparseable")
      #expect(verdict.object["judge"]?["raw"]?.string == "Both statements are about natural numbers.")
    }
  }
}

/// A run stopped part-way keeps what it finished and records nothing it did not.
@Suite struct ValidateCancellationTests {
  @Test func cancellingARunWithEveryAnswerCachedRecordsNoFalseVerdictAndTheRerunFinishes() async throws {
    let database = try await SampleDatabase.translated()
    let server = try ValidationFixture.model()
    defer { server.stop() }
    // Warm every cache: a run without a REPL asks every question once.
    _ = try await ValidationFixture.stage(database: database, server: server, pool: nil)
      .run(progress: SilentProgress())
    let requests = server.requests.count
    // With a REPL (new settings: everything is judged again) and slow compiles, cancel part-way.
    let pool = try ValidationFixture.pool(rules: #"{"latency_ms": 80}"#, workers: 2)
    let stage = try ValidationFixture.stage(database: database, server: server, pool: pool) { $0.concurrency = 2 }
    let run = Task { try await stage.run(progress: SilentProgress()) }
    try await Task.sleep(for: .milliseconds(500))
    run.cancel()
    _ = try? await run.value
    let identity = StatementChecker.identity(of: pool.1, policy: .asWritten, autoImplicit: false)
    let connection = try HeraldDatabase.openExisting(path: database)
    let checked =
      try connection.scalarInt(
        "SELECT count(*) FROM validations WHERE json_extract(validation, '$.compile.lean') = ?1", [.text(identity)])
      ?? -1
    // Every verdict made with the REPL is a real one (passed); none says the compile did not run.
    #expect(
      try connection.scalarInt(
        "SELECT count(*) FROM validations WHERE json_extract(validation, '$.compile.lean') = ?1 AND status != 'passed'",
        [.text(identity)]) == 0)
    let total = try ValidationFixture.records(database)
    #expect(checked < total, "the run was cancelled before the end")
    let again = try await ValidationFixture.stage(database: database, server: server, pool: pool)
      .run(progress: SilentProgress())
    await pool.0.shutdown()
    #expect(again.skipped == checked)
    #expect(again.passed == total - checked)
    #expect(server.requests.count == requests, "every answer came from the cache")
  }
}

/// The overall verdict from the checks' outcomes.
@Suite struct ValidationStatusTests {
  typealias Compile = RecordValidation.Compile
  typealias Sample = RecordValidation.Sample

  static func sample(_ compile: String, _ verdict: RecordValidation.Verdict, text: String? = "example : True := sorry")
    -> Sample
  {
    Sample(text: text, rawAnswer: nil, compile: Compile(outcome: compile), verdict: verdict, judgedBy: "model")
  }

  @Test(arguments: [
    (Compile(outcome: "sorry"), [sample("ok", .same)], true, RecordValidation.Status.passed, nil as String?),
    (Compile(outcome: "ok"), [sample("ok", .different), sample("sorry", .same)], true, .passed, nil),
    (Compile(outcome: "lean_error"), [], true, .failed, "the formal statement does not compile (an error)"),
    (Compile(outcome: "ok"), [sample("lean_error", .notJudged)], true, .failed, "no back-translation compiles"),
    (
      Compile(outcome: "ok"), [sample("ok", .different)], true, .failed,
      "no back-translation was judged to state the same theorem"
    ),
    (
      Compile(outcome: "ok"), [sample("not_run", .notJudged, text: nil)], true, .failed,
      "the back-translator gave no Lean statement in 1 sample(s)"
    ),
    (
      Compile(outcome: "not_run"), [sample("not_run", .different)], false, .failed,
      "no back-translation was judged to state the same theorem"
    ),
  ])
  func theStatusFollowsTheChecks(
    _ compile: Compile, _ samples: [Sample], _ compiled: Bool, _ status: RecordValidation.Status, _ reason: String?
  ) {
    let (found, why) = RecordValidator.status(compile: compile, samples: samples, fault: nil, compiled: compiled)
    #expect(found == status)
    #expect(why == reason)
  }

  @Test func withoutCompileChecksASameVerdictIsNotRunAndAFaultIsNotRunWithItsDetail() {
    let (status, reason) = RecordValidator.status(
      compile: Compile(outcome: "not_run"), samples: [Self.sample("not_run", .same)], fault: nil, compiled: false)
    #expect(status == .notRun)
    #expect(reason?.hasPrefix("judged the same theorem, but the compile checks did not run") == true)
    let (faulted, detail) = RecordValidator.status(
      compile: Compile(outcome: "ok"), samples: [Self.sample("ok", .same)], fault: ("http_503", "HTTP 503 from x"),
      compiled: true)
    #expect(faulted == .notRun)
    #expect(detail == "a check could not run: HTTP 503 from x")
  }
}
