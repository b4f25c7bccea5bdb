"""Building blocks for authoring jixia-format analyzer output for the sample project.

Everything positional is computed from the ``.lean`` sources: a spec names a piece of text and
this module finds it, converting character offsets to UTF-8 byte offsets. The output follows
jixia's JSON conventions (``/work/shared/docs/analyzer-format.md``): names as arrays, ranges as
byte ``[start, stop)``, sorted object keys, ``foo?`` fields omitted when empty.

Standard library only; deterministic (no randomness, no clocks, no dict-order surprises).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional


# ---------------------------------------------------------------------------------------------
# Small utilities.


def name_arr(dotted: str) -> list:
  """``"Sample.Point.x"`` → ``["Sample", "Point", "x"]``; digit components become numbers."""
  if dotted == "":
    return []
  out = []
  for part in dotted.split("."):
    out.append(int(part) if part.isdigit() else part)
  return out


def kind_arr(kind: str) -> list:
  """A syntax kind as a name array. Kinds without dots (``null``, ``term_=_``) stay whole."""
  if kind.startswith("Lean.") or kind.startswith("Sample."):
    return kind.split(".")
  return [kind]


def arbitrary_order(items, salt: str = "") -> list:
  """A fixed but arbitrary-looking order, standing in for Lean's hash-set iteration order."""
  def key(x):
    return hashlib.sha1((salt + "\x00" + json.dumps(x, ensure_ascii=False)).encode()).hexdigest()
  return sorted(items, key=key)


def dumps(value) -> str:
  """Compact JSON with sorted keys and a trailing newline, as Lean's ``Json.compress`` writes."""
  return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


WORD = re.compile(r"[A-Za-z_\u0370-\u03ff\u1f00-\u1fff][A-Za-z0-9_'!?\u0370-\u03ff\u2080-\u2089\u1f00-\u1fff✝¹²³⁴.]*")


def idents(text: str) -> set:
  return set(m.group(0) for m in WORD.finditer(text))


# ---------------------------------------------------------------------------------------------
# Source files.


class Src:
  """A ``.lean`` file with character ↔ UTF-8 byte conversion."""

  def __init__(self, root: Path, rel: str):
    self.rel = rel
    self.text = (root / rel).read_text(encoding="utf-8")
    self.data = self.text.encode("utf-8")
    cb = [0]
    for ch in self.text:
      cb.append(cb[-1] + len(ch.encode("utf-8")))
    self.cb = cb

  def B(self, i: int) -> int:
    return self.cb[i]

  def rng(self, i: int, j: int) -> list:
    return [self.cb[i], self.cb[j]]

  def find(self, needle: str, start: int = 0, end: Optional[int] = None) -> int:
    i = self.text.find(needle, start, end if end is not None else len(self.text))
    if i < 0:
      raise ValueError(f"{self.rel}: text not found after {start}: {needle!r}")
    return i

  def skip_ws(self, i: int) -> int:
    while i < len(self.text) and self.text[i] in " \n\t":
      i += 1
    return i

  def rstrip_to(self, j: int) -> int:
    while j > 0 and self.text[j - 1] in " \n\t":
      j -= 1
    return j

  def trailing(self, j: int) -> int:
    """Byte size of the whitespace and comments after char offset ``j`` (Lean's trailing info)."""
    t = self.text
    k = j
    while k < len(t):
      if t[k] in " \n\t\r":
        k += 1
      elif t.startswith("--", k):
        e = t.find("\n", k)
        k = len(t) if e < 0 else e + 1
      elif t.startswith("/-", k) and not t.startswith("/--", k) and not t.startswith("/-!", k):
        e = t.find("-/", k)
        k = e + 2
      else:
        break
    return self.B(k) - self.B(j)

  def line_starts(self) -> list:
    """Byte offsets of every line start plus the end of file (Lean's ``FileMap.positions``)."""
    out = [0]
    for i, ch in enumerate(self.text):
      if ch == "\n":
        out.append(self.B(i + 1))
    out.append(len(self.data))
    return out

  def column(self, i: int) -> int:
    """Codepoint column of char offset ``i``."""
    ls = self.text.rfind("\n", 0, i)
    return i - (ls + 1)

  def char_of_byte(self, b: int) -> int:
    lo, hi = 0, len(self.cb) - 1
    while lo < hi:
      mid = (lo + hi) // 2
      if self.cb[mid] < b:
        lo = mid + 1
      else:
        hi = mid
    return lo


def normalize_ws(text: str) -> str:
  return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Scope tracking (``scopeInfo``).


@dataclass
class Scope:
  namespace: list = field(default_factory=list)  # components
  var_decls: list = field(default_factory=list)  # "variable …" strings
  var_binders: list = field(default_factory=list)  # (name, type, bi, char range of name, of type)
  level_names: list = field(default_factory=list)
  open_decls: list = field(default_factory=list)  # JSON objects, newest first
  scoped_open: list = field(default_factory=list)  # dotted namespaces

  def copy(self) -> "Scope":
    return Scope(list(self.namespace), list(self.var_decls), list(self.var_binders),
                 list(self.level_names), list(self.open_decls), list(self.scoped_open))

  def json(self) -> dict:
    return {
      "currNamespace": list(self.namespace),
      "includeVars": [],
      "levelNames": [[n] for n in self.level_names],
      "omitVars": [],
      "openDecl": list(self.open_decls),
      "scopedOpenDecl": [name_arr(n) for n in arbitrary_order(self.scoped_open, "scoped")],
      "varDecls": list(self.var_decls),
    }

  @property
  def ns(self) -> str:
    return ".".join(self.namespace)


# ---------------------------------------------------------------------------------------------
# Goals and hypotheses.


@dataclass
class Hyp:
  id: int
  name: str
  type: str
  is_prop: bool = False
  bi: Optional[str] = "default"  # None for let-bound variables
  value: Optional[str] = None


@dataclass
class Goal:
  mvar: int
  tag: str
  type: str
  hyps: list
  anc: frozenset
  is_prop: bool = True
  uses: Optional[list] = None  # explicit typeUses (hypothesis names), else derived


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def superscript(k: int) -> str:
  return "".join(SUPERSCRIPTS[int(d)] for d in str(k))


def shown(hyps: list) -> list:
  """The hypotheses as a context prints them: of several with one inaccessible name (two
  anonymous instances, both ``inst✝``), the later ones take ``✝¹``, ``✝²``, … counting back from
  the last, as Lean's ``LocalContext.sanitizeNames`` does. Accessible names that are shadowed
  are spelt out by the specs (``R.rename``)."""
  counts: dict = {}
  out = []
  for h in reversed(hyps):
    k = counts.get(h.name, 0)
    counts[h.name] = k + 1
    if k and "✝" not in h.name:
      raise ValueError(f"shadowed hypothesis {h.name!r}: rename it in the spec")
    out.append(replace(h, name=h.name + superscript(k)) if k else h)
  return out[::-1]


def pp_goal(g: Goal) -> str:
  """The infoview text of a goal (``Meta.ppGoal``): consecutive same-type hypotheses grouped."""
  lines = []
  if g.tag:
    lines.append(f"case {g.tag}")
  i = 0
  hs = shown(g.hyps)
  while i < len(hs):
    h = hs[i]
    if h.value is not None:
      lines.append(f"{h.name} : {h.type} := {h.value}")
      i += 1
      continue
    j = i + 1
    while j < len(hs) and hs[j].value is None and hs[j].type == h.type:
      j += 1
    lines.append(f"{' '.join(x.name for x in hs[i:j])} : {h.type}")
    i = j
  lines.append(f"⊢ {g.type}")
  return "\n".join(lines)


def hyp_json(h: Hyp, later: list) -> dict:
  d = {
    "id": ["_uniq", h.id],
    "isLet": h.value is not None,
    "isProp": h.is_prop,
    "isReferencedLater": any(h.name in idents(x.type) or (x.value and h.name in idents(x.value))
                             for x in later),
    "name": [h.name],
    "type": h.type,
  }
  if h.bi is not None:
    d["binderInfo"] = h.bi
  if h.value is not None:
    d["value"] = h.value
  return d


def context_json(hyps: list) -> list:
  hyps = shown(hyps)
  return [hyp_json(h, hyps[i + 1:]) for i, h in enumerate(hyps)]


def type_uses(g: Goal) -> list:
  names = set(g.uses) if g.uses is not None else idents(g.type)
  used = [h for h in g.hyps if h.name in names]
  # Type variables appear as implicit arguments of what mentions them (`@Eq α a b`).
  extra = []
  for h in used:
    for t in g.hyps:
      if t not in used and t not in extra and t.type.startswith(("Type", "Sort")) \
          and t.name in idents(h.type):
        extra.append(t)
  return [f"_uniq.{h.id}" for h in used + extra]


def goal_json(g: Goal, extra: Optional[dict] = None) -> dict:
  d = {
    "context": context_json(g.hyps),
    "isProp": g.is_prop,
    "mvarId": ["_uniq", g.mvar],
    "pp": pp_goal(g),
    "tag": name_arr(g.tag),
    "type": g.type,
  }
  if extra is not None:
    d["extra"] = extra
  return d


def before_extra(g: Goal, after: list, salt: str) -> dict:
  new_goals = [a for a in after if g.mvar in a.anc]
  old_ids = {h.id for h in g.hyps}
  new_hyps = []
  for a in new_goals:
    for h in a.hyps:
      if h.id not in old_ids and h.id not in new_hyps:
        new_hyps.append(h.id)
  return {
    "newGoals": arbitrary_order([f"_uniq.{a.mvar}" for a in new_goals], salt + "g"),
    "newHypotheses": arbitrary_order([f"_uniq.{i}" for i in new_hyps], salt + "h"),
    "typeMVars": [],
    "typeUses": arbitrary_order(type_uses(g), salt + "u"),
    "valueUses": [],
  }


def after_extra(g: Goal, salt: str) -> dict:
  return {"typeMVars": [], "typeUses": arbitrary_order(type_uses(g), salt + "a"), "valueUses": []}


# ---------------------------------------------------------------------------------------------
# Info-tree nodes.


@dataclass
class TNode:
  """An info-tree node under construction, with what containers need to know about it."""
  info: dict
  ref: dict
  children: list
  acted: frozenset = frozenset()
  refs: tuple = ()

  def json(self) -> dict:
    return {"children": [c.json() for c in self.children], "info": self.info, "ref": self.ref}


class Module:
  """One module being authored: its source, id counter and the pieces of its output."""

  def __init__(self, root: Path, rel: str, name: str, first_id: int):
    self.src = Src(root, rel)
    self.name = name
    self.uniq = first_id
    self.scope = Scope()
    self.stack: list = []
    self.trees: list = []
    self.decls: list = []
    self.docstrings: list = []
    self.cursor = 0

  # -- ids
  def fresh(self, step: int = 1) -> int:
    self.uniq += step
    return self.uniq

  def sort_mvar(self) -> str:
    return f"Sort ?u.{self.fresh()}"

  # -- refs
  def ref(self, i: int, j: int, kind: str) -> dict:
    s = self.src
    return {"kind": kind_arr(kind), "original": True, "pp": s.text[i:j], "range": s.rng(i, j)}

  def ref_syn(self, i: Optional[int], j: Optional[int], kind: str, pp: str) -> dict:
    rng = self.src.rng(i, j) if i is not None else None
    return {"kind": kind_arr(kind), "original": False, "pp": pp, "range": rng}

  def ref_bytes(self, rng: Optional[list], kind: str, pp: str, original: bool) -> dict:
    return {"kind": kind_arr(kind), "original": original, "pp": pp, "range": rng}

  # -- infos
  def term(self, ref: dict, ctx: list, type_: str, expected: Optional[str], value: str,
           special: Optional[tuple] = None, children=()) -> TNode:
    info = {"context": context_json(ctx), "expectedType": expected, "type": type_, "value": value}
    if special is not None:
      kind, what = special
      info["special"] = {kind: (["_uniq", what] if kind == "fvar" else name_arr(what))}
    return TNode({"term": info}, ref, list(children))

  def simple(self, what: str, ref: dict, children=()) -> TNode:
    return TNode({"simple": what}, ref, list(children))

  def macro(self, ref: dict, expanded: dict, children=()) -> TNode:
    return TNode({"macro": {"expanded": expanded}}, ref, list(children))

  def tactic(self, ref: dict, before: list, after: list, children: list, acted=None,
             refs=None, used: Optional[list] = None) -> TNode:
    """A tactic node. ``acted`` defaults to what the children acted on (containers)."""
    if acted is None:
      acted = frozenset().union(*[c.acted for c in children]) if children else frozenset()
    before_ids = {g.mvar for g in before}
    acted = frozenset(a for a in acted if a in before_ids)
    if refs is None:
      refs = []
      for c in children:
        for r in c.refs:
          if r not in refs:
            refs.append(r)
    salt = f"{ref['range']}{ref['kind']}"
    info = {
      "after": [goal_json(g, after_extra(g, salt)) for g in after],
      "before": [goal_json(g, before_extra(g, after, salt) if g.mvar in acted else None)
                 for g in before],
      "references": [name_arr(r) for r in arbitrary_order(list(refs), salt + "r")],
    }
    if used is not None:
      info["extra"] = {"usedTheorems": list(used)}
    return TNode({"tactic": info}, ref, children, frozenset(acted), tuple(refs))

  # -- term helpers
  def ident_term(self, i: int, j: int, ctx: list, type_: str, expected: Optional[str],
                 value: str, special: tuple, completion: bool = True) -> TNode:
    """An identifier as Lean records it: the term, with a completion node and a copy inside."""
    ref = self.ref(i, j, "ident")
    if not completion:
      return self.term(ref, ctx, type_, expected, value, special)
    inner = self.term(ref, ctx, type_, expected, value, special)
    return self.term(ref, ctx, type_, expected, value, special,
                     [self.simple("completion", ref), inner])


# ---------------------------------------------------------------------------------------------
# Declaration syntax facts (the `-d` plugin).

OPEN = "([{⦃⟨"
CLOSE = ")]}⦄⟩"


def match_close(text: str, i: int) -> int:
  """Index just past the bracket matching the one at ``i``."""
  depth = 0
  k = i
  while k < len(text):
    ch = text[k]
    if ch in OPEN:
      depth += 1
    elif ch in CLOSE:
      depth -= 1
      if depth == 0:
        return k + 1
    k += 1
  raise ValueError("unbalanced brackets")


def top_level_find(text: str, i: int, j: int, pred: Callable[[int], bool]) -> int:
  depth = 0
  k = i
  while k < j:
    ch = text[k]
    if ch in OPEN:
      depth += 1
    elif ch in CLOSE:
      depth -= 1
    elif depth == 0 and pred(k):
      return k
    k += 1
  return -1


@dataclass
class Param:
  name: Optional[str]
  bi: str
  id: Optional[tuple]  # char range
  type: tuple  # char range
  type_text: str


def parse_binders(src: Src, i: int, j: int) -> list:
  """Binder groups between char offsets i and j: ``(a b : T)``, ``{x : T}``, ``[C α]``."""
  t = src.text
  out = []
  k = src.skip_ws(i)
  while k < j:
    ch = t[k]
    if ch not in "({[⦃":
      break
    e = match_close(t, k)
    inner_lo, inner_hi = k + 1, e - 1
    bi = {"(": "default", "{": "implicit", "[": "instImplicit", "⦃": "strictImplicit"}[ch]
    colon = top_level_find(t, inner_lo, inner_hi, lambda q: t[q] == ":" and t[q + 1] != "=")
    if ch == "[" and colon < 0:
      lo = src.skip_ws(inner_lo)
      out.append(Param(None, bi, None, (lo, src.rstrip_to(inner_hi)), t[lo:inner_hi].strip()))
    else:
      ty_lo = src.skip_ws(colon + 1)
      ty_hi = src.rstrip_to(inner_hi)
      for m in re.finditer(r"\S+", t[inner_lo:colon]):
        a = inner_lo + m.start()
        out.append(Param(m.group(0), bi, (a, a + len(m.group(0))), (ty_lo, ty_hi), t[ty_lo:ty_hi]))
    k = src.skip_ws(e)
  return out


def param_json(src: Src, p: Param) -> dict:
  idr = src.rng(*p.id) if p.id else None
  return {"bi": p.bi, "id": idr, "ref": idr, "type": src.rng(*p.type)}


@dataclass
class DeclSyntax:
  start: int
  stop: int
  kind: str  # keyword: def theorem abbrev instance structure class inductive example
  doc: Optional[tuple]
  doc_text: Optional[str]
  attrs: list  # [(name, (i, j))]
  visibility: str
  protected: bool
  mods_end: Optional[int]
  kw: tuple
  id: Optional[tuple]
  sig: Optional[tuple]
  colon: Optional[int]
  type: Optional[tuple]
  value: Optional[tuple]
  value_kind: Optional[str]  # ":=" | "where" | "|"
  params: list
  ctors: list = field(default_factory=list)


def decl_end(src: Src, start: int) -> int:
  k = src.text.find("\n\n", start)
  if k < 0:
    k = len(src.text)
  return src.rstrip_to(k)


def parse_decl(src: Src, start: int, stop: Optional[int] = None) -> DeclSyntax:
  t = src.text
  if stop is None:
    stop = decl_end(src, start)
  i = start
  doc = None
  doc_text = None
  attrs = []
  vis = "regular"
  prot = False
  mods_end = None
  if t.startswith("/--", i):
    e = t.index("-/", i) + 2
    doc = (i, e)
    doc_text = t[i + 3:e - 2].lstrip(" \n\t")
    mods_end = e
    i = src.skip_ws(e)
  if t.startswith("@[", i):
    e = match_close(t, i + 1)
    for m in re.finditer(r"[^,\s][^,]*", t[i + 2:e - 1]):
      a = i + 2 + m.start()
      text = m.group(0).strip()
      attrs.append((text, (a, a + len(text))))
    mods_end = e
    i = src.skip_ws(e)
  for word in ("private", "protected"):
    if t.startswith(word + " ", i):
      if word == "private":
        vis = "private"
      else:
        prot = True
      mods_end = i + len(word)
      i = src.skip_ws(i + len(word))
  m = re.match(r"(def|theorem|abbrev|instance|structure|class|inductive|example)\b", t[i:])
  if not m:
    raise ValueError(f"{src.rel}: no declaration keyword at {i}: {t[i:i + 30]!r}")
  kind = m.group(1)
  kw = (i, i + len(kind))
  k = src.skip_ws(kw[1])
  ident = None
  if kind not in ("example",) and not (kind == "instance" and t[k] in ":[({"):
    im = re.match(r"[^\s(){}\[\]:⦃]+", t[k:])
    ident = (k, k + len(im.group(0)))
    k = src.skip_ws(ident[1])
  # The value starts at a top-level `:=`, `where` or the first `|` of match arms.
  def is_value_start(q: int) -> bool:
    if t.startswith(":=", q):
      return True
    if t.startswith("where", q) and t[q - 1] in " \n" and t[q + 5] in " \n":
      return True
    return t[q] == "|" and t[t.rfind("\n", 0, q) + 1:q].strip() == ""
  v = top_level_find(t, k, stop, is_value_start)
  value = None
  value_kind = None
  sig_hi = stop
  if v >= 0:
    value_kind = ":=" if t.startswith(":=", v) else ("where" if t.startswith("where", v) else "|")
    sig_hi = src.rstrip_to(v)
    if kind not in ("inductive", "structure", "class"):
      value = (v, stop)
  sig = (k, sig_hi) if sig_hi > k else None
  colon = None
  type_ = None
  if sig:
    c = top_level_find(t, sig[0], sig[1], lambda q: t[q] == ":" and t[q + 1] != "=")
    if c >= 0:
      colon = c
      type_ = (src.skip_ws(c + 1), sig[1])
  params = parse_binders(src, k, colon if colon is not None else sig_hi) if sig else []
  d = DeclSyntax(start, stop, kind, doc, doc_text, attrs, vis, prot, mods_end, kw, ident, sig,
                 colon, type_, value, value_kind, params)
  if kind == "inductive" and v >= 0:
    d.ctors = parse_ctors(src, v + len("where"), stop)
  return d


@dataclass
class CtorSyntax:
  start: int
  stop: int
  doc: Optional[tuple]
  doc_text: Optional[str]
  bar: int
  id: tuple
  sig: Optional[tuple]
  type: Optional[tuple]
  params: list


def parse_ctors(src: Src, lo: int, hi: int) -> list:
  t = src.text
  out = []
  k = src.skip_ws(lo)
  while k < hi:
    doc = None
    doc_text = None
    start = k
    if t.startswith("/--", k):
      e = t.index("-/", k) + 2
      doc = (k, e)
      doc_text = t[k + 3:e - 2].lstrip(" \n\t")
      k = src.skip_ws(e)
    assert t[k] == "|", t[k:k + 20]
    bar = k
    k = src.skip_ws(k + 1)
    im = re.match(r"[^\s(){}\[\]:]+", t[k:])
    ident = (k, k + len(im.group(0)))
    eol = t.find("\n", ident[1])
    if eol < 0 or eol > hi:
      eol = hi
    stop = src.rstrip_to(eol)
    s_lo = src.skip_ws(ident[1]) if ident[1] < stop else stop
    sig = (s_lo, stop) if stop > s_lo else None
    type_ = None
    colon = None
    if sig:
      c = top_level_find(t, sig[0], sig[1], lambda q: t[q] == ":")
      if c >= 0:
        colon = c
        type_ = (src.skip_ws(c + 1), sig[1])
    params = parse_binders(src, s_lo, colon if colon is not None else stop) if sig else []
    out.append(CtorSyntax(start, stop, doc, doc_text, bar, ident, sig, type_, params))
    k = src.skip_ws(eol)
  return out


def ppsyntax(src: Src, r: Optional[tuple], pp: Optional[str] = None, with_pp: bool = True) -> dict:
  if r is None:
    d = {"original": False, "range": None}
    if with_pp:
      d["pp"] = ""
    return d
  d = {"original": True, "range": src.rng(*r)}
  if with_pp:
    d["pp"] = pp if pp is not None else src.text[r[0]:r[1]]
  return d


def command_pp(src: Src, d: DeclSyntax) -> str:
  """The formatter's rendering of a declaration command (whitespace may differ from source)."""
  text = src.text[d.start:d.stop]
  head, sep, rest = text.partition(" := by\n")
  if sep and len(head.split("\n")[-1]) > 60:
    lines = rest.split("\n")
    return head + " :=\n  by\n" + "\n".join(lines)
  return text


def modifiers_json(src: Src, d) -> dict:
  out = {
    "attrs": [{"kind": "global", "name": name_arr(n), "stx": src.rng(*r)} for n, r in d.attrs],
    "computeKind": "regular",
    "isProtected": d.protected,
    "isUnsafe": False,
    "recKind": "default",
    "stx": src.rng(d.start, d.mods_end) if d.mods_end is not None else None,
    "visibility": d.visibility,
  }
  if d.doc_text is not None:
    out["docString"] = [d.doc_text, False]
  return out


# ---------------------------------------------------------------------------------------------
# Line states (the `-l` plugin), computed from the authored info trees the way
# `Lean.Elab.InfoTree.goalsAt?` picks the innermost tactic at a position.


def _strip_extra(goals: list) -> list:
  out = []
  for g in goals:
    g = dict(g)
    g.pop("extra", None)
    out.append(g)
  return out


def line_states(src: Src, trees: list) -> list:
  text_len = len(src.data)

  def trail(node: dict) -> int:
    if not node["ref"]["original"]:
      return 0
    stop = node["ref"]["range"][1]
    return src.trailing(src.char_of_byte(stop))

  def has_nested(node: dict, pos: int, tail: int) -> bool:
    info = node["info"]
    if "tactic" in info:
      if node["ref"]["kind"] == ["Lean", "Parser", "Term", "byTactic"]:
        return False
      r = node["ref"]["range"]
      if r is not None and (r[0], r[1]) != (pos, tail):
        return True
    return any(has_nested(c, pos, tail) for c in node["children"])

  def collect(node: dict, p: int, pcol: int) -> list:
    gs = []
    for c in node["children"]:
      gs += collect(c, p, pcol)
    info = node["info"]
    r = node["ref"]["range"]
    if "tactic" in info and r is not None:
      pos, tail = r
      tr = trail(node)
      at_eof = tail + tr == text_len
      if pos <= p and (p < tail + max(1, tr) or at_eof):
        if not gs or (p >= tail and all(g["indented"] for g in gs)):
          col = src.column(src.char_of_byte(pos))
          return [{
            "node": node,
            "useAfter": p > pos and not any(has_nested(c, pos, tail) for c in node["children"]),
            "indented": col > pcol,
            "priority": 0 if p == tail + tr else 1,
          }]
    return gs

  out = []
  for p in src.line_starts():
    results = []
    for t in trees:
      results += collect(t, p, 0)
    state = []
    if results:
      top = max(r["priority"] for r in results)
      for r in results:
        if r["priority"] != top:
          continue
        info = r["node"]["info"]["tactic"]
        state += _strip_extra(info["after"] if r["useAfter"] else info["before"])
    out.append({"start": p, "state": state})
  return out
