import Foundation

/// Reads how long a server asks clients to wait, from `Retry-After` or `retry-after-ms`.
enum RetryAfter {
  /// The wait the headers ask for, relative to `now`; nil when absent or unreadable.
  ///
  /// `headers` must have lowercased names. `retry-after-ms` (sent by OpenAI) is preferred since
  /// it is more precise; `Retry-After` may be delay-seconds or an HTTP date (RFC 9110 §10.2.3).
  static func delay(headers: [String: String], now: Date = Date()) -> Duration? {
    if let text = headers["retry-after-ms"], let milliseconds = Double(text.trimmingCharacters(in: .whitespaces)),
      milliseconds.isFinite, milliseconds >= 0
    {
      return .milliseconds(milliseconds)
    }
    return headers["retry-after"].flatMap { parse($0, now: now) }
  }

  /// Parses one `Retry-After` value: seconds, or a date whose distance from `now` (never negative) is the wait.
  static func parse(_ value: String, now: Date) -> Duration? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if let seconds = Double(text) {
      return seconds.isFinite && seconds >= 0 ? .seconds(seconds) : nil
    }
    guard let date = httpDate(text) else { return nil }
    return .seconds(max(0, date.timeIntervalSince(now)))
  }

  /// An HTTP date in the preferred IMF-fixdate form or either obsolete form servers may still send.
  static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }
}
