import Synchronization

/// Reports progress of a long batch on stderr; safe to drive from many tasks at once.
///
/// On a terminal it keeps one line updated in place (at most every `liveInterval`, plus a
/// heartbeat so elapsed time and ETA keep moving while one slow item runs). Elsewhere, such as
/// CI logs, it prints a plain line every `plainInterval` and a summary at the end. On a quiet
/// console it prints nothing.
public final class ProgressDisplay: Sendable {
  /// How progress is shown, decided once from the console.
  public enum Mode: Sendable, Equatable {
    /// One line redrawn in place on a terminal.
    case live
    /// Occasional complete lines, for logs and pipes.
    case plain
    /// Nothing at all (quiet console).
    case silent
  }

  /// The mode chosen from the console at creation.
  public let mode: Mode
  private let console: Console
  private let clock: @Sendable () -> Double
  private let liveInterval: Double
  private let plainInterval: Double
  private let heartbeatInterval: Double?
  private let state = Mutex(State())

  /// Everything about the current batch, guarded by `state`.
  private struct State {
    var label = ""
    var total = 0
    var done = 0
    var item: String?
    var startedAt = 0.0
    var lastShownAt = 0.0
    var isActive = false
    var heartbeat: Task<Void, Never>?
  }

  /// Creates a display writing through `console`.
  ///
  /// - Parameters:
  ///   - plainInterval: seconds between lines when stderr is not a terminal.
  ///   - liveInterval: minimum seconds between redraws on a terminal.
  ///   - heartbeatInterval: seconds between redraws without progress on a terminal; `nil` disables.
  ///   - clock: monotonic seconds; injectable so tests control time.
  public init(
    console: Console, plainInterval: Double = 5, liveInterval: Double = 0.1,
    heartbeatInterval: Double? = 1, clock: (@Sendable () -> Double)? = nil
  ) {
    self.console = console
    self.plainInterval = plainInterval
    self.liveInterval = liveInterval
    self.heartbeatInterval = heartbeatInterval
    self.clock = clock ?? Self.monotonicSeconds()
    if console.quiet {
      mode = .silent
    } else {
      mode = console.isTerminal ? .live : .plain
    }
  }

  deinit {
    state.withLock { $0.heartbeat?.cancel() }
  }

  /// Begins (or restarts) a batch of `total` items; use 0 when the total is not yet known.
  public func start(total: Int, label: String) {
    guard mode != .silent else { return }
    let now = clock()
    state.withLock { state in
      state.heartbeat?.cancel()
      state = State(
        label: label, total: max(total, 0), startedAt: now, lastShownAt: now, isActive: true)
      if mode == .live {
        show(&state, now: now)
        state.heartbeat = makeHeartbeat()
      }
    }
  }

  /// Records `count` more finished items; `item`, when given, becomes the item shown.
  /// Calls before `start` or after `finish` are ignored, so late workers cannot redraw.
  public func advance(by count: Int = 1, item: String? = nil) {
    guard mode != .silent else { return }
    let now = clock()
    state.withLock { state in
      guard state.isActive else { return }
      state.done += count
      if let item { state.item = item }
      let interval = mode == .live ? liveInterval : plainInterval
      if now - state.lastShownAt >= interval { show(&state, now: now) }
    }
  }

  /// Changes the total, e.g. once discovery of the work finishes.
  public func setTotal(_ total: Int) {
    guard mode != .silent else { return }
    state.withLock { $0.total = max(total, 0) }
  }

  /// Ends the batch: removes the live line and prints a summary line. Later calls do nothing.
  public func finish() {
    guard mode != .silent else { return }
    let now = clock()
    state.withLock { state in
      guard state.isActive else { return }
      state.isActive = false
      state.heartbeat?.cancel()
      state.heartbeat = nil
      if mode == .live { console.channel.clearStatus() }
      console.printError(
        ProgressLineFormatter.summary(
          label: state.label, done: state.done, total: state.total, elapsed: now - state.startedAt))
    }
  }

  /// Prints a line on stderr without garbling the live line (it is erased and redrawn).
  /// Printed even on a quiet console: callers use it for things worth reporting, like failures.
  public func log(_ line: String) {
    console.printError(line)
  }

  /// Redraws on a heartbeat so a single slow item does not freeze the elapsed time and ETA.
  private func beat() {
    let now = clock()
    state.withLock { state in
      guard state.isActive else { return }
      show(&state, now: now)
    }
  }

  /// Draws (live) or prints (plain) the current line and notes when.
  private func show(_ state: inout State, now: Double) {
    state.lastShownAt = now
    let elapsed = now - state.startedAt
    switch mode {
    case .live:
      console.channel.showStatus(
        ProgressLineFormatter.line(
          label: state.label, done: state.done, total: state.total, elapsed: elapsed,
          item: state.item, width: console.terminalColumns))
    case .plain:
      console.printError(
        ProgressLineFormatter.line(
          label: state.label, done: state.done, total: state.total, elapsed: elapsed,
          item: state.item))
    case .silent:
      break
    }
  }

  /// Starts the periodic redraw for live mode, unless disabled.
  private func makeHeartbeat() -> Task<Void, Never>? {
    guard let heartbeatInterval, heartbeatInterval > 0 else { return nil }
    // Weak, so a display dropped without `finish()` is freed and its heartbeat ends.
    return Task { [weak self] in
      while !Task.isCancelled {
        try? await Task.sleep(for: .seconds(heartbeatInterval))
        guard !Task.isCancelled, let self else { return }
        self.beat()
      }
    }
  }

  /// A clock reading seconds since its creation from the monotonic `ContinuousClock`.
  private static func monotonicSeconds() -> @Sendable () -> Double {
    let origin = ContinuousClock.now
    return {
      let elapsed = ContinuousClock.now - origin
      return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
  }
}
