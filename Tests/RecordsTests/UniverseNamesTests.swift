import Testing

@testable import Records

/// Universe names read from a pretty-printed type.
@Suite struct UniverseNamesTests {
  @Test(arguments: [
    ("∀ {α : Type u} [inst : Monoid α] (e : α), e = e", ["u"]),
    ("∀ {α : Type u_1} {β : Sort (max u_2 v)}, α → β", ["u_1", "u_2", "v"]),
    ("∀ (f : List.{u} α → Type (u + 1)), True", ["u"]),
    ("∀ {TypeVec : Type} (x : Sort 0), Sort* = Type", []),
    ("Nat → Nat", []),
    ("∀ {α : Type u} {β : Type u}, α = α", ["u"]),
    ("∀ (x : PLift.{imax u v} p), True", ["u", "v"]),
  ])
  func namesInTypeSortAndExplicitUniversesAreFound(_ type: String, _ expected: [String]) {
    #expect(UniverseNames.scan(type) == expected)
  }
}
