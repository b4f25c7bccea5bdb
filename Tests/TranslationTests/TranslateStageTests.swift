import Foundation
import HeraldCore
import LLM
import LoopbackHTTP
import Retrieval
import Storage
import Testing

@testable import Translation

/// The translate stage over real HTTP (a scripted loopback model server), the real sample
/// database, the bundled prompts and examples.
@Suite struct TranslateStageTests {
  @Test func everyDeclarationIsTranslatedAfterItsDependenciesWithTheirTranslationsInContext() async throws {
    let database = try await SampleFixture.database()
    let dependencies = try SampleFixture.dependencies(database)
    // Answers take varying time so that work really overlaps and finishes out of order.
    let model = try ScriptedModel(dependencies: dependencies, delay: { name in .milliseconds(name.count % 4 * 15) })
    // As the command line makes them: the client's limit is the stage's concurrency.
    let client = try SampleFixture.client(baseURL: model.baseURL, database: database, limit: 4)
    var options = SampleFixture.options(database, concurrency: 4)
    options.preparedAhead = 3
    let report = try await SampleFixture.stage(options, client).run(progress: SilentProgress())

    let units = try SampleFixture.unitNames(database)
    #expect(report.selected == units.count)
    #expect(report.translated == units.count)
    #expect(report.failed == 0 && report.abstained == 0 && report.notAttempted == 0)
    #expect(report.llmRequestsSent == units.count)
    #expect(Set(try SampleFixture.statuses(database).keys) == units)
    #expect(model.log.withLock { $0.early }.isEmpty, "sent before a dependency had its answer")
    #expect(Set(model.requested) == units)
    // More declarations are in progress than asked, but requests keep to the limit.
    #expect(model.server.maxInFlight <= 4)

    // A dependency's translation is shown in its dependents' prompts.
    let quadHomAdd = try #require(
      model.server.requests.map(ModelRequest.init).first { $0.name == "Sample.quadHom_add" })
    #expect(quadHomAdd.body.contains("Fact about Sample.quadHom"))
    // The mutual pair is one group: each sees the other's formal statement.
    let even = try #require(model.server.requests.map(ModelRequest.init).first { $0.name == "Sample.Even" })
    #expect(even.body.contains("Sample.Odd"))
    let connection = try HeraldDatabase.openExisting(path: database)
    #expect(try connection.scalarInt("SELECT component_size FROM translations WHERE name = 'Sample.Even'") == 2)
    #expect(
      try connection.scalarText("SELECT prompt_version FROM translations WHERE name = 'Sample.quadHom_add'")
        == report.promptVersions["theorem"])
  }

  @Test func theLevelBarrierModeAlsoRespectsDependencies() async throws {
    let database = try await SampleFixture.database()
    let model = try ScriptedModel(dependencies: try SampleFixture.dependencies(database))
    var options = SampleFixture.options(database, concurrency: 8)
    options.scheduling = .levelBarrier(batch: 3)
    let report = try await SampleFixture.stage(
      options, try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(report.translated == (try SampleFixture.unitNames(database)).count)
    #expect(model.log.withLock { $0.early }.isEmpty)
    // Three jobs at a time, and a mutual pair's members are asked in parallel: level 0 holds two
    // pairs, so a batch holds at most five requests (level 0's fourteen units would all go at once
    // without the barrier). The old bound of three held only while the requests rarely overlapped.
    #expect(model.server.maxInFlight <= 5)
    #expect(report.retrievalP50Milliseconds != nil)
  }

  @Test func aRerunOfAFinishedDatabaseSendsNoRequests() async throws {
    let database = try await SampleFixture.database()
    let model = try ScriptedModel()
    let first = try await SampleFixture.stage(
      SampleFixture.options(database), try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(first.translated == first.selected && first.selected > 0)

    let second = try await SampleFixture.stage(
      SampleFixture.options(database), try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(second.skipped == first.selected)
    #expect(second.translated == 0 && second.llmRequestsSent == 0)
    #expect(model.requested.count == first.selected)

    // --force asks again; prompts now show more translated examples, so most are new requests.
    var forced = SampleFixture.options(database)
    forced.force = true
    let third = try await SampleFixture.stage(
      forced, try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(third.translated == first.selected && third.skipped == 0)
    #expect(third.cacheHits + third.llmRequestsSent == first.selected)
    #expect(model.requested.count == first.selected + third.llmRequestsSent)
  }

  @Test func translationsMissingFromTheRetrievalIndexAreIndexedByTheNextRun() async throws {
    let database = try await SampleFixture.database()
    let model = try ScriptedModel()
    let first = try await SampleFixture.stage(
      SampleFixture.options(database), try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(first.translated == first.selected && first.selected > 0)
    // Every translation was written to the index by the end of the run (in batches).
    do {
      let index = try RetrievalIndex(path: RetrievalIndex.path(besideDatabase: database))
      #expect(try await index.count(source: .declaration) == first.translated)
      // As if the run had been killed before its last batch reached the index.
      #expect(try await index.remove(item: "Sample.quadHom", source: .declaration) == 1)
      #expect(try await index.remove(item: "Sample.Even", source: .declaration) == 1)
      #expect(try await index.count(source: .declaration) == first.translated - 2)
    }
    let second = try await SampleFixture.stage(
      SampleFixture.options(database), try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(second.llmRequestsSent == 0 && second.skipped == first.selected)
    let index = try RetrievalIndex(path: RetrievalIndex.path(besideDatabase: database))
    #expect(try await index.count(source: .declaration) == first.translated)
    let hits = try await index.search("quadHom", limit: 5, sources: [.declaration])
    let found = try #require(hits.first { $0.item == "Sample.quadHom" })
    #expect(found.informalName == "Fact about Sample.quadHom")
  }

  @Test func aStoppedRunResumesSendingOnlyTheMissingRequests() async throws {
    let database = try await SampleFixture.database()
    let model = try ScriptedModel(delay: { name in
      // Answers slow down after the first few, so the run is surely stopped part-way.
      .milliseconds(name.hasPrefix("Sample.quad") || name.hasPrefix("Sample.NatSet") ? 400 : 5)
    })
    let stage = SampleFixture.stage(
      SampleFixture.options(database, concurrency: 2),
      try SampleFixture.client(baseURL: model.baseURL, database: database))
    let run = Task { try await stage.run(progress: SilentProgress()) }
    while (try SampleFixture.statuses(database).count) < 8 { try await Task.sleep(for: .milliseconds(20)) }
    run.cancel()
    _ = try? await run.value
    let kept = try SampleFixture.statuses(database).count
    let total = try SampleFixture.unitNames(database).count
    #expect(kept >= 8 && kept < total)

    let resumed = try await SampleFixture.stage(
      SampleFixture.options(database), try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(resumed.skipped == kept)
    #expect(resumed.translated == total - kept)
    #expect(resumed.llmRequestsSent == total - kept)
    #expect(try SampleFixture.statuses(database).count == total)
  }

  @Test func faultsBecomeFailureRowsAndTheRunGoesOn() async throws {
    let database = try await SampleFixture.database()
    let model = try ScriptedModel(answer: { request in
      switch request.name {
      case "Sample.double": return .failure(503)
      case "Sample.triple": return ScriptedResponse(status: 200, body: "{\"choices\": [")
      case "Sample.Point": return ScriptedResponse(status: 200, body: #"{"choices":[],"usage":{}}"#)
      case "Sample.Logic.or_swap": return .completion("The statement says that or is symmetric.")
      case "Sample.Logic.and_swap":
        return .completion("**Cannot translate:** the statement uses notation I do not know")
      case "Sample.NatSet":
        return .completion(
          "**Informal name:** 自然数の集合\n**Informal statement:**\n自然数の部分集合を表す型であり、各自然数が属するかどうかを決める述語である。\n"
            + "**End of informal statement**")
      case "Sample.triple_one":
        // A cut-off answer first; the correction is answered properly.
        if request.assistantTurns == 1 {
          return ScriptedResponse.completion(
            "**Informal name:** One tripled\n**Informal statement:**\nTripling one gives"
          )
          .withFinishReason("length")
        }
        return .completion(ScriptedModel.good(request.name))
      default: return .completion(ScriptedModel.good(request.name))
      }
    })
    let report = try await SampleFixture.stage(
      SampleFixture.options(database, concurrency: 2),
      try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    let statuses = try SampleFixture.statuses(database)
    let total = try SampleFixture.unitNames(database).count
    #expect(statuses.count == total, "every declaration ends with an outcome")
    #expect(statuses["Sample.Logic.and_swap"] == "abstained")
    #expect(statuses["Sample.triple_one"] == "translated")
    for name in ["Sample.double", "Sample.triple", "Sample.Point", "Sample.Logic.or_swap", "Sample.NatSet"] {
      #expect(statuses[name] == "failed", "\(name)")
    }
    #expect(report.abstained == 1)
    #expect(report.failed == 5)
    #expect(report.translated == total - 6)
    #expect(
      report.failuresByReason == [
        "http_503": 1, "malformed_response": 1, "no_choices": 1, "unparseable": 2,
      ])

    let connection = try HeraldDatabase.openExisting(path: database)
    let failures = try FailureLog.all(connection, stage: "translate")
    #expect(
      Set(failures.map(\.item)) == [
        "Sample.double", "Sample.triple", "Sample.Point", "Sample.Logic.or_swap", "Sample.NatSet",
      ])
    let unparseable = try #require(failures.first { $0.item == "Sample.Logic.or_swap" })
    #expect(unparseable.detail.contains("raw answer is kept"))
    #expect(
      try connection.scalarText("SELECT raw_answer FROM translations WHERE name = 'Sample.Logic.or_swap'")
        == "The statement says that or is symmetric.")
    #expect(try connection.scalarInt("SELECT attempts FROM translations WHERE name = 'Sample.Logic.or_swap'") == 3)
    #expect(
      try connection.scalarText("SELECT detail FROM failures WHERE item = 'Sample.double'")?.contains("HTTP 503")
        == true)
    // The abstention was asked once and never again; the corrective message was sent.
    let requests = model.server.requests.map(ModelRequest.init)
    #expect(requests.filter { $0.name == "Sample.Logic.and_swap" }.count == 1)
    #expect(requests.contains { $0.name == "Sample.triple_one" && $0.body.contains("Your answer could not be used") })

    // Rerun against a healthy server: the endpoint failures are asked again; declarations
    // whose answers were unusable keep their outcome (the same model would answer the same)
    // until --retry-unusable; the abstention is kept.
    let healthy = try ScriptedModel()
    let rerun = try await SampleFixture.stage(
      SampleFixture.options(database), try SampleFixture.client(baseURL: healthy.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(rerun.skipped == total - 3)
    #expect(Set(healthy.requested) == ["Sample.double", "Sample.triple", "Sample.Point"])
    #expect(rerun.translated == 3 && rerun.failed == 0)
    #expect(
      Set(try FailureLog.all(connection, stage: "translate").map(\.item)) == ["Sample.Logic.or_swap", "Sample.NatSet"])

    var retry = SampleFixture.options(database)
    retry.retryUnusable = true
    let retried = try await SampleFixture.stage(
      retry, try SampleFixture.client(baseURL: healthy.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(retried.translated == 2 && retried.llmRequestsSent == 2)
    #expect(try FailureLog.all(connection, stage: "translate").isEmpty)
    #expect(Set(try SampleFixture.statuses(database).values) == ["translated", "abstained"])
  }

  @Test func anUnreachableEndpointStopsTheRunEarlyWithTheRemedy() async throws {
    let database = try await SampleFixture.database()
    let closed = try LoopbackServer.closedPort()
    defer { closed.release() }
    let port = closed.port
    var options = SampleFixture.options(database, concurrency: 1)
    options.unreachableLimit = 3
    let report = try await SampleFixture.stage(
      options, try SampleFixture.client(baseURL: "http://127.0.0.1:\(port)/v1", database: database)
    ).run(progress: SilentProgress())
    let total = try SampleFixture.unitNames(database).count
    #expect(report.failed == 3)
    #expect(report.failuresByReason == ["unreachable": 3])
    #expect(report.notAttempted == total - 3)
    #expect(report.stoppedEarly?.contains("rerun") == true)
  }

  @Test func aServerThatDiesMidRunStopsTheRunAndARerunFinishesTheRest() async throws {
    let database = try await SampleFixture.database()
    let total = try SampleFixture.unitNames(database).count
    let dying = try ScriptedModel(delay: { _ in .milliseconds(30) })
    var options = SampleFixture.options(database, concurrency: 1)
    options.unreachableLimit = 2
    let stage = SampleFixture.stage(options, try SampleFixture.client(baseURL: dying.baseURL, database: database))
    let run = Task { try await stage.run(progress: SilentProgress()) }
    while (try SampleFixture.statuses(database).count) < 6 { try await Task.sleep(for: .milliseconds(10)) }
    dying.server.stop()
    let report = try await run.value
    #expect(report.stoppedEarly != nil)
    #expect(report.translated >= 6 && report.failuresByReason["unreachable"] == 2)
    #expect(report.notAttempted == total - report.translated - report.failed)

    let healthy = try ScriptedModel()
    let rerun = try await SampleFixture.stage(
      SampleFixture.options(database), try SampleFixture.client(baseURL: healthy.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(rerun.skipped == report.translated)
    #expect(rerun.llmRequestsSent == total - report.translated)
    #expect(Set(try SampleFixture.statuses(database).values) == ["translated"])
  }

  @Test func aLargeCycleIsAskedInParallelWithABoundedViewOfItsMembers() async throws {
    // 120 theorems, each stated with the next: one strongly connected component.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-cycle-\(UUID().uuidString)")
    let database = folder.appendingPathComponent("cycle.sqlite").path
    let size = 120
    do {
      let connection = try HeraldDatabase.openForWriting(path: database)
      try connection.execute(
        """
        INSERT INTO modules(id, name, output_fingerprint, imports, plugins, ingested_at)
        VALUES (1, 'Cycle', 'test', '[]', 'sym', '2026-01-01T00:00:00Z')
        """)
      let insert = try connection.prepare(
        """
        INSERT INTO symbols(module_id, name, kind, type_fallback, is_prop, is_internal, type_references)
        VALUES (1, ?1, 'theorem', ?2, 1, 0, ?3)
        """)
      for index in 0..<size {
        try insert.run([
          .text("Cycle.t\(index)"), .text("P\(index) ↔ P\((index + 1) % size)"), .text("Cycle.t\((index + 1) % size)"),
        ])
      }
    }
    let model = try ScriptedModel(delay: { _ in .milliseconds(20) })
    var options = SampleFixture.options(database, concurrency: 8)
    options.maxDependencies = 5
    let report = try await SampleFixture.stage(
      options, try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(report.translated == size)
    #expect(model.server.maxInFlight > 1, "the cycle's members were asked one at a time")
    let connection = try HeraldDatabase.openExisting(path: database)
    #expect(try connection.scalarInt("SELECT count(DISTINCT component_size) FROM translations") == 1)
    #expect(try connection.scalarInt("SELECT max(component_size) FROM translations") == size)
    for request in model.server.requests.prefix(20) {
      let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
      let messages = try #require(body["messages"] as? [[String: Any]])
      let prompt = try #require(messages.last?["content"] as? String)
      let section = try #require(
        prompt.components(separatedBy: "Dependencies:\n").last?.components(separatedBy: "Neighbour statements:").first)
      let lines = section.split(separator: "\n")
      // At most 5 members listed, then a note for the other 114, never all 119.
      #expect(lines.filter { $0.contains("Cycle.t") }.count == 5)
      #expect(lines.last?.contains("and 114 more dependencies, left out") == true, "\(lines.last ?? "")")
    }
  }

  @Test func shardsSplitTheWorkDisjointlyAndKeepCyclesTogether() async throws {
    let database = try await SampleFixture.database()
    let model = try ScriptedModel()
    var seen: [Set<String>] = []
    for index in 0..<3 {
      var options = SampleFixture.options(database)
      options.shard = Shard(index: index, count: 3)
      let before = Set(try SampleFixture.statuses(database).keys)
      _ = try await SampleFixture.stage(
        options, try SampleFixture.client(baseURL: model.baseURL, database: database)
      ).run(progress: SilentProgress())
      seen.append(Set(try SampleFixture.statuses(database).keys).subtracting(before))
    }
    let units = try SampleFixture.unitNames(database)
    #expect(seen.reduce(Set<String>()) { $0.union($1) } == units)
    #expect(seen.map(\.count).reduce(0, +) == units.count, "the shards overlap")
    #expect(seen.allSatisfy { !$0.isEmpty })
    for pair in [["Sample.Even", "Sample.Odd"], ["Sample.isEven", "Sample.isOdd"]] {
      #expect(seen.contains { $0.isSuperset(of: pair) }, "\(pair) split across shards")
    }
  }

  @Test func limitAndModuleFiltersTakeTheLowestLevelsOfTheSelectedModules() async throws {
    let database = try await SampleFixture.database()
    let model = try ScriptedModel()
    var options = SampleFixture.options(database)
    options.limit = 5
    let report = try await SampleFixture.stage(
      options, try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    let total = try SampleFixture.unitNames(database).count
    #expect(report.translated == 5 && report.notAttempted == total - 5)
    let connection = try HeraldDatabase.openExisting(path: database)
    let highestDone = try connection.scalarInt(
      "SELECT max(l.level) FROM translations t JOIN levels l ON l.symbol_id = t.symbol_id")
    let lowestLeft = try connection.scalarInt(
      """
      SELECT min(l.level) FROM levels l JOIN symbols s ON s.id = l.symbol_id
      WHERE s.is_internal = 0 AND s.name NOT IN (SELECT name FROM translations)
      """)
    #expect(try #require(highestDone) <= (try #require(lowestLeft)))

    var logic = SampleFixture.options(database)
    logic.modulePrefixes = ["Sample.Logic"]
    let logicReport = try await SampleFixture.stage(
      logic, try SampleFixture.client(baseURL: model.baseURL, database: database)
    ).run(progress: SilentProgress())
    #expect(logicReport.selected > 0)
    #expect(model.requested.dropFirst(5).allSatisfy { $0.hasPrefix("Sample.Logic.") })
  }
}

extension ScriptedResponse {
  /// The same completion with another `finish_reason`.
  func withFinishReason(_ reason: String) -> ScriptedResponse {
    var copy = self
    copy.body = body.replacingOccurrences(of: "\"finish_reason\":\"stop\"", with: "\"finish_reason\":\"\(reason)\"")
    return copy
  }
}
