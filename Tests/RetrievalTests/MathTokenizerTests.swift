import Testing

@testable import Retrieval

/// The tokenizer's rules, table by table: the same mathematics in Lean, LaTeX, ASCII or prose
/// must give the same tokens.
@Suite struct MathTokenizerTests {
  let tokenizer = MathTokenizer()

  @Test(arguments: [
    ("Nat.succ_le_iff", ["set_nat", "succ", "op_le", "op_iff", "succ_le_iff"]),
    ("Finset.sum_range_succ", ["finset", "op_sum", "range", "succ", "sum_range_succ"]),
    ("Set.image_subset_iff", ["set", "image", "op_subset", "op_iff", "image_subset_iff"]),
    ("mul_comm", ["op_mul", "comm", "mul_comm"]),
    ("mul_inv_cancel₀", ["op_mul", "op_inv", "cancel", "0", "mul_inv_cancel0"]),
    ("Real.log", ["set_real", "log"]),
    ("h.1", ["h", "1"]),
  ])
  func splitsLeanNamesIntoPartsAndKeepsTheJoin(name: String, expected: [String]) {
    #expect(tokenizer.tokens(name) == expected)
  }

  @Test(arguments: [
    ("IsOpen", ["is", "open", "isopen"]),
    ("HasDerivAt", ["has", "deriv", "at", "hasderivat"]),
    ("IsCompact.exists_isMinOn", ["is", "compact", "iscompact", "op_exists", "is", "min", "on", "exists_isminon"]),
    ("HTTPServer", ["http", "server", "httpserver"]),
    ("NNReal", ["nn", "set_real", "nnreal"]),
    ("hε", ["h", "epsilon", "hepsilon"]),
  ])
  func splitsCamelCase(name: String, expected: [String]) {
    #expect(tokenizer.tokens(name) == expected)
  }

  @Test(arguments: [
    (["≤", "\\le", "\\leq", "<=", "\\leqslant", "⩽", "le"], "op_le"),
    (["<", "\\lt", "lt"], "op_lt"),
    (["≥", "\\ge", "\\geq", ">=", "ge"], "op_ge"),
    (["≠", "\\ne", "\\neq", "!=", "ne"], "op_ne"),
    (["∑", "\\sum", "sum"], "op_sum"),
    (["∏", "\\prod", "prod"], "op_prod"),
    (["∫", "\\int", "integral"], "op_int"),
    (["∀", "\\forall", "forall", "for all"], "op_forall"),
    (["∃", "\\exists", "exists", "there exists"], "op_exists"),
    (["→", "\\to", "\\rightarrow", "->", "\\implies", "implies"], "op_to"),
    (["↔", "\\iff", "\\Leftrightarrow", "<->", "iff", "if and only if"], "op_iff"),
    (["∧", "\\land", "\\wedge"], "op_and"),
    (["∨", "\\lor", "\\vee"], "op_or"),
    (["¬", "\\neg", "\\lnot", "not"], "op_not"),
    (["∈", "\\in"], "op_mem"),
    (["∉", "\\notin", "\\not\\in"], "op_notin"),
    (["⊆", "\\subseteq", "subset"], "op_subset"),
    (["∩", "\\cap", "intersection"], "op_inter"),
    (["∪", "\\cup", "union"], "op_union"),
    (["∘", "\\circ", "comp"], "op_comp"),
    (["⁻¹", "^{-1}", "^-1", "inv", "inverse"], "op_inv"),
    (["√", "\\sqrt", "sqrt"], "op_sqrt"),
    (["ℕ", "\\mathbb{N}", "\\mathbb N", "Nat", "natural"], "set_nat"),
    (["ℤ", "\\mathbb{Z}", "Int", "integers"], "set_int"),
    (["ℚ", "\\mathbb{Q}", "Rat"], "set_rat"),
    (["ℝ", "\\mathbb{R}", "Real", "reals"], "set_real"),
    (["ℂ", "\\mathbb{C}", "Complex"], "set_complex"),
    (["∣", "\\mid", "dvd", "divides"], "op_dvd"),
    (["∞", "\\infty", "infinity"], "infinity"),
    (["ε", "\\epsilon", "\\varepsilon", "ϵ"], "epsilon"),
  ])
  func unifiesTheSpellingsOfAnOperator(spellings: [String], token: String) {
    for spelling in spellings {
      #expect(tokenizer.tokens(spelling) == [token], "\(spelling)")
    }
  }

  @Test(arguments: [
    ("|x|", ["op_abs", "x"]),
    ("abs x", ["op_abs", "x"]),
    ("\\left| x \\right|", ["op_abs", "x"]),
    ("\\lvert x \\rvert", ["op_abs", "x"]),
    ("‖v‖", ["op_norm", "v"]),
    ("\\|v\\|", ["op_norm", "v"]),
    ("{x | 0 < x}", ["x", "0", "op_lt", "x"]),
    ("\\{ x \\mid 0 < x \\}", ["x", "0", "op_lt", "x"]),
  ])
  func pairsBarsIntoOneAbsoluteValueOrNormToken(text: String, expected: [String]) {
    #expect(tokenizer.tokens(text) == expected)
  }

  @Test(arguments: [
    ("$\\left( x \\right)$", ["x"]),
    ("\\mathrm{d}x", ["d", "x"]),
    ("x \\, y \\; z \\quad w \\! v", ["x", "y", "z", "w", "v"]),
    ("\\displaystyle \\frac{x}{y}", ["op_div", "x", "y"]),
    ("\\begin{aligned} x &= y \\\\ \\end{aligned}", ["x", "op_eq", "y"]),
    ("\\text{for all } x", ["op_forall", "x"]),
    ("\\operatorname{card} s", ["op_card", "s"]),
  ])
  func dropsLaTeXLayout(text: String, expected: [String]) {
    #expect(tokenizer.tokens(text) == expected)
  }

  @Test(arguments: [
    ("x ^ 10 + 2", ["x", "op_pow", "10", "op_add", "2"]),
    ("x²", ["x", "op_pow", "2"]),
    ("x_{12}", ["x", "12"]),
    ("a₁", ["a", "1", "a1"]),
    ("3.14", ["3", "14"]),
  ])
  func keepsNumbers(text: String, expected: [String]) {
    #expect(tokenizer.tokens(text) == expected)
  }

  @Test func dropsStopWordsButNotNameParts() {
    #expect(tokenizer.tokens("the sum of a and b is the same") == ["op_sum", "b", "same"])
    #expect(tokenizer.tokens("and_comm") == ["op_and", "comm", "and_comm"])
    #expect(tokenizer.tokens("theorem foo {α : Type*} : x * y") == ["foo", "alpha", "x", "op_mul", "y"])
  }

  @Test func readsTheBoundsOfABigOperatorAsBoundsNotPowers() {
    #expect(tokenizer.tokens("$\\sum_{i=0}^{n} f(i)$") == ["op_sum", "i", "op_eq", "0", "n", "f", "i"])
    #expect(tokenizer.tokens("\\int_a^b x\\,dx") == ["op_int", "a", "b", "x", "dx"])
    #expect(tokenizer.tokens("\\sum_{i} x^{2}") == ["op_sum", "i", "x", "op_pow", "2"])
  }

  @Test func aLeanStatementAndItsLaTeXShareTheirMathematicalTokens() {
    let lean = Set(tokenizer.tokens("theorem foo {m n : ℕ} : m.succ ≤ n ↔ m < n"))
    let latex = Set(tokenizer.tokens("For natural numbers $m$ and $n$, $m + 1 \\le n$ if and only if $m < n$."))
    #expect(lean.isSuperset(of: ["set_nat", "m", "n", "op_le", "op_iff", "op_lt"]))
    #expect(latex.isSuperset(of: ["set_nat", "m", "n", "op_le", "op_iff", "op_lt"]))
  }

  @Test func producesOnlyFTSSafeASCIITokensForAnyInput() {
    let inputs = [
      "\"NEAR(a b)* -c : d^\" OR NOT {x}", "∮ ⊣ ⋊ 😀 ℓ 𝔸 ᵒᵈ", "\\", "\\\\\\", "^{", "_", "|||", "⁻",
      "é façade naïve", "\u{0}\u{7F}",
    ]
    for input in inputs {
      for token in tokenizer.tokens(input) {
        #expect(
          !token.isEmpty
            && token.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F },
          "\(input) → \(token)")
      }
    }
  }

  @Test func isDeterministic() {
    let text = "theorem Finset.sum_range_succ (f : ℕ → β) (n : ℕ) : ∑ x ∈ range (n + 1), f x = ∑ x ∈ range n, f x + f n"
    #expect(tokenizer.tokens(text) == tokenizer.tokens(text))
    #expect(tokenizer.document(text) == tokenizer.tokens(text).joined(separator: " "))
  }
}
