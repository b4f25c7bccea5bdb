import Extraction
import Foundation
import HeraldCore
import HeraldTestSupport
import LLM
import LoopbackHTTP
import Storage
import Synchronization

@testable import Translation

/// The bundled sample, extracted into a fresh database, and the pieces a translate run needs.
enum SampleFixture {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let prompts = packageRoot.appendingPathComponent("pipelines/prompts").path
  static let examples = packageRoot.appendingPathComponent("pipelines/examples").path

  /// A new database holding the extracted sample; returns its path.
  static func database() async throws -> String {
    try await SampleDatabase.fresh("herald-translate")
  }

  /// Options for `database` with the bundled prompts and examples.
  static func options(_ database: String, concurrency: Int = 4) -> TranslateOptions {
    var options = TranslateOptions(database: database)
    options.prompts = prompts
    options.examples = examples
    options.concurrency = concurrency
    return options
  }

  /// A client over HTTP to `baseURL` with the request cache in `database`, at most `limit`
  /// requests in flight; retries are fast.
  static func client(baseURL: String, database: String, attempts: Int = 2, limit: Int = 8) throws -> CachedClient {
    let endpoint = try LLMEndpoint(baseURL: baseURL, model: "test-model", environment: [:])
    return CachedClient(
      client: OpenAIClient(
        endpoint: endpoint,
        retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5))),
      cache: try RequestCache(path: database), limiter: ConcurrencyLimiter(limit: limit), meter: UsageMeter())
  }

  /// The stage over `client`.
  static func stage(_ options: TranslateOptions, _ client: CachedClient) -> TranslateStage {
    TranslateStage(options: options, client: client, model: "test-model", meter: client.meter)
  }

  /// The units extract produced, without internal ones: what translate must cover.
  static func unitNames(_ database: String) throws -> Set<String> {
    let connection = try HeraldDatabase.openExisting(path: database)
    let query = try connection.prepare(
      "SELECT s.name FROM levels l JOIN symbols s ON s.id = l.symbol_id WHERE s.is_internal = 0")
    var names: Set<String> = []
    while try query.step() { names.insert(query.text(0) ?? "") }
    return names
  }

  /// Dependencies between units outside their own component, by source name.
  static func dependencies(_ database: String) throws -> [String: Set<String>] {
    let connection = try HeraldDatabase.openExisting(path: database)
    let query = try connection.prepare(
      """
      SELECT s.name, t.name FROM dependencies d JOIN symbols s ON s.id = d.source_id JOIN symbols t ON t.id = d.target_id
      JOIN levels ls ON ls.symbol_id = d.source_id JOIN levels lt ON lt.symbol_id = d.target_id
      WHERE ls.component != lt.component
      """)
    var result: [String: Set<String>] = [:]
    while try query.step() { result[query.text(0) ?? "", default: []].insert(query.text(1) ?? "") }
    return result
  }

  /// Rows of `translations` as name → status.
  static func statuses(_ database: String) throws -> [String: String] {
    let connection = try HeraldDatabase.openExisting(path: database)
    let query = try connection.prepare("SELECT name, status FROM translations")
    var result: [String: String] = [:]
    while try query.step() { result[query.text(0) ?? ""] = query.text(1) ?? "" }
    return result
  }
}

/// What the scripted model server sees of one request.
struct ModelRequest: Sendable {
  /// The declaration asked about (the last `Lean name:` line of the conversation).
  var name: String
  /// The whole conversation as the server received it (JSON-escaped text).
  var body: String
  /// How many assistant turns the conversation already has (1 = only the demonstration).
  var assistantTurns: Int

  init(_ request: RecordedRequest) {
    body = request.body
    assistantTurns = request.body.components(separatedBy: "\"role\":\"assistant\"").count - 1
    let marker = "Lean name: "
    let last = request.body.components(separatedBy: marker).last ?? ""
    name = String(last.prefix { $0 != "\\" && $0 != "\"" && $0 != "\n" })
  }
}

/// A model server answering per declaration, recording the order of requests and answers.
final class ScriptedModel: Sendable {
  struct Log {
    var requested: [String] = []
    var answered: Set<String> = []
    /// Declarations requested while some dependency of theirs had no answer yet.
    var early: [String] = []
  }

  /// The log, shared with the server's threads.
  final class SharedLog: Sendable {
    let mutex = Mutex(Log())
    func withLock<T>(_ body: (inout Log) -> T) -> T { mutex.withLock { body(&$0) } }
  }

  let log = SharedLog()
  let server: LoopbackServer

  /// Serves `answer(request)`; `dependencies` (by name) is checked on every request.
  init(
    dependencies: [String: Set<String>] = [:], delay: @escaping @Sendable (String) -> Duration = { _ in .zero },
    answer: @escaping @Sendable (ModelRequest) -> ScriptedResponse = { .completion(ScriptedModel.good($0.name)) }
  ) throws {
    let log = self.log
    server = try LoopbackServer { request in
      let model = ModelRequest(request)
      log.withLock { log in
        log.requested.append(model.name)
        if !(dependencies[model.name] ?? []).isSubset(of: log.answered) { log.early.append(model.name) }
      }
      var response = answer(model)
      response.delay = delay(model.name)
      if response.delay > .zero {
        // Answer after the delay; recorded as answered only once it is sent.
        Thread.sleep(
          forTimeInterval: Double(response.delay.components.seconds)
            + Double(response.delay.components.attoseconds) / 1e18)
        response.delay = .zero
      }
      log.withLock { _ = $0.answered.insert(model.name) }
      return response
    }
  }

  /// A well-formed answer for `name`.
  static func good(_ name: String) -> String {
    "**Informal name:** Fact about \(name)\n**Informal statement:**\nFor every $n$, the statement of \(name) holds.\n"
      + "**End of informal statement**"
  }

  var baseURL: String { server.baseURL }
  var requested: [String] { log.withLock { $0.requested } }

  deinit { server.stop() }
}
