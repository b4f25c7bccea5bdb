import Foundation
import HeraldCore

/// The hand-written examples of a folder of JSON Lines files (`pipelines/examples/*.jsonl`),
/// validated as they are read: they play the part of the Herald paper's human annotations, so
/// a broken line must stop the run with its file and line, not slip into prompts.
public struct ExampleBank: Sendable {
  /// The fields every line must have, as non-empty strings.
  static let requiredFields = [
    "id", "kind", "domain", "formal_name", "formal_statement", "informal_name", "informal_statement",
  ]

  /// The examples, by file name and then line order.
  public let examples: [Example]

  /// A bank of already validated examples.
  public init(examples: [Example]) {
    self.examples = examples
  }

  /// Loads every `*.jsonl` file of `directory` (in name order), validating each line.
  public static func load(directory: String) throws(ExampleBankError) -> ExampleBank {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw .unreadable(path: directory, message: error.localizedDescription)
    }
    var examples: [Example] = []
    var firstSeen: [String: (file: String, line: Int)] = [:]
    for name in names.filter({ $0.hasSuffix(".jsonl") }).sorted() {
      let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .unreadable(path: path, message: "the file cannot be opened")
      }
      for (line, example) in try parse(data, file: path) {
        if let first = firstSeen[example.id] {
          throw .duplicateID(id: example.id, file: path, line: line, firstFile: first.file, firstLine: first.line)
        }
        firstSeen[example.id] = (path, line)
        examples.append(example)
      }
    }
    guard !examples.isEmpty else { throw .noExamples(directory: directory) }
    return ExampleBank(examples: examples)
  }

  /// The examples of one JSON Lines text with their 1-based line numbers; blank lines are skipped.
  /// Ids are checked for uniqueness within the text.
  public static func parse(_ data: Data, file: String) throws(ExampleBankError) -> [(line: Int, example: Example)] {
    var result: [(line: Int, example: Example)] = []
    var firstLine: [String: Int] = [:]
    let bytes = [UInt8](data)
    var start = 0
    var lineNumber = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      lineNumber += 1
      var line = Array(bytes[start..<end])
      start = end + 1
      if line.last == UInt8(ascii: "\r") { line.removeLast() }
      guard line.contains(where: { !($0 == 0x20 || $0 == 0x09) }) else { continue }
      let example = try parseLine(line, file: file, line: lineNumber)
      if let first = firstLine[example.id] {
        throw .duplicateID(id: example.id, file: file, line: lineNumber, firstFile: file, firstLine: first)
      }
      firstLine[example.id] = lineNumber
      result.append((lineNumber, example))
    }
    return result
  }

  /// One line as an example, or the reason it is not one.
  static func parseLine(_ bytes: [UInt8], file: String, line: Int) throws(ExampleBankError) -> Example {
    func fail(_ reason: String) -> ExampleBankError { .malformed(file: file, line: line, reason: reason) }
    let document: JSONDocument
    do {
      document = try JSONDocument(bytes: bytes)
    } catch {
      throw fail("not valid JSON (\(error.message) at byte \(error.offset))")
    }
    guard document.root.kind == .object else { throw fail("a line must be one JSON object") }
    var fields: [String: String] = [:]
    for key in requiredFields {
      guard let value = document.root[key] else { throw fail("missing field '\(key)'") }
      guard let text = value.string else { throw fail("field '\(key)' must be a string") }
      guard !text.allSatisfy(\.isWhitespace) else { throw fail("field '\(key)' is empty") }
      fields[key] = text
    }
    let id = fields["id"]!
    guard !id.contains(where: \.isWhitespace) else { throw fail("id '\(id)' contains white space") }
    guard let kind = Example.Kind(rawValue: fields["kind"]!) else {
      let allowed = Example.Kind.allCases.map(\.rawValue).joined(separator: ", ")
      throw fail("kind '\(fields["kind"]!)' is not one of \(allowed)")
    }
    let formalName = fields["formal_name"]!
    let statement = fields["formal_statement"]!
    guard kind.keywords.contains(where: { statement.hasPrefix($0 + " ") }) else {
      let keywords = kind.keywords.map { "'\($0)'" }.joined(separator: " or ")
      throw fail("a \(kind.rawValue)'s formal_statement must start with \(keywords)")
    }
    guard statement.contains(formalName) else {
      throw fail("formal_statement does not mention formal_name '\(formalName)'")
    }
    return Example(
      id: id, kind: kind, domain: fields["domain"]!, formalName: formalName, formalStatement: statement,
      informalName: fields["informal_name"]!, informalStatement: fields["informal_statement"]!)
  }

  /// The example with this id.
  public subscript(id: String) -> Example? {
    examples.first { $0.id == id }
  }

  /// The domains the bank covers.
  public var domains: Set<String> { Set(examples.map(\.domain)) }

  /// The kinds the bank covers.
  public var kinds: Set<Example.Kind> { Set(examples.map(\.kind)) }
}
