import Testing

@testable import HeraldCLI

/// Stream routing, quiet mode, and status-line lifting in `Console`.
struct ConsoleTests {
  let output = MemorySink()
  let error = MemorySink()
  let erase = "\r\u{1B}[2K"

  @Test func routesStreams() {
    let console = Console(output: output, error: error)
    console.print("data")
    console.write("raw")
    console.printError("problem")
    console.note("fyi")
    console.writeError("partial")
    #expect(output.text == "data\nraw")
    #expect(error.text == "problem\nfyi\npartial")
  }

  @Test func quietSilencesNotesOnly() {
    let console = Console(output: output, error: error).with(quiet: true)
    console.note("fyi")
    console.printError("problem")
    console.print("data")
    #expect(console.quiet)
    #expect(error.text == "problem\n")
    #expect(output.text == "data\n")
  }

  @Test func statusLineIsIgnoredOffTerminal() {
    let console = Console(output: output, error: error)
    console.channel.showStatus("working")
    console.printError("line")
    #expect(error.text == "line\n")
  }

  @Test func stderrWritesLiftTheStatusLine() {
    let console = Console(output: output, error: error, errorIsTerminal: true)
    console.channel.showStatus("working")
    console.printError("line")
    #expect(error.text == erase + "working" + erase + "line\n" + "working")
    console.channel.clearStatus()
    console.printError("after")
    #expect(error.text.hasSuffix("working" + erase + "after\n"))
  }

  @Test func stdoutWritesLiftTheStatusOnlyWhenSharingTheTerminal() {
    let piped = Console(output: output, error: error, errorIsTerminal: true)
    piped.channel.showStatus("s")
    piped.print("row")
    #expect(error.text == erase + "s")

    let sharedError = MemorySink()
    let shared = Console(output: output, error: sharedError, outputIsTerminal: true, errorIsTerminal: true)
    shared.channel.showStatus("s")
    shared.print("row")
    #expect(sharedError.text == erase + "s" + erase + "s")
  }

  @Test func quietCopySharesTheStatusLine() {
    let console = Console(output: output, error: error, errorIsTerminal: true)
    console.channel.showStatus("s")
    console.with(quiet: true).printError("x")
    #expect(error.text == erase + "s" + erase + "x\n" + "s")
  }

  @Test func terminalColumnsFallBackTo100() {
    #expect(Console(output: output, error: error).terminalColumns == 100)
    #expect(Console(output: output, error: error, terminalColumns: { 42 }).terminalColumns == 42)
  }

  @Test func linesFromConcurrentTasksStayWhole() async {
    let console = Console(output: output, error: error)
    await withTaskGroup(of: Void.self) { group in
      for task in 0..<16 {
        group.addTask {
          for index in 0..<200 {
            console.print("task \(task) line \(index) " + String(repeating: "x", count: 40))
          }
        }
      }
    }
    let lines = output.lines
    #expect(lines.count == 3200)
    #expect(Set(lines).count == 3200)
    #expect(lines.allSatisfy { $0.hasPrefix("task ") && $0.hasSuffix(String(repeating: "x", count: 40)) })
  }
}
