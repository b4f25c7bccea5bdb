/// Pure formatting of progress lines, durations and rates, kept free of clocks and terminals
/// so every number the user sees can be tested exactly.
public enum ProgressLineFormatter {
  /// Formats seconds as `3.2s` under a minute, `1m05s` under an hour, `2h03m` beyond.
  /// Rounding happens before choosing the unit, so 59.96 s reads `1m00s`, never `60.0s`.
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "--" }
    // Clamped so absurd estimates (early in a run) cannot overflow the integer conversion.
    let clamped = min(max(seconds, 0), 360_000_000)
    let tenths = Int((clamped * 10).rounded())
    if tenths < 600 { return "\(tenths / 10).\(tenths % 10)s" }
    let whole = Int(clamped.rounded())
    if whole < 3600 { return "\(whole / 60)m\(twoDigits(whole % 60))s" }
    let minutes = whole / 60
    return "\(minutes / 60)h\(twoDigits(minutes % 60))m"
  }

  /// Formats a rate as `4.5/s`, `123/s`, `1.2k/s` or `3.4M/s`.
  public static func rate(_ perSecond: Double) -> String {
    guard perSecond.isFinite, perSecond >= 0 else { return "--/s" }
    if Int((perSecond * 10).rounded()) < 1000 { return "\(oneDecimal(perSecond))/s" }
    if Int(perSecond.rounded()) < 1000 { return "\(Int(perSecond.rounded()))/s" }
    let thousands = perSecond / 1000
    if thousands < 1_000_000, Int((thousands * 10).rounded()) < 10_000 {
      return "\(oneDecimal(thousands))k/s"
    }
    let millions = min(perSecond / 1_000_000, 1e12)
    return "\(oneDecimal(millions))M/s"
  }

  /// Seconds left assuming the average rate so far holds; `nil` before the first item, when no
  /// time has passed, or when the total is unknown or already reached.
  public static func estimatedRemaining(done: Int, total: Int, elapsed: Double) -> Double? {
    guard total > 0, done > 0, done < total, elapsed > 0 else { return nil }
    return elapsed * Double(total - done) / Double(done)
  }

  /// Whole percent done, rounded down so 100% appears only when everything is done;
  /// `nil` when the total is unknown (0).
  public static func percent(done: Int, total: Int) -> Int? {
    guard total > 0 else { return nil }
    let fraction = Double(min(max(done, 0), total)) / Double(total)
    return Int((fraction * 100).rounded(.down))
  }

  /// The status line: `label done/total (pct) rate ETA eta  item`, fitted into `width` columns.
  ///
  /// The last column is left empty because writing it makes some terminals wrap, which would
  /// break the carriage-return redraw. The item is shortened from the front since the end of
  /// a module name or path is the distinctive part; it is dropped if fewer than 8 columns remain.
  public static func line(
    label: String, done: Int, total: Int, elapsed: Double, item: String? = nil, width: Int? = nil
  ) -> String {
    var parts: [String] = label.isEmpty ? [] : [label]
    parts.append(total > 0 ? "\(done)/\(total)" : "\(done)")
    if let percent = percent(done: done, total: total) { parts.append("(\(percent)%)") }
    if elapsed > 0 { parts.append(rate(Double(done) / elapsed)) }
    if let remaining = estimatedRemaining(done: done, total: total, elapsed: elapsed) {
      parts.append("ETA \(duration(remaining))")
    }
    let head = parts.joined(separator: " ")
    guard let width else { return item.map { "\(head)  \($0)" } ?? head }
    let limit = max(width - 1, 1)
    if head.count >= limit { return String(head.prefix(limit)) }
    guard let item, !item.isEmpty else { return head }
    let room = limit - head.count - 2
    if item.count <= room { return "\(head)  \(item)" }
    guard room >= 8 else { return head }
    return "\(head)  …\(item.suffix(room - 1))"
  }

  /// The closing line: `label done/total (pct) in 1m05s, 12.3/s`.
  public static func summary(label: String, done: Int, total: Int, elapsed: Double) -> String {
    var parts: [String] = label.isEmpty ? [] : [label]
    parts.append(total > 0 ? "\(done)/\(total)" : "\(done)")
    if let percent = percent(done: done, total: total) { parts.append("(\(percent)%)") }
    var text = parts.joined(separator: " ") + " in \(duration(elapsed))"
    if elapsed > 0 { text += ", \(rate(Double(done) / elapsed))" }
    return text
  }

  /// Zero-pads to two digits for minutes and seconds.
  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }

  /// Rounds to tenths without Foundation formatting or locale effects.
  private static func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
