import Testing

@testable import Translation

/// Template parsing and filling.
@Suite struct PromptTemplateTests {
  @Test func fillsKnownPlaceholdersOnceAndLeavesTheRest() throws {
    let template = try PromptTemplate.parse(
      "## system\nBe {{tone}}.\n## user\nState {{formal_statement}} ({{unknown}}), {{kind}} {{ unclosed",
      family: .theorem)
    let messages = template.render(["tone": "exact", "formal_statement": "a {{kind}} b", "kind": "theorem"])
    #expect(messages.map(\.role) == ["system", "user"])
    #expect(messages[0].content == "Be exact.")
    #expect(messages[1].content == "State a {{kind}} b ({{unknown}}), theorem {{ unclosed")
  }

  @Test func theVersionFollowsTheText() throws {
    let one = try PromptTemplate.parse("## user\n{{formal_statement}}", family: .theorem)
    let two = try PromptTemplate.parse("## user\nTranslate {{formal_statement}}", family: .theorem)
    #expect(one.version != two.version && one.version.count == 16)
    #expect(throws: PromptTemplate.Invalid.self) {
      try PromptTemplate.parse("## user\nno placeholder", family: .theorem)
    }
  }
}
