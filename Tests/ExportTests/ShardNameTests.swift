import Testing

@testable import Export

/// Shard file names in the Hugging Face convention.
@Suite struct ShardNameTests {
  @Test func namesAreWrittenAndReadBack() {
    let name = ShardName(split: .validation, index: 3, count: 12)
    #expect(name.fileName == "validation-00003-of-00012.jsonl")
    #expect(name.path(view: .promptCompletion) == "prompt-completion/data/validation-00003-of-00012.jsonl")
    #expect(ShardName.parse(name.fileName) == name)
  }

  @Test(arguments: [
    "train.jsonl", "train-0-of-1.jsonl", "dev-00000-of-00001.jsonl", "train-00000-of-00001.json",
    "train-00000-to-00001.jsonl", "notes.txt",
  ])
  func otherFilesAreNotShards(_ name: String) {
    #expect(ShardName.parse(name) == nil)
  }

  @Test(arguments: [
    ("herald/data/train-00000-of-00001.jsonl", true), ("../x", false), ("/etc/passwd", false),
    ("a//b", false), ("a/./b", false), ("schemas/statement.schema.json", true),
  ])
  func pathsBuiltForTheFolderStayInsideIt(_ path: String, _ safe: Bool) {
    #expect(OutputFolder.isSafe(path) == safe)
  }
}
