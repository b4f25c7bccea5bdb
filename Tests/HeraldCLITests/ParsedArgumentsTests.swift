import Testing

@testable import HeraldCLI

/// Typed accessors and their error messages.
struct ParsedArgumentsTests {
  static let spec = CommandSpec(
    name: "extract", abstract: "Extract.",
    options: [
      .option("--jobs", short: "-j", value: "N", help: "Workers."),
      .option("--timeout", value: "SECONDS", help: "Limit."),
      .option("--module", value: "PREFIX", help: "Prefix.", repeatable: true),
      .flag("--force", help: "Overwrite."),
    ])

  /// Parses against the suite's spec.
  private func parse(_ args: [String]) throws -> ParsedArguments {
    try CommandLineParser.parse(args, spec: Self.spec)
  }

  @Test func absentOptionsReadAsNil() throws {
    let parsed = try parse([])
    #expect(try parsed.int("--jobs", range: 1...) == nil)
    #expect(try parsed.double("--timeout") == nil)
    #expect(parsed.value("--jobs") == nil)
    #expect(parsed.values("--module").isEmpty)
    #expect(!parsed.flag("--force"))
  }

  @Test(arguments: [("4", 4), ("-2", -2), ("0", 0), ("64", 64)])
  func readsIntegers(_ text: String, _ expected: Int) throws {
    #expect(try parse(["--jobs", text]).int("--jobs") == expected)
  }

  @Test(arguments: [
    ("abc", "invalid value 'abc' for '--jobs': expected an integer"),
    ("4.5", "invalid value '4.5' for '--jobs': expected an integer"),
    ("", "invalid value '' for '--jobs': expected an integer"),
    ("0", "invalid value '0' for '--jobs': must be at least 1"),
  ])
  func rejectsBadIntegers(_ text: String, _ message: String) throws {
    let parsed = try parse(["--jobs=\(text)"])
    #expect(throws: UsageError(message, command: "extract")) { try parsed.int("--jobs", range: 1...) }
  }

  @Test func describesEachRangeKind() throws {
    let parsed = try parse(["--jobs", "9"])
    /// The usage message `body` throws, or nil if it succeeds.
    func message(_ body: () throws -> Int?) -> String? {
      do {
        _ = try body()
        return nil
      } catch let error as UsageError {
        return error.message
      } catch {
        return "unexpected \(error)"
      }
    }
    let prefix = "invalid value '9' for '--jobs': must be "
    #expect(message { try parsed.int("--jobs", range: 1...8) } == prefix + "between 1 and 8")
    #expect(message { try parsed.int("--jobs", range: 1..<9) } == prefix + "at least 1 and less than 9")
    #expect(message { try parsed.int("--jobs", range: ...8) } == prefix + "at most 8")
    #expect(message { try parsed.int("--jobs", range: ..<9) } == prefix + "less than 9")
    #expect(message { try parsed.int("--jobs", range: 10...) } == prefix + "at least 10")
    #expect(message { try parsed.int("--jobs", range: 1...9) } == nil)
  }

  @Test(arguments: [("2.5", 2.5), ("1e2", 100.0), ("3", 3.0), ("0.1", 0.1)])
  func readsDoubles(_ text: String, _ expected: Double) throws {
    #expect(try parse(["--timeout", text]).double("--timeout", range: 0.1...) == expected)
  }

  @Test(arguments: [
    ("nan", "invalid value 'nan' for '--timeout': expected a number"),
    ("inf", "invalid value 'inf' for '--timeout': expected a number"),
    ("soon", "invalid value 'soon' for '--timeout': expected a number"),
    ("0.05", "invalid value '0.05' for '--timeout': must be at least 0.1"),
  ])
  func rejectsBadDoubles(_ text: String, _ message: String) throws {
    let parsed = try parse(["--timeout", text])
    #expect(throws: UsageError(message, command: "extract")) {
      try parsed.double("--timeout", range: 0.1...)
    }
  }

  @Test func repeatedOptionKeepsOrderAndValueReturnsLast() throws {
    let parsed = try parse(["--module", "Mathlib.Algebra", "--module", "Mathlib.Order"])
    #expect(parsed.values("--module") == ["Mathlib.Algebra", "Mathlib.Order"])
    #expect(parsed.value("--module") == "Mathlib.Order")
  }

  @Test func shortSpellingIsReadByLongName() throws {
    #expect(try parse(["-j", "7"]).int("--jobs") == 7)
  }

  @Test func readingAnUndeclaredOptionTraps() async {
    await #expect(processExitsWith: .failure) {
      let parsed = try CommandLineParser.parse([], spec: ParsedArgumentsTests.spec)
      _ = parsed.value("--jbos")
    }
  }

  @Test func readingAFlagAsAValueTraps() async {
    await #expect(processExitsWith: .failure) {
      let parsed = try CommandLineParser.parse([], spec: ParsedArgumentsTests.spec)
      _ = parsed.value("--force")
    }
  }
}
