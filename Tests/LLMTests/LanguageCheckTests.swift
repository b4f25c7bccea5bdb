import Testing

@testable import LLM

/// Informal texts in the language they should be in.
@Suite struct LanguageCheckTests {
  @Test(arguments: [
    ("For every natural number $n$, $n + 0 = n$.", "en"),
    ("对任意自然数 $n$，有 $n + 0 = n$。", "zh"),
    ("Для любого натурального числа $n$ верно $n + 0 = n$.", "ru"),
    ("Pour tout entier naturel $n$, on a $n + 0 = n$ et la somme est nulle.", "fr"),
    ("Für jede natürliche Zahl $n$ ist $n + 0 = n$ und die Summe ist gleich.", "de"),
  ])
  func textsInTheirLanguagePass(_ text: String, _ language: String) {
    #expect(LanguageCheck.problem(text, expected: language) == nil)
  }

  @Test(arguments: [
    ("For every natural number $n$, $n + 0 = n$.", "zh", "not in Chinese"),
    ("For every natural number $n$, the sum is the same as $n$.", "fr", "not in French"),
    ("对任意自然数 $n$，有 $n + 0 = n$ 成立，这是显然的结论。", "en", "not in English"),
    ("Для любого натурального числа $n$ верно равенство.", "zh", "not in Chinese"),
    ("$\\forall n \\in \\mathbb{N}, n + 0 = n$", "ru", "not in Russian"),
  ])
  func textsInAnotherLanguageAreCaught(_ text: String, _ language: String, _ problem: String) {
    #expect(LanguageCheck.problem(text, expected: language)?.contains(problem) == true)
  }
}
