import Foundation
import HeraldCore
import HeraldTestSupport
import LLM
import LeanREPL
import LoopbackHTTP
import Records
import Storage

@testable import Validation

/// The pieces a validate run needs in tests: the translated sample, a loopback model, the fake
/// REPL behind the real pool.
enum ValidationFixture {
  static let prompts = SampleDatabase.packageRoot.appendingPathComponent("pipelines/prompts").path

  /// A model server answering with `answer(body)`; well-formed answers by default.
  static func model(
    _ answer: @escaping @Sendable (String) -> ScriptedResponse = { .completion(ScriptedAnswers.answer(to: $0)) }
  ) throws -> LoopbackServer {
    try LoopbackServer { request in answer(request.body) }
  }

  /// A client over HTTP to `server` with the request cache in `database`; retries are fast.
  static func client(_ server: LoopbackServer, database: String, attempts: Int = 2) throws -> CachedClient {
    try LoopbackModel.client(server, database: database, attempts: attempts)
  }

  /// A pool of fake REPLs scripted by `rules` (JSON), logging requests to `log`.
  static func pool(rules: String? = nil, workers: Int = 2, timeout: Double = 30) throws -> (REPLPool, REPLConfiguration)
  {
    let folder = SampleDatabase.folder("herald-validate-repl")
    var command = [SampleDatabase.product("fake-repl")]
    if let rules {
      let path = folder.appendingPathComponent("rules.json").path
      try rules.write(toFile: path, atomically: true, encoding: .utf8)
      command += ["--rules", path]
    }
    let configuration = REPLConfiguration(
      command: command, projectDirectory: folder.path, workers: workers, commandTimeout: timeout, headerTimeout: 30)
    return (REPLPool(configuration), configuration)
  }

  /// The stage over the database, asking `server` and compiling with `pool` (nil: no REPL).
  static func stage(
    database: String, server: LoopbackServer, pool: (REPLPool, REPLConfiguration)?, samples: Int = 2,
    policy: HeaderPolicy = .asWritten, configure: (inout ValidateOptions) -> Void = { _ in }
  ) throws -> ValidateStage {
    var options = ValidateOptions(database: database)
    options.prompts = prompts
    options.samples = samples
    configure(&options)
    let client = try client(server, database: database)
    let checker = StatementChecker(
      lean: pool?.0, configuration: pool?.1, policy: policy, cache: try CompileCache(path: database))
    return ValidateStage(
      options: options, checker: checker,
      backTranslator: ModelRole(client: client, model: "test-model", stage: "back_translate", meter: client.meter),
      judge: ModelRole(client: client, model: "test-model", stage: "judge", meter: client.meter))
  }

  /// The stored verdicts by name: status, reason and the parsed `validation` object.
  static func verdicts(_ database: String) throws -> [String: (status: String, reason: String?, object: JSONValue)] {
    let connection = try HeraldDatabase.openExisting(path: database)
    let query = try connection.prepare("SELECT name, status, reason, validation FROM validations")
    var result: [String: (status: String, reason: String?, object: JSONValue)] = [:]
    while try query.step() {
      let object = try JSONDocument(text: query.text(3) ?? "{}").root
      result[query.text(0) ?? ""] = (query.text(1) ?? "", query.text(2), object)
    }
    return result
  }

  /// The number of records the sample gives (translated and writable).
  static func records(_ database: String) throws -> Int {
    try HeraldDatabase.openExisting(path: database).scalarInt(
      """
      SELECT count(*) FROM translations t JOIN symbols s ON s.name = t.name
      LEFT JOIN declarations d ON d.id = s.declaration_id
      WHERE t.status = 'translated' AND (d.id IS NOT NULL OR s.kind = 'theorem')
      """) ?? 0
  }
}
