/// The result of parsing one command's arguments, with typed accessors that report bad values
/// as `UsageError`s naming the offending option.
///
/// Accessors take the option's long spelling (`"--jobs"`). Asking for an option the spec does
/// not declare, or reading a flag as a value, is a programming error and traps, so a typo in a
/// command's code fails its first test instead of silently reading "absent".
public struct ParsedArguments: Sendable {
  /// The spec these arguments were parsed against.
  public let spec: CommandSpec
  /// True when `-h`/`--help` was given; nothing else is parsed in that case.
  public let isHelpRequested: Bool
  /// Every positional word in order, including those after `--`.
  public let positionals: [String]
  private let occurrences: [String: [String]]
  private let boundPositionals: [String: [String]]

  /// Arguments from a completed parse.
  init(
    spec: CommandSpec, occurrences: [String: [String]], positionals: [String],
    boundPositionals: [String: [String]]
  ) {
    self.spec = spec
    self.isHelpRequested = false
    self.occurrences = occurrences
    self.positionals = positionals
    self.boundPositionals = boundPositionals
  }

  /// The result when help was requested: nothing else is parsed.
  init(helpFor spec: CommandSpec) {
    self.spec = spec
    self.isHelpRequested = true
    self.occurrences = [:]
    self.positionals = []
    self.boundPositionals = [:]
  }

  /// Whether the flag was given at least once.
  public func flag(_ long: String) -> Bool {
    count(long) > 0
  }

  /// How many times the option was given; useful for repeatable flags such as `-v -v`.
  public func count(_ long: String) -> Int {
    _ = declared(long)
    return occurrences[long]?.count ?? 0
  }

  /// The option's value, or `nil` if absent; for a repeatable option, the last one given.
  public func value(_ long: String) -> String? {
    requireValued(long)
    return occurrences[long]?.last
  }

  /// Every value given for the option, in command-line order.
  public func values(_ long: String) -> [String] {
    requireValued(long)
    return occurrences[long] ?? []
  }

  /// The option's value as an integer, or `nil` if absent.
  public func int(_ long: String) throws(UsageError) -> Int? {
    try number(long, kind: "an integer") { Int($0) }
  }

  /// The option's value as an integer inside `range`, or `nil` if absent.
  public func int(_ long: String, range: some ValueRange<Int>) throws(UsageError) -> Int? {
    try checked(int(long), long, range)
  }

  /// The option's value as a finite floating-point number, or `nil` if absent.
  public func double(_ long: String) throws(UsageError) -> Double? {
    try number(long, kind: "a number") { text in Double(text).flatMap { $0.isFinite ? $0 : nil } }
  }

  /// The option's value as a finite floating-point number inside `range`, or `nil` if absent.
  public func double(_ long: String, range: some ValueRange<Double>) throws(UsageError) -> Double? {
    try checked(double(long), long, range)
  }

  /// The word bound to a required or optional positional argument, by its declared name.
  public func positional(_ name: String) -> String? {
    positionalValues(name).first
  }

  /// The words bound to a positional argument (several for a variadic one), by declared name.
  public func positionalValues(_ name: String) -> [String] {
    precondition(
      spec.arguments.contains { $0.name == name },
      "argument '\(name)' is not declared by command '\(spec.name)'")
    return boundPositionals[name] ?? []
  }

  /// The declared option for `long`; traps on an undeclared name.
  private func declared(_ long: String) -> OptionSpec {
    guard let option = spec.options.first(where: { $0.long == long }) else {
      preconditionFailure("option '\(long)' is not declared by command '\(spec.name)'")
    }
    return option
  }

  /// Traps when a flag is read as if it had a value.
  private func requireValued(_ long: String) {
    precondition(!declared(long).isFlag, "option '\(long)' is a flag; read it with flag(_:)")
  }

  /// Converts the option's value, reporting text that is not a `kind`.
  private func number<Number>(
    _ long: String, kind: String, convert: (String) -> Number?
  ) throws(UsageError) -> Number? {
    guard let text = value(long) else { return nil }
    guard let parsed = convert(text) else {
      throw UsageError("invalid value '\(text)' for '\(long)': expected \(kind)", command: spec.name)
    }
    return parsed
  }

  /// Rejects a parsed value outside `range`, naming the requirement.
  private func checked<Range: ValueRange>(
    _ parsed: Range.Bound?, _ long: String, _ range: Range
  ) throws(UsageError) -> Range.Bound? {
    guard let parsed else { return nil }
    guard range.contains(parsed) else {
      throw UsageError(
        "invalid value '\(value(long) ?? "")' for '\(long)': must be \(range.requirement)",
        command: spec.name)
    }
    return parsed
  }
}
