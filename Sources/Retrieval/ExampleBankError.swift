/// Why the example bank could not be loaded, located at the file and line to fix.
public enum ExampleBankError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A folder or file could not be read.
  case unreadable(path: String, message: String)
  /// The folder holds no `*.jsonl` file, or only empty ones.
  case noExamples(directory: String)
  /// A line is not a valid example.
  case malformed(file: String, line: Int, reason: String)
  /// Two examples share an id.
  case duplicateID(id: String, file: String, line: Int, firstFile: String, firstLine: Int)

  public var description: String {
    switch self {
    case .unreadable(let path, let message):
      return "cannot read the example bank at '\(path)': \(message)."
    case .noExamples(let directory):
      return "no examples in '\(directory)': add *.jsonl files there (see its README.md for the format)."
    case .malformed(let file, let line, let reason):
      return "\(file):\(line): \(reason) (see pipelines/examples/README.md for the format)."
    case .duplicateID(let id, let file, let line, let firstFile, let firstLine):
      return "\(file):\(line): example id '\(id)' is already used at \(firstFile):\(firstLine); ids must be unique."
    }
  }
}
