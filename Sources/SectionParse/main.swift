// section-parse: parses every section of a LaTeX file or HTML page with the Sections target and
// prints what it found; the parse benchmark (scripts/bench section) times it.
//
//   section-parse FILE [--format latex|html] [--json]
//
// Prints `sections N items N bytes N` (with --json, the parsed sections as JSON). Exit status 1
// when the file cannot be read.

import Foundation
import Sections

var arguments = Array(CommandLine.arguments.dropFirst())
var format: SectionFormat?
var json = false
var path: String?
while !arguments.isEmpty {
  let argument = arguments.removeFirst()
  switch argument {
  case "--format":
    guard let value = arguments.first, let parsed = SectionFormat(rawValue: value) else {
      FileHandle.standardError.write(Data("section-parse: --format takes latex or html\n".utf8))
      exit(64)
    }
    arguments.removeFirst()
    format = parsed
  case "--json":
    json = true
  default:
    path = argument
  }
}
guard let path else {
  FileHandle.standardError.write(Data("usage: section-parse FILE [--format latex|html] [--json]\n".utf8))
  exit(64)
}
guard let data = FileManager.default.contents(atPath: path) else {
  FileHandle.standardError.write(Data("section-parse: cannot read '\(path)'\n".utf8))
  exit(1)
}
do {
  let sections = try SectionParser.parseAll(data, path: path, format: format)
  if json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(sections))
    FileHandle.standardOutput.write(Data("\n".utf8))
  } else {
    let items = sections.reduce(0) { $0 + $1.items.count }
    let references = sections.reduce(0) { $0 + $1.items.reduce(0) { $0 + $1.references.count } }
    let proofs = sections.reduce(0) { $0 + $1.items.filter { $0.proof != nil }.count }
    let warnings = sections.reduce(0) { $0 + $1.warnings.count }
    print(
      "sections \(sections.count) items \(items) proofs \(proofs) references \(references) warnings \(warnings) bytes \(data.count)"
    )
  }
} catch {
  FileHandle.standardError.write(Data("section-parse: \(error)\n".utf8))
  exit(1)
}
