import Testing

@testable import HeraldCLI

/// Damerau–Levenshtein values and "did you mean" suggestions.
struct EditDistanceTests {
  @Test(arguments: [
    ("", "", 0),
    ("", "abc", 3),
    ("abc", "", 3),
    ("abc", "abc", 0),
    ("a", "b", 1),
    ("ab", "ba", 1),
    ("kitten", "sitting", 3),
    ("flaw", "lawn", 2),
    ("jbos", "jobs", 1),
    ("--jbos", "--jobs", 1),
    ("extrct", "extract", 1),
    ("grpah", "graph", 1),
    ("abcdef", "badcfe", 3),
    // Only the unrestricted variant edits inside a transposed pair; optimal alignment says 3.
    ("ca", "abc", 2),
    ("∀x", "x∀", 1),
  ])
  func distance(_ source: String, _ target: String, _ expected: Int) {
    #expect(EditDistance.damerauLevenshtein(source, target) == expected)
  }

  @Test(arguments: [("ca", "abc"), ("kitten", "sitting"), ("--module", "--modeul"), ("", "x")])
  func distanceIsSymmetric(_ source: String, _ target: String) {
    #expect(
      EditDistance.damerauLevenshtein(source, target) == EditDistance.damerauLevenshtein(target, source))
  }

  @Test(
    arguments: [
      ("--jbos", ["--jobs", "--json"], "--jobs"),
      ("--mod", ["--db", "--module"], "--module"),
      ("--jso", ["--jobs", "--json"], "--json"),
      ("--modulesprefixx", ["--module-prefix"], "--module-prefix"),
      ("extrct", ["extract", "graph", "version", "help"], "extract"),
      ("grpah", ["extract", "graph", "version", "help"], "graph"),
      ("-jobs", ["--jobs"], "--jobs"),
      // Equal distances: the abbreviation wins over the substitution.
      ("--job", ["--jab", "--jobs"], "--jobs"),
      // Equal distances and neither an abbreviation: the earlier candidate wins.
      ("--dx", ["--da", "--db"], "--da"),
    ] as [(String, [String], String)])
  func suggests(_ typo: String, _ candidates: [String], _ expected: String) {
    #expect(EditDistance.suggestion(for: typo, among: candidates) == expected)
  }

  @Test(
    arguments: [
      ("--x", ["--db"]),
      ("--zzzzzz", ["--jobs", "--module"]),
      ("--project", ["--project"]),
      ("--", ["--jobs"]),
      ("frobnicate", ["extract", "graph"]),
    ] as [(String, [String])])
  func noSuggestionWhenNothingIsClose(_ typo: String, _ candidates: [String]) {
    #expect(EditDistance.suggestion(for: typo, among: candidates) == nil)
  }

  @Test func thresholdGrowsWithLength() {
    // 12 letters allow distance 4 (12 / 3); 6 letters only the floor of 2.
    #expect(EditDistance.suggestion(for: "--abcdefghijkl", among: ["--abcdXXXXijkl"]) == "--abcdXXXXijkl")
    #expect(EditDistance.suggestion(for: "--abcdefghijkl", among: ["--abcXXXXXijkl"]) == nil)
    #expect(EditDistance.suggestion(for: "--abcdef", among: ["--abXXef"]) == "--abXXef")
    #expect(EditDistance.suggestion(for: "--abcdef", among: ["--aXXXef"]) == nil)
  }
}
