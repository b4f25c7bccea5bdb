import Testing

@testable import HeraldCLI

/// Rendering of usage errors.
struct UsageErrorTests {
  @Test func rendersMessageUsageAndHint() {
    let error = UsageError("unknown option '--jbos' (did you mean '--jobs'?)", command: "extract")
    let text = error.rendered(
      usage: ["herald extract --project DIR [--analyzer PATH] [--db PATH]"],
      helpCommand: "herald extract --help")
    #expect(
      text == """
        Error: unknown option '--jbos' (did you mean '--jobs'?)
        Usage: herald extract --project DIR [--analyzer PATH] [--db PATH]
        See 'herald extract --help'.
        """)
  }

  @Test func alignsContinuationUsageLines() {
    let text = UsageError("boom").rendered(
      usage: ["herald graph build", "herald graph show NAME"], helpCommand: "herald graph --help")
    #expect(
      text.split(separator: "\n").map(String.init) == [
        "Error: boom",
        "Usage: herald graph build",
        "       herald graph show NAME",
        "See 'herald graph --help'.",
      ])
  }

  @Test func descriptionIsTheBareMessage() {
    let error = UsageError("missing value for option '--db' (expected PATH)")
    #expect("\(error)" == "missing value for option '--db' (expected PATH)")
    #expect(error.command == nil)
  }
}
