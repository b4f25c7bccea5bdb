import Foundation
import HeraldCore
import Records

/// Compiles the Lean texts of the stages as statement checks: through the REPL pool with the
/// header policy and `autoImplicit` off, answered from the compile cache when the same text was
/// compiled with the same setup before, or `not_run` with the remedy when no REPL is configured.
public struct StatementChecker: Sendable {
  /// The compiler; nil when no REPL is configured.
  public let lean: (any LeanChecking)?
  let policy: HeaderPolicy
  let cache: CompileCache?
  /// Lean's `autoImplicit` option in every check (off, as Mathlib sets it: with it on, an unknown
  /// name in a back-translation would silently become a variable and the text would compile).
  let autoImplicit: Bool
  /// The Lean setup, recorded with every result: toolchain, REPL command, project, header policy.
  public let identity: String?

  /// Why checks do not run without a REPL, with the remedy.
  public static let noREPLReason =
    "no Lean REPL is configured: add a \"lean\" section with \"project\" to the pipeline file (see the README, "
    + "\"Checking Lean with a REPL\"); herald lean check shows whether a setup works"

  /// A checker over `lean` set up as `configuration`; without them every check is `not_run`.
  public init(
    lean: (any LeanChecking)?, configuration: REPLConfiguration?, policy: HeaderPolicy, cache: CompileCache?,
    autoImplicit: Bool = false
  ) {
    self.lean = lean
    self.policy = policy
    self.cache = cache
    self.autoImplicit = autoImplicit
    if lean != nil, let configuration {
      identity = Self.identity(of: configuration, policy: policy, autoImplicit: autoImplicit)
    } else {
      identity = nil
    }
  }

  /// Whether the header of each check is one literal text (the library's own declarations are
  /// then in scope, and records must be stated as examples to be checked).
  public var replacesImports: Bool { policy.override != nil }

  /// The verdict on `text` as a statement check, and whether it came from the cache.
  public func check(_ text: String) async -> (compile: RecordValidation.Compile, cached: Bool) {
    guard let lean, let identity else {
      return (RecordValidation.Compile(outcome: CompileOutcome.notRun.rawValue, detail: Self.noREPLReason), false)
    }
    var check = LeanCheck(text: text, mode: .statement, headerOverride: policy.override)
    let option = "set_option autoImplicit \(autoImplicit)"
    check.header = check.header.isEmpty ? option : check.header + "\n" + option
    // The option is placed at the last import line (or line 1): it has none of its own.
    check.headerSourceLines.append(check.headerSourceLines.last ?? 1)
    let key = CompileCache.key(identity: identity, mode: "statement", header: check.header, body: check.body)
    if let cache, let stored = try? await cache.result(forKey: key) { return (stored, true) }
    let result = await lean.check(check)
    let compile = RecordValidation.Compile(
      outcome: result.outcome.rawValue,
      messages: result.messages.map {
        RecordValidation.Message(
          severity: $0.severity.rawValue, line: $0.line, column: $0.column, endLine: $0.endLine,
          endColumn: $0.endColumn, text: $0.text)
      },
      detail: result.detail, lean: identity)
    if let cache { try? await cache.store(compile, key: key) }
    return (compile, false)
  }

  /// The setup's description: the project's `lean-toolchain`, the SHA-256 of its
  /// `lake-manifest.json` (which pins Mathlib), the REPL command and the header policy. Paths
  /// appear by their last component only: the description goes into every exported record, and
  /// a moved checkout is the same setup.
  public static func identity(of configuration: REPLConfiguration, policy: HeaderPolicy, autoImplicit: Bool) -> String {
    let project = URL(fileURLWithPath: configuration.projectDirectory)
    let toolchain =
      (try? String(contentsOf: project.appendingPathComponent("lean-toolchain"), encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown toolchain"
    let manifest =
      FileManager.default.contents(atPath: project.appendingPathComponent("lake-manifest.json").path)
      .map { "manifest " + String(SHA256.hexDigest(of: $0).prefix(12)) } ?? "no lake-manifest.json"
    let header =
      switch policy {
      case .asWritten: "as-written"
      case .literal(let text): text.replacingOccurrences(of: "\n", with: "; ")
      }
    let command = configuration.command.map { $0.contains("/") ? URL(fileURLWithPath: $0).lastPathComponent : $0 }
    return "\(toolchain); \(manifest); repl: \(command.joined(separator: " ")) in "
      + "\(project.lastPathComponent); header: \(header); autoImplicit \(autoImplicit)"
  }
}
