import Foundation
import Storage
import Synchronization
import Testing

@testable import Extraction

/// `LogCopier`: the log is copied from the copier's own connection while the writer writes, and
/// started again from the top, so that it stays short however much is written.
@Suite struct LogCopierTests {
  private func writer(_ label: String = #function) throws -> SQLiteConnection {
    let path = TestSupport.temporaryDirectory(label).appendingPathComponent("copy.sqlite").path
    let connection = try HeraldDatabase.openForWriting(path: path)
    try connection.execute("CREATE TABLE filler(x BLOB)")
    return connection
  }

  @Test func theLogStaysShortWhileTheWriterWrites() throws {
    let connection = try writer()
    let copier = try #require(LogCopier(path: connection.path, everyFrames: 64))
    let seen = Mutex<[Int]>([])
    connection.observeLog { frames in
      seen.withLock { $0.append(frames) }
      return copier.logGrew(to: frames)
    }
    // 300 commits of about 10 frames each: 3,000 frames in all, a copy asked for every 64.
    for _ in 0..<300 {
      try connection.transaction { try connection.execute("INSERT INTO filler(x) VALUES (zeroblob(40000))") }
      // The copier's thread gets its turns even on a loaded machine.
      usleep(500)
    }
    copier.finish()
    let frames = seen.withLock { $0 }
    let restarts = zip(frames, frames.dropFirst()).filter { $0 > $1 }.count
    #expect(restarts >= 2)
    #expect((frames.max() ?? 0) < 1_500)
    // After `finish` no copy runs: the writer's final checkpoint has the log to itself.
    try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    let size = try FileManager.default.attributesOfItem(atPath: connection.path + "-wal")[.size] as? Int
    #expect(size == 0)
    #expect(try connection.scalarInt("SELECT count(*) FROM filler") == 300)
  }

  @Test func afterFinishNoCopyIsAskedFor() throws {
    let connection = try writer()
    let copier = try #require(LogCopier(path: connection.path, everyFrames: 1))
    copier.finish()
    copier.finish()
    #expect(copier.logGrew(to: 10_000) == false)
  }

  @Test func noCopierWithoutADatabase() {
    let path = TestSupport.temporaryDirectory().appendingPathComponent("absent.sqlite").path
    #expect(LogCopier(path: path, everyFrames: 64) == nil)
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
