import Foundation
import HeraldTestSupport
import LoopbackHTTP
import Storage

/// The sample run through `herald run` (extract, translate by a loopback model, export), and a
/// larger copy of its database for the tests that need an export to take a while.
enum TranslatedSample {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// One `herald run` of the sample (no export section) shared by the tests that only need its
  /// result: they copy its database, so that the test process runs the pipeline once rather than
  /// once per test (whole runs at once starved the timing-sensitive tests running meanwhile).
  /// Gives the run's folder and its `--json` summary.
  static let shared = Task { () throws -> (folder: URL, summary: String) in
    let folder = temporaryFolder("herald-export-shared")
    let server = try TranslatedSample.server()
    defer { server.stop() }
    let run = await Invocation.run(["run", try pipeline(in: folder, server: server), "--json", "--quiet"])
    guard run.status == 0 else { throw SharedRunFailed(stderr: run.stderr) }
    try HeraldDatabase.openExisting(path: folder.appendingPathComponent("out/test.sqlite").path)
      .execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (folder, run.stdout)
  }

  /// The shared run did not succeed.
  struct SharedRunFailed: Error {
    var stderr: String
  }

  /// A copy of the shared run's translated database in a new folder; returns its path.
  static func translatedDatabase() async throws -> String {
    let source = try await shared.value.folder.appendingPathComponent("out/test.sqlite")
    let copy = temporaryFolder("herald-export-copy").appendingPathComponent("test.sqlite")
    try FileManager.default.copyItem(at: source, to: copy)
    return copy.path
  }

  /// A model answering every request well (translations naming the declaration from its
  /// prompt, back-translations, verdicts).
  static func server() throws -> LoopbackServer {
    try LoopbackServer { request in .completion(ScriptedAnswers.answer(to: request.body)) }
  }

  /// A pipeline file in `folder` (database `out/test.sqlite`) whose model is `server`; `export`
  /// is the pipeline's export section, if any.
  static func pipeline(in folder: URL, server: LoopbackServer, export: String? = nil) throws -> String {
    let sample = packageRoot.appendingPathComponent("pipelines/sample").path
    let text = """
      {
        "name": "test",
        "database": "out/test.sqlite",
        "extract": {"analyzer_output": "\(sample)/analyzer-output", "source_root": "\(sample)"},
        "llm": {"provider": "openai", "model": "test-model", "base_url": "\(server.baseURL)", "concurrency": 4},
        "translate": {"prompts": "\(packageRoot.path)/pipelines/prompts",
                      "examples": "\(packageRoot.path)/pipelines/examples"}\(export.map { ",\n  \"export\": \($0)" } ?? "")
      }
      """
    let path = folder.appendingPathComponent("pipeline.json").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Adds `copies` copies of every module, declaration, symbol and translation (names suffixed
  /// `_cN`), so that the database exports `copies + 1` times as many records.
  static func enlarge(_ database: String, copies: Int) throws {
    let connection = try HeraldDatabase.openExisting(path: database)
    let step = 100_000
    try connection.execute(
      """
      BEGIN IMMEDIATE;
      CREATE TEMP TABLE copies(n INTEGER PRIMARY KEY);
      WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < \(copies))
      INSERT INTO copies SELECT n FROM c;
      INSERT INTO modules(id, name, path, source_hash, output_fingerprint, analyzer, toolchain, docstring, imports,
        plugins, provenance_id, ingested_at)
      SELECT m.id + c.n * \(step), m.name || '.Copy' || c.n, m.path, m.source_hash, m.output_fingerprint, m.analyzer,
        m.toolchain, m.docstring, m.imports, m.plugins, m.provenance_id, m.ingested_at
      FROM modules m, copies c WHERE m.id < \(step);
      INSERT INTO declarations(id, module_id, idx, ctor_idx, parent_id, name, kind, visibility, is_protected,
        compute_kind, is_generated, docstring, signature, type, value, statement, text, ref_start, ref_stop,
        value_start, namespace, open_decls, var_decls, level_names, attributes)
      SELECT d.id + c.n * \(step), d.module_id + c.n * \(step), d.idx, d.ctor_idx, NULL, d.name || '_c' || c.n,
        d.kind, d.visibility, d.is_protected, d.compute_kind, d.is_generated, d.docstring, d.signature, d.type,
        d.value, d.statement, d.text, d.ref_start, d.ref_stop, d.value_start, d.namespace, d.open_decls, d.var_decls,
        d.level_names, d.attributes
      FROM declarations d, copies c WHERE d.id < \(step);
      INSERT INTO symbols(id, module_id, name, kind, type_full, type_readable, type_fallback, is_prop, is_internal,
        declaration_id, type_references, value_references)
      SELECT s.id + c.n * \(step), s.module_id + c.n * \(step), s.name || '_c' || c.n, s.kind, s.type_full,
        s.type_readable, s.type_fallback, s.is_prop, s.is_internal,
        CASE WHEN s.declaration_id IS NULL THEN NULL ELSE s.declaration_id + c.n * \(step) END,
        s.type_references, s.value_references
      FROM symbols s, copies c WHERE s.id < \(step);
      INSERT INTO translations(name, symbol_id, status, informal_name, informal_statement, reason, raw_answer,
        attempts, model, prompt_family, prompt_version, statement_hash, component_size, provenance_id, created_at)
      SELECT t.name || '_c' || c.n, t.symbol_id + c.n * \(step), t.status, t.informal_name, t.informal_statement,
        t.reason, t.raw_answer, t.attempts, t.model, t.prompt_family, t.prompt_version, t.statement_hash,
        t.component_size, t.provenance_id, t.created_at
      FROM translations t, copies c WHERE t.symbol_id < \(step);
      COMMIT;
      """)
  }

  /// Every file under `folder` by relative path, with its bytes (staging folders left out).
  static func files(_ folder: String) -> [String: Data] {
    var result: [String: Data] = [:]
    let paths = FileManager.default.enumerator(atPath: folder)?.allObjects.compactMap { $0 as? String } ?? []
    for relative in paths where !relative.hasPrefix(".herald-export-") {
      var isFolder: ObjCBool = false
      let path = folder + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        result[relative] = FileManager.default.contents(atPath: path)
      }
    }
    return result
  }

  /// Runs the built herald executable with `arguments`, optionally under `/bin/sh` with a file
  /// size limit of `fileSizeBlocks`; returns the running process and its stderr.
  static func launch(_ arguments: [String], fileSizeBlocks: Int? = nil) throws -> (Process, Pipe) {
    let herald = try InterruptedRunTests.product("herald")
    let process = Process()
    if let blocks = fileSizeBlocks {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", herald] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: herald)
      process.arguments = arguments
    }
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    return (process, errors)
  }
}
