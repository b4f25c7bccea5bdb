import Testing

@testable import HeraldCLI

/// Exact progress-line, duration, rate and ETA formatting.
struct ProgressLineFormatterTests {
  @Test(
    arguments: [
      (0, "0.0s"), (3.2, "3.2s"), (59.94, "59.9s"), (59.96, "1m00s"), (65, "1m05s"), (125.4, "2m05s"),
      (3599.4, "59m59s"), (3599.6, "1h00m"), (3725, "1h02m"), (90000, "25h00m"), (-1, "0.0s"),
      (.infinity, "--"), (.nan, "--"),
    ] as [(Double, String)])
  func formatsDurations(_ seconds: Double, _ expected: String) {
    #expect(ProgressLineFormatter.duration(seconds) == expected)
  }

  @Test func hugeDurationsDoNotTrap() {
    #expect(ProgressLineFormatter.duration(1e300).hasSuffix("h00m"))
  }

  @Test(
    arguments: [
      (0, "0.0/s"), (4.54, "4.5/s"), (99.94, "99.9/s"), (99.96, "100/s"), (123.4, "123/s"),
      (999.4, "999/s"), (999.6, "1.0k/s"), (1234, "1.2k/s"), (999_949, "999.9k/s"),
      (999_960, "1.0M/s"), (3_400_000, "3.4M/s"), (.infinity, "--/s"), (-1, "--/s"),
    ] as [(Double, String)])
  func formatsRates(_ perSecond: Double, _ expected: String) {
    #expect(ProgressLineFormatter.rate(perSecond) == expected)
  }

  @Test(
    arguments: [
      (50, 200, 10, 30), (1, 3, 2, 4), (199, 200, 199, 1), (0, 200, 10, nil), (200, 200, 10, nil),
      (250, 200, 10, nil), (50, 0, 10, nil), (50, 200, 0, nil),
    ] as [(Int, Int, Double, Double?)])
  func estimatesRemainingTime(_ done: Int, _ total: Int, _ elapsed: Double, _ expected: Double?) {
    #expect(ProgressLineFormatter.estimatedRemaining(done: done, total: total, elapsed: elapsed) == expected)
  }

  @Test(
    arguments: [
      (50, 200, 25), (199, 200, 99), (200, 200, 100), (250, 200, 100), (-5, 10, 0), (0, 0, nil),
    ] as [(Int, Int, Int?)])
  func roundsPercentDown(_ done: Int, _ total: Int, _ expected: Int?) {
    #expect(ProgressLineFormatter.percent(done: done, total: total) == expected)
  }

  @Test(
    arguments: [
      ("extract", 50, 200, 10, "extract 50/200 (25%) 5.0/s ETA 30.0s"),
      ("extract", 3900, 4000, 325, "extract 3900/4000 (97%) 12.0/s ETA 8.3s"),
      ("extract", 100, 4000, 10, "extract 100/4000 (2%) 10.0/s ETA 6m30s"),
      ("scan", 12, 0, 4, "scan 12 3.0/s"),
      ("x", 0, 10, 0, "x 0/10 (0%)"),
      ("", 5, 10, 5, "5/10 (50%) 1.0/s ETA 5.0s"),
    ] as [(String, Int, Int, Double, String)])
  func formatsLines(_ label: String, _ done: Int, _ total: Int, _ elapsed: Double, _ expected: String) {
    #expect(ProgressLineFormatter.line(label: label, done: done, total: total, elapsed: elapsed) == expected)
  }

  static let head = "extract 50/200 (25%) 5.0/s ETA 30.0s"

  @Test func appendsItemThatFits() {
    let line = ProgressLineFormatter.line(
      label: "extract", done: 50, total: 200, elapsed: 10, item: "Mathlib.Algebra.Group.Basic", width: 100)
    #expect(line == Self.head + "  Mathlib.Algebra.Group.Basic")
  }

  @Test func shortensItemFromTheFrontToFitWidth() {
    let item = "Mathlib.Algebra.Category.ModuleCat.Monoidal.Closed"
    let line = ProgressLineFormatter.line(
      label: "extract", done: 50, total: 200, elapsed: 10, item: item, width: 60)
    #expect(line.count == 59)
    #expect(line.hasPrefix(Self.head + "  …"))
    #expect(item.hasSuffix(line.split(separator: "…").last!))
  }

  @Test func dropsItemWhenLittleRoomRemains() {
    let line = ProgressLineFormatter.line(
      label: "extract", done: 50, total: 200, elapsed: 10, item: "Mathlib.Order.Basic",
      width: Self.head.count + 1 + 2 + 7)
    #expect(line == Self.head)
  }

  @Test func cutsHeadOnVeryNarrowTerminals() {
    let line = ProgressLineFormatter.line(
      label: "extract", done: 50, total: 200, elapsed: 10, item: "X", width: 12)
    #expect(line == "extract 50/")
  }

  @Test func plainLinesAreNotTruncated() {
    let item = String(repeating: "M", count: 300)
    let line = ProgressLineFormatter.line(label: "extract", done: 50, total: 200, elapsed: 10, item: item)
    #expect(line == Self.head + "  " + item)
  }

  @Test(
    arguments: [
      ("extract", 200, 200, 65, "extract 200/200 (100%) in 1m05s, 3.1/s"),
      ("scan", 12, 0, 4, "scan 12 in 4.0s, 3.0/s"),
      ("extract", 0, 10, 0, "extract 0/10 (0%) in 0.0s"),
    ] as [(String, Int, Int, Double, String)])
  func formatsSummaries(_ label: String, _ done: Int, _ total: Int, _ elapsed: Double, _ expected: String) {
    #expect(
      ProgressLineFormatter.summary(label: label, done: done, total: total, elapsed: elapsed) == expected)
  }
}
