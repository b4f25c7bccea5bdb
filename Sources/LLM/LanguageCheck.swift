/// Tells whether an informal text (LaTeX formulas aside) is in the language it should be: by
/// script for languages with their own (Chinese, Japanese, Korean, Russian, Greek, Arabic,
/// Hebrew…), and by common words for those written in Latin letters (English, French, German,
/// Spanish, Italian, Portuguese), since a small model asked for French often answers in English.
public enum LanguageCheck {
  /// What is wrong with `text` for `expected` (an ISO 639-1 code), or nil when it fits.
  public static func problem(_ text: String, expected: String) -> String? {
    let letters = lettersOutsideMath(text)
    let latin = letters.filter { $0.value < 0x250 }.count
    let other = letters.count - latin
    if let script = scripts[expected] {
      let inScript = letters.filter { letter in script.contains { $0.contains(letter.value) } }.count
      return inScript * 2 >= letters.count && inScript > 0 ? nil : "the informal statement is not in \(name(expected))"
    }
    // A language written in Latin letters.
    if other > 8 && other > latin { return "the informal statement is not in \(name(expected))" }
    guard expected != "en", let common = stopwords[expected] else { return nil }
    let tokens = words(in: text)
    let own = tokens.filter { common.contains($0) }.count
    let english = tokens.filter { stopwords["en"]!.contains($0) }.count
    return own > english && own >= 2 ? nil : "the informal statement is not in \(name(expected))"
  }

  /// Letters outside `$…$` formulas.
  private static func lettersOutsideMath(_ text: String) -> [Unicode.Scalar] {
    var inMath = false
    var letters: [Unicode.Scalar] = []
    for scalar in text.unicodeScalars {
      if scalar == "$" {
        inMath.toggle()
      } else if !inMath, scalar.properties.isAlphabetic {
        letters.append(scalar)
      }
    }
    return letters
  }

  /// Lower-cased words outside formulas.
  private static func words(in text: String) -> [String] {
    var inMath = false
    var words: [String] = []
    var current = ""
    for character in text {
      if character == "$" {
        inMath.toggle()
      } else if !inMath, character.isLetter || character == "'" {
        current.append(character)
        continue
      }
      if !current.isEmpty { words.append(current.lowercased()) }
      current = ""
    }
    if !current.isEmpty { words.append(current.lowercased()) }
    return words
  }

  /// Unicode ranges of languages with a script of their own.
  private static let scripts: [String: [ClosedRange<UInt32>]] = [
    "zh": [0x4E00...0x9FFF, 0x3400...0x4DBF], "ja": [0x3040...0x30FF, 0x4E00...0x9FFF],
    "ko": [0xAC00...0xD7AF, 0x1100...0x11FF], "ru": [0x0400...0x04FF], "uk": [0x0400...0x04FF],
    "el": [0x0370...0x03FF], "ar": [0x0600...0x06FF], "he": [0x0590...0x05FF], "hi": [0x0900...0x097F],
  ]

  /// Frequent short words of languages written in Latin letters.
  private static let stopwords: [String: Set<String>] = [
    "en": ["the", "is", "and", "of", "for", "every", "then", "if", "there", "that", "a", "an", "are", "with"],
    "fr": ["le", "la", "les", "des", "est", "et", "pour", "tout", "tous", "une", "un", "alors", "si", "que", "du"],
    "de": ["der", "die", "das", "und", "ist", "für", "jede", "jeden", "dann", "wenn", "ein", "eine", "mit"],
    "es": ["el", "la", "los", "las", "es", "y", "para", "todo", "todos", "una", "un", "entonces", "si", "que"],
    "it": ["il", "la", "gli", "le", "è", "e", "per", "ogni", "allora", "se", "una", "un", "che", "di"],
    "pt": ["o", "a", "os", "as", "é", "e", "para", "todo", "todos", "uma", "um", "então", "se", "que"],
  ]

  /// The English name of the language `code` (the code itself when unknown).
  public static func name(_ code: String) -> String {
    [
      "en": "English", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ru": "Russian", "uk": "Ukrainian",
      "el": "Greek", "ar": "Arabic", "he": "Hebrew", "hi": "Hindi", "fr": "French", "de": "German",
      "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    ][code] ?? code
  }
}
