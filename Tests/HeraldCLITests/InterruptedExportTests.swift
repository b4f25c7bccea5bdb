import Foundation
import HeraldCore
import Storage
import Testing

/// An export that cannot finish (a file size limit standing in for a full disk, SIGKILL part-way)
/// leaves the earlier dataset as it was, nothing half-written under a final name, and the same
/// command then completes.
@Suite(.serialized) struct InterruptedExportTests {
  /// A translated sample database enlarged `copies` times, exported once into `out`; returns the
  /// database, the folder and the files of that first export.
  private func exported(copies: Int) async throws -> (database: String, out: String, files: [String: Data]) {
    let database = try await TranslatedSample.translatedDatabase()
    try TranslatedSample.enlarge(database, copies: copies)
    let out = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("dataset").path
    let (first, _) = try TranslatedSample.launch(["export", "--db", database, "--out", out, "--quiet"])
    await exited(first)
    #expect(first.terminationStatus == 0)
    // What the next export writes differs from this one, so a half-done replacement would show.
    try HeraldDatabase.openExisting(path: database).execute(
      "UPDATE translations SET informal_name = informal_name || ' (revised)' WHERE status = 'translated'")
    return (database, out, TranslatedSample.files(out))
  }

  /// The files of `out` agree with its manifest: every listed file has its rows, bytes and hash.
  private func expectComplete(_ out: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let files = try #require(manifest["files"] as? [[String: Any]])
    #expect(!files.isEmpty)
    for file in files {
      let bytes = try #require(FileManager.default.contents(atPath: out + "/" + (file["path"] as? String ?? "")))
      #expect(file["sha256"] as? String == SHA256.hexDigest(of: bytes))
      #expect(file["rows"] as? Int == bytes.split(separator: UInt8(ascii: "\n")).count)
    }
    let shards = TranslatedSample.files(out).keys.filter { $0.hasSuffix(".jsonl") }
    #expect(Set(shards) == Set(files.compactMap { $0["path"] as? String }))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".herald-export-") })
  }

  @Test func aFileSizeLimitFailsNamingTheFileAndTheRemedyAndKeepsTheEarlierDataset() async throws {
    let (database, out, before) = try await exported(copies: 60)
    let largest = try #require(before.values.map(\.count).max())
    let blocks = 256
    #expect(largest > blocks * 1024, "the limit must cut the largest shard")

    let (limited, errors) = try TranslatedSample.launch(
      ["export", "--db", database, "--out", out, "--quiet"], fileSizeBlocks: blocks)
    await exited(limited)
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(limited.terminationReason == .exit)
    #expect(limited.terminationStatus == 1)
    #expect(message.hasPrefix("Error: writing '"), "\(message)")
    #expect(message.contains("File too large"))
    #expect(message.contains("raise the file size limit"))
    #expect(message.contains("the same command starts over"))
    #expect(TranslatedSample.files(out) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".herald-export-") })

    let (rerun, _) = try TranslatedSample.launch(["export", "--db", database, "--out", out, "--quiet"])
    await exited(rerun)
    #expect(rerun.terminationStatus == 0)
    try expectComplete(out)
    #expect(TranslatedSample.files(out) != before)
  }

  @Test func aKillPartWayLeavesTheEarlierDatasetWholeAndTheSameCommandCompletes() async throws {
    let (database, out, before) = try await exported(copies: 150)
    let (process, _) = try TranslatedSample.launch(["export", "--db", database, "--out", out, "--quiet"])
    // Kill once the run has started writing shards into its staging folder.
    let staging = out + "/.herald-export-\(process.processIdentifier)"
    var started = false
    while process.isRunning, !started {
      let parts = FileManager.default.enumerator(atPath: staging)?.allObjects.compactMap { $0 as? String } ?? []
      started = parts.contains { $0.hasSuffix(".jsonl") }
      if !started { try await Task.sleep(for: .milliseconds(1)) }
    }
    kill(process.processIdentifier, SIGKILL)
    await exited(process)
    #expect(started)
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(TranslatedSample.files(out) == before)
    #expect(FileManager.default.fileExists(atPath: staging))

    let (rerun, _) = try TranslatedSample.launch(["export", "--db", database, "--out", out, "--quiet"])
    await exited(rerun)
    #expect(rerun.terminationStatus == 0)
    #expect(!FileManager.default.fileExists(atPath: staging))
    try expectComplete(out)
    let after = TranslatedSample.files(out)
    #expect(after != before)
    #expect(Set(after.keys) == Set(before.keys))
  }
}
