/// The tables behind `MathTokenizer`: one canonical ASCII token per operator, number set and
/// alias, whatever the spelling (Unicode, LaTeX, ASCII or a Lean name part).
///
/// Canonical tokens use only `[a-z0-9_]`, so that a token is a plain word wherever it goes (FTS5's
/// `unicode61` tokenizer with `_` as a token character keeps each one whole). Indexes compute
/// their tokens when opened, so a changed table takes effect at once; `MathTokenizer.version`
/// names the rules.
enum TokenVocabulary {
  /// What the scanner does for a LaTeX command.
  enum Command: Sendable, Equatable {
    /// Emits these tokens.
    case emit([String])
    /// A big operator (`\sum`, `\int`, `\lim`): emits its token; the `_`/`^` scripts that follow
    /// are bounds, not powers.
    case bigOperator(String)
    /// Layout or font only: dropped, its argument (if any) is read as ordinary text.
    case drop
    /// Dropped together with its braced argument (`\begin{aligned}`, `\label{…}`).
    case dropArgument
    /// `\mathbb`: the next letter names a number set (`\mathbb{R}` is ℝ).
    case blackboard
    /// `\not`: negates the next operator.
    case negate
    /// `\left`, `\bigl`: the next delimiter opens.
    case leftDelimiter
    /// `\right`, `\bigr`: the next delimiter closes.
    case rightDelimiter
    /// `\vert`, `\lvert`, `\rvert`: an absolute-value bar.
    case bar(Side?)
    /// `\Vert`, `\lVert`, `\rVert`: a norm bar.
    case normBar(Side?)
    /// `\mid`: divisibility, or the "such that" of a set-builder.
    case mid
    /// `\{` or `\lbrace`: opens a set-builder group.
    case openBrace
    /// `\}` or `\rbrace`.
    case closeBrace
  }

  /// Which side of a paired delimiter a bar is.
  enum Side: Sendable, Equatable {
    case open, close
  }

  /// Single Unicode scalars (non-ASCII) that stand for operators or sets; an empty list drops it.
  static let symbols: [UInt32: [String]] = [
    0x2264: ["op_le"], 0x2A7D: ["op_le"], 0x2265: ["op_ge"], 0x2A7E: ["op_ge"],
    0x2260: ["op_ne"], 0x2261: ["op_congr"], 0x2243: ["op_equiv"], 0x2245: ["op_iso"],
    0x2248: ["op_approx"], 0x226A: [], 0x226B: [],
    0x2211: ["op_sum"], 0x220F: ["op_prod"], 0x222B: ["op_int"], 0x222E: ["op_int"],
    0x2202: ["op_partial"], 0x2200: ["op_forall"], 0x2203: ["op_exists"],
    0x2204: ["op_not", "op_exists"], 0x00AC: ["op_not"], 0x2227: ["op_and"], 0x2228: ["op_or"],
    0x2192: ["op_to"], 0x27F6: ["op_to"], 0x21D2: ["op_to"], 0x27F9: ["op_to"],
    0x2194: ["op_iff"], 0x21D4: ["op_iff"], 0x27FA: ["op_iff"], 0x21A6: ["op_mapsto"],
    0x2190: [],
    0x2208: ["op_mem"], 0x220B: ["op_mem"], 0x2209: ["op_notin"],
    0x2286: ["op_subset"], 0x2282: ["op_ssubset"], 0x228A: ["op_ssubset"],
    0x2287: ["op_supset"], 0x2283: ["op_ssupset"],
    0x2229: ["op_inter"], 0x22C2: ["op_inter"], 0x222A: ["op_union"], 0x22C3: ["op_union"],
    0x2206: ["op_symmdiff"], 0x2205: ["op_empty"], 0x1D9C: ["op_compl"], 0x1D40: ["op_transpose"],
    0x2218: ["op_comp"], 0x2022: ["op_smul"], 0x00D7: ["op_times"], 0x2297: ["op_tensor"],
    0x2295: ["op_oplus"], 0x2B1D: ["op_mul"], 0x22C5: ["op_mul"], 0x2217: ["op_mul"],
    0x00F7: ["op_div"], 0x2212: ["op_sub"], 0x00B1: ["op_pm"],
    0x2223: ["op_dvd"], 0x2224: ["op_not", "op_dvd"], 0x221A: ["op_sqrt"],
    0x221E: ["infinity"], 0x22A4: ["op_top"], 0x22A5: ["op_bot"],
    0x2294: ["op_sup"], 0x2A06: ["op_sup"], 0x2293: ["op_inf"], 0x2A05: ["op_inf"],
    0x230A: ["op_floor"], 0x230B: [], 0x2308: ["op_ceil"], 0x2309: [],
    0x27EA: ["op_inner"], 0x27EB: [], 0x27E8: [], 0x27E9: [], 0x2983: [], 0x2984: [],
    0x2115: ["set_nat"], 0x2124: ["set_int"], 0x211A: ["set_rat"], 0x211D: ["set_real"],
    0x2102: ["set_complex"], 0x1D4DD: ["nhds"], 0x1D55C: ["k"],
    0x00B7: [], 0x2032: [], 0x2026: [], 0x2013: [], 0x2014: [], 0x00AB: [], 0x00BB: [],
    0x201C: [], 0x201D: [], 0x2018: [], 0x2019: [], 0x2039: [], 0x203A: [], 0x00A0: [],
    0x207B: [],
  ]

  /// Greek letters (both cases, and the variant forms) spelled as their LaTeX names, so that `ε`
  /// and `\varepsilon` meet.
  static let greek: [UInt32: String] = {
    let names = [
      "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
      "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon", "phi", "chi", "psi",
      "omega",
    ]
    var table: [UInt32: String] = [:]
    for (offset, name) in names.enumerated() {
      table[0x3B1 + UInt32(offset)] = name
      // U+03A2 is unassigned: the capital row has no final sigma.
      if offset != 17 { table[0x391 + UInt32(offset)] = name }
    }
    table[0x3F5] = "epsilon"
    table[0x3D5] = "phi"
    table[0x3D1] = "theta"
    table[0x3D6] = "pi"
    table[0x3F1] = "rho"
    return table
  }()

  /// LaTeX commands by name (case-sensitive; unknown commands become their lowercased name).
  static let commands: [String: Command] = {
    var table: [String: Command] = [:]
    func set(_ names: [String], _ command: Command) {
      for name in names { table[name] = command }
    }
    func emit(_ names: [String], _ tokens: String...) { set(names, .emit(tokens)) }
    emit(["le", "leq", "leqslant", "leqq"], "op_le")
    emit(["ge", "geq", "geqslant", "geqq"], "op_ge")
    emit(["lt"], "op_lt")
    emit(["gt"], "op_gt")
    emit(["ne", "neq"], "op_ne")
    emit(["forall"], "op_forall")
    emit(["exists"], "op_exists")
    emit(["nexists"], "op_not", "op_exists")
    emit(["to", "rightarrow", "longrightarrow", "Rightarrow", "Longrightarrow", "implies"], "op_to")
    emit(["iff", "leftrightarrow", "Leftrightarrow", "longleftrightarrow", "Longleftrightarrow"], "op_iff")
    emit(["mapsto", "longmapsto"], "op_mapsto")
    emit(["land", "wedge"], "op_and")
    emit(["lor", "vee"], "op_or")
    emit(["neg", "lnot"], "op_not")
    emit(["in", "ni"], "op_mem")
    emit(["notin"], "op_notin")
    emit(["subseteq", "subset", "subseteqq"], "op_subset")
    emit(["subsetneq", "subsetneqq", "varsubsetneq"], "op_ssubset")
    emit(["supseteq", "supset"], "op_supset")
    emit(["cap"], "op_inter")
    emit(["cup"], "op_union")
    emit(["setminus", "smallsetminus"], "op_sdiff")
    emit(["emptyset", "varnothing"], "op_empty")
    emit(["complement"], "op_compl")
    emit(["circ"], "op_comp")
    emit(["cdot", "ast"], "op_mul")
    emit(["times"], "op_times")
    emit(["div", "frac", "dfrac", "tfrac"], "op_div")
    emit(["pm", "mp"], "op_pm")
    emit(["sqrt"], "op_sqrt")
    emit(["nmid"], "op_not", "op_dvd")
    emit(["equiv"], "op_congr")
    emit(["simeq"], "op_equiv")
    emit(["cong"], "op_iso")
    emit(["approx"], "op_approx")
    emit(["pmod", "bmod", "mod"], "mod")
    emit(["infty"], "infinity")
    emit(["partial"], "op_partial")
    emit(["top"], "op_top")
    emit(["bot"], "op_bot")
    emit(["sqcup"], "op_sup")
    emit(["sqcap"], "op_inf")
    emit(["oplus"], "op_oplus")
    emit(["otimes"], "op_tensor")
    emit(["lfloor"], "op_floor")
    emit(["lceil"], "op_ceil")
    emit(["langle"], "op_inner")
    emit(["binom", "choose"], "choose")
    emit(["ln"], "log")
    set(["rfloor", "rceil", "rangle"], .drop)
    set(["sum"], .bigOperator("op_sum"))
    set(["prod"], .bigOperator("op_prod"))
    set(["int", "iint", "iiint", "oint"], .bigOperator("op_int"))
    set(["bigcup"], .bigOperator("op_union"))
    set(["bigcap"], .bigOperator("op_inter"))
    set(["bigoplus"], .bigOperator("op_oplus"))
    set(["bigotimes"], .bigOperator("op_tensor"))
    set(["sup", "bigsqcup", "bigvee"], .bigOperator("op_sup"))
    set(["inf", "bigsqcap", "bigwedge"], .bigOperator("op_inf"))
    set(["lim"], .bigOperator("lim"))
    set(["limsup"], .bigOperator("limsup"))
    set(["liminf"], .bigOperator("liminf"))
    set(["max"], .bigOperator("max"))
    set(["min"], .bigOperator("min"))
    set(["mathbb"], .blackboard)
    set(["not"], .negate)
    set(["left", "bigl", "Bigl", "biggl", "Biggl"], .leftDelimiter)
    set(["right", "bigr", "Bigr", "biggr", "Biggr"], .rightDelimiter)
    set(["vert"], .bar(nil))
    set(["lvert"], .bar(.open))
    set(["rvert"], .bar(.close))
    set(["Vert"], .normBar(nil))
    set(["lVert"], .normBar(.open))
    set(["rVert"], .normBar(.close))
    set(["mid"], .mid)
    set(["lbrace"], .openBrace)
    set(["rbrace"], .closeBrace)
    set(
      [
        "mathbf", "mathrm", "mathit", "mathsf", "mathtt", "mathcal", "mathscr", "mathfrak", "boldsymbol",
        "operatorname", "text", "textrm", "textbf", "textit", "textsf", "texttt", "textnormal", "emph", "mbox",
        "hbox", "boxed", "big", "Big", "bigg", "Bigg", "middle", "quad", "qquad", "displaystyle", "textstyle",
        "scriptstyle", "limits", "nolimits", "cdots", "ldots", "dots", "vdots", "ddots", "dotsc", "dotsb",
        "colon", "prime", "hat", "widehat", "bar", "overline", "underline", "tilde", "widetilde", "vec",
        "dot", "ddot", "noindent", "newline", "medskip", "smallskip", "bigskip", "enspace", "thinspace",
        "negthinspace", "phantom", "left.", "displaylimits",
      ], .drop)
    set(
      ["begin", "end", "label", "tag", "ref", "eqref", "cite", "hspace", "vspace", "color", "textcolor"],
      .dropArgument)
    return table
  }()

  /// Words and Lean name parts that mean an operator, a number set or a common synonym.
  static let aliases: [String: String] = {
    var table: [String: String] = [:]
    func alias(_ token: String, _ words: String...) {
      for word in words { table[word] = token }
    }
    alias("op_le", "le", "leq")
    alias("op_lt", "lt")
    alias("op_ge", "ge", "geq")
    alias("op_gt", "gt")
    alias("op_ne", "ne", "neq")
    alias("op_eq", "eq", "equal", "equals")
    alias("op_iff", "iff")
    alias("op_add", "add", "plus")
    alias("op_mul", "mul")
    alias("op_sub", "sub", "minus")
    alias("op_div", "div")
    alias("op_neg", "neg")
    alias("op_inv", "inv", "inverse")
    alias("op_pow", "pow")
    alias("op_dvd", "dvd", "divide", "divides", "divisible")
    alias("op_mem", "mem")
    alias("op_subset", "subset")
    alias("op_ssubset", "ssubset")
    alias("op_inter", "inter", "intersection")
    alias("op_union", "union")
    alias("op_sdiff", "sdiff")
    alias("op_compl", "compl", "complement")
    alias("op_comp", "comp", "composition")
    alias("op_sum", "sum")
    alias("op_prod", "prod")
    alias("op_int", "integral")
    alias("op_sqrt", "sqrt")
    alias("op_abs", "abs")
    alias("op_norm", "norm")
    alias("op_not", "not")
    alias("op_and", "and")
    alias("op_or", "or")
    alias("op_to", "imp", "implies")
    alias("op_forall", "forall")
    alias("op_exists", "exists", "exist")
    alias("op_sup", "sup", "supremum")
    alias("op_inf", "inf", "infimum")
    alias("op_top", "top")
    alias("op_bot", "bot")
    alias("op_empty", "empty", "emptyset")
    alias("op_floor", "floor")
    alias("op_ceil", "ceil")
    alias("op_smul", "smul")
    alias("op_card", "card", "cardinality")
    alias("op_fact", "factorial")
    alias("set_nat", "nat", "natural")
    alias("set_int", "int", "integer")
    alias("set_rat", "rat", "rational")
    alias("set_real", "real")
    alias("set_complex", "complex")
    alias("lim", "tendsto", "limit")
    alias("log", "ln")
    alias("degree", "deg")
    alias("deriv", "derivative")
    alias("infinity", "infty")
    alias("epsilon", "varepsilon")
    alias("phi", "varphi")
    alias("theta", "vartheta")
    alias("pi", "varpi")
    alias("rho", "varrho")
    alias("sigma", "varsigma")
    alias("comm", "commutative")
    alias("assoc", "associative")
    alias("pos", "positive")
    alias("nonneg", "nonnegative")
    alias("0", "zero")
    alias("1", "one")
    alias("2", "two")
    return table
  }()

  /// Prose words too common to help, dropped when they stand alone (never as a part of a Lean
  /// name: the `and` of `and_comm` is kept, and means `∧`).
  static let stopWords: Set<String> = [
    "a", "an", "the", "of", "for", "to", "is", "are", "be", "been", "being", "was", "were", "that", "this",
    "these", "those", "then", "if", "and", "or", "in", "on", "at", "by", "with", "as", "such", "there", "let",
    "we", "it", "its", "any", "all", "every", "each", "which", "where", "when", "from", "into", "so", "than",
    "has", "have", "holds", "hold", "given", "some", "do", "does", "also", "both", "whose", "whenever", "only",
    "theorem", "lemma", "fun", "show", "using", "via", "our", "their", "them", "they", "will", "can", "may",
    "must", "type", "sort",
  ]

  /// The letters `\mathbb` turns into number sets.
  static let blackboardSets: [String: String] = [
    "n": "set_nat", "z": "set_int", "q": "set_rat", "r": "set_real", "c": "set_complex",
  ]
}
