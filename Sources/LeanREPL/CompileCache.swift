import HeraldCore
import Records
import Storage

/// Compile results kept in the `compile_results` table, by a hash of the Lean setup and the text,
/// so that a rerun compiles nothing it compiled before (a Mathlib header costs seconds to
/// minutes). Only Lean's own verdicts are kept (`ok`, `sorry`, `lean_error`); timeouts and REPL
/// faults are tried again.
public actor CompileCache {
  private let connection: SQLiteConnection

  /// A cache in the database at `path`, on a connection of its own.
  public init(path: String) throws {
    connection = try HeraldDatabase.openExisting(path: path)
  }

  /// The key of a check: the Lean setup, the mode, the header and the body.
  public static func key(identity: String, mode: String, header: String, body: String) -> String {
    var hash = SHA256()
    for part in [identity, mode, header, body] {
      hash.update(part)
      hash.update("\u{1F}")
    }
    return hash.hexDigest()
  }

  /// Whether an outcome is Lean's own verdict, worth keeping.
  public static func keeps(_ outcome: String) -> Bool {
    outcome == "ok" || outcome == "sorry" || outcome == "lean_error"
  }

  /// The stored result for `key`.
  public func result(forKey key: String) throws -> RecordValidation.Compile? {
    let query = try connection.prepare("SELECT outcome, result FROM compile_results WHERE key = ?1")
    try query.bind([.text(key)])
    defer { query.reset() }
    guard try query.step(), let text = query.text(1) else { return nil }
    return (try? JSONDocument(text: text)).flatMap { RecordValidation.Compile(json: $0.root) }
  }

  /// Stores `result` under `key` when it is Lean's own verdict.
  public func store(_ result: RecordValidation.Compile, key: String) throws {
    guard Self.keeps(result.outcome) else { return }
    var writer = JSONWriter(keyOrder: .codePoint)
    result.write(to: &writer)
    try connection.prepare(
      "INSERT OR REPLACE INTO compile_results(key, outcome, result, created_at) VALUES (?1, ?2, ?3, ?4)"
    ).run([.text(key), .text(result.outcome), .text(writer.string), .text(Timestamp.now())])
  }
}
