"""Module walker, proof builder and auxiliary-constant generators for the sample's specs.

``author_analyzer_output.py`` holds the per-module specs and uses these classes. Each command
method finds its text in the source from a cursor, records scope effects, appends the command's
info tree and, for declarations, the ``-d`` entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from lean_expr import (
  E, NAT, PROP, SORT_U, SORT_U1, TYPE, TYPE_U, UNIT, App, Binder, C, Const, Lam, Pi,
  StructLit, V, Var, add, and_, ap, arrow, b, bi_, binst, consts, eq, fallback,
  forall, full, imp, lit, pi, readable, sizeof, typed,
)
from sample_model import (
  Goal, Hyp, Module, Param, TNode, arbitrary_order, command_pp, dumps, line_states,
  modifiers_json, name_arr, normalize_ws, param_json, parse_decl, ppsyntax,
)


# ---------------------------------------------------------------------------------------------
# Symbols.


def sym(name: str, kind: str, type_: E, vrefs: Optional[list], is_prop: Optional[bool] = None
        ) -> dict:
  if is_prop is None:
    is_prop = kind == "theorem"
  return {
    "isProp": is_prop,
    "kind": kind,
    "name": name_arr(name),
    "typeFallback": fallback(type_),
    "typeFull": full(type_),
    "typeReadable": readable(type_),
    "typeReferences": [name_arr(n) for n in arbitrary_order(sorted(consts(type_)), name + "T")],
    "valueReferences": None if vrefs is None else
    [name_arr(n) for n in arbitrary_order(sorted(set(vrefs)), name + "V")],
  }


def strip_binders(e: E, k: int) -> E:
  """The type seen inside the declaration: the first ``k`` (variable) binders removed."""
  while k > 0:
    assert isinstance(e, Pi)
    n = min(k, len(e.binders))
    rest = e.binders[n:]
    e = Pi(rest, e.body, e.prop) if rest else e.body
    k -= n
  return e


@dataclass
class Field:
  name: str
  type: E
  is_prop: bool = False


def structure_aux(sname: str, params: list, fields: list, univ: str = "u",
                  sizeof_inst: Optional[dict] = None, sizeof_binders: tuple = ()) -> list:
  """The constants Lean generates for a structure (or class) ``sname``.

  ``params`` are the structure's parameters as binders (implicit in most auxiliaries); field
  types refer to earlier fields and parameters by ``Var``.
  """
  mlev = "u" if univ == "u" and not params else "u_1"
  SORT_M = SORT_U if mlev == "u" else SORT_U1
  lv = ("u",) if params else ()
  head = C(sname, *lv)
  T = ap(head, *[V(p.name) for p in params]) if params else head
  imp_params = [bi_(p.name, p.type) for p in params]
  ns = sname
  ctor = f"{sname}.mk"
  motive = V("motive")
  t = typed(V("t"), ns)

  def mk(vals):
    return StructLit(ctor, lv, [V(p.name) for p in params], list(zip([f.name for f in fields], vals)))

  def rename(e: E, mapping: dict) -> E:
    if isinstance(e, Var):
      return V(mapping.get(e.name, e.name))
    if isinstance(e, App):
      return App(rename(e.fn, mapping), [(rename(a, mapping), x) for a, x in e.args], e.self_index)
    if isinstance(e, Pi):
      return Pi([Binder(x.name, x.bi, rename(x.type, mapping), x.raw) for x in e.binders],
                rename(e.body, mapping), e.prop)
    if isinstance(e, Lam):
      return Lam([Binder(x.name, x.bi, rename(x.type, mapping), x.raw) for x in e.binders],
                 rename(e.body, mapping))
    return e

  fvars = [V(f.name) for f in fields]
  field_binders = [b(f.name, f.type) for f in fields]
  minor = pi(field_binders, ap(motive, mk(fvars)))
  out = []
  out.append(sym(sname, "inductive", pi([b(p.name, p.type) for p in params],
                                        TYPE_U if params else TYPE), None))
  ctor_type = pi(imp_params + field_binders, T)
  out.append(sym(ctor, "constructor", ctor_type, None))
  out.append(sym(f"{ctor}._flat_ctor", "definition", ctor_type, [ctor]))
  rec_t = pi(imp_params + [bi_("motive", arrow(T, SORT_M))], arrow(minor, pi([b("t", T)], ap(motive, t))))
  out.append(sym(f"{sname}.rec", "recursor", rec_t, None))
  cases_t = pi(imp_params + [bi_("motive", arrow(T, SORT_M)), b("t", T)], arrow(minor, ap(motive, t)))
  out.append(sym(f"{sname}.casesOn", "definition", cases_t, [f"{sname}.rec"]))
  out.append(sym(f"{sname}.recOn", "definition", cases_t, [f"{sname}.rec"]))
  nct = pi(imp_params, arrow(SORT_M, arrow(T, arrow(T, SORT_M))))
  out.append(sym(f"{sname}.noConfusionType", "definition", nct, [f"{sname}.casesOn", "Eq"] +
                 sorted({c for f in fields for c in consts(f.type)})))
  x1, x2 = typed(V("x1"), ns), typed(V("x2"), ns)
  nc = pi(imp_params + [bi_("P", SORT_M), bi_("x1", T), bi_("x2", T)],
          arrow(eq(T, x1, x2), ap(C(f"{sname}.noConfusionType", *((mlev,) + lv)),
                                  *[imp(V(p.name)) for p in params], V("P"), x1, x2)))
  out.append(sym(f"{sname}.noConfusion", "definition", nc,
                 [f"{sname}.casesOn", f"{sname}.noConfusionType", "Eq.refl", "Eq", "Eq.ndrec", sname]))
  out.append(sym(f"{sname}.ctorIdx", "definition", pi(imp_params, arrow(T, NAT)), []))
  # Injectivity: over all fields, concluding equality of the data fields.
  m1 = {f.name: f.name + "_1" for f in fields}
  data = [f for f in fields if not f.is_prop]
  eqs = [eq(f.type if not isinstance(f.type, Pi) else f.type, V(f.name), V(m1[f.name])) for f in data]
  concl = eqs[-1]
  for e_ in reversed(eqs[:-1]):
    concl = and_(e_, concl)
  bs1 = [bi_(f.name, f.type) for f in fields]
  bs2 = [bi_(m1[f.name], rename(f.type, m1)) for f in fields]
  lhs_eq = eq(T, mk(fvars), mk([V(m1[f.name]) for f in fields]))
  out.append(sym(f"{ctor}.inj", "theorem", forall(imp_params + bs1 + bs2, arrow(lhs_eq, concl, True)),
                 ["And.intro", "And", "Eq", f"{ctor}.noConfusion"] + (["Nat"] if any(
                   "Nat" in consts(f.type) for f in fields) else [])))
  bs1e = [b(f.name, f.type) for f in fields]
  bs2e = [b(m1[f.name], rename(f.type, m1)) for f in fields]
  out.append(sym(f"{ctor}.injEq", "theorem", forall(imp_params + bs1e + bs2e,
                                                   eq(PROP, lhs_eq, concl)),
                 ["Eq.propIntro", "Eq", "And", "And.intro", "And.casesOn", "Eq.casesOn", "Eq.refl",
                  "Eq.symm", "Eq.ndrec", "HEq", "HEq.refl", ctor, f"{ctor}.noConfusion", sname]))
  mp = {f.name: f.name + "'" for f in fields}
  bsp = [b(mp[f.name], rename(f.type, mp)) for f in fields]
  hyp_chain = V("P")
  for f in reversed(data):
    hyp_chain = arrow(eq(f.type, V(f.name), V(mp[f.name])), hyp_chain)
  mknc = pi(imp_params + [b("P", SORT_M)] + bs1e + bsp,
            arrow(eq(T, mk(fvars), mk([V(mp[f.name]) for f in fields])),
                  arrow(hyp_chain, V("P"))))
  out.append(sym(f"{ctor}.noConfusion", "definition", mknc, [ctor, f"{sname}.noConfusion"]))
  # sizeOf.
  inst = sizeof_inst or {}
  sz_inst = ap(C(f"{sname}._sizeOf_inst", *lv), *[V(p.name) for p in params],
               *[imp(V(x.name, x.raw)) for x in sizeof_binders]) if params else \
      C(f"{sname}._sizeOf_inst")
  sb = list(sizeof_binders)
  total = lit(1)
  used = ["instAddNat", "instHAdd", "HAdd.hAdd", "OfNat.ofNat", "instOfNatNat", "Nat",
          "SizeOf.sizeOf", f"{sname}.rec"]
  for f in fields:
    if isinstance(f.type, Const) and f.type.name == "Nat":
      term = sizeof(NAT, C("instSizeOfNat"), V(f.name))
      used.append("instSizeOfNat")
    elif f.name in inst:
      term = sizeof(f.type, inst[f.name], V(f.name))
    else:
      term = sizeof(f.type, ap(C("instSizeOfDefault", "0" if f.is_prop else "u"), f.type), V(f.name))
      used.append("instSizeOfDefault")
    total = add(total, term)
  spec = forall(imp_params + sb + bs1e, eq(NAT, sizeof(T, sz_inst, mk(fvars)), total))
  out.append(sym(f"{ctor}.sizeOf_spec", "theorem", spec,
                 [u for u in used if u != f"{sname}.rec"] + ["Eq.refl", "Eq"]))
  out.append(sym(f"{sname}._sizeOf_1", "definition", pi(imp_params + sb, arrow(T, NAT)), used))
  out.append(sym(f"{sname}._sizeOf_inst", "definition",
                 pi([b(p.name, p.type) for p in params] + sb,
                    ap(C("SizeOf", "1" if not params else "succ u"), T)),
                 [f"{sname}._sizeOf_1", sname, "SizeOf.mk"]))
  # Projections: data fields are definitions, proofs are theorems; `self` is explicit for
  # structures and instance-implicit for classes.
  return out


def _type_of_struct(params):
  return C("Type") if not params else TYPE_U


def projections(sname: str, params: list, fields: list, is_class: bool) -> list:
  lv = ("u",) if params else ()
  T = ap(C(sname, *lv), *[V(p.name) for p in params]) if params else C(sname)
  imp_params = [bi_(p.name, p.type) for p in params]
  self_b = binst("self", T) if is_class else b("self", T)
  self_v = typed(V("self"), sname)
  out = []
  subst = {}
  for f in fields:
    ty = _subst_fields(f.type, subst)
    if f.is_prop:
      body = ty
      out.append(sym(f"{sname}.{f.name}", "theorem", forall(imp_params + [self_b], body), []))
    else:
      out.append(sym(f"{sname}.{f.name}", "definition", pi(imp_params + [self_b], ty), []))
    subst[f.name] = App(C(f"{sname}.{f.name}", *lv), [(V(p.name), False) for p in params]
                        + [(self_v, not is_class)], len(params))
  return out


def _subst_fields(e: E, subst: dict) -> E:
  if isinstance(e, Var) and e.name in subst:
    return subst[e.name]
  if isinstance(e, App):
    fn = _subst_fields(e.fn, subst)
    args = [(_subst_fields(a, subst), x) for a, x in e.args]
    if isinstance(fn, App):  # a projection applied to further arguments
      return App(fn.fn, fn.args + args, fn.self_index)
    return App(fn, args, e.self_index)
  if isinstance(e, Pi):
    return Pi([Binder(x.name, x.bi, _subst_fields(x.type, subst), x.raw) for x in e.binders],
              _subst_fields(e.body, subst), e.prop)
  return e


def matcher(name: str, discr: list, alts: list, motive_level: str = "u_1", prop=False) -> dict:
  """``f.match_1 : (motive : D → Sort u_1) → (x : D) → (alt₁) → … → motive x``.

  ``discr`` is ``[(name, type)]``; ``alts`` is ``[(binders, pattern exprs)]`` (no binders ⇒ Unit).
  """
  motive = V("motive")
  dom = discr[0][1] if len(discr) == 1 else None
  mty = SORT_U1
  motive_t = pi([b(n, t) for n, t in discr], mty) if len(discr) > 1 else arrow(discr[0][1], mty)
  alt_ts = []
  for bs, pats in alts:
    body = ap(motive, *pats)
    alt_ts.append(pi(bs, body) if bs else arrow(UNIT, body))
  t = pi([b("motive", motive_t)] + [b(n, ty) for n, ty in discr],
         _arrows(alt_ts, ap(motive, *[V(n) for n, _ in discr])))
  return t


def _arrows(doms: list, body: E) -> E:
  for d in reversed(doms):
    body = arrow(d, body)
  return body


# ---------------------------------------------------------------------------------------------
# Module walker.

PROPISH = re.compile(r"[=≤∧∨¬≼∀∃]")


@dataclass
class Hs:
  """A hypothesis to add, in a result spec."""
  name: str
  type: str
  prop: bool = False
  bi: Optional[str] = "default"
  value: Optional[str] = None


@dataclass
class R:
  """A resulting goal, derived from the goal a tactic acts on."""
  type: Optional[str] = None
  tag: Optional[str] = None
  add: list = field(default_factory=list)
  drop: list = field(default_factory=list)
  retype: dict = field(default_factory=dict)  # hypothesis name -> new type (new fvar)
  rename: dict = field(default_factory=dict)  # display renames (shadowing: x✝ -> x✝¹)
  uses: Optional[list] = None


class Author(Module):
  """Walks one module's commands in source order."""

  def __init__(self, root: Path, rel: str, name: str, first_id: int, aliases: dict,
               imports: list, types: Optional[dict] = None):
    super().__init__(root, rel, name, first_id)
    self.aliases = aliases
    self.imports = imports
    self.types = types or {}
    self.syms: list = []
    self.sym_types: dict = {}
    self.prop_vars: set = set()

  # -- names
  def fq(self, text: str) -> str:
    """Writes identifiers of ``text`` with their full names (as jixia's pretty printer does)."""
    def rep(m):
      w = m.group(0)
      if w in self.aliases:
        return self.aliases[w]
      head, _, rest = w.partition(".")
      if rest and head in self.aliases and head[0].isupper():
        return self.aliases[head] + "." + rest
      return w
    out = re.sub(r"(?<![\w.'])[A-Za-z_][\w'.]*(?![\w'])", rep, normalize_ws(text))
    # The delaborator always brackets typed ∀ binders: `∀ a : α, p` prints `∀ (a : α), p`.
    return re.sub(r"∀ ([^(){}\[\],:]+?) : ([^,]+),", r"∀ (\1 : \2),", out)

  def add_syms(self, *items):
    for it in items:
      if isinstance(it, list):
        self.add_syms(*it)
      else:
        self.syms.append(it)

  def symtype(self, name: str, e: E):
    self.sym_types[name] = e

  # -- plain commands
  def _cmd(self, text: str, kind: str, children=()) -> tuple:
    s = self.src
    i = s.find(text, self.cursor)
    j = i + len(text)
    self.cursor = j
    node = self.simple("command", self.ref(i, j, kind), list(children))
    self.trees.append(node)
    return i, j

  def module_doc(self):
    s = self.src
    i = s.find("/-!", self.cursor)
    j = s.find("-/", i) + 2
    self.cursor = j
    body = s.text[i + 3:j - 2].lstrip(" \n\t")
    self.docstrings.append(body)
    self.trees.append(self.simple("command", self.ref(i, j, "Lean.Parser.Command.moduleDoc")))

  def namespace(self, name: str):
    self.stack.append(self.scope.copy())
    self._cmd(f"namespace {name}", "Lean.Parser.Command.namespace")
    parts = name.split(".")
    for k in range(len(parts)):
      self.scope.namespace.append(parts[k])
      ns = ".".join(self.scope.namespace)
      if ns not in self.scope.scoped_open:
        self.scope.scoped_open.append(ns)

  def section(self):
    self.stack.append(self.scope.copy())
    self._cmd("section", "Lean.Parser.Command.section")

  def end(self, name: Optional[str] = None):
    self._cmd("end" + (f" {name}" if name else ""), "Lean.Parser.Command.end")
    self.scope = self.stack.pop()

  def universe(self, u: str):
    self._cmd(f"universe {u}", "Lean.Parser.Command.universe")
    self.scope.level_names.append(u)

  def variable(self, text: str):
    """``variable`` with one or more binders; each binder is its own ``varDecls`` entry."""
    s = self.src
    i = s.find(text, self.cursor)
    j = i + len(text)
    self.cursor = j
    from sample_model import parse_binders
    params = parse_binders(s, i + len("variable"), j)
    children = []
    ctx = []
    seen = set()
    for p in params:
      children.append(self.type_term(p.type, ctx))
      h = self.binder_hyp(p)
      children.append(self.binder_term(p, ctx + [h], h))
      ctx.append(h)
      key = (p.type, p.bi)
      if key not in seen:
        seen.add(key)
        names = [q.name for q in params if (q.type, q.bi) == key]
        o, c = {"default": "()", "implicit": "{}", "instImplicit": "[]"}[p.bi]
        inner = s.text[p.type[0]:p.type[1]]
        if p.name is None:
          self.scope.var_decls.append(f"variable {o}{inner}{c}")
        else:
          self.scope.var_decls.append(f"variable {o}{' '.join(names)} : {inner}{c}")
      self.scope.var_binders.append(p)
      if s.text[p.type[0]:p.type[1]] == "Prop":
        self.prop_vars.add(p.name)
    self.trees.append(self.simple("command", self.ref(i, j, "Lean.Parser.Command.variable"),
                                  children))

  def open_(self, text: str, decl: dict, activates: Optional[list] = None):
    self._cmd(text, "Lean.Parser.Command.open")
    self.scope.open_decls.insert(0, decl)
    for ns in activates or []:
      if ns not in self.scope.scoped_open:
        self.scope.scoped_open.append(ns)

  def eoi(self):
    n = len(self.src.text)
    self.trees.append(self.simple("command", self.ref(n, n, "Lean.Parser.Command.eoi")))

  # -- terms for binders and types
  def is_prop_text(self, text: str) -> bool:
    t = text.strip()
    return bool(PROPISH.search(t)) or t in self.prop_vars

  def binder_hyp(self, p: Param) -> Hyp:
    ty = self.src.text[p.type[0]:p.type[1]]
    name = p.name if p.name is not None else "inst✝"
    return Hyp(self.fresh(), name, self.fq(ty), self.is_prop_text(ty), p.bi)

  def binder_term(self, p: Param, ctx: list, h: Hyp) -> TNode:
    if p.id is None:
      ref = self.ref_syn(None, None, "ident",
                         f" inst._@.{self.name}.{1000 + h.id}._hygCtx._hyg.3 ")
      return self.term(ref, ctx, h.type, None, "inst✝", ("fvar", h.id))
    i, j = p.id
    return self.term(self.ref(i, j, "ident"), ctx, h.type, None, h.name, ("fvar", h.id))

  SORTS = {"Prop": "Type", "Type u": "Type (u + 1)"}

  def sort_of(self, text: str) -> str:
    t = normalize_ws(text)
    if t in self.SORTS:
      return self.SORTS[t]
    if self.is_prop_text(t):
      return "Prop"
    if t in self.types:
      return self.types[t]
    if "α" in t.split():
      return "Type u"
    return "Type"

  def type_term(self, rng: tuple, ctx: list) -> TNode:
    """The term node for a type written in a signature."""
    i, j = rng
    text = self.src.text[i:j]
    kind = syntax_kind(text)
    ty = self.sort_of(text)
    if kind == "ident":
      h = next((h for h in reversed(ctx) if h.name == text), None)
      special = ("fvar", h.id) if h else ("const", self.aliases.get(text, text))
      return self.ident_term(i, j, ctx, ty, ty, self.fq(text), special)
    return self.term(self.ref(i, j, kind), ctx, ty, self.sort_mvar(), self.fq(text))

  # -- declarations
  def decl(self, anchor: str, name: str, *, nvars: int = 0, kind: Optional[str] = None,
           proof=None, proof_at: Optional[str] = None, value: Optional[dict] = None,
           uses_vars: Optional[list] = None, goal: Optional[str] = None,
           wrap_open: Optional[tuple] = None, fields: Optional[list] = None):
    """One declaration command: its ``-d`` entry and its info tree.

    ``proof`` builds the tactic proof (a function of a ``Proof`` and the initial goal);
    ``value`` describes a term-mode value (``type``/``value`` texts) when there is no proof.
    ``uses_vars`` lists the section variables that end up in the constant (theorems only
    keep the ones they mention).
    """
    s = self.src
    start = s.find(anchor, self.cursor)
    d = parse_decl(s, start)
    self.cursor = d.stop
    kind_str = kind or {"def": "definition", "class": "structure"}.get(d.kind, d.kind)
    saved = None
    if wrap_open is not None:
      saved = self.scope.copy()
      self.scope.open_decls.insert(0, {"simple": {"except": [], "namespace":
                                                  name_arr(wrap_open[1])}})
      if wrap_open[1] not in self.scope.scoped_open:
        self.scope.scoped_open.append(wrap_open[1])
    entry = self.decl_entry(d, name, kind_str)
    if d.kind == "inductive":
      entry["constructors"] = [self.ctor_entry(c, name) for c in d.ctors]
    self.decls.append(entry)
    node = self.decl_tree(d, name, nvars, proof, proof_at, value, uses_vars, goal, fields)
    if wrap_open is not None:
      node = self.open_in_tree(wrap_open, d, node)
      self.scope = saved
    self.trees.append(node)
    return d

  def mutual(self, anchors: list, names: list):
    """A ``mutual`` block. Its members are elaborated together by ``elabMutualDef`` /
    ``elabInductives``, never as separate ``declaration`` commands, so jixia's declaration
    hook does not see them: they get no ``-d`` entry (their constants are in ``-s``)."""
    s = self.src
    i = s.find("mutual", self.cursor)
    e = s.find("\nend", i) + len("\nend")
    children = []
    for anchor, name in zip(anchors, names):
      d = parse_decl(s, s.find(anchor, i))
      node = self.decl_tree(d, name, 0, None, None, {}, None, None, None)
      children += node.children
    self.cursor = e
    self.trees.append(self.simple("command", self.ref(i, e, "Lean.Parser.Command.mutual"),
                                  children))

  def notation(self):
    """``infix``: a ``mixfix`` macro whose expansion declares a parser, a macro and an
    unexpander. Those arrive in ``-d`` as generated entries (``ref.original`` false)."""
    s = self.src
    i = s.find("infix", self.cursor)
    j = s.rstrip_to(s.find("\n", i))
    self.cursor = j
    rng = s.rng(i, j)
    ns = self.scope.ns
    mod_us = self.name.replace(".", "_")
    ns_us = ns.replace(".", "_")
    kind = f"{ns}.term_≼_"
    scope = self.scope.json()

    def entry(name, attr, sig, pp=None):
      ref = {"original": False, "range": rng}
      if pp is not None:
        ref["pp"] = pp
      return {
        "id": {"original": False, "range": rng}, "kind": "definition",
        "modifiers": {"attrs": [{"kind": "global", "name": [attr], "stx": rng}],
                      "computeKind": "meta", "isProtected": False, "isUnsafe": False,
                      "recKind": "default", "stx": rng, "visibility": "public"},
        "name": name_arr(name), "params": [], "ref": ref, "scopeInfo": scope,
        "signature": {"original": False, "pp": sig, "range": rng},
        "type": {"original": False, "range": rng}, "value": {"original": False, "range": rng},
      }

    parser_pp = ("@[term_parser 1000]\npublic meta def «term_≼_» : Lean.TrailingParserDescr✝ :=\n"
                 f"  ParserDescr.trailingNode✝ `{ns}.«term_≼_» 50 51\n"
                 "    (ParserDescr.binary✝ `andthen (ParserDescr.symbol✝ \" ≼ \") "
                 "(ParserDescr.cat✝ `term 51))")
    self.decls.append(entry(kind, "term_parser", " : Lean.TrailingParserDescr✝", parser_pp))
    self.decls.append(entry(f"{ns}._aux_{mod_us}___macroRules_{ns_us}_term_≼__1", "macro",
                            " : Macro✝"))
    self.decls.append(entry(f"{ns}._aux_{mod_us}___unexpand_{ns_us}_Subset_1", "app_unexpander",
                            " : Lean.PrettyPrinter.Unexpander✝"))
    whole = self.ref(i, j, "Lean.Parser.Command.mixfix")
    notation_pp = "notation:50 lhs:51 \" ≼ \" rhs:51 => Subset lhs rhs"
    exp = self.ref_syn(i, j, "Lean.Parser.Command.notation", notation_pp)
    syntax_pp = "syntax:50 (name := «term_≼_») (priority := 1000) term:51 \" ≼ \" term:51 : term"
    decl_pp = ("@[term_parser 1000] public meta def «term_≼_» : Lean.TrailingParserDescr := "
               "ParserDescr.trailingNode `«term_≼_» 50 51 (ParserDescr.binary `andthen "
               "(ParserDescr.symbol \" ≼ \") (ParserDescr.cat `term 51))")
    inner = [
      self.term(self.ref_syn(i, j, "ident", " term "), [], "Lean.Parser.Category", None,
                "Lean.Parser.Category.term", ("const", "Lean.Parser.Category.term")),
      self.macro(self.ref_syn(i, j, "Lean.Parser.Command.syntax", syntax_pp),
                 self.ref_syn(i, j, "Lean.Parser.Command.declaration", decl_pp)),
      self.simple("command", self.ref_syn(i, j, "Lean.Parser.Command.macro_rules",
                                          " macro_rules  |  `(  $  lhs   ≼   $  rhs  )  =>  `( "
                                          "Subset  $  lhs  $  rhs ) ")),
      self.simple("command", self.ref_syn(i, j, "Lean.Elab.Command.aux_def",
                                          " @[ app_unexpander  Sample.NatSet.Subset  ]  public  "
                                          "aux_def  unexpand  Sample.NatSet.Subset  :  "
                                          "Lean.PrettyPrinter.Unexpander  := … ")),
    ]
    node = self.simple("command", whole, [
      self.macro(whole, exp, [self.simple("command", exp, inner)])])
    self.trees.append(node)

  def decl_entry(self, d, name: str, kind_str: str) -> dict:
    s = self.src
    if d.id is not None:
      ident = {"original": True, "range": s.rng(*d.id)}
    else:
      ident = {"original": False, "range": s.rng(*d.kw)}
    if d.kind in ("structure", "class"):
      # Structures report `binders` and `optType` joined; no type given → an empty node.
      typ = ppsyntax(s, d.type, with_pp=False)
    else:
      typ = ppsyntax(s, d.type, with_pp=False) if d.type else None
    return {
      "id": ident,
      "kind": kind_str,
      "modifiers": modifiers_json(s, d),
      "name": name_arr(name),
      "params": [param_json(s, p) for p in d.params],
      "ref": {"original": True, "pp": command_pp(s, d), "range": s.rng(d.start, d.stop)},
      "scopeInfo": self.scope.json(),
      "signature": ppsyntax(s, d.sig, " " + normalize_ws(s.text[d.sig[0]:d.sig[1]])
                            if d.sig else None),
      "type": typ,
      "value": ppsyntax(s, d.value, with_pp=False) if d.value else None,
    }

  def ctor_entry(self, c, parent: str) -> dict:
    s = self.src
    cname = s.text[c.id[0]:c.id[1]]
    # jixia prefixes the current namespace to the already-full parent name.
    full_name = ".".join(self.scope.namespace + [parent, cname])
    mods = {"attrs": [], "computeKind": "regular", "isProtected": False, "isUnsafe": False,
            "recKind": "default", "stx": None, "visibility": "regular"}
    if c.doc_text is not None:
      mods["docString"] = [c.doc_text, False]
    body = s.text[c.bar + 1:c.stop].strip()
    pp = ("" if c.doc is None else s.text[c.doc[0]:c.doc[1]]) + "\n  | " + body
    return {
      "id": {"original": True, "range": s.rng(*c.id)},
      "kind": "constructor",
      "modifiers": mods,
      "name": name_arr(full_name),
      "params": [param_json(s, p) for p in c.params],
      "ref": {"original": True, "pp": pp, "range": s.rng(c.start, c.stop)},
      "scopeInfo": self.scope.json(),
      "signature": ppsyntax(s, c.sig, " " + normalize_ws(s.text[c.sig[0]:c.sig[1]])
                            if c.sig else None),
      "type": ppsyntax(s, c.type, with_pp=False) if c.type else None,
      "value": None,
    }

  def decl_tree(self, d, name, nvars, proof, proof_at, value, uses_vars, goal, fields) -> TNode:
    s = self.src
    ch = []
    ctx = []
    for p in self.scope.var_binders:
      ch.append(self.type_term(p.type, ctx))
      h = self.binder_hyp(p)
      ch.append(self.binder_term(p, ctx + [h], h))
      ctx.append(h)
    var_hyps = list(ctx)
    for p in d.params:
      ch.append(self.type_term(p.type, ctx))
      h = self.binder_hyp(p)
      ch.append(self.binder_term(p, ctx + [h], h))
      ctx.append(h)
    if d.type:
      ch.append(self.type_term(d.type, ctx))
    ctype = self.sym_types.get(name)
    const_t = readable(ctype) if ctype is not None else (goal or "")
    local_t = readable(strip_binders(ctype, nvars)) if ctype is not None else const_t
    # The body is elaborated again with fresh fvars for the kept variables and the params.
    keep = [h for h in var_hyps if uses_vars is None or h.name in uses_vars]
    ctx2 = [replace(h, id=self.fresh()) for h in keep]
    for p in d.params:
      h = self.binder_hyp(p)
      ch.append(self.binder_term(p, ctx2 + [h], h))
      ctx2.append(h)
    if d.kind in ("inductive", "structure", "class"):
      ch += self.type_decl_children(d, name, ctx, fields)
    elif proof is not None:
      lo = s.find(proof_at, d.start) if proof_at else d.value[0]
      P = Proof(self, lo, d.stop)
      g0 = P.new_goal(goal, ctx2, "")
      if d.value_kind == "where":
        ch.append(self.where_tree(d, ctx2, P, proof, g0, const_t, local_t))
      else:
        ch.append(proof(P, g0))
    elif d.value is not None:
      ch.append(self.value_tree(d, ctx2, value or {}, local_t))
    if d.kind == "instance":
      ch.append(self.simple("command", self.ref_syn(d.start, d.stop, "Lean.Parser.Attr.instance",
                                                    " instance  1000 "),
                            [self.simple("command", self.ref_syn(d.start, d.stop, "instance",
                                                                 " instance "))]))
    short = name.rsplit(".", 1)[-1]
    if d.id is not None:
      i, j = d.id
      ch.append(self.term(self.ref(i, j, "ident"), [], const_t, None, self.const_value(name),
                          ("const", name)))
      ch.append(self.term(self.ref(i, j, "Lean.Parser.Command.declId"), var_hyps, local_t, None,
                          s.text[i:j], ("fvar", self.fresh())))
    else:
      i, j = d.kw
      ch.append(self.term(self.ref(i, j, d.kind), [], const_t, None, name, ("const", name)))
      ch.append(self.term(self.ref_syn(i, j, "Lean.Parser.Command.declId", f" {short} "),
                          var_hyps, local_t, None, short, ("fvar", self.fresh())))
    return self.simple("command", self.ref(d.start, d.stop, "Lean.Parser.Command.declaration"), ch)

  def const_value(self, name: str) -> str:
    """``@f`` when the constant starts with implicit arguments (as the term info shows it)."""
    t = self.sym_types.get(name)
    if isinstance(t, Pi) and t.binders[0].bi != "default":
      return "@" + name
    return name

  def value_tree(self, d, ctx, value: dict, local_t: str) -> TNode:
    s = self.src
    if d.type is not None:
      local_t = self.fq(s.text[d.type[0]:d.type[1]])
    if d.value_kind == "|":
      i, j = d.value
      text = s.text[i:j]
      pp = " @  fun  x  =>  match  @  x  with " + normalize_ws(text) + " "
      expl = self.term(self.ref_syn(i, j, "Lean.Parser.Term.explicit", pp), ctx, local_t,
                       local_t, value.get("value", "fun x =>\n  match x with\n  " + text))
      return self.simple("custom", self.ref_syn(i, j, "Lean.Parser.Term.explicit", pp), [expl])
    if d.value_kind == "where":
      i, j = d.value
      text = s.text[i + len("where"):j]
      pp = " { " + normalize_ws(text) + "\n\n } "
      t = self.term(self.ref_syn(i, j, "Lean.Parser.Term.structInst", pp), ctx, local_t, local_t,
                    value.get("value", "{ " + ", ".join(
                      normalize_ws(x) for x in text.strip().split("\n")) + " }"))
      return self.simple("custom", self.ref_syn(i, j, "Lean.Parser.Term.structInst", pp), [t])
    i = s.skip_ws(d.value[0] + 2)
    j = d.value[1]
    text = s.text[i:j]
    kind = syntax_kind(text)
    t = self.term(self.ref(i, j, kind), ctx, value.get("type", local_t),
                  value.get("expected", local_t), value.get("value", self.fq(text)),
                  value.get("special"))
    return self.simple("custom", self.ref(i, j, kind), [t])

  def where_tree(self, d, ctx, P, proof, g0, const_t, local_t) -> TNode:
    """A `where` structure instance whose field holds a tactic block."""
    i, j = d.value
    text = self.src.text[i + len("where"):j]
    pp = " { " + normalize_ws(text) + "\n\n } "
    if d.type is not None:
      local_t = self.fq(self.src.text[d.type[0]:d.type[1]])
    by_node = proof(P, g0)
    t = self.term(self.ref_syn(i, j, "Lean.Parser.Term.structInst", pp), ctx, local_t, local_t,
                  "{ toFun := fun n => g.toFun (f.toFun n), map_add := ⋯ }", None, [by_node])
    return self.simple("custom", self.ref_syn(i, j, "Lean.Parser.Term.structInst", pp), [t])

  def type_decl_children(self, d, name, ctx, fields) -> list:
    """Inductives and structures: the declId, constructor or field types, then the constants."""
    s = self.src
    out = []
    ident = s.text[d.id[0]:d.id[1]]
    ind_t = readable(self.sym_types[name]) if name in self.sym_types else "Type"
    out.append(self.term(self.ref(*d.id, "Lean.Parser.Command.declId"), ctx, ind_t, None, ident,
                         ("fvar", self.fresh())))
    if d.kind == "inductive":
      for c in d.ctors:
        if c.type:
          out.append(self.type_term(c.type, ctx))
      out.append(self.term(self.ref(*d.id, "Lean.Parser.Command.declId"), ctx, ind_t, None, name,
                           ("const", name)))
      for c in d.ctors:
        cname = f"{name}.{s.text[c.id[0]:c.id[1]]}"
        ct = readable(self.sym_types[cname]) if cname in self.sym_types else name
        out.append(self.term(self.ref(*c.id, "ident"), ctx, ct, None, cname, ("const", cname)))
    else:
      for fname, frng_text in fields or []:
        fi = s.find(frng_text, d.start, d.stop)
        out.append(self.type_term((fi, fi + len(frng_text)), ctx))
      out.append(self.term(self.ref(*d.id, "Lean.Parser.Command.declId"), ctx, ind_t, None, name,
                           ("const", name)))
      for fname, frng_text in fields or []:
        fi = s.find(f"  {fname} :", d.start, d.stop) + 2
        pname = f"{name}.{fname}"
        pt = readable(self.sym_types[pname]) if pname in self.sym_types else ""
        out.append(self.term(self.ref(fi, fi + len(fname), "ident"), ctx, pt, None, "@" + pname,
                             ("const", pname)))
    return out

  def open_in_tree(self, wrap, d, decl_node) -> TNode:
    """``open X in <decl>``: the macro expands to a section with the open and the declaration."""
    s = self.src
    text, ns = wrap
    i = s.find(text, self.trees_cursor_hint(d))
    j = i + len(text)
    in_i = s.find(" in", i) + 1
    in_j = in_i + 2
    whole = self.ref(i, d.stop, "Lean.Parser.Command.in")
    body = s.text[d.start:d.stop]
    expanded = self.ref_syn(in_i, in_j, "null",
                            f" section open {ns}  end_local_scope {body}\n\n end ")
    inner = [
      self.simple("command", self.ref_syn(in_i, in_j, "Lean.Parser.Command.section", " section ")),
      self.simple("command", self.ref(i, s.find(" in", i), "Lean.Parser.Command.open")),
      self.simple("command", self.ref_syn(None, None,
                                          "Lean.Parser.Command.InternalSyntax.end_local_scope",
                                          " end_local_scope ")),
      decl_node,
      self.simple("command", self.ref_syn(in_i, in_j, "Lean.Parser.Command.end", " end ")),
    ]
    return self.simple("command", whole, [self.macro(whole, expanded, inner)])

  def trees_cursor_hint(self, d) -> int:
    return self.src.text.rfind("\n\n", 0, d.start) + 2

  # -- output
  def write(self, out: Path):
    base = out / self.name
    mod = {"docstring": self.docstrings, "imports": [name_arr(m) for m in self.imports]}
    files = {
      "mod": mod,
      "decl": self.decls,
      "sym": [self.syms_by_name[n] for n in arbitrary_order(sorted(self.syms_by_name),
                                                              self.name + "sym")],
      "elab": [t.json() for t in self.trees],
    }
    files["line"] = line_states(self.src, files["elab"])
    for plugin, value in files.items():
      (out / f"{self.name}.{plugin}.json").write_text(dumps(value), encoding="utf-8")

  @property
  def syms_by_name(self) -> dict:
    out = {}
    for x in self.syms:
      key = ".".join(str(c) for c in x["name"])
      if key in out:
        raise ValueError(f"duplicate symbol {key}")
      out[key] = x
    return out


def syntax_kind(text: str) -> str:
  t = normalize_ws(text)
  if t.startswith("by"):
    return "Lean.Parser.Term.byTactic"
  if t.startswith("∀"):
    return "Lean.Parser.Term.forall"
  if t.startswith("∃"):
    return "term∃_,_"
  if t.startswith("fun"):
    return "Lean.Parser.Term.fun"
  if t.startswith("⟨"):
    return "Lean.Parser.Term.anonymousCtor"
  for op, kind in (("→", "Lean.Parser.Term.arrow"), ("∨", "term_∨_"), ("∧", "term_∧_"),
                   ("=", "term_=_"), ("≤", "term_≤_"), ("≼", "Sample.NatSet.term_≼_"),
                   ("+", "term_+_"), ("*", "term_*_"), ("%", "term_%_")):
    if _top_level_op(t, op):
      return kind
  if t.startswith("(") and _matching(t, 0) == len(t):
    return "Lean.Parser.Term.paren"
  if t == "Prop":
    return "Lean.Parser.Term.prop"
  if t.startswith("Type"):
    return "Lean.Parser.Term.type"
  if " " in t:
    return "Lean.Parser.Term.app"
  if t.isdigit():
    return "num"
  if "." in t and t.rsplit(".", 1)[1].isdigit():
    return "Lean.Parser.Term.proj"
  return "ident"


def _matching(t: str, i: int) -> int:
  depth = 0
  for k in range(i, len(t)):
    if t[k] in "([{⟨":
      depth += 1
    elif t[k] in ")]}⟩":
      depth -= 1
      if depth == 0:
        return k + 1
  return -1


def _top_level_op(t: str, op: str) -> bool:
  depth = 0
  k = 0
  while k < len(t):
    ch = t[k]
    if ch in "([{⟨":
      depth += 1
    elif ch in ")]}⟩":
      depth -= 1
    elif depth == 0 and t.startswith(f" {op} ", k - 1 if k else 0) and t[k:k + len(op)] == op:
      return True
    elif depth == 0 and t.startswith(("fun", "∀", "∃"), k) and (k == 0 or t[k - 1] in " ("):
      return False
    k += 1
  return False


# ---------------------------------------------------------------------------------------------
# Tactic proofs.


class Proof:
  """Builds a tactic block's info tree while simulating its goals."""

  def __init__(self, A: Author, lo: int, hi: int):
    self.A = A
    self.s = A.src
    self.cur = lo
    self.hi = hi
    self.end = lo

  # -- positions
  def at(self, text: str) -> tuple:
    i = self.s.find(text, self.cur, self.hi)
    j = i + len(text)
    self.cur = j
    self.end = max(self.end, j)
    return i, j

  # -- goals
  def new_goal(self, type_: str, hyps: list, tag: str, parent: Optional[Goal] = None,
               uses: Optional[list] = None) -> Goal:
    m = self.A.fresh(3)
    anc = (parent.anc if parent else frozenset()) | {m}
    return Goal(m, tag, type_, list(hyps), frozenset(anc), True, uses)

  def derive(self, g: Goal, r: R) -> Goal:
    hyps = []
    for h in g.hyps:
      if h.name in r.drop:
        continue
      if h.name in r.retype:
        h = Hyp(self.A.fresh(), h.name, r.retype[h.name], h.is_prop, h.bi, h.value)
      if h.name in r.rename:
        h = replace(h, name=r.rename[h.name])
      hyps.append(h)
    for a in r.add:
      hyps.append(Hyp(self.A.fresh(), a.name, a.type, a.prop, None if a.value else a.bi, a.value))
    return self.new_goal(r.type or g.type, hyps, g.tag if r.tag is None else r.tag, g, r.uses)

  # -- blocks
  def seq(self, goals: list, steps: list) -> tuple:
    """Runs steps; returns (tacticSeq node, goals after). Ranges span the steps' texts."""
    lo = self.s.skip_ws(self.cur)
    nodes = []
    gs = goals
    for st in steps:
      node, gs = st(self, gs)
      nodes.append(node)
    hi = self.end
    A = self.A
    inner = A.tactic(A.ref(lo, hi, "Lean.Parser.Tactic.tacticSeq1Indented"), goals, gs, nodes)
    outer = A.tactic(A.ref(lo, hi, "Lean.Parser.Tactic.tacticSeq"), goals, gs, [inner])
    return outer, gs

  def by(self, g0: Goal, steps: list) -> TNode:
    A = self.A
    i, j = self.at("by")
    seq, after = self.seq([g0], steps)
    hi = self.end
    by_kw = A.tactic(A.ref(i, j, "by"), [g0], after, [seq])
    bt = A.tactic(A.ref(i, hi, "Lean.Parser.Term.byTactic"), [g0], after, [by_kw])
    return A.simple("custom", A.ref(i, hi, "Lean.Parser.Term.byTactic"), [bt])


def rfl_(text: str = "rfl"):
  """``rfl`` closing an equation: the macro expands to ``eq_refl`` (an original:false child)."""
  return step("Lean.Parser.Tactic.tacticRfl", text, [],
              expand=("Lean.Parser.Tactic.eqRefl", " eq_refl "))


def step(kind: str, text: str, results, refs=(), term=None, used=None, lemmas=(), expand=None):
  """A tactic acting on the main goal. ``results`` are ``R`` specs (``[]`` closes the goal).

  ``term`` = (text, kind, type, value, special) adds the elaborated argument term;
  ``lemmas`` = [(text, type, const)] adds simp-lemma identifiers.
  """
  def run(P: Proof, gs: list):
    A = P.A
    i, j = P.at(text)
    g = gs[0]
    new = [P.derive(g, r) for r in results]
    after = new + gs[1:]
    ch = []
    for ltext, ltype, lconst in lemmas:
      li = P.s.find(ltext, i, j)
      special = ("fvar", next(h.id for h in g.hyps if h.name == lconst)) if lconst in \
          [h.name for h in g.hyps] else ("const", lconst)
      for _ in range(1):
        ch.append(A.simple("completion", A.ref(li, li + len(ltext), "ident")))
        ch.append(A.term(A.ref(li, li + len(ltext), "ident"), g.hyps, ltype, None,
                         lconst, special))
    if used is not None:
      ch.append(A.simple("custom", A.ref(i, j, kind)))
    if term is not None:
      ttext, tkind, ttype, tval, tspecial = term
      ti = P.s.find(ttext, i, j)
      ch.append(A.term(A.ref(ti, ti + len(ttext), tkind), g.hyps, ttype, g.type, tval, tspecial))
    if expand is not None:
      ch.append(A.tactic(A.ref_syn(i, j, expand[0], expand[1]), gs, after, [],
                         acted=frozenset({g.mvar})))
    node = A.tactic(A.ref(i, j, kind), gs, after, ch, acted=frozenset({g.mvar}),
                    refs=list(refs), used=used)
    return node, after
  return run


def intro(text: str, args: list):
  """``intro a b …``: one ``null`` child for ``intro a`` then one child per further argument.

  ``args`` = [(arg text, R for the goal after this argument, child kind)].
  """
  def run(P: Proof, gs: list):
    A = P.A
    i, j = P.at(text)
    g = gs[0]
    cur = g
    children = []
    k = i + len("intro")
    refs = []
    if not args:  # bare `intro`
      new = P.derive(g, R(add=[Hs("a✝", "", False)]))
    for n, (arg, r, ckind) in enumerate(args):
      ai = P.s.find(arg, k, j)
      aj = ai + len(arg)
      k = aj
      nxt = P.derive(cur, r)
      added = [h for h in nxt.hyps if h.id not in {x.id for x in cur.hyps}]
      tchildren = []
      for h in added:
        if ckind == "ident":
          tchildren.append(A.term(A.ref(ai, aj, "ident"), nxt.hyps, h.type, None, h.name,
                                  ("fvar", h.id)))
      if arg != "_" and ckind == "ident":
        refs.append(arg)
      if len(args) > 1:
        if n == 0:
          cref = A.ref(i, aj, "null")
        else:
          cref = A.ref(ai, aj, {"ident": "ident", "hole": "Lean.Parser.Term.hole",
                                "pattern": "Lean.Parser.Term.anonymousCtor"}[ckind])
        children.append(A.tactic(cref, [cur], [nxt], tchildren, acted=frozenset({cur.mvar}),
                                 refs=[arg] if arg != "_" and ckind == "ident" else
                                 [x for x in re.findall(r"[\w₀-₉]+", arg)]))
        if ckind == "pattern":
          refs += re.findall(r"[\w₀-₉]+", arg)
      else:
        children += tchildren
      cur = nxt
    if not args:
      cur = new
    node = A.tactic(A.ref(i, j, "Lean.Parser.Tactic.intro"), gs, [cur] + gs[1:], children,
                    acted=frozenset({g.mvar}), refs=refs)
    return node, [cur] + gs[1:]
  return run


RFL_SEQ = " (  with_reducible  rfl  ) "


def _rfl_chain(A: Author, i: int, j: int, goals: list, closes: bool) -> TNode:
  after = [] if closes else goals
  acted = frozenset({goals[0].mvar}) if closes else frozenset()

  def T(kind, pp, children, leaf=False):
    return A.tactic(A.ref_syn(i, j, kind, pp), goals, after, children,
                    acted=acted if leaf else None)

  def seq(pp, node):
    return T("Lean.Parser.Tactic.tacticSeq", pp,
             [T("Lean.Parser.Tactic.tacticSeq1Indented", pp, [node])])

  leaf = T("Lean.Parser.Tactic.eqRefl" if closes else "Lean.Parser.Tactic.applyRfl",
           " eq_refl " if closes else " apply_rfl ", [], leaf=True)
  rfl = T("Lean.Parser.Tactic.tacticRfl", " rfl ", [leaf])
  wr = T("Lean.Parser.Tactic.withReducible", " with_reducible  rfl ", [seq(" rfl ", rfl)])
  paren = T("Lean.Parser.Tactic.paren", RFL_SEQ, [seq(" with_reducible  rfl ", wr)])
  alts = [seq(RFL_SEQ, paren)]
  if not closes:
    alts.append(seq(" skip ", T("Lean.Parser.Tactic.skip", " skip ", [], leaf=True)))
  first = T("Lean.Parser.Tactic.first", " first  |  (  with_reducible  rfl  )  |  skip ", alts)
  try_ = T("Lean.Parser.Tactic.tacticTry_", " try  (  with_reducible  rfl  ) ", [first])
  return T("Lean.Parser.Tactic.paren", " (  try  (  with_reducible  rfl  )  ) ",
           [seq(" try  (  with_reducible  rfl  ) ", try_)])


def rw(text: str, rules: list, closes: bool, at: Optional[str] = None):
  """``rw [r₁, …] (at h)?``: the macro expansion jixia records (rewrite, then ``rfl``).

  ``rules`` = [(rule text, lemma type, const or hypothesis name, R after this rule)].
  """
  def run(P: Proof, gs: list):
    A = P.A
    i, j = P.at(text)
    lb = P.s.find("[", i, j)
    rb = P.s.find("]", lb, j)
    g = gs[0]
    cur = g
    rule_nodes = []
    k = lb + 1
    refs = []
    for n, (rtext, ltype, target, r) in enumerate(rules):
      ri = P.s.find(rtext, k, rb)
      rj = ri + len(rtext)
      k = rj
      nj = rj + 1 if P.s.text[rj] == "," else rj
      nxt = P.derive(cur, r)
      hyp = next((h for h in cur.hyps if h.name == target), None)
      special = ("fvar", hyp.id) if hyp else ("const", target)
      term = A.ident_term(ri, rj, cur.hyps, ltype, None, target if hyp is None else target,
                          special)
      rule_nodes.append(A.tactic(A.ref(ri, nj, "null"), [cur], [nxt], [term],
                                 acted=frozenset({cur.mvar}), refs=[rtext]))
      refs.append(rtext)
      cur = nxt
    final = [cur] + gs[1:]
    rules_pp = ", ".join(r[0] for r in rules)
    loc = f"  at {at} " if at else " "
    rewrite_pp = f" rewrite  [ {rules_pp} ]{loc}"
    head = A.tactic(A.ref_syn(i, j, "null", " rewrite  [ "), gs, gs, [], acted=frozenset())
    rewrite = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.rewriteSeq", rewrite_pp), gs, final,
                       [head] + rule_nodes)
    semi = A.tactic(A.ref_syn(i, j, ";", " ; "), final, final, [], acted=frozenset())
    after = final[1:] if closes else final
    bracket = A.tactic(A.ref(rb, rb + 1, "]"), final, after, [_rfl_chain(A, i, j, final, closes)])
    annotate = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.withAnnotateState",
                                  " with_annotate_state ]\n\n (  try  (  with_reducible  rfl  )  ) "),
                        final, after, [bracket])
    body_pp = f"{rewrite_pp} ;  with_annotate_state ]\n\n (  try  (  with_reducible  rfl  )  ) "
    seq1 = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq1Indented", body_pp), gs, after,
                    [rewrite, semi, annotate])
    seq = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq", body_pp), gs, after, [seq1])
    paren = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.paren", f" ({body_pp}) "), gs, after,
                     [seq])
    node = A.tactic(A.ref(i, j, "Lean.Parser.Tactic.rwSeq"), gs, after, [paren], refs=refs)
    return node, after
  return run


def have(text: str, kind: str, r: R, term: tuple):
  """``have``/``let``: the macro's ``refine_lift`` expansion with the elaborated term."""
  def run(P: Proof, gs: list):
    A = P.A
    i, j = P.at(text)
    g = gs[0]
    nxt = P.derive(g, r)
    after = [nxt] + gs[1:]
    ttext, tkind, ttype, tval, tspecial = term
    ti = P.s.find(ttext, i, j)
    tnode = A.term(A.ref(ti, ti + len(ttext), tkind), g.hyps, ttype, None, tval, tspecial)
    kw = text.split()[0]
    body = text[len(kw):].strip()
    refine = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.refine",
                                f" refine  {kw} {body} ; ?_ "), gs, after, [tnode],
                      acted=frozenset({g.mvar}))
    lift = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticRefine_lift_",
                              f" refine_lift  {kw} {body} ; ?_ "), gs, after, [refine])
    refs = []
    for x in re.findall(r"[\w₀-₉.]+", body):
      if not x[0].isdigit() and x not in refs:
        refs.append(x)
    node = A.tactic(A.ref(i, j, kind), gs, after, [lift], refs=refs)
    return node, after
  return run


def cdot(first_line: str, steps: list):
  """A ``·`` block focusing on the main goal."""
  def run(P: Proof, gs: list):
    A = P.A
    i, _ = P.at("·")
    P.cur = i + 1
    tk = A.tactic(A.ref(i, i + 1, "Lean.cdotTk"), gs, gs[:1], [], acted=frozenset())
    seq, after_inner = P.seq(gs[:1], steps)
    after = after_inner + gs[1:]
    node = A.tactic(A.ref(i, P.end, "Lean.cdot"), gs, after, [tk, seq])
    return node, after
  return run


def all_goals(text: str, steps: list):
  """``all_goals tac``: ``tac`` runs on each goal alone, and every run is recorded under the same
  range; the node acts on all the goals it faces."""
  def run(P: Proof, gs: list):
    A = P.A
    i, j = P.at(text)
    children = []
    after = []
    for g in gs:
      P.cur = i + len("all_goals")
      seq, aft = P.seq([g], steps)
      children.append(seq)
      after += aft
    P.cur = j
    node = A.tactic(A.ref(i, j, "Lean.Parser.Tactic.allGoals"), gs, after, children, refs=[])
    return node, after
  return run


def alternatives(kind: str, text: str, target: Optional[tuple], alts: list, refs: list):
  """``cases``/``induction … with`` and its alternatives.

  ``alts`` = [(alternative header text, R for its goal, [steps])].
  """
  def run(P: Proof, gs: list):
    A = P.A
    i = P.s.find(text, P.cur, P.hi)
    P.cur = i + len(text)
    P.end = max(P.end, P.cur)
    g = gs[0]
    new = [P.derive(g, r) for _, r, _ in alts]
    ch = []
    if target:
      ttext, ttype = target
      ti = P.s.find(ttext, i)
      h = next(h for h in g.hyps if h.name == ttext)
      ch.append(A.term(A.ref(ti, ti + len(ttext), "ident"), g.hyps, ttype, None, ttext,
                       ("fvar", h.id)))
    for (header, _, steps), ng in zip(alts, new):
      ai = P.s.find(header, P.cur, P.hi)
      P.cur = ai + len(header)
      seq, aft = P.seq([ng], steps)
      ch.append(A.tactic(A.ref(ai, P.end, "Lean.Parser.Tactic.inductionAlt"), [ng], aft, [seq]))
    after = gs[1:]
    node = A.tactic(A.ref(i, P.end, kind), gs, after, ch, acted=frozenset({g.mvar}), refs=refs)
    return node, after
  return run


def cases_plain(text: str, target: str, target_type: str, results: list):
  """``cases h`` without alternatives: new goals replace the main one."""
  def run(P: Proof, gs: list):
    A = P.A
    i, j = P.at(text)
    g = gs[0]
    new = [P.derive(g, r) for r in results]
    after = new + gs[1:]
    ti = P.s.find(target, i + len("cases"), j)
    h = next(h for h in g.hyps if h.name == target)
    term = A.term(A.ref(ti, ti + len(target), "ident"), g.hyps, target_type, None, target,
                  ("fvar", h.id))
    node = A.tactic(A.ref(i, j, "Lean.Parser.Tactic.cases"), gs, after, [term],
                    acted=frozenset({g.mvar}), refs=[target])
    return node, after
  return run


def repeat_rfl(text: str, inner: str):
  """``repeat rfl``: ``first | (rfl; repeat rfl) | skip``, unrolled until ``rfl`` fails.

  Every unrolling elaborates the same original ``rfl`` syntax again, so several nodes share
  its range; the last attempt runs with no goals left and fails.
  """
  def run(P: Proof, gs: list):
    A = P.A
    i, j = P.at(text)
    ii = P.s.find(inner, i + len("repeat"), j)
    ij = ii + len(inner)
    body_pp = f" ( {inner}\n   )  ;  repeat {inner}\n  "

    def attempt(goals):
      if goals:
        after = goals[1:]
        leaf = A.tactic(A.ref_syn(ii, ij, "Lean.Parser.Tactic.eqRefl", " eq_refl "), goals, after,
                        [], acted=frozenset({goals[0].mvar}))
      else:
        after = []
        leaf = A.tactic(A.ref_syn(ii, ij, "Lean.Parser.Tactic.eqRefl", " eq_refl "), [], [], [],
                        acted=frozenset())
      rfl = A.tactic(A.ref(ii, ij, "Lean.Parser.Tactic.tacticRfl"), goals, after, [leaf])
      s1 = A.tactic(A.ref(ii, ij, "Lean.Parser.Tactic.tacticSeq1Indented"), goals, after, [rfl])
      s0 = A.tactic(A.ref(ii, ij, "Lean.Parser.Tactic.tacticSeq"), goals, after, [s1])
      paren = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.paren", f" ( {inner}\n   ) "), goals,
                       after, [s0])
      return paren, after

    def level(goals, top: bool):
      kind = "Lean.Parser.Tactic.tacticRepeat_"
      if goals:
        paren, after = attempt(goals)
        semi = A.tactic(A.ref_syn(i, j, ";", " ; "), after, after, [], acted=frozenset())
        rest, final = level(after, False)
        s1 = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq1Indented", body_pp), goals,
                      final, [paren, semi, rest])
        s0 = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq", body_pp), goals, final, [s1])
        alts = [s0]
      else:
        paren, _ = attempt([])
        s1 = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq1Indented", body_pp), [], [],
                      [paren])
        s0 = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq", body_pp), [], [], [s1])
        skip = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.skip", " skip "), [], [], [])
        k1 = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq1Indented", " skip "), [], [],
                      [skip])
        k0 = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.tacticSeq", " skip "), [], [], [k1])
        alts = [s0, k0]
        final = []
      first = A.tactic(A.ref_syn(i, j, "Lean.Parser.Tactic.first",
                                 f" first  |  ( {inner}\n   )  ;  repeat {inner}\n   |  skip "),
                       goals, final, alts)
      if top:
        return A.tactic(A.ref(i, j, kind), goals, final, [first], refs=[]), final
      return A.tactic(A.ref_syn(i, j, kind, f" repeat {inner}\n  "), goals, final, [first]), final

    return level(gs, True)
  return run


def inductive_aux(iname: str, ctors: list, mod: str, recursive: bool = False,
                  enum: bool = False) -> list:
  """Auxiliary constants of a parameterless inductive type in ``Type``.

  ``ctors`` = [(constructor short name, [(argument name, type)])]; an argument of type
  ``iname`` makes the type recursive (``below``/``brecOn``, induction hypotheses).
  """
  from lean_expr import Sort
  I = C(iname)
  motive = V("motive")
  t = typed(V("t"), iname)

  def is_rec(ty):
    return isinstance(ty, Const) and ty.name == iname

  def ctor_app(cname, args, names=None):
    names = names or [a for a, _ in args]
    if not args:
      return C(f"{iname}.{cname}")
    idx = next((k for k, (_, ty) in enumerate(args) if is_rec(ty)), None)
    return App(C(f"{iname}.{cname}"), [(typed(V(n), iname) if is_rec(ty) else V(n), True)
                                       for n, (_, ty) in zip(names, args)], idx)

  def minor(cname, args, ih: bool):
    bs = [b(a, ty) for a, ty in args]
    if ih:
      bs += [b(f"{a}_ih", ap(motive, V(a))) for a, ty in args if is_rec(ty)]
    body = ap(motive, ctor_app(cname, args))
    return pi(bs, body)

  out = [sym(iname, "inductive", TYPE, None)]
  for cname, args in ctors:
    out.append(sym(f"{iname}.{cname}", "constructor", pi([b(a, ty) for a, ty in args], I), None))
  motive_b = bi_("motive", arrow(I, SORT_U))
  rec_minors = [minor(c, a, True) for c, a in ctors]
  case_minors = [minor(c, a, False) for c, a in ctors]
  out.append(sym(f"{iname}.rec", "recursor",
                 pi([motive_b], _arrows(rec_minors, pi([b("t", I)], ap(motive, t)))), None))
  out.append(sym(f"{iname}.casesOn", "definition",
                 pi([motive_b, b("t", I)], _arrows(case_minors, ap(motive, t))), [f"{iname}.rec"]))
  out.append(sym(f"{iname}.recOn", "definition",
                 pi([motive_b, b("t", I)], _arrows(rec_minors, ap(motive, t))), [f"{iname}.rec"]))
  if recursive:
    below_sort = Sort("Sort.{max 1 u}", "Sort (max 1 u)")
    out.append(sym(f"{iname}.below", "definition", pi([motive_b], arrow(I, below_sort)),
                   [f"{iname}.rec", "PUnit", "PProd"]))
    below = App(C(f"{iname}.below", "u"), [(motive, False), (t, True)], 1)
    F = pi([b("t", I)], arrow(below, ap(motive, t)))
    out.append(sym(f"{iname}.brecOn", "definition", pi([motive_b, b("t", I)],
                                                       arrow(F, ap(motive, t))),
                   [f"{iname}.rec", f"{iname}.below", "PProd", "PProd.mk", "PProd.fst", "PUnit",
                    "PUnit.unit"]))
  if enum:
    v = Sort(f"Sort.{{v._@.{mod}._hyg.{len(iname) * 7}}}", "Sort v✝")
    x, y = typed(V("x"), iname), typed(V("y"), iname)
    out.append(sym(f"{iname}.noConfusionType", "definition", arrow(v, arrow(I, arrow(I, v))), []))
    out.append(sym(f"{iname}.noConfusion", "definition",
                   pi([bi_("P", v), bi_("x", I), bi_("y", I)],
                      arrow(eq(I, x, y), ap(C(f"{iname}.noConfusionType"), V("P"), x, y))), []))
    out.append(sym(f"{iname}.toCtorIdx", "definition", arrow(I, NAT), [f"{iname}.ctorIdx"]))
  else:
    x1, x2 = typed(V("x1"), iname), typed(V("x2"), iname)
    out.append(sym(f"{iname}.noConfusionType", "definition", arrow(SORT_U, arrow(I, arrow(I, SORT_U))),
                   [f"{iname}.casesOn", "Eq", "Nat", iname]))
    out.append(sym(f"{iname}.noConfusion", "definition",
                   pi([bi_("P", SORT_U), bi_("x1", I), bi_("x2", I)],
                      arrow(eq(I, x1, x2), ap(C(f"{iname}.noConfusionType", "u"), V("P"), x1, x2))),
                   [f"{iname}.casesOn", f"{iname}.noConfusionType", "Eq.refl", "Eq", "Eq.ndrec",
                    iname]))
  out.append(sym(f"{iname}.ctorIdx", "definition", arrow(I, NAT),
                 [f"{iname}.casesOn", "Nat", "OfNat.ofNat", "instOfNatNat"]))
  # Injectivity and per-constructor no-confusion, for constructors with arguments.
  for cname, args in ctors:
    if not args:
      continue
    n1 = [f"{a}_1" for a, _ in args]
    np_ = [f"{a}'" for a, _ in args]
    eqs = [eq(ty, V(a), V(a2)) for (a, ty), a2 in zip(args, n1)]
    concl = eqs[-1]
    for e_ in reversed(eqs[:-1]):
      concl = and_(e_, concl)
    lhs = eq(I, ctor_app(cname, args), ctor_app(cname, args, n1))
    refs = [f"{iname}.{cname}.noConfusion", "Eq"] + (["And", "And.intro"] if len(args) > 1 else [])
    out.append(sym(f"{iname}.{cname}.inj", "theorem",
                   forall([bi_(a, ty) for a, ty in args] + [bi_(a2, ty) for (_, ty), a2 in
                                                          zip(args, n1)], arrow(lhs, concl, True)),
                   refs + [c for _, ty in args for c in consts(ty)]))
    out.append(sym(f"{iname}.{cname}.injEq", "theorem",
                   forall([b(a, ty) for a, ty in args] + [b(a2, ty) for (_, ty), a2 in
                                                        zip(args, n1)], eq(PROP, lhs, concl)),
                   ["Eq.propIntro", f"{iname}.{cname}.inj", "Eq", "Eq.refl", "Eq.ndrec",
                    f"{iname}.{cname}", iname] + (["And", "And.intro", "And.casesOn"]
                                                  if len(args) > 1 else [])))
    chain = V("P")
    for (a, ty), a2 in reversed(list(zip(args, np_))):
      chain = arrow(eq(ty, V(a), V(a2)), chain)
    out.append(sym(f"{iname}.{cname}.noConfusion", "definition",
                   pi([bi_("P", SORT_U)] + [b(a, ty) for a, ty in args] +
                      [b(a2, ty) for (_, ty), a2 in zip(args, np_)],
                      arrow(eq(I, ctor_app(cname, args), ctor_app(cname, args, np_)),
                            arrow(chain, V("P")))),
                   [f"{iname}.{cname}", f"{iname}.noConfusion"]))
  inst = C(f"{iname}._sizeOf_inst")
  for cname, args in ctors:
    total = lit(1)
    for a, ty in args:
      if is_rec(ty):
        total = add(total, sizeof(I, inst, typed(V(a), iname)))
      else:
        total = add(total, sizeof(ty, C("instSizeOfNat"), V(a)))
    lhs = sizeof(I, inst, ctor_app(cname, args))
    out.append(sym(f"{iname}.{cname}.sizeOf_spec", "theorem",
                   forall([b(a, ty) for a, ty in args], eq(NAT, lhs, total)),
                   ["Nat", "instOfNatNat", "Eq.refl", "OfNat.ofNat"] +
                   (["HAdd.hAdd", "instHAdd", "instAddNat", "SizeOf.sizeOf"] if args else [])))
  out.append(sym(f"{iname}._sizeOf_1", "definition", arrow(I, NAT),
                 ["Nat", "instOfNatNat", "OfNat.ofNat", f"{iname}.rec"] +
                 (["HAdd.hAdd", "instHAdd", "instAddNat", "SizeOf.sizeOf", "instSizeOfNat"]
                  if any(args for _, args in ctors) else [])))
  out.append(sym(f"{iname}._sizeOf_inst", "definition", ap(C("SizeOf", "1"), I),
                 [iname, f"{iname}._sizeOf_1", "SizeOf.mk"]))
  return out
