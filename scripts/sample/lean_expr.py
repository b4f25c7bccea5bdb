"""A tiny model of Lean kernel expressions, enough to author the sample's symbol types.

One expression renders three ways, as jixia reports a constant's type:
  * ``fallback``: ``Expr.dbgToString`` (every argument, universe levels, ``forall``/``->``);
  * ``full``: ``ppExpr`` with notation off and generalized field notation on (``typeFull``);
  * ``readable``: the infoview form with notation on, full names, field notation off
    (``typeReadable``; also used for goal and hypothesis types).
``consts`` collects the constants the way jixia's ``references`` walks an expression:
``forall`` binder types are walked, ``fun`` binder types are not.

Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional


class E:
  """Base class of expressions."""


@dataclass
class Const(E):
  name: str
  levels: tuple = ()


@dataclass
class Var(E):
  """A bound or free variable, referred to by its display name."""
  name: str
  raw: Optional[str] = None  # name as dbgToString shows it (hygienic), if different


@dataclass
class App(E):
  fn: E
  args: list  # [(E, explicit: bool)]
  self_index: Optional[int] = None  # argument printed before the dot in field notation


@dataclass
class Binder:
  name: str
  bi: str  # default | implicit | strictImplicit | instImplicit
  type: E
  raw: Optional[str] = None


@dataclass
class Pi(E):
  binders: list  # [Binder]
  body: E
  prop: bool  # printed with ∀ (a proposition) rather than (x : A) → B


@dataclass
class Lam(E):
  binders: list
  body: E


@dataclass
class Sort(E):
  fallback: str
  pretty: str


@dataclass
class Lit(E):
  value: int


@dataclass
class StructLit(E):
  """A structure constructor applied to parameters and fields: ``{ x := a, y := b }``."""
  ctor: str
  levels: tuple
  params: list  # [E] implicit parameters
  fields: list  # [(field name, E)]


@dataclass
class ProofTerm(E):
  """A proof argument: ``⋯`` when pretty-printed (pp.proofs false), the term in dbgToString."""
  term: E


# ---------------------------------------------------------------------------------------------
# Constructors used by the specs.

PROP = Sort("Prop", "Prop")
TYPE = Sort("Type", "Type")
TYPE_U = Sort("Type.{u}", "Type u")
SORT_U = Sort("Sort.{u}", "Sort u")
SORT_U1 = Sort("Sort.{u_1}", "Sort u_1")
NAT = Const("Nat")
BOOL = Const("Bool")
UNIT = Const("Unit")


def C(name: str, *levels: str) -> Const:
  return Const(name, tuple(levels))


def V(name: str, raw: Optional[str] = None) -> Var:
  return Var(name, raw)


def ap(fn: E, *args, self_index: Optional[int] = None) -> App:
  """Application to explicit arguments; wrap an argument in ``imp(...)`` to make it implicit."""
  out = []
  for a in args:
    if isinstance(a, tuple):
      out.append(a)
    else:
      out.append((a, True))
  return App(fn, out, self_index)


def imp(e: E) -> tuple:
  return (e, False)


def b(name: str, type_: E, bi: str = "default", raw: Optional[str] = None) -> Binder:
  return Binder(name, bi, type_, raw)


def bi_(name: str, type_: E, raw: Optional[str] = None) -> Binder:
  return Binder(name, "implicit", type_, raw)


def binst(name: str, type_: E, raw: Optional[str] = None) -> Binder:
  return Binder(name, "instImplicit", type_, raw)


def pi(binders, body: E, prop: bool = False) -> E:
  if not binders:
    return body
  return Pi(list(binders), body, prop)


def forall(binders, body: E) -> E:
  return pi(binders, body, prop=True)


_ARROW = "\u2020anon"  # a binder name that never occurs in bodies


def arrow(a: E, body: E, prop: bool = False) -> Pi:
  return Pi([Binder(_ARROW, "default", a, None)], body, prop)


def lam(binders, body: E) -> Lam:
  return Lam(list(binders), body)


def lit(n: int, ty: E = NAT) -> App:
  if ty is NAT:
    return ap(C("OfNat.ofNat", "0"), imp(NAT), Lit(n), imp(ap(C("instOfNatNat"), Lit(n))))
  raise ValueError("literal of unsupported type")


def sort_level(ty: E) -> str:
  """The universe level ``l`` such that ``ty : Sort l`` (for ``Eq.{l}``)."""
  if ty is PROP:
    return "1"
  if occurs("α", ty) or (isinstance(ty, App) and isinstance(ty.fn, Const)
                         and ty.fn.name == "List"):
    return "succ u"
  return "1"


def eq(ty: E, x: E, y: E) -> App:
  return ap(C("Eq", sort_level(ty)), imp(ty), x, y)


def _binop(cls: str, inst: str, base_inst: E, ty: E, x: E, y: E) -> App:
  lv = ("0", "0", "0") if ty is NAT else ("u", "u", "u")
  inner_lv = ("0",) if ty is NAT else ("u",)
  instance = ap(C(inst, *inner_lv), imp(ty), imp(base_inst))
  return ap(C(cls, *lv), imp(ty), imp(ty), imp(ty), imp(instance), x, y, self_index=3)


def add(x: E, y: E) -> App:
  return _binop("HAdd.hAdd", "instHAdd", C("instAddNat"), NAT, x, y)


def mul(x: E, y: E) -> App:
  return _binop("HMul.hMul", "instHMul", C("instMulNat"), NAT, x, y)


def mod(x: E, y: E) -> App:
  return _binop("HMod.hMod", "instHMod", C("Nat.instMod"), NAT, x, y)


def le(x: E, y: E) -> App:
  return ap(C("LE.le", "0"), imp(NAT), imp(C("instLENat")), x, y, self_index=1)


def lt(x: E, y: E) -> App:
  return ap(C("LT.lt", "0"), imp(NAT), imp(C("instLTNat")), x, y, self_index=1)


def add_in(ty: E, inst: E, x: E, y: E) -> App:
  """``x + y`` in ``ty``, whose ``Add`` instance is ``inst`` (a variable)."""
  return _binop("HAdd.hAdd", "instHAdd", inst, ty, x, y)


def mul_in(ty: E, inst: E, x: E, y: E) -> App:
  """``x * y`` in ``ty``, whose ``Mul`` instance is ``inst`` (a variable)."""
  return _binop("HMul.hMul", "instHMul", inst, ty, x, y)


def and_(x: E, y: E) -> App:
  return ap(C("And"), x, y)


def or_(x: E, y: E) -> App:
  return ap(C("Or"), x, y)


def not_(x: E) -> App:
  return ap(C("Not"), x)


def exists_(name: str, ty: E, body: E) -> App:
  return ap(C("Exists", "1"), imp(ty), lam([b(name, ty)], body))


def sizeof(ty: E, inst: E, x: E) -> App:
  return ap(C("SizeOf.sizeOf", "1"), imp(ty), imp(inst), x, self_index=1)


def true_() -> Const:
  return C("Bool.true")


def false_() -> Const:
  return C("Bool.false")


# ---------------------------------------------------------------------------------------------
# Free-variable occurrence (for dependent vs non-dependent binders).


def occurs(name: str, e: E) -> bool:
  if isinstance(e, Var):
    return e.name == name
  if isinstance(e, App):
    return occurs(name, e.fn) or any(occurs(name, a) for a, _ in e.args)
  if isinstance(e, (Pi, Lam)):
    for bd in e.binders:
      if occurs(name, bd.type):
        return True
      if bd.name == name:
        return False
    return occurs(name, e.body)
  if isinstance(e, StructLit):
    return any(occurs(name, p) for p in e.params) or any(occurs(name, v) for _, v in e.fields)
  if isinstance(e, ProofTerm):
    return occurs(name, e.term)
  return False


def _dependent(binders, i: int, body: E) -> bool:
  name = binders[i].name
  for bd in binders[i + 1:]:
    if occurs(name, bd.type):
      return True
    if bd.name == name:
      return False
  return occurs(name, body)


# ---------------------------------------------------------------------------------------------
# References (jixia's `references`).


def consts(e: E, out: Optional[set] = None) -> set:
  if out is None:
    out = set()
  if isinstance(e, Const):
    out.add(e.name)
  elif isinstance(e, App):
    consts(e.fn, out)
    for a, _ in e.args:
      consts(a, out)
  elif isinstance(e, Pi):
    for bd in e.binders:
      consts(bd.type, out)
    consts(e.body, out)
  elif isinstance(e, Lam):
    consts(e.body, out)  # λ binder types are not walked
  elif isinstance(e, StructLit):
    out.add(e.ctor)
    for p in e.params:
      consts(p, out)
    for _, v in e.fields:
      consts(v, out)
  elif isinstance(e, ProofTerm):
    consts(e.term, out)
  return out


# ---------------------------------------------------------------------------------------------
# dbgToString.


def fallback(e: E) -> str:
  if isinstance(e, Const):
    if e.levels:
      return f"{e.name}.{{{', '.join(e.levels)}}}"
    return e.name
  if isinstance(e, Var):
    return e.raw or e.name
  if isinstance(e, Lit):
    return str(e.value)
  if isinstance(e, Sort):
    return e.fallback
  if isinstance(e, ProofTerm):
    return fallback(e.term)
  if isinstance(e, StructLit):
    parts = [C(e.ctor, *e.levels)] + list(e.params) + [v for _, v in e.fields]
    return " ".join(_fb_arg(p) for p in parts)
  if isinstance(e, App):
    return " ".join([_fb_arg(e.fn)] + [_fb_arg(a) for a, _ in e.args])
  if isinstance(e, Lam):
    bs = " ".join(f"({bd.raw or bd.name} : {fallback(bd.type)})" for bd in e.binders)
    return f"fun {bs} => {fallback(e.body)}"
  if isinstance(e, Pi):
    return _fb_pi(e.binders, e.body)
  raise TypeError(e)


def _fb_arg(e: E) -> str:
  s = fallback(e)
  if isinstance(e, (App, Lam, Pi, StructLit)) or (isinstance(e, ProofTerm)
                                                  and not isinstance(e.term, (Const, Var))):
    return f"({s})"
  return s


_FB_OPEN = {"default": "(", "implicit": "{", "strictImplicit": "⦃", "instImplicit": "["}
_FB_CLOSE = {"default": ")", "implicit": "}", "strictImplicit": "⦄", "instImplicit": "]"}


def _fb_pi(binders, body) -> str:
  # Flatten nested Pis, then print runs of dependent binders with `forall`, arrows otherwise.
  bs = list(binders)
  while isinstance(body, Pi):
    bs += body.binders
    body = body.body
  out = []
  i = 0
  while i < len(bs):
    if _dependent(bs, i, body) or bs[i].bi != "default":
      run = []
      while i < len(bs) and (_dependent(bs, i, body) or bs[i].bi != "default"):
        bd = bs[i]
        run.append(f"{_FB_OPEN[bd.bi]}{bd.raw or bd.name} : {fallback(bd.type)}{_FB_CLOSE[bd.bi]}")
        i += 1
      rest = _fb_pi_tail(bs[i:], body)
      out.append(f"forall {' '.join(run)}, {rest}")
      return "".join(out)
    dom = bs[i].type
    d = fallback(dom)
    if isinstance(dom, (App, Pi, Lam, StructLit)):
      d = f"({d})"
    rest_bs = bs[i + 1:]
    if not rest_bs:
      cod = fallback(body)
      if isinstance(body, (App, Lam, StructLit)):
        cod = f"({cod})"
      return f"{d} -> {cod}"
    tail = _fb_pi(rest_bs, body)
    if _dependent(rest_bs, 0, body) or rest_bs[0].bi != "default":
      tail = f"({tail})"
    return f"{d} -> {tail}"
  return fallback(body)


def _fb_pi_tail(bs, body) -> str:
  if not bs:
    return fallback(body)
  return _fb_pi(bs, body)


# ---------------------------------------------------------------------------------------------
# Pretty printers (typeFull and readable).

MAX = 1024
ARG = 1023

# name -> (symbol, precedence, left precedence, right precedence, number of leading implicits)
INFIX = {
  "HAdd.hAdd": ("+", 65, 65, 66),
  "HMul.hMul": ("*", 70, 70, 71),
  "HMod.hMod": ("%", 70, 70, 71),
  "HAppend.hAppend": ("++", 65, 65, 66),
  "Eq": ("=", 50, 51, 51),
  "LE.le": ("≤", 50, 51, 51),
  "LT.lt": ("<", 50, 51, 51),
  "And": ("∧", 35, 36, 35),
  "Or": ("∨", 30, 31, 30),
  "Sample.NatSet.Subset": ("≼", 50, 51, 51),
}


class Printer:
  """Delaborator-like printer. ``notation`` selects readable (True) or typeFull (False)."""

  def __init__(self, notation: bool):
    self.notation = notation
    self.field = not notation

  # -- entry
  def pp(self, e: E) -> str:
    return self.go(e, 0)

  def paren(self, s: str, prec: int, need: int) -> str:
    return f"({s})" if prec < need else s

  def go(self, e: E, need: int) -> str:
    if isinstance(e, Const):
      return self.const_name(e.name)
    if isinstance(e, Var):
      return e.name
    if isinstance(e, Lit):
      return str(e.value)
    if isinstance(e, Sort):
      s = e.pretty
      return self.paren(s, MAX if " " not in s else ARG, need)
    if isinstance(e, ProofTerm):
      return "⋯"
    if isinstance(e, StructLit):
      inner = ", ".join(f"{n} := {self.go(v, 0)}" for n, v in e.fields)
      return "{ " + inner + " }" if e.fields else "{ }"
    if isinstance(e, Lam):
      names = " ".join(bd.name for bd in e.binders)
      return self.paren(f"fun {names} => {self.go(e.body, 0)}", 0, need)
    if isinstance(e, Pi):
      return self.paren(self.pi(e.binders, e.body, e.prop), 25 if self._is_arrow(e) else 0, need)
    if isinstance(e, App):
      return self.app(e, need)
    raise TypeError(e)

  def const_name(self, name: str) -> str:
    if name.startswith("_private."):
      name = re.sub(r"^_private\.(?:[^.]+\.)*?\d+\.", "", name)
    if self.notation and name == "Bool.true":
      return "true"
    if self.notation and name == "Bool.false":
      return "false"
    if self.notation and name == "List.nil":
      return "[]"
    return name

  def _is_arrow(self, e: Pi) -> bool:
    return not _dependent(e.binders, 0, e.body if len(e.binders) == 1 else Pi(e.binders[1:], e.body, e.prop)) \
      and e.binders[0].bi == "default"

  def app(self, e: App, need: int) -> str:
    fn = e.fn
    explicit = [a for a, ex in e.args if ex]
    if isinstance(fn, Const):
      name = fn.name
      if name == "OfNat.ofNat":
        return str(e.args[1][0].value)
      if self.notation:
        if name in INFIX and len(explicit) == 2:
          sym, p, lp, rp = INFIX[name]
          s = f"{self.go(explicit[0], lp)} {sym} {self.go(explicit[1], rp)}"
          return self.paren(s, p, need)
        if name == "Not" and len(explicit) == 1:
          return self.paren(f"¬{self.go(explicit[0], 40)}", MAX, need)
        if name == "Exists" and len(explicit) == 1 and isinstance(explicit[0], Lam):
          lm = explicit[0]
          names = " ".join(bd.name for bd in lm.binders)
          return self.paren(f"∃ {names}, {self.go(lm.body, 0)}", 0, need)
      if self.field and e.self_index is None:
        idx = self._auto_self(e)
        if idx is not None:
          e = App(e.fn, e.args, idx)
      if self.field and e.self_index is not None:
        return self.field_app(e, need)
    head = self.go(fn, MAX)
    if not explicit:
      return head
    return self._args(head, explicit, need)

  def _args(self, head: str, args, need: int) -> str:
    """Application text; a trailing `fun` argument stays unparenthesized (Lean's style)."""
    parts = [head] + [self.go(a, MAX) for a in args[:-1]]
    last = args[-1]
    if isinstance(last, Lam):
      parts.append(self.go(last, 0))
      return self.paren(" ".join(parts), 0, need)
    parts.append(self.go(last, MAX))
    return self.paren(" ".join(parts), ARG, need)

  FIELD_NAMESPACES = {
    "Sample.Point", "Sample.NatSet", "Sample.AddHom", "Sample.Monoid", "Sample.Logic.Tri",
    "Sample.Logic.Formula", "Nat", "List",
  }

  def _auto_self(self, e: App):
    """Generalized field notation: the first explicit argument whose type is the namespace."""
    name = e.fn.name
    ns = name.rsplit(".", 1)[0] if "." in name else ""
    if ns not in self.FIELD_NAMESPACES:
      return None
    for i, (a, ex) in enumerate(e.args):
      if ex:
        return i if getattr(a, "_type_ns", None) == ns or _typed_as(a, ns) else None
    return None

  def field_app(self, e: App, need: int) -> str:
    name = self.const_name(e.fn.name)
    short = name.rsplit(".", 1)[1]
    self_arg = e.args[e.self_index][0]
    rest = [a for i, (a, ex) in enumerate(e.args) if ex and i != e.self_index]
    head = f"{self.go(self_arg, MAX)}.{short}"
    if not rest:
      return head
    return self._args(head, rest, need)

  # -- binders
  def pi(self, binders, body, prop) -> str:
    bs = list(binders)
    while isinstance(body, Pi) and body.prop == prop:
      bs += body.binders
      body = body.body
    return self._pi(bs, body, prop)

  def _group(self, bs, i, body, prop):
    """Consecutive binders printed in one group: same binder info and type."""
    j = i + 1
    while j < len(bs) and bs[j].bi == bs[i].bi and fallback(bs[j].type) == fallback(bs[i].type) \
        and self._binder_shown(bs, j, body, prop) and not occurs(bs[i].name, bs[j].type):
      j += 1
    return j

  def _binder_shown(self, bs, i, body, prop) -> bool:
    """Whether binder i is printed as a named binder (not as an arrow domain)."""
    bd = bs[i]
    dep = _dependent(bs, i, body)
    if bd.bi in ("implicit", "strictImplicit"):
      return True
    if bd.bi == "instImplicit":
      return dep or prop
    return dep

  def _pi(self, bs, body, prop) -> str:
    if not bs:
      return self.go(body, 0)
    if self._binder_shown(bs, 0, body, prop):
      if prop:
        groups = []
        i = 0
        while i < len(bs) and self._binder_shown(bs, i, body, prop):
          j = self._group(bs, i, body, prop)
          groups.append(self._binder_text(bs[i:j]))
          i = j
        return f"∀ {' '.join(groups)}, {self._pi_rest(bs[i:], body, prop)}"
      j = self._group(bs, 0, body, prop)
      return f"{self._binder_text(bs[0:j])} → {self._pi_rest(bs[j:], body, prop)}"
    bd = bs[0]
    if bd.bi == "instImplicit":
      dom = f"[{self.go(bd.type, 0)}]"
    else:
      dom = self.go(bd.type, 26)
    return f"{dom} → {self._pi_rest(bs[1:], body, prop)}"

  def _pi_rest(self, bs, body, prop) -> str:
    if not bs:
      return self.go(body, 0)
    return self._pi(bs, body, prop)

  def _binder_text(self, group) -> str:
    bd = group[0]
    names = " ".join(x.name for x in group)
    o, c = _FB_OPEN[bd.bi], _FB_CLOSE[bd.bi]
    return f"{o}{names} : {self.go(bd.type, 0)}{c}"


def _typed_as(a: E, ns: str) -> bool:
  t = getattr(a, "_type", None)
  return t == ns


def typed(e: E, ns: str) -> E:
  """Marks an expression as having a type whose head constant is ``ns`` (for field notation)."""
  e._type = ns
  return e


FULL = Printer(notation=False)
READ = Printer(notation=True)


def full(e: E) -> str:
  return FULL.pp(e)


def readable(e: E) -> str:
  return READ.pp(e)
