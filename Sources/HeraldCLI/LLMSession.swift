import Foundation
import LLM

/// The model connection of one run: the client every stage shares (cache, concurrency limit,
/// usage meter), and for the `local` provider the llama.cpp server herald started, stopped by
/// `close()` (and, should herald be interrupted, by the process-group cleanup in `main`).
final class LLMSession: Sendable {
  let client: CachedClient
  let model: String
  let meter: UsageMeter
  /// Where requests go, for messages (never includes the key).
  let endpointDescription: String
  private let server: LocalModelServer?

  private init(client: CachedClient, model: String, meter: UsageMeter, endpoint: String, server: LocalModelServer?) {
    self.client = client
    self.model = model
    self.meter = meter
    self.endpointDescription = endpoint
    self.server = server
  }

  /// Connects as `settings` say, caching answers in `database` when enabled; `log` receives
  /// progress notes (starting the local server takes a few seconds).
  static func open(
    _ settings: PipelineConfig.LLMSettings, database: String, log: (String) -> Void
  ) async throws -> LLMSession {
    var server: LocalModelServer?
    let endpoint: LLMEndpoint
    let model: String
    switch settings.provider {
    case .local:
      let logPath = database + ".model-server.log"
      log("starting the local model server from \(settings.venv) (log: \(logPath))")
      let started = try await LocalModelServer.start(
        venv: settings.venv, contextSize: settings.contextSize, logPath: logPath)
      server = started
      // A stable name (not the GGUF's path on this machine) keeps the request cache valid when
      // the venv moves; the server answers with its one model whatever the name.
      model =
        settings.model
        ?? URL(fileURLWithPath: started.model).deletingPathExtension().lastPathComponent
      do {
        endpoint = try LLMEndpoint(baseURL: started.baseURL, model: model, apiKeyVariable: settings.apiKeyVariable)
      } catch {
        started.stop()
        throw error
      }
    case .openai:
      model = settings.model ?? ""
      endpoint = try LLMEndpoint(baseURL: settings.baseURL, model: model, apiKeyVariable: settings.apiKeyVariable)
    }
    let cache: RequestCache?
    do {
      cache = settings.cache ? try RequestCache(path: database) : nil
    } catch {
      server?.stop()
      throw error
    }
    let meter = UsageMeter()
    let client = CachedClient(
      client: OpenAIClient(endpoint: endpoint, retry: RetryPolicy(maxAttempts: settings.maxAttempts)), cache: cache,
      limiter: ConcurrencyLimiter(limit: settings.concurrency), meter: meter)
    return LLMSession(
      client: client, model: model, meter: meter, endpoint: endpoint.description, server: server)
  }

  /// A role asking this session's model, its requests metered under `stage`.
  func role(_ stage: String, maxAnswers: Int, maxTokens: Int?, timeout: Double) -> ModelRole {
    ModelRole(
      client: client, model: model, stage: stage, maxAnswers: maxAnswers, maxTokens: maxTokens, timeout: timeout,
      meter: meter)
  }

  /// Stops the local server, if herald started one.
  func close() { server?.stop() }
}
