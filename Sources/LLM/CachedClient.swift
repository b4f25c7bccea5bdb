import HeraldCore

/// The client stages use: cache lookup, then the shared concurrency limit, then HTTP, all metered.
///
/// Only successful responses are cached, so a failed request is retried on the next run. Cache
/// hits bypass the limiter and cost no tokens in the meter.
public struct CachedClient: LLMClient {
  /// Stored responses; nil disables caching.
  public let cache: RequestCache?
  /// The in-flight bound shared by all stages.
  public let limiter: ConcurrencyLimiter
  /// The HTTP client.
  public let client: OpenAIClient
  /// Where usage is summed.
  public let meter: UsageMeter

  /// A client composing the given parts; share `limiter` and `meter` between stages.
  public init(client: OpenAIClient, cache: RequestCache?, limiter: ConcurrencyLimiter, meter: UsageMeter) {
    self.client = client
    self.cache = cache
    self.limiter = limiter
    self.meter = meter
  }

  /// The cached response to `request`, or a fresh one (then cached), counted against `stage`.
  public func complete(_ request: ChatRequest, stage: String) async throws -> ChatResponse {
    // The canonical body is encoded (and hashed) once per request, not at each use.
    let body = request.body
    let key = SHA256.hexDigest(of: body)
    if let cache, let cached = try await cache.response(forKey: key) {
      await meter.recordCacheHit(stage: stage)
      return cached
    }
    let meter = meter
    let client = client
    let response: ChatResponse
    do {
      response = try await limiter.withPermit {
        try await client.send(request, body: body, onAttempt: { await meter.recordRequest(stage: stage) })
      }
    } catch is CancellationError {
      throw LLMError.cancelled
    }
    await meter.recordCompletion(stage: stage, usage: response.usage)
    try await cache?.store(response, key: key, model: request.model, body: body)
    return response
  }

  /// Writes the cache's unwritten rows.
  public func flush() async throws {
    try await cache?.flush()
  }
}
