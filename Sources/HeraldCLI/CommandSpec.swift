/// Everything the framework needs to parse, document and report errors for one subcommand.
public struct CommandSpec: Sendable {
  /// The word after `herald`, e.g. `extract`.
  public var name: String
  /// One-line summary listed in the overview and shown atop the command's help.
  public var abstract: String
  /// Full usage lines such as `herald extract --project DIR [--jobs N]`; generated when empty.
  public var usage: [String]
  /// Free text printed verbatim at the end of the command's help.
  public var discussion: String
  /// Named options, in the order they appear in help.
  public var options: [OptionSpec]
  /// Positional arguments, in command-line order.
  public var arguments: [PositionalSpec]

  /// Creates a command description.
  public init(
    name: String, abstract: String, usage: [String] = [], discussion: String = "",
    options: [OptionSpec] = [], arguments: [PositionalSpec] = []
  ) {
    self.name = name
    self.abstract = abstract
    self.usage = usage
    self.discussion = discussion
    self.options = options
    self.arguments = arguments
  }

  /// Spellings the framework handles for every command, so commands must not declare them.
  static let reservedSpellings: Set<String> = ["-h", "--help"]

  /// Finds the option a command-line spelling refers to, long or short.
  func option(spelled spelling: String) -> OptionSpec? {
    options.first { $0.long == spelling || $0.short == spelling }
  }

  /// Usage lines as given, or one generated from the options and arguments.
  var usageLines: [String] {
    if !usage.isEmpty { return usage }
    var words = ["herald", name]
    words += options.filter(\.isRequired).map(\.synopsis)
    if options.contains(where: { !$0.isRequired }) { words.append("[options]") }
    words += arguments.map(\.synopsis)
    return [words.joined(separator: " ")]
  }

  /// Lists inconsistencies that would make parsing ambiguous; empty when the spec is sound.
  ///
  /// Checked by tests for every registered command rather than at run time, so a mistake
  /// in a new command fails CI instead of a user's invocation.
  public func problems() -> [String] {
    var found: [String] = []
    if name.isEmpty || name.hasPrefix("-") || name.contains(where: \.isWhitespace) {
      found.append("command name '\(name)' must be a single word not starting with '-'")
    }
    var seen: Set<String> = []
    for option in options {
      let long = option.long
      if !long.hasPrefix("--") || long.count < 3 || long.contains("=") || long.dropFirst(2).hasPrefix("-") {
        found.append("long option '\(long)' must look like '--name'")
      }
      if let short = option.short, short.count != 2 || !short.hasPrefix("-") || short == "--" {
        found.append("short option '\(short)' of '\(long)' must look like '-x'")
      }
      for spelling in [long, option.short].compactMap({ $0 }) {
        if Self.reservedSpellings.contains(spelling) {
          found.append("option '\(spelling)' is reserved for help")
        } else if !seen.insert(spelling).inserted {
          found.append("option '\(spelling)' is declared twice")
        }
      }
      if option.isFlag && (option.isRequired || option.defaultDescription != nil) {
        found.append("flag '\(long)' cannot be required or have a default")
      }
    }
    var positionalNames: Set<String> = []
    var sawOptionalOrVariadic = false
    for (index, argument) in arguments.enumerated() {
      if !positionalNames.insert(argument.name).inserted {
        found.append("argument '\(argument.name)' is declared twice")
      }
      switch argument.arity {
      case .required where sawOptionalOrVariadic:
        found.append("required argument '\(argument.name)' follows an optional one")
      case .variadic where index != arguments.count - 1:
        found.append("variadic argument '\(argument.name)' must be last")
      default:
        break
      }
      if argument.arity != .required { sawOptionalOrVariadic = true }
    }
    return found
  }
}
