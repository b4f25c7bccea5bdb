import Records
import Storage

/// Setup and output errors of the export stage: these stop the run, leave the previous dataset
/// (if any) as it was, and remove what this run had staged. Records that break their schema are
/// not errors of this kind but failure rows.
public enum ExportError: Error, Sendable, CustomStringConvertible, Equatable {
  /// The database cannot be read as a herald database.
  case database(StorageError)
  /// The database file is empty (0 bytes).
  case emptyDatabase(path: String)
  /// The database holds no translated declaration to export.
  case nothingToExport(database: String, excluded: [ExclusionReason: Int])
  /// `--out` names an existing file.
  case outputIsFile(path: String)
  /// `--out` cannot be created or written.
  case outputNotWritable(path: String, message: String)
  /// `--out` holds files that herald export did not write.
  case outputNotOurs(path: String, entry: String)
  /// Another herald export is writing into the same folder.
  case outputBusy(path: String, process: Int32)
  /// Writing, syncing or renaming a file failed (disk full, file size limit, I/O error).
  case writeFailed(path: String, message: String)

  public var description: String {
    switch self {
    case .database(let error):
      if case .schemaMismatch(let path, let found, let expected) = error {
        return "database '\(path)' has schema version \(found) but this herald reads version \(expected); "
          + "export it with the herald release that wrote it, or re-create it with this herald's extract and translate."
      }
      return error.description
    case .emptyDatabase(let path):
      return "database '\(path)' is an empty file; run 'herald extract' and 'herald translate' with --db \(path) "
        + "first (or give the database they wrote)."
    case .nothingToExport(let database, let excluded):
      let reasons = excluded.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }
      return "database '\(database)' has no translated declaration to export"
        + (reasons.isEmpty ? " (it holds no translatable declaration)" : " (\(reasons.joined(separator: ", ")))")
        + "; run 'herald translate --db \(database)' first."
    case .outputIsFile(let path):
      return "'\(path)' is a file, not a folder; give --out the path of a folder (it is created when missing)."
    case .outputNotWritable(let path, let message):
      return "cannot write into '\(path)': \(message). Give --out a folder you can write to."
    case .outputNotOurs(let path, let entry):
      return "'\(path)' is not empty and was not written by herald export (it holds '\(entry)'); "
        + "give --out a new or empty folder, or one an earlier herald export wrote."
    case .outputBusy(let path, let process):
      return "another herald export (process \(process)) is writing into '\(path)'; wait for it to finish, "
        + "or give --out another folder."
    case .writeFailed(let path, let message):
      return "writing '\(path)' failed: \(message). Free space on that disk (or raise the file size limit), "
        + "or give --out a folder on another disk; nothing of this run was left under a final name, "
        + "and the same command starts over."
    }
  }
}
