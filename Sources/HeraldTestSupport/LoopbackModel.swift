import LLM
import LoopbackHTTP

/// herald's model client pointed at a loopback server, as the stage tests use it: model
/// `test-model`, the request cache in the test's database, fast retries.
public enum LoopbackModel {
  /// A client over HTTP to `server` with the request cache in `database`.
  public static func client(_ server: LoopbackServer, database: String, attempts: Int = 2) throws -> CachedClient {
    let endpoint = try LLMEndpoint(baseURL: server.baseURL, model: "test-model", environment: [:])
    return CachedClient(
      client: OpenAIClient(
        endpoint: endpoint,
        retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5))),
      cache: try RequestCache(path: database), limiter: ConcurrencyLimiter(limit: 8), meter: UsageMeter())
  }

  /// A role asking `server` for `test-model`, metered under `stage`.
  public static func role(_ server: LoopbackServer, database: String, stage: String) throws -> ModelRole {
    let client = try client(server, database: database)
    return ModelRole(client: client, model: "test-model", stage: stage, meter: client.meter)
  }
}
