import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends one HTTP POST and reports how it ended, enforcing its own timeout.
///
/// `http://` URLs go through `SocketHTTPClient` (plain sockets, kept-alive connections, little CPU
/// per request); `https://` URLs go through a URLSession, which brings TLS. For the session, the timeout is a timer of ours rather than `URLRequest.timeoutInterval`, because on Linux
/// FoundationNetworking truncates that interval to whole seconds (0.5 s means "fail at once").
/// Cancelling the calling task cancels the transfer.
final class HTTPTransport: Sendable {
  private let session: URLSession
  private let plain = SocketHTTPClient()

  /// A transport with its own ephemeral session (no cookies, no shared cache).
  init() {
    let configuration = URLSessionConfiguration.ephemeral
    // The limiter bounds concurrency; the session must not add a lower hidden bound of its own.
    configuration.httpMaximumConnectionsPerHost = 1024
    // Our timer enforces per-attempt timeouts; the session's own must never fire first.
    configuration.timeoutIntervalForRequest = Self.sessionBackstop
    configuration.timeoutIntervalForResource = Self.sessionBackstop
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    session = URLSession(configuration: configuration)
  }

  deinit { session.invalidateAndCancel() }

  /// A week, in seconds: longer than any sane per-attempt timeout.
  private static let sessionBackstop: TimeInterval = 7 * 24 * 3600

  /// POSTs `body` to `url` and waits at most `timeout` seconds for the whole answer.
  func post(url: URL, headers: [String: String], body: Data, timeout: TimeInterval) async -> AttemptOutcome {
    if url.scheme?.lowercased() == "http" {
      return await plain.post(url: url, headers: headers, body: body, timeout: timeout)
    }
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.httpBody = body
    request.timeoutInterval = Self.sessionBackstop
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let attempt = InFlightAttempt()
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<AttemptOutcome, Never>) in
        let task = session.dataTask(with: request) { data, response, error in
          let ending = attempt.finish()
          continuation.resume(returning: Self.outcome(data: data, response: response, error: error, ending: ending))
        }
        attempt.start(task)
        // The timer captures only `attempt`, which drops the task when it finishes, so a pending
        // timer keeps no transfer alive.
        DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeout)) { attempt.expire() }
        task.resume()
      }
    } onCancel: {
      attempt.cancel()
    }
  }

  /// Classifies what the session reported.
  private static func outcome(data: Data?, response: URLResponse?, error: (any Error)?, ending: InFlightAttempt.Ending)
    -> AttemptOutcome
  {
    switch ending {
    case .expired: return .timedOut
    case .cancelled: return .cancelled
    case .running: break
    }
    if let error {
      guard let error = error as? URLError else { return .failed(reason: String(describing: type(of: error))) }
      switch error.code {
      case .timedOut: return .timedOut
      case .cancelled: return .cancelled
      case .cannotConnectToHost: return .connectionFailed(reason: "connection refused")
      case .networkConnectionLost: return .connectionFailed(reason: "connection reset")
      case .badServerResponse: return .connectionFailed(reason: "closed without a reply")
      case .notConnectedToInternet: return .connectionFailed(reason: "network unreachable")
      case .cannotFindHost, .dnsLookupFailed: return .failed(reason: "unknown host")
      case .unsupportedURL: return .failed(reason: "unsupported URL")
      case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
        .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
        return .failed(reason: "TLS failure")
      default: return .failed(reason: "URL error \(error.code.rawValue)")
      }
    }
    guard let http = response as? HTTPURLResponse else { return .failed(reason: "not an HTTP response") }
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
    }
    return .response(status: http.statusCode, headers: headers, body: data ?? Data())
  }
}
