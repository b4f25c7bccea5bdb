#!/usr/bin/env python3
"""Verifies pipelines/sample/analyzer-output/ against the sample's `.lean` sources.

Checks, per module and plugin:
  * every plugin file exists, is one compact JSON document (sorted keys) plus a newline;
  * mod: imports start with Init; docstrings are the module's `/-! … -/` bodies;
  * decl: every range slices to the text it claims (command, name as written, signature,
    binders, type, value from `:=`/`where`/`|`, modifiers, constructors), `pp` texts match
    the source up to whitespace, constructor names carry jixia's double prefix, and every
    ordinary declaration has its constant in the module's symbol file;
  * sym: well-formed; every project constant named in `typeReferences`/`valueReferences`
    exists in the symbol file of this module or of a module it imports (transitively);
  * elab: one tree per command ending with `eoi` at EOF; original refs slice to their `pp`;
    each ordinary declaration has exactly one declaration command node with its range;
    goal `extra` ids refer to hypotheses of the goal's context;
  * line: one entry per line start plus end of file; states carry no `extra`;
  * the authoring script is deterministic (re-running it reproduces the files byte for byte).

Exit status 0 when everything holds; otherwise each problem is printed and the status is 1.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "pipelines" / "sample"
OUT = ROOT / "analyzer-output"
PLUGINS = ("mod", "decl", "sym", "elab", "line")

problems: list = []


def bad(where: str, msg: str):
  problems.append(f"{where}: {msg}")


def dotted(name: list) -> str:
  return ".".join(str(c) for c in name)


def ws(text: str) -> str:
  return re.sub(r"\s+", "", text)


class Source:
  def __init__(self, path: Path):
    self.data = path.read_bytes()
    self.text = self.data.decode("utf-8")

  def slice(self, rng) -> str:
    a, b = rng
    if not (0 <= a <= b <= len(self.data)):
      raise ValueError(f"range {rng} outside the file ({len(self.data)} bytes)")
    return self.data[a:b].decode("utf-8")

  def line_starts(self) -> list:
    out = [0]
    for i, byte in enumerate(self.data):
      if byte == 0x0A:
        out.append(i + 1)
    out.append(len(self.data))
    return out


def module_files() -> dict:
  mods = {}
  for path in sorted(ROOT.rglob("*.lean")):
    rel = path.relative_to(ROOT)
    if rel.parts[0] == ".lake":
      continue
    mods[".".join(rel.with_suffix("").parts)] = path
  return mods


def load(mod: str, plugin: str):
  path = OUT / f"{mod}.{plugin}.json"
  if not path.exists():
    bad(path.name, "missing")
    return None
  raw = path.read_bytes()
  try:
    value = json.loads(raw.decode("utf-8"))
  except (UnicodeDecodeError, json.JSONDecodeError) as err:
    bad(path.name, f"not JSON: {err}")
    return None
  canon = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
  if canon.encode("utf-8") != raw:
    bad(path.name, "not compact sorted-key JSON followed by one newline")
  return value


def check_range(src: Source, where: str, rng, expect=None, prefix=None, loose=False):
  if rng is None:
    return None
  try:
    text = src.slice(rng)
  except (ValueError, UnicodeDecodeError) as err:
    bad(where, str(err))
    return None
  if expect is not None:
    ok = ws(text) == ws(expect) if loose else text == expect
    if not ok:
      bad(where, f"range {rng} slices to {text!r}, expected {expect!r}")
  if prefix is not None and not text.startswith(prefix):
    bad(where, f"range {rng} slices to {text[:30]!r}…, expected it to start with {prefix!r}")
  return text


def check_mod(mod: str, src: Source, value):
  if value is None:
    return set()
  where = f"{mod}.mod"
  if set(value) != {"imports", "docstring"}:
    bad(where, f"keys {sorted(value)}")
  imports = [dotted(n) for n in value["imports"]]
  if not imports or imports[0] != "Init":
    bad(where, "imports must start with the implicit Init")
  written = re.findall(r"^import (\S+)", src.text, re.M)
  if imports[1:] != written:
    bad(where, f"imports {imports[1:]} differ from the source's {written}")
  blocks = [m.group(1).lstrip(" \n\t") for m in re.finditer(r"/-!(.*?)-/", src.text, re.S)]
  if value["docstring"] != blocks:
    bad(where, "docstring differs from the source's /-! -/ blocks")
  return set(imports)


def check_decl_entry(mod: str, src: Source, e: dict, where: str, ns: list):
  ref = e["ref"]
  name = e["name"]
  text = check_range(src, where + ".ref", ref["range"])
  generated = not ref["original"]
  if text is not None and not generated:
    if "pp" in ref and ws(ref["pp"]) != ws(text):
      bad(where, "ref.pp differs from the command text beyond whitespace")
  ident = e["id"]
  if ident["original"]:
    written = check_range(src, where + ".id", ident["range"])
    if written is not None and e["kind"] != "constructor":
      last = str(name[-1])
      if not written.split(".")[-1] == last and not (written == last):
        bad(where, f"id slices to {written!r}, name ends with {last!r}")
    if written is not None and e["kind"] == "constructor" and written != str(name[-1]):
      bad(where, f"constructor id slices to {written!r}")
  elif not generated:
    check_range(src, where + ".id", ident["range"], prefix=e["kind"] if e["kind"] in
                ("instance", "example") else None)
  sig = e["signature"]
  if sig["range"] is None:
    if sig.get("pp") != "" or sig["original"]:
      bad(where, "an empty signature must be {original: false, pp: \"\", range: null}")
  elif not generated:
    stext = check_range(src, where + ".signature", sig["range"])
    if stext is not None and not sig["pp"].startswith(" "):
      bad(where, "signature.pp must start with a space")
    if stext is not None and ws(sig["pp"]) != ws(stext):
      bad(where, "signature.pp differs from the source")
    if e["type"] is not None and e["type"]["range"] is not None:
      ttext = check_range(src, where + ".type", e["type"]["range"])
      if ttext is not None and not stext.rstrip().endswith(ttext):
        bad(where, "type is not the end of the signature")
  for k, p in enumerate(e["params"]):
    srng = sig["range"]
    for part in ("id", "type"):
      r = p[part]
      if r is not None and not generated and (srng is None or not srng[0] <= r[0] <= r[1] <= srng[1]):
        bad(where, f"params[{k}].{part} {r} lies outside the signature {srng}")
    if p["id"] is not None and not generated:
      name_text = check_range(src, f"{where}.params[{k}].id", p["id"])
      if name_text is not None and not re.fullmatch(r"[^\s(){}\[\]:]+", name_text):
        bad(where, f"params[{k}].id slices to {name_text!r}, not a binder name")
    if p["id"] is not None:
      check_range(src, f"{where}.params[{k}].id", p["id"])
      if p["ref"] != p["id"]:
        bad(where, f"params[{k}].ref differs from id")
    check_range(src, f"{where}.params[{k}].type", p["type"])
    if p["bi"] not in ("default", "implicit", "strictImplicit", "instImplicit"):
      bad(where, f"params[{k}].bi {p['bi']!r}")
  if e["value"] is not None and not generated:
    vtext = check_range(src, where + ".value", e["value"]["range"])
    if vtext is not None and not re.match(r"(:=|where|\|)", vtext):
      bad(where, f"value starts with {vtext[:10]!r}")
    if e["value"]["range"][1] != ref["range"][1]:
      bad(where, "value does not end where the command ends")
  mods = e["modifiers"]
  if mods["stx"] is not None and not generated:
    mtext = check_range(src, where + ".modifiers.stx", mods["stx"])
    if mtext is not None and not text.startswith(mtext):
      bad(where, "modifiers do not start the command")
  if "docString" in mods:
    doc, verso = mods["docString"]
    if verso is not False:
      bad(where, "docString flag must be false")
    if text is not None and doc not in text:
      bad(where, "docString text is not in the command")
  for attr in mods["attrs"]:
    atext = check_range(src, where + ".attrs", attr["stx"])
    if atext is not None and not generated and atext != dotted(attr["name"]):
      bad(where, f"attribute slices to {atext!r}")
  if mods["visibility"] == "private" and name[0] != "_private":
    bad(where, "private declaration without a private name")
  if e["scopeInfo"]["currNamespace"] != ns and not generated:
    pass
  for k, c in enumerate(e.get("constructors", [])):
    cw = f"{where}.constructors[{k}]"
    check_decl_entry(mod, src, c, cw, ns)
    expect = e["scopeInfo"]["currNamespace"] + name + [c["name"][-1]]
    if c["name"] != expect:
      bad(cw, f"constructor name {c['name']} lacks jixia's double prefix {expect}")


def ctor_full(parent: list, ctor: dict) -> str:
  return dotted(parent + [ctor["name"][-1]])


def check_elab(mod: str, src: Source, trees, decls):
  if trees is None:
    return
  where = f"{mod}.elab"
  if not trees or trees[-1]["ref"]["kind"] != ["Lean", "Parser", "Command", "eoi"] or \
      trees[-1]["ref"]["range"] != [len(src.data), len(src.data)]:
    bad(where, "the last tree must be eoi at the end of the file")
  decl_nodes = {}
  stack = [(t, 0) for t in trees]
  count = 0
  while stack:
    node, depth = stack.pop()
    count += 1
    if set(node) != {"children", "info", "ref"}:
      bad(where, f"node keys {sorted(node)}")
      continue
    ref = node["ref"]
    if set(ref) != {"kind", "original", "pp", "range"}:
      bad(where, f"ref keys {sorted(ref)}")
    info = node["info"]
    if len(info) != 1 or next(iter(info)) not in ("tactic", "term", "macro", "simple"):
      bad(where, f"info must be one of tactic/term/macro/simple: {sorted(info)}")
    if ref["range"] is not None and ref["original"]:
      text = check_range(src, where, ref["range"])
      if text is not None and text != ref["pp"]:
        bad(where, f"original ref {ref['range']} pp {ref['pp'][:40]!r} != source {text[:40]!r}")
    if ref["kind"] == ["Lean", "Parser", "Command", "declaration"] and "simple" in info:
      decl_nodes.setdefault(tuple(ref["range"]), []).append(node)
    if "tactic" in info:
      check_goals(where, info["tactic"]["before"] + info["tactic"]["after"])
    if "term" in info:
      ids = {tuple(v["id"]) for v in info["term"]["context"]}
      sp = info["term"].get("special")
      if sp and "fvar" in sp and tuple(sp["fvar"]) not in ids and info["term"]["value"] != \
          ref.get("pp", "").strip():
        pass
    for c in node["children"]:
      stack.append((c, depth + 1))
  for e in decls:
    if not e["ref"]["original"]:
      continue
    found = decl_nodes.get(tuple(e["ref"]["range"]), [])
    if len(found) != 1:
      bad(where, f"{dotted(e['name'])}: {len(found)} declaration nodes with range "
                 f"{e['ref']['range']}")


def check_goals(where: str, goals: list):
  for g in goals:
    keys = set(g) - {"extra"}
    if keys != {"context", "isProp", "mvarId", "pp", "tag", "type"}:
      bad(where, f"goal keys {sorted(g)}")
      continue
    ids = {f"_uniq.{v['id'][1]}" for v in g["context"]}
    for v in g["context"]:
      need = {"id", "isLet", "isProp", "isReferencedLater", "name", "type"}
      if not need <= set(v):
        bad(where, f"variable keys {sorted(v)}")
      if v["isLet"] != ("value" in v) or (v["isLet"] == ("binderInfo" in v)):
        bad(where, f"let/binderInfo mismatch for {v['name']}")
    if not g["pp"].endswith("⊢ " + g["type"]):
      bad(where, "goal pp must end with ⊢ type")
    extra = g.get("extra")
    if extra is not None:
      for u in extra["typeUses"]:
        if u not in ids:
          bad(where, f"typeUses {u} not in the goal's context")


def check_line(mod: str, src: Source, value):
  if value is None:
    return
  where = f"{mod}.line"
  starts = [x["start"] for x in value]
  if starts != src.line_starts():
    bad(where, "starts are not exactly the line starts plus the end of file")
  for x in value:
    if set(x) != {"start", "state"}:
      bad(where, f"entry keys {sorted(x)}")
    for g in x["state"]:
      if "extra" in g:
        bad(where, "line states carry no extra")
    check_goals(where, x["state"])


def check_sym(mod: str, value, where: str):
  names = set()
  for s in value or []:
    keys = {"isProp", "kind", "name", "typeFallback", "typeFull", "typeReadable",
            "typeReferences", "valueReferences"}
    if set(s) != keys:
      bad(where, f"symbol keys {sorted(s)}")
      continue
    if s["kind"] not in ("axiom", "definition", "theorem", "opaque", "quotient", "inductive",
                         "constructor", "recursor"):
      bad(where, f"kind {s['kind']}")
    n = dotted(s["name"])
    if n in names:
      bad(where, f"duplicate symbol {n}")
    names.add(n)
    no_value = s["kind"] in ("inductive", "constructor", "recursor", "axiom")
    if no_value != (s["valueReferences"] is None):
      bad(where, f"{n}: valueReferences must be null exactly for constants without a value")
  return names


def is_project(name: str) -> bool:
  return name.startswith("Sample.") or name.startswith("_private.Sample.")


def check_determinism():
  script = Path(__file__).resolve().parent / "author_analyzer_output.py"
  with tempfile.TemporaryDirectory() as tmp:
    code = (
      "import sys, pathlib; sys.path.insert(0, %r); import author_analyzer_output as a; "
      "out = pathlib.Path(%r); a.OUT = out; out.mkdir(parents=True, exist_ok=True); "
      "[m().write(out) for m in a.MODULES]" % (str(script.parent), tmp))
    subprocess.run([sys.executable, "-c", code], check=True)
    for path in sorted(Path(tmp).iterdir()):
      mine = OUT / path.name
      if not mine.exists() or mine.read_bytes() != path.read_bytes():
        bad(path.name, "re-running the authoring script gives different bytes")
    extra = {p.name for p in OUT.iterdir()} - {p.name for p in Path(tmp).iterdir()}
    for name in sorted(extra):
      bad(name, "file not produced by the authoring script")


def main() -> int:
  mods = module_files()
  data = {}
  for mod, path in mods.items():
    data[mod] = {p: load(mod, p) for p in PLUGINS}
  imports = {}
  syms = {}
  for mod, path in mods.items():
    src = Source(path)
    imports[mod] = check_mod(mod, src, data[mod]["mod"]) - {"Init"}
    syms[mod] = check_sym(mod, data[mod]["sym"], f"{mod}.sym")
  # Transitive imports.
  closure = {}

  def reach(m):
    if m in closure:
      return closure[m]
    closure[m] = set()
    out = {m}
    for i in imports.get(m, ()):
      out |= reach(i)
    closure[m] = out
    return out

  owner = {}
  for mod, names in syms.items():
    for n in names:
      if n in owner:
        bad(f"{mod}.sym", f"{n} is also a symbol of {owner[n]}")
      owner[n] = mod
  total_decls = 0
  for mod, path in mods.items():
    src = Source(path)
    decls = data[mod]["decl"] or []
    for k, e in enumerate(decls):
      check_decl_entry(mod, src, e, f"{mod}.decl[{k}]", e["scopeInfo"]["currNamespace"])
      if not e["ref"]["original"]:
        continue
      total_decls += 1
      n = dotted(e["name"])
      if e["kind"] != "example" and n not in syms[mod]:
        bad(f"{mod}.decl[{k}]", f"{n} has no symbol in {mod}.sym")
      for c in e.get("constructors", []):
        cn = ctor_full(e["name"], c)
        if cn not in syms[mod]:
          bad(f"{mod}.decl[{k}]", f"constructor {cn} has no symbol")
    check_elab(mod, src, data[mod]["elab"], decls)
    check_line(mod, src, data[mod]["line"])
    visible = set()
    for m in reach(mod):
      visible |= syms.get(m, set())
    for s in data[mod]["sym"] or []:
      for field in ("typeReferences", "valueReferences"):
        for ref in s[field] or []:
          r = dotted(ref)
          if is_project(r) and r not in visible:
            bad(f"{mod}.sym", f"{dotted(s['name'])}.{field} names {r}, unknown to {mod} "
                              f"and its imports")
  check_determinism()
  if problems:
    for p in problems:
      print(p)
    print(f"{len(problems)} problem(s)")
    return 1
  print(f"ok: {len(mods)} modules, {total_decls} declaration entries, "
        f"{sum(len(v) for v in syms.values())} symbols")
  return 0


if __name__ == "__main__":
  sys.exit(main())
