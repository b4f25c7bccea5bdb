#!/usr/bin/env python3
"""Authors pipelines/sample/analyzer-output/: jixia-format output for the sample project.

No Lean toolchain is needed: this script holds a hand-written spec for every command, every
declaration's constants and every tactic step of the sample's `.lean` files, and computes all
byte ranges by locating the spec'd text in those files. It writes, for every module M,
`M.mod.json`, `M.decl.json`, `M.sym.json`, `M.elab.json` and `M.line.json` as jixia's
`-m -d -s -e -l` plugins would (compact JSON, sorted keys, trailing newline).

Deterministic: re-running rewrites byte-identical files. Standard library only.

    python3 scripts/sample/author_analyzer_output.py          # writes the files
    python3 scripts/sample/check_analyzer_output.py           # verifies them
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from authoring import (  # noqa: E402
  Author, Field, Hs, R, all_goals, alternatives, cases_plain, cdot, have, inductive_aux, intro,
  matcher, projections, repeat_rfl, rfl_, rw, step, structure_aux, sym,
)
from lean_expr import (  # noqa: E402
  BOOL, NAT, PROP, SORT_U1, TYPE, TYPE_U, UNIT, App, C, ProofTerm, StructLit, V, add,
  add_in, and_, ap, arrow, b, bi_, binst, eq, exists_, false_, forall, imp, lam, le, lit, lt,
  mul, mul_in, or_, pi, true_, typed,
)

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "pipelines" / "sample"
OUT = ROOT / "analyzer-output"

# Constants an `omega` proof term mentions (its certificate checking), abridged.
OMEGA = [
  "Decidable.byContradiction", "Lean.Omega.LinearCombo", "Lean.Omega.LinearCombo.eval",
  "Lean.Omega.LinearCombo.coordinate_eval_0", "Lean.Omega.LinearCombo.coordinate_eval_1",
  "Lean.Omega.Constraint", "Lean.Omega.Constraint.addInequality_sat",
  "Lean.Omega.Constraint.not_sat'_of_isImpossible", "Lean.Omega.Coeffs", "Lean.Omega.IntList",
  "Lean.Omega.Int.ofNat_le_of_le", "Int", "Int.ofNat", "Nat.cast", "instNatCastInt",
  "Int.instLEInt", "Int.instAddInt", "Int.instNegInt", "Not", "False", "Nat", "Eq", "List.cons",
  "List.nil", "OfNat.ofNat", "instOfNatNat", "instOfNat", "id",
]
REWRITE = ["Eq.mpr", "congrArg", "id", "Eq"]
NATOPS = ["HAdd.hAdd", "instHAdd", "instAddNat", "Nat", "OfNat.ofNat", "instOfNatNat"]
MULOPS = ["HMul.hMul", "instHMul", "instMulNat"]
LEOPS = ["LE.le", "instLENat"]

P_ = C("Sample.Point")


def dbl(x):
  return ap(C("Sample.double"), x)


def tri(x):
  return ap(C("Sample.triple"), x)


def quad(x):
  return ap(C("Sample.quadruple"), x)


def px(v):
  return App(C("Sample.Point.x"), [(v, True)], 0)


def py(v):
  return App(C("Sample.Point.y"), [(v, True)], 0)


def padd(a, b_):
  return App(C("Sample.Point.add"), [(a, True), (b_, True)], 0)


WEIGHT = "_private.Sample.Basic.0.Sample.Point.weight"


def weight(v):
  return App(C(WEIGHT), [(v, True)], 0)


def pt(v):
  return typed(V(v), "Sample.Point")


# =============================================================================================
# Sample.Basic


def basic() -> Author:
  A = Author(ROOT, "Sample/Basic.lean", "Sample.Basic", 11,
             aliases={"double": "Sample.double", "Point": "Sample.Point",
                      "add": "Sample.Point.add", "weight": "Sample.Point.weight"},
             imports=["Init"])
  n, p, q = V("n"), pt("p"), pt("q")
  A.add_syms(
    sym("Sample.double", "definition", arrow(NAT, NAT), NATOPS[:4]),
    sym("Sample.double_eq_two_mul", "theorem",
        forall([b("n", NAT)], eq(NAT, dbl(n), mul(lit(2), n))),
        ["Sample.double"] + NATOPS + MULOPS + OMEGA),
    structure_aux("Sample.Point", [], [Field("x", NAT), Field("y", NAT)]),
    projections("Sample.Point", [], [Field("x", NAT), Field("y", NAT)], is_class=False),
    sym("Sample.Point.add", "definition", arrow(P_, arrow(P_, P_)),
        ["Sample.Point.mk", "Sample.Point.x", "Sample.Point.y"] + NATOPS[:4]),
    sym("Sample.Point.add.eq_1", "theorem",
        forall([b("p", P_), b("q", P_)],
               eq(P_, padd(p, q), StructLit("Sample.Point.mk", (), [],
                                            [("x", add(px(p), px(q))), ("y", add(py(p), py(q)))]))),
        ["Eq.refl", "Sample.Point", "Sample.Point.add", "Sample.Point.mk", "Sample.Point.x",
         "Sample.Point.y", "Eq"] + NATOPS[:4]),
    sym("Sample.Point.add_comm", "theorem",
        forall([b("p", P_), b("q", P_)], eq(P_, padd(p, q), padd(q, p))),
        ["Sample.Point.casesOn", "Sample.Point.add.eq_1", "Sample.Point.add", "Sample.Point.mk",
         "Nat.add_comm", "of_eq_true", "eq_self", "Eq.trans", "congrArg", "congr", "True", "Eq",
         "Sample.Point"] + NATOPS[:4]),
    sym(WEIGHT, "definition", arrow(P_, NAT),
        ["Sample.Point.x", "Sample.Point.y"] + NATOPS[:4]),
    sym(f"{WEIGHT}.eq_1", "theorem",
        forall([b("p", P_)], eq(NAT, weight(p), add(px(p), py(p)))),
        ["Eq.refl", WEIGHT, "Sample.Point.x", "Sample.Point.y", "Eq"] + NATOPS[:4]),
    sym("Sample.Point.weight_add", "theorem",
        forall([b("p", P_), b("q", P_)],
               eq(NAT, weight(padd(p, q)), add(weight(p), weight(q)))),
        [WEIGHT, f"{WEIGHT}.eq_1", "Sample.Point.add", "Sample.Point.add.eq_1", "Sample.Point.x",
         "Sample.Point.y"] + REWRITE + NATOPS + OMEGA),
  )
  A.sym_types.update({
    "Sample.double": arrow(NAT, NAT),
    "Sample.double_eq_two_mul": forall([b("n", NAT)], eq(NAT, dbl(n), mul(lit(2), n))),
    "Sample.Point": TYPE,
    "Sample.Point.x": arrow(P_, NAT), "Sample.Point.y": arrow(P_, NAT),
    "Sample.Point.add": arrow(P_, arrow(P_, P_)),
    "Sample.Point.add_comm": forall([b("p", P_), b("q", P_)], eq(P_, padd(p, q), padd(q, p))),
    WEIGHT: arrow(P_, NAT),
    "Sample.Point.weight_add": forall([b("p", P_), b("q", P_)],
                                      eq(NAT, weight(padd(p, q)), add(weight(p), weight(q)))),
  })

  A.module_doc()
  A.namespace("Sample")
  A.decl("/-- `double n` is", "Sample.double", goal="Nat")
  A.decl("/-- Doubling agrees", "Sample.double_eq_two_mul", goal="Sample.double n = 2 * n",
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.unfold", "unfold double", [R("n + n = 2 * n")],
                refs=["double"]),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.decl("/-- A point of the plane", "Sample.Point",
         fields=[("x", "Nat"), ("y", "Nat")])
  A.namespace("Point")
  A.decl("/-- Componentwise sum", "Sample.Point.add", goal="Sample.Point")
  mk = "Sample.Point.add { x := x✝, y := y✝ } q = Sample.Point.add q { x := x✝, y := y✝ }"
  mk2 = ("Sample.Point.add { x := x✝¹, y := y✝¹ } { x := x✝, y := y✝ } = "
         "Sample.Point.add { x := x✝, y := y✝ } { x := x✝¹, y := y✝¹ }")
  A.decl("/-- Addition of points", "Sample.Point.add_comm",
         goal="Sample.Point.add p q = Sample.Point.add q p",
         proof=lambda P, g: P.by(g, [
           cases_plain("cases p", "p", "Sample.Point", [
             R(mk, tag="mk", drop=["p"], add=[Hs("x✝", "Nat"), Hs("y✝", "Nat")])]),
           cases_plain("cases q", "q", "Sample.Point", [
             R(mk2, tag="mk", drop=["q"], rename={"x✝": "x✝¹", "y✝": "y✝¹"},
               add=[Hs("x✝", "Nat"), Hs("y✝", "Nat")])]),
           step("Lean.Parser.Tactic.simp", "simp [add, Nat.add_comm]", [],
                refs=["add", "Nat.add_comm"],
                used=["Sample.Point.add.eq_1", "Nat.add_comm"],
                lemmas=[("add", "Sample.Point → Sample.Point → Sample.Point",
                         "Sample.Point.add"),
                        ("Nat.add_comm", "∀ (n m : Nat), n + m = m + n", "Nat.add_comm")]),
         ]))
  A.decl("/-- The sum of both coordinates", WEIGHT, goal="Nat")
  A.decl("/-- The weight of a sum", "Sample.Point.weight_add",
         goal=("Sample.Point.weight (Sample.Point.add p q) = "
               "Sample.Point.weight p + Sample.Point.weight q"),
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.simp", "simp only [weight, add]", [R(
             "Sample.Point.x p + Sample.Point.x q + (Sample.Point.y p + Sample.Point.y q) = "
             "Sample.Point.x p + Sample.Point.y p + (Sample.Point.x q + Sample.Point.y q)")],
             refs=["weight", "add"], used=[f"{WEIGHT}.eq_1", "Sample.Point.add.eq_1"],
             lemmas=[("weight", "Sample.Point → Nat", WEIGHT),
                     ("add", "Sample.Point → Sample.Point → Sample.Point", "Sample.Point.add")]),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.decl("example : weight", "_example", goal="Sample.Point.weight { x := 1, y := 2 } = 3",
         value={"type": "Sample.Point.weight { x := 1, y := 2 } = Sample.Point.weight "
                        "{ x := 1, y := 2 }",
                "expected": "Sample.Point.weight { x := 1, y := 2 } = 3", "value": "rfl"})
  A.end("Point")
  A.end("Sample")
  A.eoi()
  return A


# =============================================================================================
# Sample.Arith


def arith() -> Author:
  A = Author(ROOT, "Sample/Arith.lean", "Sample.Arith", 17,
             aliases={"double": "Sample.double", "triple": "Sample.triple"},
             imports=["Init", "Sample.Basic"])
  m, n, x = V("m"), V("n"), V("x")
  xr = V("x", "x._@.Sample.Arith.2267941513._hygCtx._hyg.31")
  match_t = matcher("Sample.triple.match_1", [("x", NAT)],
                    [([], [lit(0)]), ([b("n", NAT)], [add(n, lit(1))])])
  splitter_t = pi([b("motive", arrow(NAT, SORT_U1)), b("x", NAT)],
                  arrow(ap(V("motive"), lit(0)),
                        arrow(pi([b("n", NAT)], ap(V("motive"), add(n, lit(1)))),
                              ap(V("motive"), x))))
  eq_def_t = forall([b("x", NAT, raw=xr.raw)], eq(NAT, tri(x), ap(
    C("Sample.triple.match_1", "1"), lam([b("x", NAT)], NAT), x, lam([b("_", UNIT)], lit(0)),
    lam([b("n", NAT)], add(tri(n), lit(3))))))
  triple_eq_t = forall([b("n", NAT)], eq(NAT, tri(n), mul(lit(3), n)))
  double_add_t = forall([b("m", NAT), b("n", NAT)],
                        eq(NAT, dbl(add(m, n)), add(dbl(m), dbl(n))))
  A.add_syms(
    sym("Sample.double.eq_1", "theorem", forall([b("n", NAT)], eq(NAT, dbl(n), add(n, n))),
        ["Eq.refl", "Sample.double", "Eq"] + NATOPS[:4]),
    sym("Sample.double_add", "theorem", double_add_t,
        ["Sample.double", "Sample.double.eq_1"] + REWRITE + NATOPS + OMEGA),
    sym("Sample.triple", "definition", arrow(NAT, NAT),
        ["Sample.triple.match_1", "Nat.below", "Nat.brecOn"] + NATOPS),
    sym("Sample.triple.match_1", "definition", match_t, ["Nat.casesOn", "Unit.unit"]),
    sym("Sample.triple._sunfold", "definition", arrow(NAT, NAT),
        ["Sample.triple.match_1", "Sample.triple"] + NATOPS),
    sym("Sample.triple._unsafe_rec", "definition", arrow(NAT, NAT),
        ["Sample.triple.match_1", "Sample.triple._unsafe_rec"] + NATOPS),
    sym("Sample.triple.eq_1", "theorem", eq(NAT, tri(lit(0)), lit(0)),
        ["Eq.refl", "Sample.triple", "Eq", "Nat", "OfNat.ofNat", "instOfNatNat"]),
    sym("Sample.triple.eq_2", "theorem",
        forall([b("n", NAT)], eq(NAT, tri(add(n, lit(1))), add(tri(n), lit(3)))),
        ["Eq.refl", "Sample.triple", "Eq"] + NATOPS),
    sym("Sample.triple.match_1.splitter", "definition", splitter_t, ["Nat.casesOn"]),
    sym("Sample.triple.eq_def", "theorem", eq_def_t,
        ["Sample.triple", "Sample.triple.eq_1", "Sample.triple.eq_2", "Sample.triple.match_1",
         "Sample.triple.match_1.splitter", "Eq.refl", "Eq.symm", "Eq.ndrec", "id", "Eq",
         "Unit"] + NATOPS),
    sym("Sample.triple_eq", "theorem", triple_eq_t,
        ["Nat.rec_add_one", "Sample.triple", "Sample.triple.eq_2", "Eq.refl"] + REWRITE +
        NATOPS + MULOPS + OMEGA),
    sym("Sample.triple_one", "theorem", eq(NAT, tri(lit(1)), lit(3)),
        ["Sample.triple", "Sample.triple.eq_def", "Sample.triple.match_1", "Eq.refl"] +
        REWRITE + NATOPS),
  )
  A.sym_types.update({"Sample.double_add": double_add_t, "Sample.triple": arrow(NAT, NAT),
                      "Sample.triple_eq": triple_eq_t,
                      "Sample.triple_one": eq(NAT, tri(lit(1)), lit(3))})

  A.module_doc()
  A.namespace("Sample")
  A.decl("/-- Doubling distributes", "Sample.double_add",
         goal="Sample.double (m + n) = Sample.double m + Sample.double n",
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.simp", "simp only [double]",
                [R("m + n + (m + n) = m + m + (n + n)")], refs=["double"],
                used=["Sample.double.eq_1"],
                lemmas=[("double", "Nat → Nat", "Sample.double")]),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.decl("/-- `triple n` adds three", "Sample.triple", goal="Nat → Nat",
         value={"value": "fun x =>\n  match x with\n  | 0 => 0\n  | n.succ => Sample.triple n + 3"})
  A.decl("/-- `triple` is multiplication", "Sample.triple_eq",
         goal="Sample.triple n = 3 * n",
         proof=lambda P, g: P.by(g, [
           alternatives("Lean.Parser.Tactic.induction", "induction n with", ("n", "Nat"), [
             ("| zero =>", R("Sample.triple 0 = 3 * 0", tag="zero", drop=["n"], uses=[]), [
               rfl_()]),
             ("| succ k ih =>", R("Sample.triple (k + 1) = 3 * (k + 1)", tag="succ", drop=["n"],
                                  add=[Hs("k", "Nat"),
                                       Hs("ih", "Sample.triple k = 3 * k", True)]), [
               rw("rw [triple]", [("triple", "Nat → Nat", "Sample.triple",
                                   R("Sample.triple k + 3 = 3 * (k + 1)"))], closes=False),
               step("Lean.Parser.Tactic.omega", "omega", [])]),
           ], refs=["n", "zero", "succ", "k", "ih"]),
         ]))
  A.decl("/-- A value of `triple`", "Sample.triple_one", goal="Sample.triple 1 = 3",
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.unfold", "unfold triple", [R("Sample.triple 0 + 3 = 3")],
                refs=["triple"]),
           rfl_(),
         ]))
  A.end("Sample")
  A.eoi()
  return A


# =============================================================================================
# Sample.Order


def order() -> Author:
  A = Author(ROOT, "Sample/Order.lean", "Sample.Order", 23,
             aliases={"double": "Sample.double", "quadruple": "Sample.quadruple",
                      "double_le_double": "Sample.double_le_double",
                      "double_eq_two_mul": "Sample.double_eq_two_mul",
                      "le_add_right": "Nat.le_add_right"},
             imports=["Init", "Sample.Arith"])
  m, n, k = V("m"), V("n"), V("k")
  T = {
    "Sample.quadruple": arrow(NAT, NAT),
    "Sample.quadruple_eq": forall([b("n", NAT)], eq(NAT, quad(n), mul(lit(4), n))),
    "Sample.double_le_double": forall([bi_("m", NAT), bi_("n", NAT)],
                                      arrow(le(m, n), le(dbl(m), dbl(n)), True)),
    "Sample.quadruple_mono": forall([b("m", NAT), b("n", NAT)],
                                    arrow(le(m, n), le(quad(m), quad(n)), True)),
    "Sample.le_double": forall([b("n", NAT)], le(n, dbl(n))),
    "Sample.double_add_le": forall([b("k", NAT), bi_("m", NAT), bi_("n", NAT)],
                                   arrow(le(m, n), le(dbl(add(m, k)), dbl(add(n, k))), True)),
  }
  A.sym_types.update(T)
  A.add_syms(
    sym("Sample.quadruple", "definition", T["Sample.quadruple"], ["Sample.double"]),
    sym("Sample.quadruple_eq", "theorem", T["Sample.quadruple_eq"],
        ["Sample.double", "Sample.double_eq_two_mul", "Sample.quadruple"] + REWRITE + NATOPS +
        MULOPS + OMEGA),
    sym("Sample.double_le_double", "theorem", T["Sample.double_le_double"],
        ["Sample.double", "id"] + LEOPS + NATOPS + OMEGA),
    sym("Sample.quadruple_mono", "theorem", T["Sample.quadruple_mono"],
        ["Sample.double_le_double", "Sample.double", "Nat"]),
    sym("Sample.le_double", "theorem", T["Sample.le_double"],
        ["Nat.le_add_right", "Sample.double", "id"] + LEOPS + NATOPS[:4]),
    sym("Sample.double_add_le", "theorem", T["Sample.double_add_le"],
        ["Sample.double_add", "Sample.double_le_double", "Sample.double"] + REWRITE + LEOPS +
        NATOPS + OMEGA),
  )
  A.module_doc()
  A.namespace("Sample")
  A.decl("/-- `quadruple n` doubles", "Sample.quadruple", goal="Nat")
  A.decl("/-- `quadruple` is multiplication", "Sample.quadruple_eq",
         goal="Sample.quadruple n = 4 * n",
         proof=lambda P, g: P.by(g, [
           have("let d := double n", "Lean.Parser.Tactic.tacticLet_",
                R(add=[Hs("d", "Nat", value="Sample.double n")]),
                ("double n", "Lean.Parser.Term.app", "Nat", "Sample.double n", None)),
           have("have hd : d = 2 * n := double_eq_two_mul n", "Lean.Parser.Tactic.tacticHave_",
                R(add=[Hs("hd", "d = 2 * n", True)]),
                ("double_eq_two_mul n", "Lean.Parser.Term.app", "Sample.double n = 2 * n",
                 "Sample.double_eq_two_mul n", None)),
           step("Lean.Parser.Tactic.show", "show double d = 4 * n",
                [R("Sample.double d = 4 * n")], refs=["double", "d", "n"],
                term=("double d = 4 * n", "term_=_", "Prop", "Sample.double d = 4 * n", None)),
           rw("rw [double_eq_two_mul, hd]", [
             ("double_eq_two_mul", "∀ (n : Nat), Sample.double n = 2 * n",
              "Sample.double_eq_two_mul", R("2 * d = 4 * n")),
             ("hd", "d = 2 * n", "hd", R("2 * (2 * n) = 4 * n"))], closes=False),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.decl("/-- Doubling is monotone", "Sample.double_le_double",
         goal="Sample.double m ≤ Sample.double n",
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.unfold", "unfold double", [R("m + m ≤ n + n")],
                refs=["double"]),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.decl("/-- Quadrupling is monotone", "Sample.quadruple_mono",
         goal="∀ (m n : Nat), m ≤ n → Sample.quadruple m ≤ Sample.quadruple n",
         proof=lambda P, g: P.by(g, [
           intro("intro _ _ h", [
             ("_", R("∀ (n : Nat), m✝ ≤ n → Sample.quadruple m✝ ≤ Sample.quadruple n",
                     add=[Hs("m✝", "Nat")]), "hole"),
             ("_", R("m✝ ≤ n✝ → Sample.quadruple m✝ ≤ Sample.quadruple n✝",
                     add=[Hs("n✝", "Nat")]), "hole"),
             ("h", R("Sample.quadruple m✝ ≤ Sample.quadruple n✝",
                     add=[Hs("h", "m✝ ≤ n✝", True)]), "ident"),
           ]),
           step("Lean.Parser.Tactic.exact", "exact double_le_double (double_le_double h)", [],
                refs=["double_le_double", "h"],
                term=("double_le_double (double_le_double h)", "Lean.Parser.Term.app",
                      "Sample.double (Sample.double m✝) ≤ Sample.double (Sample.double n✝)",
                      "Sample.double_le_double (Sample.double_le_double h)", None)),
         ]))
  A.decl("/-- A number is at most its double", "Sample.le_double",
         goal="n ≤ Sample.double n", wrap_open=("open Nat in", "Nat"),
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.unfold", "unfold double", [R("n ≤ n + n")], refs=["double"]),
           step("Lean.Parser.Tactic.exact", "exact le_add_right n n", [],
                refs=["le_add_right", "n"],
                term=("le_add_right n n", "Lean.Parser.Term.app", "n ≤ n + n",
                      "Nat.le_add_right n n", None)),
         ]))
  A.section()
  A.variable("variable (k : Nat)")
  A.decl("/-- Adding the same number", "Sample.double_add_le", nvars=1,
         goal="Sample.double (m + k) ≤ Sample.double (n + k)",
         proof=lambda P, g: P.by(g, [
           rw("rw [double_add, double_add]", [
             ("double_add", "∀ (m n : Nat), Sample.double (m + n) = Sample.double m + "
                            "Sample.double n", "Sample.double_add",
              R("Sample.double m + Sample.double k ≤ Sample.double (n + k)")),
             ("double_add", "∀ (m n : Nat), Sample.double (m + n) = Sample.double m + "
                            "Sample.double n", "Sample.double_add",
              R("Sample.double m + Sample.double k ≤ Sample.double n + Sample.double k"))],
              closes=False),
           have("have h₂ := double_le_double h", "Lean.Parser.Tactic.tacticHave_",
                R(add=[Hs("h₂", "Sample.double m ≤ Sample.double n", True)]),
                ("double_le_double h", "Lean.Parser.Term.app",
                 "Sample.double m ≤ Sample.double n", "Sample.double_le_double h", None)),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.end()
  A.end("Sample")
  A.eoi()
  return A


# =============================================================================================
# Sample.Algebra.Monoid

ALPHA = V("α")
INST = V("inst", "inst._@.Sample.Algebra.Monoid.1732405617._hygCtx._hyg.22")


def mon(ty):
  return ap(C("Sample.Monoid", "u"), ty)


def mop(x, y, self_=INST, ty=ALPHA):
  return App(C("Sample.Monoid.op", "u"), [(ty, False), (self_, False), (x, True), (y, True)], 1)


def munit(self_=INST, ty=ALPHA):
  return App(C("Sample.Monoid.unit", "u"), [(ty, False), (self_, False)], 1)


def monoid() -> Author:
  A = Author(ROOT, "Sample/Algebra/Monoid.lean", "Sample.Algebra.Monoid", 29,
             aliases={"Monoid": "Sample.Monoid", "Monoid.op": "Sample.Monoid.op",
                      "Monoid.unit": "Sample.Monoid.unit", "Monoid.op_unit":
                      "Sample.Monoid.op_unit", "quadruple": "Sample.quadruple",
                      "double_add": "Sample.double_add"},
             imports=["Init", "Sample.Order"], types={"Monoid α": "Type u", "List α": "Type u"})
  a_, b2, c_, e_ = V("a"), V("b"), V("c"), V("e")
  op, unit = V("op"), V("unit")
  fields = [
    Field("op", arrow(ALPHA, arrow(ALPHA, ALPHA))),
    Field("unit", ALPHA),
    Field("op_assoc", forall([b("a", ALPHA), b("b", ALPHA), b("c", ALPHA)],
                             eq(ALPHA, ap(op, ap(op, a_, b2), c_), ap(op, a_, ap(op, b2, c_)))), True),
    Field("unit_op", forall([b("a", ALPHA)], eq(ALPHA, ap(op, unit, a_), a_)), True),
    Field("op_unit", forall([b("a", ALPHA)], eq(ALPHA, ap(op, a_, unit), a_)), True),
  ]
  params = [b("α", TYPE_U)]
  m, n = V("m"), V("n")
  T = {
    "Sample.Monoid": pi([b("α", TYPE_U)], TYPE_U),
    "Sample.instMonoidNat": ap(C("Sample.Monoid", "0"), NAT),
    "Sample.listMonoid": pi([bi_("α", TYPE_U)], mon(ap(C("List", "u"), ALPHA))),
    "Sample.unit_unique": forall(
      [bi_("α", TYPE_U), binst("inst", mon(ALPHA), raw=INST.raw), b("e", ALPHA)],
      arrow(forall([b("a", ALPHA)], eq(ALPHA, mop(e_, a_), a_)), eq(ALPHA, e_, munit()), True)),
    "Sample.quadruple_add": forall([b("m", NAT), b("n", NAT)],
                                   eq(NAT, quad(add(m, n)), add(quad(m), quad(n)))),
    "Sample.Monoid.op": pi([bi_("α", TYPE_U), binst("self", mon(ALPHA))],
                           arrow(ALPHA, arrow(ALPHA, ALPHA))),
    "Sample.Monoid.unit": pi([bi_("α", TYPE_U), binst("self", mon(ALPHA))], ALPHA),
  }
  A.sym_types.update(T)
  sz = V("inst", "inst._@.Sample.Algebra.Monoid.1732405617._hygCtx._hyg.80")
  A.add_syms(
    structure_aux("Sample.Monoid", params, fields, sizeof_inst={"unit": sz},
                  sizeof_binders=(binst("inst", ap(C("SizeOf", "succ u"), ALPHA), raw=sz.raw),)),
    projections("Sample.Monoid", params, fields, is_class=True),
    sym("Sample.instMonoidNat", "definition", T["Sample.instMonoidNat"],
        ["Sample.Monoid.mk", "Nat.add", "Nat", "Nat.add_assoc", "Nat.zero_add", "Nat.add_zero",
         "OfNat.ofNat", "instOfNatNat"]),
    sym("Sample.listMonoid", "definition", T["Sample.listMonoid"],
        ["Sample.Monoid.mk", "List", "List.append", "List.nil", "List.append_assoc",
         "List.nil_append", "List.append_nil"]),
    sym("Sample.unit_unique", "theorem", T["Sample.unit_unique"],
        ["Sample.Monoid.op_unit", "Sample.Monoid.op", "Sample.Monoid.unit", "Eq.mp", "congrArg",
         "id", "Eq"]),
    sym("Sample.quadruple_add", "theorem", T["Sample.quadruple_add"],
        ["Sample.double_add", "Sample.double", "Sample.quadruple", "Eq.refl"] + REWRITE +
        NATOPS[:4]),
  )
  A.module_doc()
  A.universe("u")
  A.namespace("Sample")
  A.decl("/-- A monoid:", "Sample.Monoid", fields=[
    ("op", "α → α → α"), ("unit", "α"), ("op_assoc", "∀ a b c : α, op (op a b) c = op a (op b c)"),
    ("unit_op", "∀ a : α, op unit a = a"), ("op_unit", "∀ a : α, op a unit = a")])
  A.decl("/-- Natural numbers under addition", "Sample.instMonoidNat",
         value={"value": "{ op := Nat.add, unit := 0, op_assoc := Nat.add_assoc, "
                         "unit_op := Nat.zero_add, op_unit := Nat.add_zero }"})
  A.decl("/-- Lists under concatenation", "Sample.listMonoid",
         value={"value": "{ op := List.append, unit := [], op_assoc := ⋯, unit_op := ⋯, "
                         "op_unit := ⋯ }"})
  A.section()
  A.variable("variable {α : Type u} [Monoid α]")
  h1 = "Sample.Monoid.op e Sample.Monoid.unit = Sample.Monoid.unit"
  A.decl("/-- The neutral element is unique", "Sample.unit_unique", nvars=2,
         goal="e = Sample.Monoid.unit",
         proof=lambda P, g: P.by(g, [
           have("have h₁ := h Monoid.unit", "Lean.Parser.Tactic.tacticHave_",
                R(add=[Hs("h₁", h1, True)], uses=["e", "inst✝"]),
                ("h Monoid.unit", "Lean.Parser.Term.app", h1, "h Sample.Monoid.unit", None)),
           rw("rw [Monoid.op_unit] at h₁", [
             ("Monoid.op_unit", "∀ {α : Type u} [self : Sample.Monoid α] (a : α), "
                                "Sample.Monoid.op a Sample.Monoid.unit = a",
              "Sample.Monoid.op_unit",
              R(retype={"h₁": "e = Sample.Monoid.unit"}, uses=["e", "inst✝"]))],
              closes=False, at="h₁"),
           step("Lean.Parser.Tactic.exact", "exact h₁", [], refs=["h₁"],
                term=("h₁", "ident", "e = Sample.Monoid.unit", "h₁", None)),
         ]))
  A.end()
  dd = "Sample.double (Sample.double m) + Sample.double (Sample.double n)"
  A.decl("/-- `quadruple` is additive", "Sample.quadruple_add",
         goal="Sample.quadruple (m + n) = Sample.quadruple m + Sample.quadruple n",
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.unfold", "unfold quadruple",
                [R(f"Sample.double (Sample.double (m + n)) = {dd}")], refs=["quadruple"]),
           rw("rw [double_add, double_add]", [
             ("double_add", "∀ (m n : Nat), Sample.double (m + n) = Sample.double m + "
                            "Sample.double n", "Sample.double_add",
              R(f"Sample.double (Sample.double m + Sample.double n) = {dd}")),
             ("double_add", "∀ (m n : Nat), Sample.double (m + n) = Sample.double m + "
                            "Sample.double n", "Sample.double_add", R(f"{dd} = {dd}"))],
              closes=True),
         ]))
  A.end("Sample")
  A.eoi()
  return A


# =============================================================================================
# Sample.Algebra.Group

AH = C("Sample.AddHom")
QH = C("Sample.quadHom")


def tf(h, x):
  return App(C("Sample.AddHom.toFun"), [(h, True), (x, True)], 0)


def group() -> Author:
  A = Author(ROOT, "Sample/Algebra/Group.lean", "Sample.Algebra.Group", 31,
             aliases={"AddHom": "Sample.AddHom", "quadruple": "Sample.quadruple",
                      "quadruple_add": "Sample.quadruple_add", "quadHom": "Sample.quadHom",
                      "comp": "Sample.AddHom.comp", "AddHom.map_add": "Sample.AddHom.map_add",
                      "quadHom.toFun": "Sample.AddHom.toFun Sample.quadHom"},
             imports=["Init", "Sample.Algebra.Monoid"])
  m, n, g, f = V("m"), V("n"), typed(V("g"), "Sample.AddHom"), typed(V("f"), "Sample.AddHom")
  tofun = V("toFun")
  fields = [Field("toFun", arrow(NAT, NAT)),
            Field("map_add", forall([b("m", NAT), b("n", NAT)],
                                    eq(NAT, ap(tofun, add(m, n)), add(ap(tofun, m), ap(tofun, n)))),
                  True)]
  comp = App(C("Sample.AddHom.comp"), [(QH, True), (QH, True)], 0)
  T = {
    "Sample.AddHom": TYPE,
    "Sample.AddHom.toFun": arrow(AH, arrow(NAT, NAT)),
    "Sample.AddHom.map_add": forall([b("self", AH), b("m", NAT), b("n", NAT)], eq(
      NAT, tf(typed(V("self"), "Sample.AddHom"), add(m, n)),
      add(tf(typed(V("self"), "Sample.AddHom"), m), tf(typed(V("self"), "Sample.AddHom"), n)))),
    "Sample.quadHom": AH,
    "Sample.AddHom.comp": arrow(AH, arrow(AH, AH)),
    "Sample.quadHom_add": forall([b("m", NAT), b("n", NAT)],
                                 eq(NAT, tf(QH, add(m, n)), add(quad(m), quad(n)))),
    "Sample.comp_quadHom": forall([b("n", NAT)], eq(NAT, tf(comp, n), quad(quad(n)))),
  }
  A.sym_types.update(T)
  A.add_syms(
    structure_aux("Sample.AddHom", [], fields),
    projections("Sample.AddHom", [], fields, is_class=False),
    sym("Sample.quadHom", "definition", AH,
        ["Sample.AddHom.mk", "Sample.quadruple", "Sample.quadruple_add"]),
    sym("Sample.AddHom.comp", "definition", T["Sample.AddHom.comp"],
        ["Sample.AddHom.mk", "Sample.AddHom.toFun", "Sample.AddHom.comp.proof_1"]),
    sym("Sample.AddHom.comp.proof_1", "theorem",
        forall([b("g", AH), b("f", AH), b("m", NAT), b("n", NAT)],
               eq(NAT, tf(g, tf(f, add(m, n))), add(tf(g, tf(f, m)), tf(g, tf(f, n))))),
        ["Sample.AddHom.map_add", "Sample.AddHom.toFun", "of_eq_true", "Eq.trans", "congrArg",
         "eq_self", "True", "Eq"] + NATOPS[:4]),
    sym("Sample.quadHom_add", "theorem", T["Sample.quadHom_add"],
        ["Sample.AddHom.map_add", "Sample.quadHom", "Sample.AddHom.toFun", "Sample.quadruple",
         "Eq.refl"] + REWRITE + NATOPS[:4]),
    sym("Sample.comp_quadHom", "theorem", T["Sample.comp_quadHom"],
        ["rfl", "Nat", "Sample.AddHom.toFun", "Sample.AddHom.comp", "Sample.quadHom"]),
  )
  A.module_doc()
  A.namespace("Sample")
  A.decl("/-- A map of natural numbers", "Sample.AddHom", fields=[
    ("toFun", "Nat → Nat"), ("map_add", "∀ m n, toFun (m + n) = toFun m + toFun n")])
  A.decl("/-- Quadrupling, as", "Sample.quadHom",
         value={"type": "Sample.AddHom", "value": "{ toFun := Sample.quadruple, map_add := ⋯ }"})
  gf = "Sample.AddHom.toFun g (Sample.AddHom.toFun f"
  A.decl("/-- The composition of two", "Sample.AddHom.comp", proof_at="by\n",
         goal=f"∀ (m n : Nat), {gf} (m + n)) = {gf} m) + {gf} n)",
         proof=lambda P, g0: P.by(g0, [
           intro("intro m n", [
             ("m", R(f"∀ (n : Nat), {gf} (m + n)) = {gf} m) + {gf} n)",
                     add=[Hs("m", "Nat")]), "ident"),
             ("n", R(f"{gf} (m + n)) = {gf} m) + {gf} n)", add=[Hs("n", "Nat")]), "ident")]),
           step("Lean.Parser.Tactic.simp", "simp only [AddHom.map_add]", [],
                refs=["AddHom.map_add"], used=["Sample.AddHom.map_add"],
                lemmas=[("AddHom.map_add",
                         "∀ (self : Sample.AddHom) (m n : Nat), Sample.AddHom.toFun self (m + n) "
                         "= Sample.AddHom.toFun self m + Sample.AddHom.toFun self n",
                         "Sample.AddHom.map_add")]),
         ]))
  q = "Sample.quadruple m + Sample.quadruple n"
  A.decl("/-- `quadHom` sends a sum", "Sample.quadHom_add",
         goal=f"Sample.AddHom.toFun Sample.quadHom (m + n) = {q}",
         proof=lambda P, g0: P.by(g0, [
           rw("rw [quadHom.map_add]", [
             ("quadHom.map_add", "∀ (m n : Nat), Sample.AddHom.toFun Sample.quadHom (m + n) = "
                                 "Sample.AddHom.toFun Sample.quadHom m + Sample.AddHom.toFun "
                                 "Sample.quadHom n", "Sample.AddHom.map_add",
              R("Sample.AddHom.toFun Sample.quadHom m + Sample.AddHom.toFun Sample.quadHom n = "
                + q))], closes=False),
           rfl_(),
         ]))
  A.open_("open AddHom (comp)",
          {"rename": {"as": ["comp"], "name": ["Sample", "AddHom", "comp"]}})
  A.decl("/-- Composing `quadHom`", "Sample.comp_quadHom",
         goal="Sample.AddHom.toFun (Sample.AddHom.comp Sample.quadHom Sample.quadHom) n = "
              "Sample.quadruple (Sample.quadruple n)",
         value={"type": "Sample.AddHom.toFun (Sample.AddHom.comp Sample.quadHom Sample.quadHom) "
                        "n = Sample.AddHom.toFun (Sample.AddHom.comp Sample.quadHom "
                        "Sample.quadHom) n",
                "value": "rfl", "special": ("const", "rfl")})
  A.end("Sample")
  A.eoi()
  return A


# =============================================================================================
# Sample.Sets

NS = C("Sample.NatSet")
SUBSET_KIND = "Sample.NatSet.term_≼_"
MACRO_RULES = "Sample.NatSet._aux_Sample_Sets___macroRules_Sample_NatSet_term_≼__1"
UNEXPAND = "Sample.NatSet._aux_Sample_Sets___unexpand_Sample_NatSet_Subset_1"


def subset(s, t, field=True):
  return App(C("Sample.NatSet.Subset"), [(s, True), (t, True)], 0 if field else None)


def sets() -> Author:
  A = Author(ROOT, "Sample/Sets.lean", "Sample.Sets", 37,
             aliases={"NatSet": "Sample.NatSet", "Subset": "Sample.NatSet.Subset",
                      "evens": "Sample.NatSet.evens", "double": "Sample.double"},
             imports=["Init", "Sample.Basic"], types={"NatSet": "Type"})
  s_, n, k = typed(V("s"), "Sample.NatSet"), V("n"), V("k")
  doubles = lam([b("n", NAT)], exists_("k", NAT, eq(NAT, n, dbl(k))))
  ex = exists_("k", NAT, eq(NAT, n, dbl(k)))
  T = {
    "Sample.NatSet": TYPE,
    "Sample.NatSet.Subset": arrow(NS, arrow(NS, PROP)),
    "Sample.NatSet.subset_refl": forall([b("s", NS)], subset(s_, s_)),
    "Sample.NatSet.evens": NS,
    "Sample.NatSet.doubles_subset_evens": subset(doubles, C("Sample.NatSet.evens"), field=False),
  }
  A.sym_types.update(T)
  match_t = forall([b("n", NAT), b("motive", arrow(ex, PROP)), b("h✝", ex, raw="h._@.Sample.Sets.1290443387._hygCtx._hyg.48")],
                   arrow(forall([b("k", NAT), b("hk", eq(NAT, n, dbl(k)))],
                                ap(V("motive"), ProofTerm(ap(C("Exists.intro", "1"), imp(NAT),
                                                             imp(lam([b("k", NAT)], eq(NAT, n, dbl(k)))),
                                                             k, V("hk"))))),
                         ap(V("motive"), V("h✝")), True))
  A.add_syms(
    sym("Sample.NatSet", "definition", TYPE, ["Nat"]),
    sym("Sample.NatSet.Subset", "definition", T["Sample.NatSet.Subset"], ["Nat"]),
    sym(SUBSET_KIND, "definition", C("Lean.TrailingParserDescr"),
        ["Lean.ParserDescr.trailingNode", "Lean.ParserDescr.binary", "Lean.ParserDescr.symbol",
         "Lean.ParserDescr.cat", "Lean.Name.mkStr3", "Lean.Name.mkStr1", "Nat", "OfNat.ofNat",
         "instOfNatNat"]),
    sym(MACRO_RULES, "definition", C("Lean.Macro"),
        ["Lean.Macro.Exception.unsupportedSyntax", "Lean.Syntax.isOfKind", "Lean.Syntax.getArg",
         "Lean.Syntax.node2", "Lean.Syntax.ident", "Lean.Name.mkStr3", "Lean.MonadRef.mkInfoFromRefPos",
         "Lean.MonadQuotation.getCurrMacroScope", "Lean.Macro.instMonadQuotationMacroM",
         "EStateM.instMonad", "ReaderT.instMonad", "Bind.bind", "Pure.pure", "MonadExcept.throw",
         "Lean.TSyntax.raw", "Lean.TSyntax.mk", "Lean.Syntax", "Bool.true", "ite",
         "instDecidableEqBool"]),
    sym(UNEXPAND, "definition", C("Lean.PrettyPrinter.Unexpander"),
        ["Lean.PrettyPrinter.instMonadQuotationUnexpandM", "Lean.Syntax.isOfKind",
         "Lean.Syntax.getArg", "Lean.Syntax.node3", "Lean.Syntax.atom", "Lean.Name.mkStr3",
         "Lean.MonadRef.mkInfoFromRefPos", "Lean.withRef", "EStateM.instMonad",
         "ReaderT.instMonad", "Bind.bind", "Pure.pure", "MonadExcept.throw", "Unit.unit",
         "Lean.TSyntax.raw", "Lean.TSyntax.mk", "Lean.Syntax", "Bool.true", "ite",
         "instDecidableEqBool"]),
    sym("Sample.NatSet.subset_refl", "theorem", T["Sample.NatSet.subset_refl"], []),
    sym("Sample.NatSet.evens", "definition", NS,
        ["HMod.hMod", "instHMod", "Nat.instMod", "Nat", "Eq", "OfNat.ofNat", "instOfNatNat"]),
    sym("Sample.NatSet.doubles_subset_evens.match_1", "definition", match_t, ["Exists.casesOn"],
        is_prop=True),
    sym("Sample.NatSet.doubles_subset_evens", "theorem", T["Sample.NatSet.doubles_subset_evens"],
        ["Sample.NatSet.doubles_subset_evens.match_1", "Sample.double", "Sample.NatSet.evens",
         "Exists", "Eq.ndrec", "HMod.hMod", "instHMod", "Nat.instMod"] + REWRITE + NATOPS +
        OMEGA),
  )
  A.module_doc()
  A.namespace("Sample")
  A.decl("/-- A set of natural numbers", "Sample.NatSet", kind="abbrev",
         value={"type": "Type", "value": "Nat → Prop"})
  A.namespace("NatSet")
  A.decl("/-- `s` is included", "Sample.NatSet.Subset", value={"type": "Prop"})
  A.notation()
  A.decl("/-- Every set is included", "Sample.NatSet.subset_refl",
         value={"type": "Sample.NatSet.Subset s s", "value": "fun x h => h"})
  A.decl("/-- The even numbers", "Sample.NatSet.evens",
         value={"type": "Nat → Prop", "value": "fun n => n % 2 = 0"})
  start = "(fun n => ∃ k, n = Sample.double k) ≼ Sample.NatSet.evens"
  A.decl("/-- Every double is even", "Sample.NatSet.doubles_subset_evens", goal=start,
         proof=lambda P, g: P.by(g, [
           intro("intro n ⟨k, hk⟩", [
             ("n", R("(fun n => ∃ k, n = Sample.double k) n → Sample.NatSet.evens n",
                     add=[Hs("n", "Nat")]), "ident"),
             ("⟨k, hk⟩", R("Sample.NatSet.evens n",
                           add=[Hs("k", "Nat"), Hs("hk", "n = Sample.double k", True)]),
              "pattern"),
           ]),
           step("Lean.Parser.Tactic.subst", "subst hk",
                [R("Sample.NatSet.evens (Sample.double k)", drop=["n", "hk"])], refs=["hk"]),
           step("Lean.Parser.Tactic.show", "show double k % 2 = 0",
                [R("Sample.double k % 2 = 0")], refs=["double", "k"],
                term=("double k % 2 = 0", "term_=_", "Prop", "Sample.double k % 2 = 0", None)),
           step("Lean.Parser.Tactic.unfold", "unfold double", [R("(k + k) % 2 = 0")],
                refs=["double"]),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.end("NatSet")
  A.end("Sample")
  A.eoi()
  return A


# =============================================================================================
# Sample.Logic

TRI = "Sample.Logic.Tri"
FORM = "Sample.Logic.Formula"


def tand(x, y):
  return App(C(f"{TRI}.and"), [(x, True), (y, True)], 0)


def logic() -> Author:
  A = Author(ROOT, "Sample/Logic.lean", "Sample.Logic", 3,
             aliases={"Tri": TRI, "Formula": FORM, "Tri.and": f"{TRI}.and"},
             imports=["Init"], types={"Tri": "Type", "Formula": "Type"})
  p, q, t = V("p"), V("q"), typed(V("t"), TRI)
  I3, F = C(TRI), C(FORM)
  NO, YES, UNK = C(f"{TRI}.no"), C(f"{TRI}.yes"), C(f"{TRI}.unknown")
  x, x1 = typed(V("x"), TRI), typed(V("x_1"), TRI)
  T = {
    "Sample.Logic.and_swap": forall([bi_("p", PROP), bi_("q", PROP)],
                                    arrow(and_(p, q), and_(q, p), True)),
    "Sample.Logic.or_swap": forall([bi_("p", PROP), bi_("q", PROP)],
                                   arrow(or_(p, q), or_(q, p), True)),
    TRI: TYPE, FORM: TYPE,
    f"{TRI}.and": arrow(I3, arrow(I3, I3)),
    f"{TRI}.and_no": forall([b("t", I3)], eq(I3, tand(t, NO), NO)),
    f"{FORM}.size": arrow(F, NAT),
    f"{TRI}.yes": I3, f"{TRI}.no": I3, f"{TRI}.unknown": I3,
    f"{FORM}.var": arrow(NAT, F), f"{FORM}.neg": arrow(F, F), f"{FORM}.conj": arrow(F, arrow(F, F)),
  }
  A.sym_types.update(T)
  motive = V("motive")
  tri_match = pi([b("motive", arrow(I3, arrow(I3, SORT_U1))), b("x", I3), b("x_1", I3)],
                 arrow(pi([b("x", I3)], ap(motive, NO, x)),
                       arrow(pi([b("x", I3)], ap(motive, x, NO)),
                             arrow(arrow(UNIT, ap(motive, YES, YES)),
                                   arrow(pi([b("x", I3), b("x_1", I3)], ap(motive, x, x1)),
                                         ap(motive, x, x1))))))
  phi, psi = typed(V("φ"), FORM), typed(V("ψ"), FORM)
  neg = App(C(f"{FORM}.neg"), [(phi, True)], 0)
  conj = App(C(f"{FORM}.conj"), [(phi, True), (psi, True)], 0)
  size_match = matcher(f"{FORM}.size.match_1", [("x", F)], [
    ([b("x", NAT)], [ap(C(f"{FORM}.var"), V("x"))]),
    ([b("φ", F)], [neg]),
    ([b("φ", F), b("ψ", F)], [conj])])
  A.add_syms(
    sym("Sample.Logic.and_swap", "theorem", T["Sample.Logic.and_swap"],
        ["And.intro", "And.right", "And.left", "And"]),
    sym("Sample.Logic.or_swap", "theorem", T["Sample.Logic.or_swap"],
        ["Or.casesOn", "Or.inl", "Or.inr", "Or"]),
    inductive_aux(TRI, [("yes", []), ("no", []), ("unknown", [])], "Sample.Logic", enum=True),
    sym(f"{TRI}.and", "definition", T[f"{TRI}.and"],
        [f"{TRI}.and.match_1", f"{TRI}.no", f"{TRI}.yes", f"{TRI}.unknown", TRI]),
    sym(f"{TRI}.and.match_1", "definition", tri_match, [f"{TRI}.casesOn", "Unit.unit"]),
    sym(f"{TRI}.and_no", "theorem", T[f"{TRI}.and_no"],
        [f"{TRI}.casesOn", "Eq.refl", f"{TRI}.and", f"{TRI}.no", f"{TRI}.yes", f"{TRI}.unknown",
         TRI, "Eq"]),
    inductive_aux(FORM, [("var", [("n", NAT)]), ("neg", [("φ", F)]),
                         ("conj", [("φ", F), ("ψ", F)])], "Sample.Logic", recursive=True),
    sym(f"{FORM}.size", "definition", T[f"{FORM}.size"],
        [f"{FORM}.size.match_1", f"{FORM}.brecOn", f"{FORM}.below", "PProd.fst"] + NATOPS),
    sym(f"{FORM}.size.match_1", "definition", size_match, [f"{FORM}.casesOn"]),
    sym(f"{FORM}.size._sunfold", "definition", T[f"{FORM}.size"],
        [f"{FORM}.size.match_1", f"{FORM}.size"] + NATOPS),
    sym(f"{FORM}.size._unsafe_rec", "definition", T[f"{FORM}.size"],
        [f"{FORM}.size.match_1", f"{FORM}.size._unsafe_rec"] + NATOPS),
  )
  A.module_doc()
  A.namespace("Sample.Logic")
  A.variable("variable {p q : Prop}")
  A.decl("/-- Conjunction is commutative", "Sample.Logic.and_swap", nvars=2, goal="q ∧ p",
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.constructor", "constructor",
                [R("q", tag="left", uses=["q"]), R("p", tag="right", uses=["p"])]),
           cdot("· exact h.2", [step("Lean.Parser.Tactic.exact", "exact h.2", [], refs=["h"],
                                     term=("h.2", "Lean.Parser.Term.proj", "q", "h.right",
                                           None))]),
           cdot("· exact h.1", [step("Lean.Parser.Tactic.exact", "exact h.1", [], refs=["h"],
                                     term=("h.1", "Lean.Parser.Term.proj", "p", "h.left",
                                           None))]),
         ]))
  A.decl("/-- Disjunction is commutative", "Sample.Logic.or_swap", nvars=2, goal="p ∨ q → q ∨ p",
         proof=lambda P, g: P.by(g, [
           intro("intro h", [("h", R("q ∨ p", add=[Hs("h", "p ∨ q", True)]), "ident")]),
           alternatives("Lean.Parser.Tactic.cases", "cases h with", ("h", "p ∨ q"), [
             ("| inl hp =>", R(tag="inl", drop=["h"], add=[Hs("hp", "p", True)]), [
               step("Lean.Parser.Tactic.exact", "exact Or.inr hp", [], refs=["Or.inr", "hp"],
                    term=("Or.inr hp", "Lean.Parser.Term.app", "q ∨ p", "Or.inr hp", None))]),
             ("| inr hq =>", R(tag="inr", drop=["h"], add=[Hs("hq", "q", True)]), [
               step("Lean.Parser.Tactic.exact", "exact Or.inl hq", [], refs=["Or.inl", "hq"],
                    term=("Or.inl hq", "Lean.Parser.Term.app", "q ∨ p", "Or.inl hq", None))]),
           ], refs=["h", "inl", "hp", "inr", "hq"]),
         ]))
  A.decl("/-- Three-valued truth", TRI)
  A.decl("/-- Conjunction of three-valued", f"{TRI}.and", goal="Tri → Tri → Tri")
  tno = f"{TRI}.and {{}} {TRI}.no = {TRI}.no"
  A.decl("/-- `no` absorbs", f"{TRI}.and_no", goal=f"{TRI}.and t {TRI}.no = {TRI}.no",
         proof=lambda P, g: P.by(g, [
           cases_plain("cases t", "t", TRI, [
             R(tno.format(f"{TRI}.yes"), tag="yes", drop=["t"]),
             R(tno.format(f"{TRI}.no"), tag="no", drop=["t"]),
             R(tno.format(f"{TRI}.unknown"), tag="unknown", drop=["t"])]),
           repeat_rfl("repeat rfl", "rfl"),
         ]))
  A.decl("/-- Propositional formulas", FORM)
  A.decl("/-- The number of connectives", f"{FORM}.size", goal="Nat")
  A.end("Sample.Logic")
  A.eoi()
  return A


# =============================================================================================
# Sample.Mutual

EV, OD = C("Sample.Even"), C("Sample.Odd")


def mutual() -> Author:
  A = Author(ROOT, "Sample/Mutual.lean", "Sample.Mutual", 5,
             aliases={"isEven": "Sample.isEven", "isOdd": "Sample.isOdd", "Even": "Sample.Even",
                      "Odd": "Sample.Odd"},
             imports=["Init", "Sample.Logic"])
  n, k = V("n"), V("k")
  ev = lambda x: ap(C("Sample.isEven"), x)  # noqa: E731
  od = lambda x: ap(C("Sample.isOdd"), x)  # noqa: E731
  m1, m2 = V("motive_1"), V("motive_2")
  a_, t_ = V("a"), V("t")
  T = {
    "Sample.isEven": arrow(NAT, BOOL), "Sample.isOdd": arrow(NAT, BOOL),
    "Sample.Even": arrow(NAT, PROP), "Sample.Odd": arrow(NAT, PROP),
    "Sample.isEven_or_isOdd": forall([b("n", NAT)], or_(eq(BOOL, ev(n), true_()),
                                                       eq(BOOL, od(n), true_()))),
    "Sample.Even.add_two": forall([bi_("n", NAT)], arrow(ap(EV, n), ap(EV, add(n, lit(2))), True)),
    "Sample.Even.zero": ap(EV, lit(0)),
    "Sample.Even.succ": forall([bi_("n", NAT)], arrow(ap(OD, n), ap(EV, add(n, lit(1))), True)),
    "Sample.Odd.succ": forall([bi_("n", NAT)], arrow(ap(EV, n), ap(OD, add(n, lit(1))), True)),
  }
  A.sym_types.update(T)
  mt1 = pi([b("a", NAT)], arrow(ap(EV, a_), PROP))
  mt2 = pi([b("a", NAT)], arrow(ap(OD, a_), PROP))
  succ_e = lambda x: ProofTerm(ap(C("Sample.Even.succ"), imp(n), x))  # noqa: E731
  succ_o = lambda x: ProofTerm(ap(C("Sample.Odd.succ"), imp(n), x))  # noqa: E731
  minor_z = ap(m1, lit(0), C("Sample.Even.zero"))
  minor_se = forall([bi_("n", NAT), b("a", ap(OD, n))],
                    arrow(ap(m2, n, a_), ap(m1, add(n, lit(1)), succ_e(a_)), True))
  minor_so = forall([bi_("n", NAT), b("a", ap(EV, n))],
                    arrow(ap(m1, n, a_), ap(m2, add(n, lit(1)), succ_o(a_)), True))

  def rec(own, mot, ind):
    return forall([bi_("motive_1", mt1), bi_("motive_2", mt2)],
                  arrow(minor_z, arrow(minor_se, arrow(minor_so, forall(
                    [bi_("a", NAT), b("t", ap(ind, a_))], ap(mot, a_, t_)), True), True), True))

  def cases_on(ind, minors):
    mt = pi([b("a", NAT)], arrow(ap(ind, a_), PROP))
    out = forall([bi_("motive", mt), bi_("a", NAT), b("t", ap(ind, a_))],
                 _arrows_prop(minors, ap(V("motive"), a_, t_)))
    return out

  ev_minors = [ap(V("motive"), lit(0), C("Sample.Even.zero")),
               forall([bi_("n", NAT), b("a_1", ap(OD, n))],
                      ap(V("motive"), add(n, lit(1)), succ_e(V("a_1"))))]
  od_minors = [forall([bi_("n", NAT), b("a_1", ap(EV, n))],
                      ap(V("motive"), add(n, lit(1)), succ_o(V("a_1"))))]
  match = lambda nm: matcher(nm, [("x", NAT)], [([], [lit(0)]),  # noqa: E731
                                                ([b("n", NAT)], [add(n, lit(1))])])
  rec_refs = ["Nat.brecOn", "Nat.below", "PProd", "PProd.fst", "PProd.snd", "PUnit", "Bool",
              "Nat"]
  A.add_syms(
    sym("Sample.isEven", "definition", T["Sample.isEven"],
        ["Sample.isEven.match_1", "Bool.true"] + rec_refs),
    sym("Sample.isOdd", "definition", T["Sample.isOdd"],
        ["Sample.isOdd.match_1", "Bool.false"] + rec_refs),
    sym("Sample.isEven.match_1", "definition", match("Sample.isEven.match_1"),
        ["Nat.casesOn", "Unit.unit"]),
    sym("Sample.isOdd.match_1", "definition", match("Sample.isOdd.match_1"),
        ["Nat.casesOn", "Unit.unit"]),
    sym("Sample.isEven._sunfold", "definition", T["Sample.isEven"],
        ["Sample.isEven.match_1", "Sample.isOdd", "Bool.true", "Bool", "Nat"]),
    sym("Sample.isOdd._sunfold", "definition", T["Sample.isOdd"],
        ["Sample.isOdd.match_1", "Sample.isEven", "Bool.false", "Bool", "Nat"]),
    sym("Sample.isEven._unsafe_rec", "definition", T["Sample.isEven"],
        ["Sample.isEven.match_1", "Sample.isOdd._unsafe_rec", "Bool.true", "Bool", "Nat"]),
    sym("Sample.isOdd._unsafe_rec", "definition", T["Sample.isOdd"],
        ["Sample.isOdd.match_1", "Sample.isEven._unsafe_rec", "Bool.false", "Bool", "Nat"]),
    sym("Sample.isEven.eq_1", "theorem", eq(BOOL, ev(lit(0)), true_()),
        ["Eq.refl", "Sample.isEven", "Bool", "Bool.true", "Eq", "Nat", "OfNat.ofNat",
         "instOfNatNat"]),
    sym("Sample.isEven.eq_2", "theorem", forall([b("n", NAT)], eq(BOOL, ev(add(n, lit(1))),
                                                              od(n))),
        ["Eq.refl", "Sample.isEven", "Sample.isOdd", "Bool", "Eq"] + NATOPS),
    sym("Sample.isOdd.eq_1", "theorem", eq(BOOL, od(lit(0)), false_()),
        ["Eq.refl", "Sample.isOdd", "Bool", "Bool.false", "Eq", "Nat", "OfNat.ofNat",
         "instOfNatNat"]),
    sym("Sample.isOdd.eq_2", "theorem", forall([b("n", NAT)], eq(BOOL, od(add(n, lit(1))), ev(n))),
        ["Eq.refl", "Sample.isEven", "Sample.isOdd", "Bool", "Eq"] + NATOPS),
    sym("Sample.Even", "inductive", T["Sample.Even"], None),
    sym("Sample.Odd", "inductive", T["Sample.Odd"], None),
    sym("Sample.Even.zero", "constructor", T["Sample.Even.zero"], None, is_prop=True),
    sym("Sample.Even.succ", "constructor", T["Sample.Even.succ"], None, is_prop=True),
    sym("Sample.Odd.succ", "constructor", T["Sample.Odd.succ"], None, is_prop=True),
    sym("Sample.Even.rec", "recursor", rec("Even", m1, EV), None, is_prop=True),
    sym("Sample.Odd.rec", "recursor", rec("Odd", m2, OD), None, is_prop=True),
    sym("Sample.Even.casesOn", "definition", cases_on(EV, ev_minors), ["Sample.Even.rec"],
        is_prop=True),
    sym("Sample.Odd.casesOn", "definition", cases_on(OD, od_minors), ["Sample.Odd.rec"],
        is_prop=True),
    sym("Sample.Even.recOn", "definition", forall(
      [bi_("motive_1", mt1), bi_("motive_2", mt2), bi_("a", NAT), b("t", ap(EV, a_))],
      arrow(minor_z, arrow(minor_se, arrow(minor_so, ap(m1, a_, t_), True), True), True)),
      ["Sample.Even.rec"], is_prop=True),
    sym("Sample.Odd.recOn", "definition", forall(
      [bi_("motive_1", mt1), bi_("motive_2", mt2), bi_("a", NAT), b("t", ap(OD, a_))],
      arrow(minor_z, arrow(minor_se, arrow(minor_so, ap(m2, a_, t_), True), True), True)),
      ["Sample.Odd.rec"], is_prop=True),
    sym("Sample.isEven_or_isOdd", "theorem", T["Sample.isEven_or_isOdd"],
        ["Nat.rec_add_one", "Sample.isEven", "Sample.isOdd", "Sample.isEven.eq_1",
         "Sample.isEven.eq_2", "Sample.isOdd.eq_2", "Or.symm", "of_eq_true", "Eq.trans",
         "congrArg", "eq_self", "true_or", "Or", "Bool", "Bool.true", "True"] + REWRITE + NATOPS),
    sym("Sample.Even.add_two", "theorem", T["Sample.Even.add_two"],
        ["Sample.Even.succ", "Sample.Odd.succ"] + NATOPS),
  )
  A.module_doc()
  A.namespace("Sample")
  A.mutual(["/-- `isEven n` holds", "/-- `isOdd n` holds"], ["Sample.isEven", "Sample.isOdd"])
  A.mutual(["/-- Evenness, inductively", "/-- Oddness, inductively"], ["Sample.Even", "Sample.Odd"])
  ok = "Sample.isEven {0} = true ∨ Sample.isOdd {0} = true"
  A.decl("/-- Every number is even or odd", "Sample.isEven_or_isOdd", goal=ok.format("n"),
         proof=lambda P, g: P.by(g, [
           alternatives("Lean.Parser.Tactic.induction", "induction n with", ("n", "Nat"), [
             ("| zero =>", R(ok.format("0"), tag="zero", drop=["n"], uses=[]), [
               step("Lean.Parser.Tactic.simp", "simp [isEven]", [], refs=["isEven"],
                    used=["Sample.isEven.eq_1", "eq_self", "true_or"],
                    lemmas=[("isEven", "Nat → Bool", "Sample.isEven")])]),
             ("| succ k ih =>", R(ok.format("(k + 1)"), tag="succ", drop=["n"],
                                  add=[Hs("k", "Nat"), Hs("ih", ok.format("k"), True)]), [
               step("Lean.Parser.Tactic.simp", "simp only [isEven, isOdd]",
                    [R("Sample.isOdd k = true ∨ Sample.isEven k = true")],
                    refs=["isEven", "isOdd"],
                    used=["Sample.isEven.eq_2", "Sample.isOdd.eq_2"],
                    lemmas=[("isEven", "Nat → Bool", "Sample.isEven"),
                            ("isOdd", "Nat → Bool", "Sample.isOdd")]),
               step("Lean.Parser.Tactic.exact", "exact ih.symm", [], refs=["ih.symm"],
                    term=("ih.symm", "ident", "Sample.isOdd k = true ∨ Sample.isEven k = true",
                          "Or.symm ih", None))]),
           ], refs=["n", "zero", "succ", "k", "ih"]),
         ]))
  A.decl("/-- Adding two preserves", "Sample.Even.add_two", goal="Sample.Even (n + 2)",
         value={"type": "Sample.Even (n + 1 + 1)", "expected": "Sample.Even (n + 2)",
                "value": "Sample.Even.succ (Sample.Odd.succ h)"})
  A.end("Sample")
  A.eoi()
  return A


def _arrows_prop(doms, body):
  for d in reversed(doms):
    body = arrow(d, body, True)
  return body


# =============================================================================================
# Sample.Tactics

TACTICS_HYG = "_@.Sample.Tactics.2891356207._hygCtx._hyg"


def tactics() -> Author:
  A = Author(ROOT, "Sample/Tactics.lean", "Sample.Tactics", 43,
             aliases={"Monoid": "Sample.Monoid", "Monoid.op": "Sample.Monoid.op",
                      "Monoid.unit": "Sample.Monoid.unit",
                      "Monoid.op_unit": "Sample.Monoid.op_unit",
                      "Monoid.unit_op": "Sample.Monoid.unit_op", "double": "Sample.double",
                      "le_double": "Sample.le_double"},
             imports=["Init", "Sample.Algebra.Monoid"],
             types={"Monoid α": "Type u", "Add α": "Type u", "Mul α": "Type u"})
  a_, b2, m, n, x, y = V("a"), V("b"), V("m"), V("n"), V("x"), V("y")
  # Anonymous instance binders: hygienic `inst` names, printed `inst` and `inst_1` in a type.
  mon_inst = V("inst", f"inst.{TACTICS_HYG}.14")
  add_inst = V("inst", f"inst.{TACTICS_HYG}.41")
  mul_inst = V("inst_1", f"inst.{TACTICS_HYG}.47")

  def plus(u, v):
    return add_in(ALPHA, add_inst, u, v)

  def times(u, v):
    return mul_in(ALPHA, mul_inst, u, v)

  T = {
    "Sample.unit_op_op_unit": forall(
      [bi_("α", TYPE_U), binst("inst", mon(ALPHA), raw=mon_inst.raw), b("a", ALPHA)],
      eq(ALPHA, mop(mop(munit(mon_inst), a_, mon_inst), munit(mon_inst), mon_inst), a_)),
    "Sample.add_comm_both": forall(
      [bi_("α", TYPE_U), binst("inst", ap(C("Add", "u"), ALPHA), raw=add_inst.raw),
       binst("inst_1", ap(C("Mul", "u"), ALPHA), raw=mul_inst.raw)],
      arrow(forall([b("a", ALPHA), b("b", ALPHA)], eq(ALPHA, plus(a_, b2), plus(b2, a_))),
            forall([b("x", ALPHA), b("y", ALPHA)],
                   and_(eq(ALPHA, plus(times(x, y), times(y, x)), plus(times(y, x), times(x, y))),
                        eq(ALPHA, plus(x, y), plus(y, x)))), True)),
    "Sample.succ_le_double": forall([b("n", NAT)], le(add(n, lit(1)), dbl(add(n, lit(1))))),
    "Sample.double_eq_of_le_of_ge": forall(
      [b("m", NAT), b("n", NAT)],
      arrow(le(m, n), arrow(le(n, m), eq(NAT, dbl(m), dbl(n)), True), True)),
    "Sample.le_of_lt_or_eq": forall([bi_("m", NAT), bi_("n", NAT)],
                                    arrow(or_(lt(m, n), eq(NAT, m, n)), le(m, n), True)),
  }
  A.sym_types.update(T)
  A.add_syms(
    sym("Sample.unit_op_op_unit", "theorem", T["Sample.unit_op_op_unit"],
        ["Sample.Monoid.op_unit", "Sample.Monoid.unit_op", "Sample.Monoid.op",
         "Sample.Monoid.unit"] + REWRITE),
    sym("Sample.add_comm_both", "theorem", T["Sample.add_comm_both"],
        ["And.intro", "Eq", "HAdd.hAdd", "instHAdd", "HMul.hMul", "instHMul"]),
    sym("Sample.succ_le_double", "theorem", T["Sample.succ_le_double"],
        ["Sample.le_double", "Sample.double", "id"] + LEOPS + NATOPS),
    sym("Sample.double_eq_of_le_of_ge", "theorem", T["Sample.double_eq_of_le_of_ge"],
        ["Sample.double", "id"] + LEOPS + NATOPS + OMEGA),
    sym("Sample.le_of_lt_or_eq", "theorem", T["Sample.le_of_lt_or_eq"],
        ["Or.casesOn", "Or", "LT.lt", "instLTNat"] + LEOPS + OMEGA),
  )
  A.module_doc()
  A.universe("u")
  A.namespace("Sample")

  def unit_op(v):
    return f"Sample.Monoid.op Sample.Monoid.unit {v}"

  def both(v):
    return f"Sample.Monoid.op ({unit_op(v)}) Sample.Monoid.unit = {v}"

  A.decl("/-- The unit can be cancelled", "Sample.unit_op_op_unit",
         goal=f"∀ (a : α), {both('a')}",
         proof=lambda P, g: P.by(g, [
           intro("intro _", [
             ("_", R(both("a✝"), add=[Hs("a✝", "α")], uses=["a✝", "inst✝"]), "hole")]),
           rw("rw [Monoid.op_unit]", [
             ("Monoid.op_unit", "∀ {α : Type u} [self : Sample.Monoid α] (a : α), "
                                "Sample.Monoid.op a Sample.Monoid.unit = a",
              "Sample.Monoid.op_unit", R(f"{unit_op('a✝')} = a✝", uses=["a✝", "inst✝"]))],
              closes=False),
           step("Lean.Parser.Tactic.exact", "exact Monoid.unit_op _", [], refs=["Monoid.unit_op"],
                term=("Monoid.unit_op _", "Lean.Parser.Term.app", f"{unit_op('a✝')} = a✝",
                      "Sample.Monoid.unit_op a✝", None)),
         ]))
  left, right = "x * y + y * x = y * x + x * y", "x + y = y + x"
  A.decl("/-- A commutative addition", "Sample.add_comm_both", goal=f"{left} ∧ {right}",
         proof=lambda P, g: P.by(g, [
           step("Lean.Parser.Tactic.constructor", "constructor",
                [R(left, tag="left", uses=["x", "y", "inst✝"]),
                 R(right, tag="right", uses=["x", "y", "inst✝"])]),
           cdot("· exact comm (x * y) (y * x)", [
             step("Lean.Parser.Tactic.exact", "exact comm (x * y) (y * x)", [],
                  refs=["comm", "x", "y"],
                  term=("comm (x * y) (y * x)", "Lean.Parser.Term.app", left,
                        "comm (x * y) (y * x)", None))]),
           cdot("· exact comm x y", [
             step("Lean.Parser.Tactic.exact", "exact comm x y", [], refs=["comm", "x", "y"],
                  term=("comm x y", "Lean.Parser.Term.app", right, "comm x y", None))]),
         ]))
  A.decl("/-- A successor is at most", "Sample.succ_le_double",
         goal="n + 1 ≤ Sample.double (n + 1)",
         proof=lambda P, g: P.by(g, [
           have("let m := n + 1", "Lean.Parser.Tactic.tacticLet_",
                R(add=[Hs("m", "Nat", value="n + 1")]),
                ("n + 1", "term_+_", "Nat", "n + 1", None)),
           step("Lean.Parser.Tactic.show", "show m ≤ double m", [R("m ≤ Sample.double m")],
                refs=["m", "double"],
                term=("m ≤ double m", "term_≤_", "Prop", "m ≤ Sample.double m", None)),
           step("Lean.Parser.Tactic.exact", "exact le_double m", [], refs=["le_double", "m"],
                term=("le_double m", "Lean.Parser.Term.app", "m ≤ Sample.double m",
                      "Sample.le_double m", None)),
         ]))
  A.decl("/-- Two opposite bounds", "Sample.double_eq_of_le_of_ge",
         goal="m ≤ n → n ≤ m → Sample.double m = Sample.double n",
         proof=lambda P, g: P.by(g, [
           intro("intro h", [("h", R("n ≤ m → Sample.double m = Sample.double n",
                                     add=[Hs("h", "m ≤ n", True)]), "ident")]),
           intro("intro h", [("h", R("Sample.double m = Sample.double n", rename={"h": "h✝"},
                                     add=[Hs("h", "n ≤ m", True)]), "ident")]),
           step("Lean.Parser.Tactic.unfold", "unfold double", [R("m + m = n + n")],
                refs=["double"]),
           step("Lean.Parser.Tactic.omega", "omega", []),
         ]))
  A.decl("/-- A number below another", "Sample.le_of_lt_or_eq", goal="m < n ∨ m = n → m ≤ n",
         proof=lambda P, g: P.by(g, [
           intro("intro h", [("h", R("m ≤ n", add=[Hs("h", "m < n ∨ m = n", True)]), "ident")]),
           cases_plain("cases h", "h", "m < n ∨ m = n", [
             R(tag="inl", drop=["h"], add=[Hs("h✝", "m < n", True)]),
             R(tag="inr", drop=["h"], add=[Hs("h✝", "m = n", True)])]),
           all_goals("all_goals omega", [step("Lean.Parser.Tactic.omega", "omega", [])]),
         ]))
  A.end("Sample")
  A.eoi()
  return A


# =============================================================================================
# Sample (root)


def root() -> Author:
  A = Author(ROOT, "Sample.lean", "Sample", 1, aliases={},
             imports=["Init", "Sample.Basic", "Sample.Arith", "Sample.Order",
                      "Sample.Algebra.Monoid", "Sample.Algebra.Group", "Sample.Sets",
                      "Sample.Logic", "Sample.Mutual", "Sample.Tactics"])
  A.module_doc()
  A.eoi()
  return A


MODULES = [root, basic, arith, order, monoid, group, sets, logic, mutual, tactics]


def main() -> int:
  OUT.mkdir(parents=True, exist_ok=True)
  for build in MODULES:
    A = build()
    A.write(OUT)
    print(f"{A.name}: {len(A.decls)} declaration entries, {len(A.syms)} symbols, "
          f"{len(A.trees)} info trees")
  return 0


if __name__ == "__main__":
  sys.exit(main())
