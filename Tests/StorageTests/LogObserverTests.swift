import Foundation
import Synchronization
import Testing

@testable import Storage

/// `SQLiteConnection.observeLog`: the observer sees every commit's log size and decides when the
/// connection checkpoints, in place of SQLite's automatic checkpoints.
@Suite struct LogObserverTests {
  private func database() throws -> SQLiteConnection {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-storage-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let connection = try SQLiteConnection(path: folder.appendingPathComponent("log.sqlite").path)
    try connection.execute("PRAGMA journal_mode = WAL; CREATE TABLE filler(x BLOB)")
    return connection
  }

  /// Commits a row of `bytes` zero bytes (about `bytes / 4096` log frames).
  private func commit(_ connection: SQLiteConnection, bytes: Int = 400_000) throws {
    try connection.transaction { try connection.execute("INSERT INTO filler(x) VALUES (zeroblob(\(bytes)))") }
  }

  private func logBytes(_ connection: SQLiteConnection) throws -> Int {
    let size = try FileManager.default.attributesOfItem(atPath: connection.path + "-wal")[.size] as? Int
    return size ?? 0
  }

  @Test func theObserverSeesEveryCommitAndNoAutomaticCheckpointRuns() throws {
    let connection = try database()
    let seen = Mutex<[Int]>([])
    connection.observeLog { frames in
      seen.withLock { $0.append(frames) }
      return false
    }
    // About 1,200 frames: past the 1,000 at which SQLite would checkpoint by itself.
    for _ in 0..<12 { try commit(connection) }
    let frames = seen.withLock { $0 }
    #expect(frames.count == 12)
    #expect(zip(frames, frames.dropFirst()).allSatisfy { $0 < $1 })
    #expect((frames.last ?? 0) >= 1_200)
    // Nothing was copied into the database, so the log still holds every frame.
    #expect(try logBytes(connection) >= 1_200 * 4_096)
    #expect(try connection.scalarInt("SELECT count(*) FROM filler") == 12)
  }

  @Test func returningTrueCheckpointsSoThatTheNextWriteStartsTheLogAgain() throws {
    let connection = try database()
    let seen = Mutex<[Int]>([])
    let checkpointAfter = 5
    connection.observeLog { frames in
      seen.withLock { seen in
        seen.append(frames)
        return seen.count == checkpointAfter
      }
    }
    for _ in 0..<8 { try commit(connection) }
    let frames = seen.withLock { $0 }
    #expect(frames.count == 8)
    // Growing up to the checkpoint, then from the top: the sixth commit's frames are its own.
    #expect(zip(frames.prefix(checkpointAfter), frames.prefix(checkpointAfter).dropFirst()).allSatisfy { $0 < $1 })
    #expect(frames[checkpointAfter] < frames[0] + 10)
    #expect(frames[checkpointAfter] < frames[checkpointAfter - 1])
    #expect(try connection.scalarInt("SELECT count(*) FROM filler") == 8)
  }
}
