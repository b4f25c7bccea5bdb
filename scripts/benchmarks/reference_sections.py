#!/usr/bin/env python3
"""The section-parse benchmark's reference: the same splitting done the obvious way in Python.

    reference_sections.py FILE --format latex|html [--json]

LaTeX, by regular expressions: comments stripped, \\newcommand/\\DeclareMathOperator macros of
the preamble collected and expanded (arguments by a brace pattern), \\section and its \\label
split the document, each theorem environment (with its optional title) becomes an item with its
first \\label, its \\ref/\\eqref/\\cref labels and its text (\\emph dropped, \\label removed, white
space collapsed), and a proof environment goes to the item before it. HTML, with BeautifulSoup
on the lxml parser: section.ltx_section with its h2 title and ltx_tag_section number, each
div.ltx_theorem with its id, ltx_tag_theorem number and text (math replaced by its alttext in
$…$, ltx_ref links by \\ref{…}), and div.ltx_proof attached to the item before it.

Prints `sections N items N proofs N references N warnings 0 bytes N`, as section-parse does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

KINDS = "definition|lemma|proposition|theorem|corollary|remark|example"
COMMENT = re.compile(r"(?<!\\)%[^\n]*\n?[ \t]*")
NEWCOMMAND = re.compile(r"\\(?:re)?newcommand\*?\{\\([A-Za-z]+)\}(?:\[(\d)\])?\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")
OPERATOR = re.compile(r"\\DeclareMathOperator\*?\{\\([A-Za-z]+)\}\{([^{}]*)\}")
SECTION = re.compile(r"\\section\*?\{((?:[^{}]|\{[^{}]*\})*)\}\s*(?:\\label\{([^}]*)\})?")
BLOCK = re.compile(r"\\begin\{(" + KINDS + r"|proof)\}(?:\[([^\]]*)\])?(.*?)\\end\{\1\}", re.S)
LABEL = re.compile(r"\\label\{([^}]*)\}")
REF = re.compile(r"\\(?:ref|eqref|cref|Cref)\{([^}]*)\}")
EMPH = re.compile(r"\\(?:emph|textbf|textit)\{([^{}]*)\}")
CONTROL = re.compile(r"\\([A-Za-z]+)")
SPACE = re.compile(r"\s+")
DISPLAY = re.compile(r"\\\[(.*?)\\\]", re.S)


def latex_sections(text: str) -> list[dict]:
    text = COMMENT.sub("", text)
    macros: dict[str, tuple[int, str]] = {}
    for name, count, body in NEWCOMMAND.findall(text):
        macros[name] = (int(count or 0), body)
    for name, body in OPERATOR.findall(text):
        macros[name] = (0, "\\operatorname{" + body + "}")

    def expand(source: str, depth: int = 0) -> str:
        def one(match: re.Match) -> str:
            name = match.group(1)
            if name not in macros or depth > 10:
                return match.group(0)
            count, body = macros[name]
            if count == 0:
                return expand(body, depth + 1)
            return "\\" + name  # arguments are handled by the pattern below

        out = source
        for name, (count, body) in macros.items():
            if count:
                pattern = re.escape("\\" + name) + r"\s*" + r"\s*".join([r"\{((?:[^{}]|\{[^{}]*\})*)\}"] * count)

                def substitute(match: re.Match, body=body) -> str:
                    result = body
                    for i, argument in enumerate(match.groups(), 1):
                        result = result.replace(f"#{i}", argument)
                    return result

                out = re.sub(pattern, substitute, out)
        return CONTROL.sub(one, out)

    def normal(source: str) -> str:
        source = LABEL.sub("", source)
        source = EMPH.sub(r"\1", source)
        source = DISPLAY.sub(lambda m: "$$" + m.group(1).strip() + "$$", source)
        source = source.replace("~", " ")
        return SPACE.sub(" ", expand(source)).strip()

    sections = []
    matches = list(SECTION.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end():end]
        items: list[dict] = []
        for block in BLOCK.finditer(body):
            kind, title, inside = block.groups()
            if kind == "proof":
                if items:
                    items[-1]["proof"] = normal(inside)
                    for label in REF.findall(inside):
                        if label not in items[-1]["references"]:
                            items[-1]["references"].append(label)
                continue
            label = LABEL.search(inside)
            references: list[str] = []
            for label_text in REF.findall(inside):
                if label_text not in references:
                    references.append(label_text)
            items.append({"kind": kind, "label": label.group(1) if label else None, "number": f"{index + 1}.{len(items) + 1}",
                          "title": title, "text": normal(inside), "references": references, "proof": None})
        sections.append({"title": normal(match.group(1)), "label": match.group(2), "number": str(index + 1),
                         "items": items})
    return sections


def html_sections(data: bytes) -> list[dict]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")

    def text_of(node) -> tuple[str, list[str]]:
        references: list[str] = []
        for math in node.find_all("math"):
            alttext = math.get("alttext", "")
            math.replace_with(("$$" if math.get("display") == "block" else "$") + alttext
                              + ("$$" if math.get("display") == "block" else "$"))
        for link in node.find_all("a", class_="ltx_ref"):
            label = link.get("href", "").lstrip("#")
            if label not in references:
                references.append(label)
            link.replace_with("\\ref{" + label + "}")
        for title in node.find_all(class_=re.compile("^ltx_title")):
            title.decompose()
        return SPACE.sub(" ", node.get_text(" ")).strip(), references

    sections = []
    for section in soup.find_all("section", class_="ltx_section"):
        heading = section.find("h2", class_="ltx_title_section")
        tag = heading.find(class_="ltx_tag_section") if heading else None
        number = tag.get_text().strip() if tag else None
        if tag:
            tag.extract()
        items: list[dict] = []
        for block in section.find_all("div", class_=["ltx_theorem", "ltx_proof"]):
            classes = block.get("class", [])
            if "ltx_proof" in classes:
                if items:
                    proof, references = text_of(block)
                    items[-1]["proof"] = proof
                    items[-1]["references"] += [r for r in references if r not in items[-1]["references"]]
                continue
            kind = next((c[len("ltx_theorem_"):] for c in classes if c.startswith("ltx_theorem_")), None)
            item_tag = block.find(class_="ltx_tag_theorem")
            words = item_tag.get_text().split() if item_tag else []
            text, references = text_of(block)
            items.append({"kind": kind, "label": block.get("id"), "number": words[-1].rstrip(".") if words else None,
                          "text": text, "references": references, "proof": None})
        sections.append({"title": SPACE.sub(" ", heading.get_text(" ")).strip() if heading else "",
                         "number": number, "label": section.get("id"), "items": items})
    return sections


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("file")
    p.add_argument("--format", choices=["latex", "html"], required=True)
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    with open(a.file, "rb") as f:
        data = f.read()
    sections = latex_sections(data.decode("utf-8")) if a.format == "latex" else html_sections(data)
    if a.json:
        json.dump(sections, sys.stdout, indent=1)
        return 0
    items = [item for section in sections for item in section["items"]]
    print(f"sections {len(sections)} items {len(items)} proofs {sum(1 for i in items if i['proof'] is not None)} "
          f"references {sum(len(i['references']) for i in items)} warnings 0 bytes {len(data)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
