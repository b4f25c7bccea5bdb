/// Turns the words after a subcommand name into `ParsedArguments` according to a `CommandSpec`.
public enum CommandLineParser {
  /// Parses `args` (the words after the command name) against `spec`.
  ///
  /// Accepts `--opt value`, `--opt=value`, `-o value`, flags, repeated options and `--` to end
  /// option parsing. `-h`/`--help` anywhere before `--` wins over every other problem and yields
  /// a result whose `isHelpRequested` is true, so a user asking for help never sees an error.
  public static func parse(_ args: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
    if requestsHelp(args) { return ParsedArguments(helpFor: spec) }
    var occurrences: [String: [String]] = [:]
    var positionals: [String] = []
    var index = 0
    var optionsEnded = false
    while index < args.count {
      let word = args[index]
      index += 1
      if optionsEnded || !looksLikeOption(word) {
        positionals.append(word)
        continue
      }
      if word == "--" {
        optionsEnded = true
        continue
      }
      let (spelling, inlineValue) = split(word)
      guard let option = spec.option(spelled: spelling) else {
        throw unknownOption(spelling, spec: spec)
      }
      let value: String
      if option.isFlag {
        if inlineValue != nil {
          throw UsageError("option '\(option.long)' does not take a value", command: spec.name)
        }
        value = ""
      } else if let inlineValue {
        value = inlineValue
      } else if index < args.count, !looksLikeOption(args[index]) {
        value = args[index]
        index += 1
      } else {
        throw UsageError(
          "missing value for option '\(option.long)' (expected \(option.valueName ?? "VALUE"))",
          command: spec.name)
      }
      if occurrences[option.long] != nil && !option.isRepeatable {
        throw UsageError("option '\(option.long)' was given more than once", command: spec.name)
      }
      occurrences[option.long, default: []].append(value)
    }
    for option in spec.options where option.isRequired && occurrences[option.long] == nil {
      throw UsageError("missing required option '\(option.synopsis)'", command: spec.name)
    }
    let bound = try bind(positionals, to: spec)
    return ParsedArguments(
      spec: spec, occurrences: occurrences, positionals: positionals, boundPositionals: bound)
  }

  /// Whether help was asked for before any `--`, including the `--help=…` spelling.
  static func requestsHelp(_ args: [String]) -> Bool {
    for word in args {
      if word == "--" { return false }
      if looksLikeOption(word) && CommandSpec.reservedSpellings.contains(split(word).spelling) {
        return true
      }
    }
    return false
  }

  /// Whether a word is meant as an option rather than a value. A lone `-` (stdin by convention)
  /// and negative numbers are values, so `--offset -3` works without `=`.
  static func looksLikeOption(_ word: String) -> Bool {
    guard word.hasPrefix("-"), word != "-" else { return false }
    return Double(word) == nil
  }

  /// Splits `--name=value` (or `-n=value`) at the first `=`.
  private static func split(_ word: String) -> (spelling: String, value: String?) {
    guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
    return (String(word[..<equals]), String(word[word.index(after: equals)...]))
  }

  /// Builds the "unknown option" error, suggesting the nearest declared spelling.
  private static func unknownOption(_ spelling: String, spec: CommandSpec) -> UsageError {
    let candidates = spec.options.map(\.long) + ["--help"]
    var message = "unknown option '\(spelling)'"
    if let guess = EditDistance.suggestion(for: spelling, among: candidates) {
      message += " (did you mean '\(guess)'?)"
    }
    return UsageError(message, command: spec.name)
  }

  /// Assigns positional words to declared arguments: required ones first, then optional ones,
  /// and whatever remains to the variadic argument.
  private static func bind(
    _ words: [String], to spec: CommandSpec
  ) throws(UsageError) -> [String: [String]] {
    let requiredCount = spec.arguments.count { $0.arity == .required }
    if words.count < requiredCount {
      let missing = spec.arguments[words.count]
      throw UsageError("missing required argument '\(missing.name)'", command: spec.name)
    }
    var bound: [String: [String]] = [:]
    var remaining = words[...]
    var spareOptional = words.count - requiredCount
    for argument in spec.arguments {
      switch argument.arity {
      case .required:
        bound[argument.name] = [remaining.removeFirst()]
      case .optional:
        if spareOptional > 0, let word = remaining.popFirst() {
          bound[argument.name] = [word]
          spareOptional -= 1
        } else {
          bound[argument.name] = []
        }
      case .variadic:
        bound[argument.name] = Array(remaining)
        remaining = []
      }
    }
    if let extra = remaining.first {
      throw UsageError("unexpected argument '\(extra)'", command: spec.name)
    }
    return bound
  }
}
