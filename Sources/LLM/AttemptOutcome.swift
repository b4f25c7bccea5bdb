import Foundation

/// What one HTTP attempt ended with, before the client decides whether to retry.
enum AttemptOutcome: Sendable {
  /// The server answered; header names are lowercased.
  case response(status: Int, headers: [String: String], body: Data)
  /// No complete answer within the attempt's timeout.
  case timedOut
  /// Refused, reset or closed without a reply: worth another attempt.
  case connectionFailed(reason: String)
  /// A failure retrying cannot fix.
  case failed(reason: String)
  /// The calling task was cancelled.
  case cancelled
}
