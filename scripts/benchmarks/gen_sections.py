#!/usr/bin/env python3
"""Generates the section-parse benchmark's inputs: a large LaTeX file and a large LaTeXML-style
HTML page holding the same kind of mathematics.

    gen_sections.py --out DIR [--megabytes M] [--seed S] [--reuse]

Writes DIR/sections.tex (Stacks-style: a preamble of \\newcommand/\\DeclareMathOperator macros
and \\newtheorem declarations, then sections of definitions, lemmas, propositions, theorems,
corollaries, remarks and examples with labels, optional titles, inline and display math using
the macros, \\emph, \\ref to earlier items, comments and proofs) and DIR/sections.html (the same
structure as LaTeXML renders it: section.ltx_section, div.ltx_theorem_<env> with ltx_tag_theorem,
div.ltx_para > p.ltx_p, <math alttext> with a MathML body and a TeX annotation, div.ltx_proof,
a.ltx_ref), each about M megabytes (default 5). Deterministic for a seed; with --reuse an
existing pair from the same generator version and arguments is kept.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random

VERSION = 1
KINDS = ["definition", "lemma", "proposition", "theorem", "corollary", "remark", "example"]
PRINTED = {k: k.capitalize() for k in KINDS}
LETTERS = "abcdefghkmnpqrstuvwxyz"
SPACES = ["G", "H", "K", "X", "Y", "M", "N", "V", "W", "R", "A", "B"]
WORDS = ("group module ring field space map morphism subgroup ideal element sequence function set "
         "homomorphism kernel image quotient basis dimension rank norm limit series extension").split()
TITLES = ["Key estimate", "Uniqueness", "Existence", "Base change", "Functoriality", "Finiteness",
          "Descent", "Exactness", "Criterion", "Stability"]

PREAMBLE = r"""\documentclass{amsart}
\usepackage{amssymb}
\newtheorem{theorem}{Theorem}[section]
\newtheorem{lemma}[theorem]{Lemma}
\newtheorem{proposition}[theorem]{Proposition}
\newtheorem{corollary}[theorem]{Corollary}
\theoremstyle{definition}
\newtheorem{definition}[theorem]{Definition}
\newtheorem{example}[theorem]{Example}
\theoremstyle{remark}
\newtheorem{remark}[theorem]{Remark}
% Macros used throughout.
\newcommand{\R}{\mathbb{R}}
\newcommand{\Z}{\mathbb{Z}}
\newcommand{\Hom}[2]{\mathrm{Hom}(#1, #2)}
\newcommand{\norm}[1]{\lVert #1 \rVert}
\newcommand{\set}[2]{\{ #1 \mid #2 \}}
\DeclareMathOperator{\rk}{rk}
\DeclareMathOperator{\Spec}{Spec}
"""


class Math:
    """One formula: its source with the file's macros, and with them expanded."""

    def __init__(self, source: str, expanded: str):
        self.source, self.expanded = source, expanded


def formula(rng: random.Random) -> Math:
    a, b = rng.sample(SPACES, 2)
    x, y = rng.sample(LETTERS, 2)
    i = rng.randint(1, 9)
    choice = rng.randrange(9)
    if choice == 0:
        return Math(rf"f \in \Hom{{{a}}}{{{b}}}", rf"f \in \mathrm{{Hom}}({a}, {b})")
    if choice == 1:
        return Math(rf"\norm{{{x}_{{{i}}}}} \le C", rf"\lVert {x}_{{{i}}} \rVert \le C")
    if choice == 2:
        return Math(rf"\rk {a} = {i}", rf"\operatorname{{rk}} {a} = {i}")
    if choice == 3:
        return Math(rf"{x} \in \R^{{{i}}}", rf"{x} \in \mathbb{{R}}^{{{i}}}")
    if choice == 4:
        return Math(rf"\sum_{{{y}=1}}^{{n}} {x}_{{{y}}} = 0", rf"\sum_{{{y}=1}}^{{n}} {x}_{{{y}}} = 0")
    if choice == 5:
        return Math(rf"{x} \colon {a} \to {b}", rf"{x} \colon {a} \to {b}")
    if choice == 6:
        return Math(rf"\set{{{x} \in {a}}}{{{x}^{{{i}}} = 1}}", rf"\{{ {x} \in {a} \mid {x}^{{{i}}} = 1 \}}")
    if choice == 7:
        return Math(rf"\Spec {a} \to \Spec {b}", rf"\operatorname{{Spec}} {a} \to \operatorname{{Spec}} {b}")
    return Math(rf"{x} + {y} \in \Z", rf"{x} + {y} \in \mathbb{{Z}}")


def sentence(rng: random.Random, labels: list[str]) -> list:
    """A sentence as pieces: ("text", s), ("math", Math), ("display", Math), ("emph", s), ("ref", label)."""
    pieces: list = []
    kind = rng.randrange(6)
    if kind == 0:
        pieces += [("text", "Let"), ("math", formula(rng)), ("text", f"be a {rng.choice(WORDS)} such that"),
                   ("math", formula(rng)), ("text", ".")]
    elif kind == 1:
        pieces += [("text", "Then"), ("math", formula(rng)), ("text", f"for every {rng.choice(WORDS)}"),
                   ("math", formula(rng)), ("text", ".")]
    elif kind == 2 and labels:
        pieces += [("text", f"By {PRINTED[rng.choice(KINDS)]}"), ("ref", rng.choice(labels[-40:])),
                   ("text", f"the {rng.choice(WORDS)}"), ("math", formula(rng)), ("text", "is finite.")]
    elif kind == 3:
        pieces += [("text", "A"), ("emph", rng.choice(WORDS)), ("text", f"is a {rng.choice(WORDS)}"),
                   ("math", formula(rng)), ("text", "with")]
        pieces += [("display", formula(rng)), ("text", "for all indices.")]
    elif kind == 4:
        pieces += [("text", f"We write"), ("math", formula(rng)), ("text", f"for the {rng.choice(WORDS)} of"),
                   ("math", formula(rng)), ("text", "and note that it is nonzero.")]
    else:
        pieces += [("text", f"The {rng.choice(WORDS)}"), ("math", formula(rng)),
                   ("text", f"is {rng.choice(['exact', 'injective', 'flat', 'compact', 'closed'])}.")]
    return pieces


def latex_of(pieces: list, rng: random.Random) -> str:
    out = []
    for kind, value in pieces:
        if kind == "text":
            out.append(value)
        elif kind == "math":
            out.append(f"${value.source}$")
        elif kind == "display":
            out.append(f"\n\\[\n  {value.source}\n\\]\n")
        elif kind == "emph":
            out.append(f"\\emph{{{value}}}")
        elif kind == "ref":
            out.append(f"~\\ref{{{value}}}")
    text = " ".join(out).replace(" ~", "~")
    if rng.random() < 0.15:
        text += " % a remark for the authors"
    return text


def mathml(expanded: str) -> str:
    tokens = [t for t in expanded.replace("\\", " ").replace("{", " ").replace("}", " ").split() if t][:8]
    return "".join(f"<mi>{html.escape(t)}</mi>" for t in tokens)


def html_math(value: Math, ident: str, display: bool) -> str:
    alt = html.escape(value.expanded, quote=True)
    return (f'<math id="{ident}" class="ltx_Math" alttext="{alt}" display="{"block" if display else "inline"}">'
            f'<semantics><mrow>{mathml(value.expanded)}</mrow>'
            f'<annotation encoding="application/x-tex">{html.escape(value.source)}</annotation></semantics></math>')


def html_of(pieces: list, ident: str) -> str:
    out, n = [], 0
    paragraph: list[str] = []
    for kind, value in pieces:
        n += 1
        if kind == "text":
            paragraph.append(html.escape(value))
        elif kind == "math":
            paragraph.append(html_math(value, f"{ident}.m{n}", False))
        elif kind == "emph":
            paragraph.append(f'<em class="ltx_emph ltx_font_italic">{html.escape(value)}</em>')
        elif kind == "ref":
            paragraph[-1:] = [paragraph[-1] + "&nbsp;" if paragraph else "&nbsp;"]
            paragraph.append(f'<a href="#{value}" class="ltx_ref"><span class="ltx_text ltx_ref_tag">{n}</span></a>')
        elif kind == "display":
            out.append('<p class="ltx_p">' + " ".join(paragraph) + "</p>")
            paragraph = []
            out.append(f'<table class="ltx_equation ltx_eqn_table" id="{ident}.E{n}"><tbody>'
                       f'<tr class="ltx_equation ltx_eqn_row ltx_align_baseline">'
                       f'<td class="ltx_eqn_cell ltx_eqn_center_padleft"></td>'
                       f'<td class="ltx_eqn_cell ltx_align_center">{html_math(value, f"{ident}.m{n}", True)}</td>'
                       f'<td class="ltx_eqn_cell ltx_eqn_center_padright"></td></tr></tbody></table>')
    if paragraph:
        out.append('<p class="ltx_p">' + " ".join(paragraph) + "</p>")
    return f'<div class="ltx_para" id="{ident}.p1">\n' + "\n".join(out) + "\n</div>"


def generate(out: str, megabytes: float, seed: int) -> None:
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    tex = [PREAMBLE, "\\begin{document}\n"]
    page = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Benchmark</title>\n</head>\n'
            '<body>\n<div class="ltx_page_main">\n<div class="ltx_page_content">\n<article class="ltx_document">\n']
    tex_size = sum(len(s) for s in tex)
    html_size = sum(len(s) for s in page)
    labels: list[str] = []
    section = 0
    tex_done = html_done = False
    while not (tex_done and html_done):
        section += 1
        title = f"{rng.choice(TITLES)} of {rng.choice(WORDS)}s"
        intro = sentence(rng, [])
        t = [f"\n\\section{{{title}}}\n\\label{{section-{section}}}\n\n{latex_of(intro, rng)}\n"]
        h = [f'<section class="ltx_section" id="section-{section}">\n<h2 class="ltx_title ltx_title_section">'
             f'<span class="ltx_tag ltx_tag_section">{section} </span>{html.escape(title)}</h2>\n'
             f'{html_of(intro, f"section-{section}.intro")}\n']
        for number in range(1, rng.randint(8, 16)):
            kind = rng.choice(KINDS)
            label = f"{kind}-{section}-{number}"
            item_title = rng.choice(TITLES) if rng.random() < 0.3 else None
            statement = [p for _ in range(rng.randint(1, 3)) for p in sentence(rng, labels)]
            opener = f"\\begin{{{kind}}}" + (f"[{item_title}]" if item_title else "")
            t.append(f"\n{opener}\n\\label{{{label}}}\n{latex_of(statement, rng)}\n\\end{{{kind}}}\n")
            tag = f"{PRINTED[kind]} {section}.{number}"
            heading = (f'<h6 class="ltx_title ltx_runin ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem">'
                       f'<span class="ltx_text ltx_font_bold">{tag}</span></span>'
                       + (f'<span class="ltx_text ltx_font_bold"> </span>({html.escape(item_title)})' if item_title else "")
                       + '<span class="ltx_text ltx_font_bold">.</span></h6>')
            h.append(f'<div class="ltx_theorem ltx_theorem_{kind}" id="{label}">\n{heading}\n'
                     f'{html_of(statement, label)}\n</div>\n')
            if kind not in ("definition", "remark", "example") and rng.random() < 0.7:
                proof = [p for _ in range(rng.randint(1, 4)) for p in sentence(rng, labels)]
                t.append(f"\n\\begin{{proof}}\n{latex_of(proof, rng)}\n\\end{{proof}}\n")
                h.append(f'<div class="ltx_proof">\n<h6 class="ltx_title ltx_runin ltx_font_italic ltx_title_proof">'
                         f'Proof.</h6>\n{html_of(proof, label + ".proof")}\n</div>\n')
            labels.append(label)
        h.append("</section>\n")
        if not tex_done:
            tex.extend(t)
            tex_size += sum(len(s.encode()) for s in t)
            tex_done = tex_size >= target
        if not html_done:
            page.extend(h)
            html_size += sum(len(s.encode()) for s in h)
            html_done = html_size >= target
    tex.append("\n\\end{document}\n")
    page.append("</article>\n</div>\n</div>\n</body>\n</html>\n")
    os.makedirs(out, exist_ok=True)
    for name, parts in (("sections.tex", tex), ("sections.html", page)):
        with open(os.path.join(out, name + ".tmp"), "w", encoding="utf-8") as f:
            f.write("".join(parts))
        os.replace(os.path.join(out, name + ".tmp"), os.path.join(out, name))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--megabytes", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--reuse", action="store_true")
    a = p.parse_args()
    stamp = {"version": VERSION, "megabytes": a.megabytes, "seed": a.seed}
    stamp_path = os.path.join(a.out, "generator.json")
    if a.reuse and os.path.exists(stamp_path):
        with open(stamp_path) as f:
            if json.load(f) == stamp and all(os.path.exists(os.path.join(a.out, n))
                                             for n in ("sections.tex", "sections.html")):
                return 0
    generate(a.out, a.megabytes, a.seed)
    with open(stamp_path, "w") as f:
        json.dump(stamp, f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
