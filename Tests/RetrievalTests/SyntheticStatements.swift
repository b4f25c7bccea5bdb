import Retrieval

/// Deterministic Mathlib-like statements for load tests: names built from a shared vocabulary,
/// Lean binders and operators, so that term frequencies are skewed the way real ones are.
struct SyntheticStatements {
  private var state: UInt64

  private static let words = [
    "add", "mul", "sub", "div", "neg", "inv", "pow", "comm", "assoc", "zero", "one", "left", "right", "cancel",
    "le", "lt", "eq", "ne", "iff", "of", "mono", "pos", "nonneg", "succ", "pred", "sum", "prod", "range", "card",
    "image", "preimage", "union", "inter", "compl", "subset", "mem", "map", "comp", "id", "injective",
    "surjective", "continuous", "tendsto", "deriv", "integral", "norm", "abs", "dist", "ball", "closure",
    "interior", "measure", "prime", "dvd", "gcd", "lcm", "mod", "coprime", "factorial", "choose", "degree",
    "eval", "root", "det", "trace", "rank", "ker", "span", "basis", "dual", "tensor", "quotient", "ideal",
  ]
  private static let namespaces = [
    "Nat", "Int", "Real", "Finset", "Set", "Function", "Polynomial", "Matrix", "LinearMap", "Filter",
    "MeasureTheory", "Subgroup", "Ideal", "ZMod", "Complex", "Metric", "Module", "List", "Multiset",
  ]
  private static let types = ["ℕ", "ℤ", "ℝ", "ℂ", "α", "β", "G", "R", "M", "Set α", "Finset ι"]
  private static let classes = ["Group", "CommRing", "Field", "LinearOrder", "TopologicalSpace", "AddCommMonoid"]
  private static let relations = ["=", "≤", "<", "≠", "↔", "∣", "⊆", "∈"]
  private static let operators = ["+", "*", "-", "/", "^", "∘", "∪", "∩"]
  private static let variables = ["a", "b", "c", "x", "y", "z", "n", "m", "k", "f", "g", "s", "t", "p", "q"]

  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

  /// The next pseudo-random number (xorshift64*), deterministic across platforms.
  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }

  /// An element of `list`, skewed towards its front (roughly Zipf-like).
  mutating func pick<T>(_ list: [T]) -> T {
    let first = Int(next() % UInt64(list.count))
    let second = Int(next() % UInt64(list.count))
    return list[min(first, second)]
  }

  /// A name part from a large vocabulary: a common word, or a rare coined one.
  mutating func namePart() -> String {
    if next() % 4 == 0 { return "w\(next() % 40_000)" }
    return pick(Self.words)
  }

  /// A term such as `f (x + y) ^ 2`.
  mutating func term() -> String {
    var text = pick(Self.variables)
    for _ in 0..<Int(next() % 3) {
      text += " \(pick(Self.operators)) \(pick(Self.variables))"
    }
    if next() % 3 == 0 { text = "\(pick(Self.variables)) (\(text))" }
    return text
  }

  /// A theorem statement with its name.
  mutating func statement(number: Int) -> (name: String, text: String) {
    let parts = (0..<(2 + Int(next() % 3))).map { _ in namePart() }
    let name = "\(pick(Self.namespaces)).\(parts.joined(separator: "_"))_\(number)"
    var binders = "{\(pick(Self.variables)) \(pick(Self.variables)) : \(pick(Self.types))}"
    if next() % 2 == 0 { binders += " [\(pick(Self.classes)) \(pick(Self.types))]" }
    var conclusion = "\(term()) \(pick(Self.relations)) \(term())"
    if next() % 3 == 0 { conclusion = "\(term()) \(pick(Self.relations)) \(term()) → " + conclusion }
    return (name, "theorem \(name) \(binders) (h : \(term()) \(pick(Self.relations)) \(term())) : \(conclusion)")
  }

  /// A document of the `declaration` source, translated one time in two.
  mutating func document(number: Int) -> RetrievalDocument {
    let (name, text) = statement(number: number)
    let translated = next() % 2 == 0
    return RetrievalDocument(
      source: .declaration, item: name, formal: text,
      informalName: translated ? "\(namePart()) \(namePart()) equals \(namePart())" : nil,
      informalStatement: translated ? "For all $x$, $\(term()) \\le \(term())$ when \(namePart()) holds." : nil)
  }
}
