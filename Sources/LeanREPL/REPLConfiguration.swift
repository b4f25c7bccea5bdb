import Foundation

/// How the REPL pool starts and recycles its workers.
public struct REPLConfiguration: Sendable, Hashable {
  /// The REPL's command line, program first; run without a shell. A program path with a slash is
  /// taken relative to herald's working directory.
  public var command: [String]
  /// The Lake project the REPL runs in (its working directory): one that depends on the library
  /// the checks import, Mathlib above all, and is built.
  public var projectDirectory: String
  /// At most this many REPL processes at once.
  public var workers: Int
  /// Seconds a body may take before its worker is killed (outcome `timeout`).
  public var commandTimeout: Double
  /// Seconds a header may take: importing Mathlib takes from seconds to many minutes on slow disks.
  public var headerTimeout: Double
  /// Restart a worker after this many commands (memory only grows in the REPL); nil: never.
  public var maxCommandsPerWorker: Int?
  /// Restart a worker once its process tree's resident memory (from /proc) passes this; nil: never.
  public var maxResidentBytes: Int?
  /// The address-space limit (RLIMIT_AS) of each REPL process; nil: none. Importing Mathlib needs
  /// more than 8 GB of address space.
  public var addressSpaceLimit: Int?
  /// The REPL's environment; nil: herald's.
  public var environment: [String: String]?
  /// One new REPL per check, sent the header and the body as one command: what Herald's and
  /// DeepSeek's published scripts do, kept as the benchmark's comparison.
  public var freshProcessPerCheck: Bool

  public init(
    command: [String] = ["lake", "exe", "repl"], projectDirectory: String,
    workers: Int = ProcessInfo.processInfo.activeProcessorCount, commandTimeout: Double = 300,
    headerTimeout: Double = 1200, maxCommandsPerWorker: Int? = 1000, maxResidentBytes: Int? = 12 << 30,
    addressSpaceLimit: Int? = nil, environment: [String: String]? = nil, freshProcessPerCheck: Bool = false
  ) {
    self.command = command
    self.projectDirectory = projectDirectory
    self.workers = workers
    self.commandTimeout = commandTimeout
    self.headerTimeout = headerTimeout
    self.maxCommandsPerWorker = maxCommandsPerWorker
    self.maxResidentBytes = maxResidentBytes
    self.addressSpaceLimit = addressSpaceLimit
    self.environment = environment
    self.freshProcessPerCheck = freshProcessPerCheck
  }
}
