import Dispatch
import Foundation
import LoopbackHTTP

// fake-llm: an OpenAI-compatible chat completions server on 127.0.0.1 for benchmarks. Every
// answer takes --latency-ms, at most --capacity are served at once (the rest queue, as on a
// saturated vLLM server), and each says, in herald's answer format, something about the
// declaration named on the prompt's last "Lean name:" line. Prints the port, then serves until
// its standard input closes or it is terminated.
//
//   fake-llm [--latency-ms 100] [--capacity 64]

var latency = 100.0
var capacity = 64
var arguments = CommandLine.arguments.dropFirst()
while let option = arguments.popFirst() {
  guard let value = arguments.popFirst() else {
    FileHandle.standardError.write(Data("fake-llm: \(option) needs a value\n".utf8))
    exit(64)
  }
  switch option {
  case "--latency-ms": latency = Double(value) ?? latency
  case "--capacity": capacity = max(1, Int(value) ?? capacity)
  default:
    FileHandle.standardError.write(Data("fake-llm: unknown option \(option)\n".utf8))
    exit(64)
  }
}

let slots = DispatchSemaphore(value: capacity)
let delay = latency / 1000
let server = try LoopbackServer(recording: false, keepAlive: true) { request in
  slots.wait()
  Thread.sleep(forTimeInterval: delay)
  slots.signal()
  let tail = request.body.components(separatedBy: "Lean name: ").last ?? ""
  let name = tail.prefix { $0 != "\\" && $0 != "\"" }
  return .completion(
    "**Informal name:** Property of \(name)\n**Informal statement:**\nFor every $x$, the property of \(name) holds.\n"
      + "**End of informal statement**", promptTokens: request.body.utf8.count / 4, completionTokens: 30)
}
FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
while FileHandle.standardInput.availableData.count > 0 {}
print("served \(server.served)")
server.stop()
