/// Declares one named option of a command: a boolean flag or an option that takes a value.
public struct OptionSpec: Sendable, Hashable {
  /// Long spelling including the dashes, e.g. `--jobs`; this is the key used to read the parsed value.
  public var long: String
  /// Optional one-letter spelling including the dash, e.g. `-j`.
  public var short: String?
  /// Placeholder shown for the value (`N`, `PATH`); `nil` makes the option a flag.
  public var valueName: String?
  /// One-line description for the help table.
  public var help: String
  /// Whether the option may appear more than once (values accumulate in order).
  public var isRepeatable: Bool
  /// Whether parsing fails when the option is absent.
  public var isRequired: Bool
  /// Default shown in help only; the parser never substitutes it, because many defaults
  /// ("number of cores", "$HERALD_DB") are descriptions rather than literal values.
  public var defaultDescription: String?

  /// Creates an option; prefer the `flag` and `option` factories, which read better at call sites.
  public init(
    long: String, short: String? = nil, valueName: String? = nil, help: String,
    isRepeatable: Bool = false, isRequired: Bool = false, defaultDescription: String? = nil
  ) {
    self.long = long
    self.short = short
    self.valueName = valueName
    self.help = help
    self.isRepeatable = isRepeatable
    self.isRequired = isRequired
    self.defaultDescription = defaultDescription
  }

  /// True when the option takes no value.
  public var isFlag: Bool { valueName == nil }

  /// Declares a boolean flag such as `--force`; a repeatable flag counts its occurrences (`-v -v`).
  public static func flag(
    _ long: String, short: String? = nil, help: String, repeatable: Bool = false
  ) -> OptionSpec {
    OptionSpec(long: long, short: short, help: help, isRepeatable: repeatable)
  }

  /// Declares an option taking a value, such as `--jobs N`.
  public static func option(
    _ long: String, short: String? = nil, value: String, help: String,
    default defaultValue: String? = nil, required: Bool = false, repeatable: Bool = false
  ) -> OptionSpec {
    OptionSpec(
      long: long, short: short, valueName: value, help: help, isRepeatable: repeatable,
      isRequired: required, defaultDescription: defaultValue)
  }

  /// The spelling used in usage lines and messages, e.g. `--jobs N`.
  var synopsis: String {
    guard let valueName else { return long }
    return "\(long) \(valueName)"
  }
}
