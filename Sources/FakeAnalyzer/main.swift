// fake-jixia: a stand-in for `lake env` and the jixia analyzer, for tests without a Lean toolchain.
//
// Two personalities, chosen by the first argument:
//
//   fake-jixia env PROG ARGS…   behaves like `lake env`: sets LAKE_ENV_ACTIVE=1 and executes PROG
//                               (a path, or a bare name looked up in PATH) with ARGS.
//   fake-jixia [FLAGS] FILE     behaves like jixia: accepts its command line and, instead of
//                               elaborating FILE, copies recorded plugin output for FILE's module.
//
// Environment (analyzer personality):
//
//   FAKE_JIXIA_RECORDINGS  directory holding `<Module>.<plugin>.json` (plugin: mod decl sym elab line
//                          ast). Required.
//   FAKE_JIXIA_LOG         file to which one line per run is appended: the module name, a tab, then
//                          the full argv (argv[0] included) joined with spaces.
//   FAKE_JIXIA_FAULTS      comma-separated `Module.Name=mode` or `*=mode` (an exact module entry wins
//                          over `*`). Modes: crash signal hang truncate garbage empty missing panic
//                          nonutf8 slow — see `Fault`.
//   FAKE_JIXIA_WARN        `1` prints a few Lean-style messages to stderr at the end of a run.

import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What went wrong, with the exit status and the stderr text jixia (or lake) would show.
struct Failure: Error {
  /// Text written to stderr, newline included.
  var message: String
  /// Process exit status.
  var status: Int32 = 1
}

// MARK: - Process helpers

/// Writes `text` to standard error without buffering.
func printError(_ text: String) {
  FileHandle.standardError.write(Data(text.utf8))
}

/// Writes `text` to standard output.
func printOut(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// Ends the process now with `status`, flushing nothing further.
func exitNow(_ status: Int32) -> Never {
  exit(status)
}

// MARK: - `lake env`

/// `lake env PROG ARGS…` as Lake does it: marks the environment as Lake's, starts PROG as a child,
/// waits for it and exits with its status, or with 128 + the signal that killed it.
enum LakeEnv {
  /// Runs `arguments[0]` with the remaining arguments; returns only when it could not start.
  static func run(_ arguments: [String]) -> Failure {
    guard let program = arguments.first else {
      return Failure(message: "error: no command given to 'env'\n")
    }
    setenv("LAKE_ENV_ACTIVE", "1", 1)
    var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    cArguments.append(nil)
    var child: pid_t = 0
    // posix_spawnp resolves a bare name through PATH and uses a path containing `/` as given.
    let status = posix_spawnp(&child, program, nil, nil, &cArguments, environ)
    guard status == 0 else { return Failure(message: "error: could not execute '\(program)'\n") }
    var waitStatus: Int32 = 0
    while waitpid(child, &waitStatus, 0) == -1 && errno == EINTR {}
    if waitStatus & 0x7f == 0 { exit((waitStatus >> 8) & 0xff) }
    exit(128 + (waitStatus & 0x7f))
  }
}

// MARK: - Command line

/// One of jixia's output plugins, in the order jixia writes their files.
enum Plugin: String, CaseIterable {
  case module = "mod"
  case declaration = "decl"
  case elaboration = "elab"
  case line = "line"
  case ast = "ast"
  case symbol = "sym"

  /// The long flag naming the plugin's output file.
  var longFlag: String {
    switch self {
    case .module: return "--module"
    case .declaration: return "--declaration"
    case .elaboration: return "--elaboration"
    case .line: return "--line"
    case .ast: return "--ast"
    case .symbol: return "--symbol"
    }
  }

  /// The short flag naming the plugin's output file.
  var shortFlag: String {
    switch self {
    case .module: return "-m"
    case .declaration: return "-d"
    case .elaboration: return "-e"
    case .line: return "-l"
    case .ast: return "-a"
    case .symbol: return "-s"
    }
  }

  /// The plugin a flag (short or long) selects, if any.
  static func named(by flag: String) -> Plugin? {
    allCases.first { $0.shortFlag == flag || $0.longFlag == flag }
  }
}

/// jixia's command line: output files per plugin, options, and the file to analyze.
struct Invocation {
  /// Output path for each requested plugin.
  var outputs: [Plugin: String] = [:]
  /// `-i`: run `initialize` blocks (accepted and ignored).
  var initializer = false
  /// `-Dkey=value` / `-Dkey` Lean options, in order (accepted and ignored).
  var options: [(key: String, value: String)] = []
  /// The `.lean` file, as given.
  var file: String = ""

  static let usage = """
    USAGE:
        jixia [FLAGS] <file>

    A static analysis tool for Lean 4.

    FLAGS:
        -h, --help                    Prints this message.
        -m, --module : String         Module info
        -d, --declaration : String    Declaration info
        -s, --symbol : String         Symbol info
        -e, --elaboration : String    Elaboration info
        -l, --line : String           Line info
        -a, --ast : String            AST
        -i, --initializer             Execute initializers
        -D<key>[=<value>]             Set a Lean option (repeatable)

    ARGS:
        file : String                 File to process

    """

  /// Parses `arguments` (without argv[0]); `nil` means help was requested.
  static func parse(_ arguments: [String]) throws(Failure) -> Invocation? {
    var result = Invocation()
    var positional: [String] = []
    var index = 0
    func usageError(_ reason: String) -> Failure {
      Failure(message: "error: \(reason)\n\n" + usage)
    }
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if argument == "-h" || argument == "--help" {
        return nil
      }
      if argument == "-i" || argument == "--initializer" {
        result.initializer = true
        continue
      }
      if argument.hasPrefix("-D") {
        let body = argument.dropFirst(2)
        guard !body.isEmpty, !body.hasPrefix("=") else {
          throw usageError("option '-D' needs a key: -Dkey=value or -Dkey")
        }
        if let equals = body.firstIndex(of: "=") {
          result.options.append((String(body[..<equals]), String(body[body.index(after: equals)...])))
        } else {
          result.options.append((String(body), "true"))
        }
        continue
      }
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        let flag = String(argument[..<equals])
        guard let plugin = Plugin.named(by: flag) else { throw usageError("unknown flag '\(flag)'") }
        result.outputs[plugin] = String(argument[argument.index(after: equals)...])
        continue
      }
      if let plugin = Plugin.named(by: argument) {
        guard index < arguments.count else { throw usageError("flag '\(argument)' needs a file") }
        result.outputs[plugin] = arguments[index]
        index += 1
        continue
      }
      if argument.hasPrefix("-") && argument != "-" {
        throw usageError("unknown flag '\(argument)'")
      }
      positional.append(argument)
    }
    guard positional.count == 1 else {
      throw usageError(positional.isEmpty ? "missing argument 'file'" : "expected exactly one file")
    }
    guard positional[0].hasSuffix(".lean") else {
      throw usageError("'\(positional[0])' is not a .lean file")
    }
    result.file = positional[0]
    return result
  }

  /// The module name jixia derives: the path relative to the current directory (the project
  /// root), `.lean` dropped, `/` replaced by `.`.
  var moduleName: String {
    var path = file
    let cwd = FileManager.default.currentDirectoryPath
    if path.hasPrefix("/") {
      let root = cwd.hasSuffix("/") ? cwd : cwd + "/"
      if path.hasPrefix(root) { path = String(path.dropFirst(root.count)) }
    }
    while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
    if path.hasSuffix(".lean") { path = String(path.dropLast(5)) }
    return path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: ".")
  }
}

// MARK: - Faults

/// A failure mode requested through FAKE_JIXIA_FAULTS.
enum Fault: String {
  /// Writes nothing; stderr shows an internal panic; exit 1.
  case crash
  /// Writes nothing; the process dies of SIGSEGV (SIGKILL if that fails).
  case signal
  /// Never finishes (the caller is expected to kill it).
  case hang
  /// Writes every file, but the declaration file is cut in half; exit 0.
  case truncate
  /// The declaration file holds `not json at all`; exit 0.
  case garbage
  /// The declaration file is empty; exit 0.
  case empty
  /// The symbol file is not written; exit 0.
  case missing
  /// Writes everything; a `PANIC at …` line appears on stderr mid-run; exit 0.
  case panic
  /// The declaration file contains an invalid UTF-8 byte (0xFF) inside a string; exit 0.
  case nonutf8
  /// Sleeps two seconds, then behaves normally.
  case slow

  /// The fault configured for `module` in `spec` (`A.B=mode,*=mode`); exact names win over `*`.
  static func configured(for module: String, in spec: String?) throws(Failure) -> Fault? {
    guard let spec, !spec.isEmpty else { return nil }
    var wildcard: Fault?
    for entry in spec.split(separator: ",") {
      let parts = entry.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, let fault = Fault(rawValue: parts[1]) else {
        throw Failure(message: "uncaught exception: FAKE_JIXIA_FAULTS: bad entry '\(entry)'\n")
      }
      if parts[0] == module { return fault }
      if parts[0] == "*" { wildcard = fault }
    }
    return wildcard
  }
}

// MARK: - Analyzer

/// The analyzer personality: validates the run like jixia, then replays recordings.
struct Analyzer {
  /// The parsed command line.
  let invocation: Invocation
  /// Full argv, for the log.
  let argv: [String]
  /// Process environment.
  let environment: [String: String]

  /// Runs to completion; returns the exit status.
  func run() throws(Failure) -> Int32 {
    let module = invocation.moduleName
    appendLog(module: module)
    let fault = try Fault.configured(for: module, in: environment["FAKE_JIXIA_FAULTS"])

    guard FileManager.default.fileExists(atPath: invocation.file) else {
      throw Failure(
        message: "uncaught exception: no such file or directory (error code: 2, \(invocation.file))\n")
    }
    guard let directory = environment["FAKE_JIXIA_RECORDINGS"], !directory.isEmpty else {
      throw Failure(message: "uncaught exception: FAKE_JIXIA_RECORDINGS is not set\n")
    }
    let recordings = try recordings(for: module, in: directory)

    switch fault {
    case .crash:
      throw Failure(
        message: """
          INTERNAL PANIC: out of memory
          backtrace:
            lean_alloc_small (in libleanshared.so)
            l_Lean_Elab_Command_elabCommandTopLevel (in libleanshared.so)
            l_Lean_Elab_Frontend_processCommand (in libleanshared.so)

          """)
    case .signal:
      signal(SIGSEGV, SIG_DFL)
      raise(SIGSEGV)
      kill(getpid(), SIGKILL)
      return 1
    case .hang:
      while true { sleep(3600) }
    case .slow:
      sleep(2)
    case .panic:
      printError(
        "PANIC at Lean.Elab.Term.reportStuckSyntheticMVar Lean.Elab.SyntheticMVars:283:4: "
          + "unexpected stuck metavariable\n")
    default:
      break
    }

    // jixia writes every file only once the whole file is elaborated, in plugin order.
    for plugin in Plugin.allCases {
      guard let path = invocation.outputs[plugin], var data = recordings[plugin] else { continue }
      if plugin == .symbol && fault == .missing { continue }
      if plugin == .declaration {
        switch fault {
        case .truncate: data = data.prefix(data.count / 2)
        case .garbage: data = Data("not json at all\n".utf8)
        case .empty: data = Data()
        case .nonutf8: data = Self.corruptUTF8(data)
        default: break
        }
      }
      guard FileManager.default.createFile(atPath: path, contents: data) else {
        throw Failure(message: "uncaught exception: failed to create file '\(path)'\n")
      }
    }

    if environment["FAKE_JIXIA_WARN"] == "1" {
      let file = invocation.file
      printError(
        """
        \(file):3:0: warning: declaration uses 'sorry'
        \(file):7:2: warning: unused variable `h`
        note: this linter can be disabled with `set_option linter.unusedVariables false`

        """)
    }
    return 0
  }

  /// The recorded plugin files of `module`; a module with none is unknown, as it is to jixia
  /// outside `lake env`. A plugin without a recording is simply not written.
  func recordings(for module: String, in directory: String) throws(Failure) -> [Plugin: Data] {
    var found: [Plugin: Data] = [:]
    let base = URL(fileURLWithPath: directory, isDirectory: true)
    for plugin in Plugin.allCases {
      let url = base.appendingPathComponent("\(module).\(plugin.rawValue).json")
      if let data = try? Data(contentsOf: url) { found[plugin] = data }
    }
    guard !found.isEmpty else {
      throw Failure(message: "uncaught exception: unknown module prefix '\(module)'\n")
    }
    return found
  }

  /// Appends `module<TAB>argv` to FAKE_JIXIA_LOG in one write, so concurrent runs do not interleave.
  func appendLog(module: String) {
    guard let path = environment["FAKE_JIXIA_LOG"], !path.isEmpty else { return }
    let line = module + "\t" + argv.joined(separator: " ") + "\n"
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    var bytes = Array(line.utf8)
    _ = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
  }

  /// Inserts a 0xFF byte at the start of the first string value (`":"` opens one), else after
  /// the first quote, else writes `["\u{FF}"]`; the JSON structure stays intact.
  static func corruptUTF8(_ data: Data) -> Data {
    var bytes = [UInt8](data)
    let colonQuote: [UInt8] = [UInt8(ascii: ":"), UInt8(ascii: "\"")]
    if let range = bytes.firstRange(of: colonQuote) {
      bytes.insert(0xFF, at: range.upperBound)
      return Data(bytes)
    }
    if let quote = bytes.firstIndex(of: UInt8(ascii: "\"")) {
      bytes.insert(0xFF, at: quote + 1)
      return Data(bytes)
    }
    return Data("[\"".utf8) + Data([0xFF]) + Data("\"]\n".utf8)
  }
}

// MARK: - Entry point

let argv = CommandLine.arguments
let arguments = Array(argv.dropFirst())

if arguments.first == "env" {
  let failure = LakeEnv.run(Array(arguments.dropFirst()))
  printError(failure.message)
  exitNow(failure.status)
}

do {
  guard let invocation = try Invocation.parse(arguments) else {
    printOut(Invocation.usage)
    exitNow(0)
  }
  let analyzer = Analyzer(
    invocation: invocation, argv: argv, environment: ProcessInfo.processInfo.environment)
  exitNow(try analyzer.run())
} catch {
  printError(error.message)
  exitNow(error.status)
}
