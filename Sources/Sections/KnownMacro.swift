/// What a macro of LaTeX, amsmath, amssymb or amsthm does to the text of an item. In math
/// every known macro is kept as written; these roles matter in running text.
enum KnownMacro: Sendable, Equatable {
  /// Kept as written, with the brace and bracket groups that follow it (`\cite{x}`, `\ldots`).
  case kept
  /// Replaced by its argument (`\emph{x}` → `x`).
  case argument
  /// Removed (`\noindent`, `\itshape`).
  case dropped
  /// Removed, leaving a space (`\par`, `\quad`).
  case space
  /// Removed with its arguments: a star, optional groups, then this many mandatory ones.
  case droppedWithArguments(Int)
  /// A cross-reference kept as written whose labels the item references.
  case reference
  /// A `\label`, removed: the label is the item's.
  case label
  /// `\begin`, `\end`, `\item` and `\ensuremath`, which the renderer treats itself.
  case structural

  /// The table of every known macro by name.
  static let table: ByteNameTable<KnownMacro> = {
    var table = ByteNameTable<KnownMacro>(capacity: 1024)
    func add(_ names: String, _ role: KnownMacro) {
      for name in names.split(whereSeparator: { $0 == " " || $0 == "\n" }) { table.set(String(name), role) }
    }
    add(keptText, .kept)
    add(mathNames, .kept)
    add(
      """
      emph textit textbf textrm textsf texttt textsc textup textsl textmd textnormal underline uline mbox hbox
      text textnormal footnote thanks fbox framebox makebox
      """, .argument)
    add(
      """
      noindent indent itshape bfseries em it bf rm sf tt sc sl normalfont upshape mdseries slshape scshape
      small footnotesize scriptsize tiny large Large LARGE huge Huge normalsize centering raggedright raggedleft
      maketitle qedhere relax protect nobreak allowbreak leavevmode phantomsection null strut sloppy fussy
      """, .dropped)
    add(
      """
      par newline linebreak pagebreak newpage clearpage medskip smallskip bigskip hfill vfill quad qquad enspace
      thinspace enskip break
      """, .space)
    add(
      """
      index vspace hspace subsection subsubsection paragraph subparagraph part chapter theoremstyle usepackage
      documentclass bibliographystyle bibliography input include includeonly pagestyle thispagestyle hypersetup
      title author date address email urladdr keywords subjclass dedicatory translator
      """, .droppedWithArguments(1))
    add("setcounter addtocounter numberwithin newcounter", .droppedWithArguments(2))
    add("addcontentsline", .droppedWithArguments(3))
    add("newtheorem", .droppedWithArguments(2))
    add("newenvironment renewenvironment", .droppedWithArguments(3))
    add("ref eqref cref Cref autoref pageref nameref vref", .reference)
    add("label", .label)
    add("begin end item ensuremath", .structural)
    return table
  }()

  /// Text-mode macros kept as written.
  private static let keptText = """
    cite citep citet nocite S P dag ddag copyright ldots dots cdots textellipsis LaTeX TeX today url href
    footnotemark textquoteleft textquoteright textendash textemdash textbullet textbackslash textasciitilde
    ss ae AE oe OE aa AA o O l L i j c v u H r b d k t ae hyperref textsuperscript textsubscript
    """

  /// Math-mode macros of LaTeX, amsmath, amssymb and mathtools a section may use.
  private static let mathNames = """
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda mu nu xi pi
    varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma
    Upsilon Phi Psi Omega varGamma varDelta varTheta varLambda varXi varPi varSigma varUpsilon varPhi varPsi
    varOmega digamma aleph beth gimel daleth hbar hslash imath jmath ell wp Re Im partial infty nabla emptyset
    varnothing top bot forall exists nexists neg lnot flat natural sharp backslash prime surd angle triangle
    clubsuit diamondsuit heartsuit spadesuit complement eth mho Bbbk
    pm mp times div cdot ast star circ bullet cap cup uplus sqcap sqcup vee wedge lor land setminus smallsetminus
    wr diamond bigtriangleup bigtriangledown triangleleft triangleright lhd rhd unlhd unrhd oplus ominus otimes
    oslash odot bigcirc dagger ddagger amalg ltimes rtimes leftthreetimes rightthreetimes curlyvee curlywedge
    boxplus boxminus boxtimes boxdot dotplus divideontimes intercal barwedge veebar doublebarwedge Cap Cup
    centerdot circledast circledcirc circleddash
    leq le geq ge neq ne equiv sim simeq approx cong asymp doteq propto models perp mid nmid parallel nparallel
    subset supset subseteq supseteq subsetneq supsetneq nsubseteq nsupseteq sqsubset sqsupset sqsubseteq
    sqsupseteq in ni notin owns prec succ preceq succeq ll gg vdash dashv vDash Vdash Vvdash bowtie smile frown
    lessgtr leqslant geqslant lesssim gtrsim lneq gneq lneqq gneqq nleq ngeq nless ngtr nsim ncong approxeq
    thicksim thickapprox backsim triangleq coloneqq eqqcolon coloneq Coloneqq trianglelefteq trianglerighteq
    ntriangleleft ntriangleright ntrianglelefteq ntrianglerighteq vartriangleleft vartriangleright lll ggg
    leqq geqq eqsim precsim succsim Subset Supset subseteqq supseteqq nsubseteqq nsupseteqq varsubsetneq
    varsupsetneq because therefore between pitchfork shortmid shortparallel nshortmid nshortparallel
    to gets leftarrow rightarrow Leftarrow Rightarrow leftrightarrow Leftrightarrow longleftarrow
    longrightarrow Longleftarrow Longrightarrow longleftrightarrow Longleftrightarrow mapsto longmapsto
    hookleftarrow hookrightarrow leftharpoonup leftharpoondown rightharpoonup rightharpoondown
    rightleftharpoons leftrightharpoons uparrow downarrow updownarrow Uparrow Downarrow Updownarrow nearrow
    searrow swarrow nwarrow iff implies impliedby twoheadrightarrow twoheadleftarrow rightarrowtail
    leftarrowtail rightsquigarrow leadsto curvearrowright curvearrowleft circlearrowright circlearrowleft
    dashrightarrow dashleftarrow nrightarrow nleftarrow nRightarrow nLeftarrow nleftrightarrow nLeftrightarrow
    upharpoonright upharpoonleft downharpoonright downharpoonleft leftleftarrows rightrightarrows
    leftrightarrows rightleftarrows Lsh Rsh multimap xrightarrow xleftarrow xhookrightarrow xmapsto
    sum prod coprod int iint iiint oint bigcap bigcup bigsqcup bigvee bigwedge bigodot bigotimes bigoplus
    biguplus idotsint
    arccos arcsin arctan arg cos cosh cot coth csc deg det dim exp gcd hom inf ker lg lim liminf limsup ln log
    max min Pr sec sin sinh sup tan tanh injlim projlim varinjlim varprojlim varliminf varlimsup
    operatorname DeclareMathOperator mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr
    mathnormal boldsymbol bm pmb text textrm textit textbf textsf texttt textup textnormal mbox
    hat widehat tilde widetilde bar overline underline vec dot ddot dddot acute grave breve check mathring
    overrightarrow overleftarrow overleftrightarrow underrightarrow underleftarrow overbrace underbrace
    overset underset stackrel sideset frac dfrac tfrac cfrac binom dbinom tbinom genfrac sqrt root of
    left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr middle
    langle rangle lceil rceil lfloor rfloor lvert rvert lVert rVert vert Vert lbrace rbrace lbrack rbrack
    ulcorner urcorner llcorner lrcorner backslash
    displaystyle textstyle scriptstyle scriptscriptstyle limits nolimits substack
    quad qquad enspace thinspace negthinspace medspace thickspace negmedspace negthickspace mspace hspace
    hphantom vphantom phantom smash mathstrut
    ldots cdots vdots ddots dots dotsc dotsb dotsm dotsi dotso colon cdotp ldotp
    pmod bmod mod pod tag notag nonumber intertext shortintertext
    begin end label ref eqref cref Cref
    cases matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix smallmatrix array aligned gathered split
    not neq lnot ne cancel boxed color textcolor mathop mathbin mathrel mathord mathopen mathclose mathpunct
    mathinner over atop choose brace brack operatorname* xleftrightarrow
    """
}
