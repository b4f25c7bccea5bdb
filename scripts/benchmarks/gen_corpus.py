#!/usr/bin/env python3
"""Generates a synthetic, Mathlib-scale corpus of jixia analyzer output.

    gen_corpus.py --out DIR [--declarations N] [--modules M] [--seed S] [--scale F] [--jobs J]

Writes `DIR/<Module.Name>.<mod|decl|sym|elab|line>.json` in the format of
docs/analyzer-format.md (jixia `main`, newer `pp` spelling), one compact JSON document plus a
newline per file, with keys in sorted order as Lean's JSON printer writes them. No `.lean`
sources are written: every range points into a virtual source whose text is the `pp` of each
command, so ranges, line starts and `pp` texts agree.

The output is a pure function of (N, M, seed): a global plan (module names, imports,
declaration names) is drawn from one generator, and each module's content from its own
generator seeded by (seed, module index), so modules can be written in parallel.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import sys
import time
from json.encoder import encode_basestring as _js

PLUGINS = ("mod", "decl", "sym", "elab", "line")

# --------------------------------------------------------------------------------------------
# Vocabulary


AREAS = {
    "Algebra": ["Group", "Ring", "Module", "Field", "Order", "BigOperators", "GroupPower", "Monoid",
                "Star", "Algebra", "Polynomial", "Homology", "Lie", "GCDMonoid"],
    "Analysis": ["Normed", "Calculus", "SpecialFunctions", "Convex", "InnerProductSpace",
                 "Asymptotics", "Complex", "Fourier", "MeanInequalities"],
    "Topology": ["Algebra", "MetricSpace", "UniformSpace", "Instances", "Order", "Sets",
                 "Compactness", "Connected", "Separation", "Sheaves"],
    "Order": ["Filter", "Lattice", "CompleteLattice", "Interval", "Hom", "Bounds", "Monotone",
              "ConditionallyCompleteLattice", "SuccPred"],
    "Data": ["Nat", "Int", "Rat", "Real", "Complex", "Finset", "Fintype", "List", "Multiset",
             "Set", "Matrix", "Polynomial", "ZMod", "Fin", "Finsupp", "ENNReal", "NNReal"],
    "MeasureTheory": ["Measure", "Integral", "Function", "MeasurableSpace", "Decomposition",
                      "Covering", "Group"],
    "RingTheory": ["Ideal", "Polynomial", "Localization", "Valuation", "Noetherian",
                   "PowerSeries", "DedekindDomain", "Adjoin"],
    "LinearAlgebra": ["Matrix", "Basis", "Dimension", "Determinant", "TensorProduct",
                      "Eigenspace", "QuadraticForm", "Span"],
    "CategoryTheory": ["Limits", "Functor", "Monoidal", "Adjunction", "Abelian", "Sites",
                       "Preadditive", "Yoneda"],
    "NumberTheory": ["Padics", "LSeries", "Zsqrtd", "NumberField", "ModularForms", "Cyclotomic",
                     "SumFourSquares"],
    "GroupTheory": ["Perm", "Subgroup", "QuotientGroup", "Sylow", "Coset", "FreeGroup",
                    "SpecificGroups"],
    "Combinatorics": ["SimpleGraph", "SetFamily", "Additive", "Enumerative", "Quiver",
                      "Hall"],
    "Logic": ["Equiv", "Function", "Embedding", "Relation", "Small"],
    "SetTheory": ["Cardinal", "Ordinal", "Game", "ZFC"],
    "Probability": ["Kernel", "Martingale", "Independence", "Distributions", "ProbabilityMassFunction"],
    "FieldTheory": ["Galois", "Separable", "Minpoly", "IntermediateField", "Finite"],
    "Geometry": ["Euclidean", "Manifold", "RingedSpace"],
    "Dynamics": ["Ergodic", "FixedPoints", "Flow"],
}
LEAVES = ["Basic", "Defs", "Lemmas", "Instances", "Order", "Hom", "Prod", "Pi", "Opposite",
          "Units", "Pointwise", "Card", "Image", "Fold", "Sum", "Prime", "Bounds", "Equiv",
          "Monotone", "Finite", "Infinite", "Dual", "Quotient", "Ext", "Inv", "Pow", "Div"]
NAMESPACES = ["Nat", "Int", "Rat", "Real", "Complex", "Finset", "Set", "List", "Multiset",
              "Function", "Filter", "MonoidHom", "RingHom", "LinearMap", "Submodule", "Subgroup",
              "Ideal", "Polynomial", "Matrix", "MeasureTheory", "Metric", "Equiv", "OrderHom",
              "Fintype", "ZMod", "PNat", "ENNReal", "NNReal", "Cardinal", "Ordinal",
              "SimpleGraph", "Quotient", "Units", "IsUnit", "Commute", "SemiconjBy", "Monotone",
              "Finsupp", "MvPolynomial", "PowerSeries", "Module", "Algebra", "CategoryTheory",
              "ContinuousLinearMap", "Subalgebra", "AddSubgroup", "Submonoid", "Prod", "Pi"]
WORDS = ["mul", "add", "sub", "div", "neg", "inv", "one", "zero", "le", "lt", "eq", "ne", "comm",
         "assoc", "left", "right", "cancel", "mono", "pos", "nonneg", "sum", "prod", "card",
         "map", "comp", "id", "injective", "surjective", "continuous", "image", "preimage",
         "union", "inter", "subset", "mem", "coe", "cast", "succ", "pred", "pow", "sq", "abs",
         "norm", "dist", "sup", "inf", "top", "bot", "smul", "of", "iff", "self", "trans",
         "symm", "apply", "congr", "lift", "fst", "snd", "single", "support", "degree", "eval",
         "filter", "range", "insert", "erase", "empty", "univ", "compl", "diff", "max", "min",
         "floor", "ceil", "dvd", "gcd", "lcm", "prime", "factor", "exp", "log", "sqrt",
         "integral", "deriv", "tendsto", "nhds", "measure", "ae", "finite", "countable",
         "antitone", "strictMono", "bijective", "ker", "span", "det", "trace", "rank"]
STRUCT_PRE = ["Normed", "Ordered", "Graded", "Bounded", "Filtered", "Weighted", "Pointed",
              "Linear", "Cont", "Sub", "Quasi", "Semi", "Pre", "Locally", "Finite", "Compact",
              "Seminormed", "Topological", "Uniform", "Measurable", "Conditionally", "Complete"]
STRUCT_POST = ["Group", "Ring", "Space", "Map", "Hom", "Equiv", "Cone", "Set", "Module",
               "Algebra", "Lattice", "Measure", "Basis", "Chain", "Path", "Cover", "Order",
               "Monoid", "Field", "Embedding", "Filter", "Sieve", "Functor"]
FIELDS = ["carrier", "toFun", "invFun", "val", "property", "map_one'", "map_mul'", "zero_mem'",
          "add_mem'", "left_inv", "right_inv", "toEquiv", "bound", "data", "card_pos", "le_refl'",
          "toMonoidHom", "toLinearMap", "cont", "measurable", "nonempty", "finite_support",
          "smul_mem'", "inv_mem'", "one_mem'", "mul_mem'", "monotone'", "toSet", "out"]
CTORS = ["zero", "succ", "nil", "cons", "leaf", "node", "base", "step", "inl", "inr", "refl",
         "tail", "single", "of", "add", "mul", "var", "const", "app", "lam", "none", "some"]
CLASSES = ["CommGroup", "Group", "Monoid", "CommRing", "Field", "LinearOrderedField",
           "OrderedAddCommGroup", "NormedAddCommGroup", "TopologicalSpace", "MetricSpace",
           "LinearOrder", "Lattice", "AddCommMonoid", "Semiring", "DivisionRing",
           "CompleteLattice", "MeasurableSpace", "Fintype", "DecidableEq", "Nontrivial"]
OPS = ["≋", "⊞", "⊠", "⋆", "∗", "⊛", "⊙", "⊕'", "⊗'", "⋈", "≺", "≼", "⊑", "⊏", "⨳", "∔"]
ATTRS = ["simp", "norm_cast", "gcongr", "mono", "fun_prop", "aesop", "ext", "reassoc",
         "measurability", "continuity", "nolint", "positivity"]

# Constants outside the corpus that real kernel terms mention all the time.
EXT_TYPE = ["Eq", "Iff", "And", "Or", "Not", "Exists", "LE.le", "LT.lt", "HMul.hMul", "HAdd.hAdd",
            "HSub.hSub", "HDiv.hDiv", "HPow.hPow", "Inv.inv", "Neg.neg", "OfNat.ofNat",
            "instHMul", "instHAdd", "instHSub", "instHPow", "instOfNatNat", "instLENat",
            "Nat", "Int", "Real", "Set", "Finset", "Finset.sum", "Finset.prod", "Membership.mem",
            "Preorder.toLE", "PartialOrder.toPreorder", "Monoid.toMulOneClass",
            "MulOneClass.toMul", "CommGroup.toGroup", "Group.toDivInvMonoid", "Norm.norm",
            "Dist.dist", "Filter.Tendsto", "nhds", "Filter.atTop", "Function.Injective",
            "Dvd.dvd", "Max.max", "Min.min", "SMul.smul", "HSMul.hSMul", "instHSMul",
            "Nat.cast", "Int.cast", "Real.instLE", "Real.instLT", "IsUnit", "Units"]
EXT_VALUE = ["Eq.mpr", "congrArg", "id", "Eq.refl", "Eq.trans", "Eq.symm", "of_eq_true",
             "eq_self", "congr", "Eq.ndrec", "propext", "rfl", "trivial", "True.intro",
             "And.intro", "Exists.intro", "le_refl", "le_trans", "mul_comm", "add_comm",
             "mul_assoc", "add_assoc", "mul_one", "one_mul", "add_zero", "zero_add",
             "le_of_lt", "lt_of_le_of_lt", "Nat.le_succ", "Nat.succ_le_iff", "mul_le_mul",
             "add_le_add", "sub_nonneg", "pow_two", "sq_nonneg", "abs_nonneg", "norm_nonneg",
             "Finset.sum_congr", "Finset.prod_congr", "Set.ext", "funext", "forall_congr",
             "implies_congr", "Classical.byContradiction", "absurd", "False.elim",
             "Nat.rec", "Nat.brecOn", "HEq.refl", "cast_eq"]
LEMMA_LOCAL = ["mul_comm", "add_comm", "mul_assoc", "le_trans", "lt_of_le_of_lt", "mul_one",
               "one_mul", "add_zero", "sub_self", "pow_succ", "two_mul", "mul_le_mul_left",
               "Finset.sum_le_sum", "Finset.card_le_card", "norm_add_le", "abs_sub_comm"]

GOAL_T = ["{0} * {1} = {1} * {0}", "{0} + {1} ≤ {2} + {1}", "{0} ≤ {1} → {1} ≤ {2} → {0} ≤ {2}",
          "∑ i ∈ s, f i * {0} = (∑ i ∈ s, f i) * {0}", "‖{0} + {1}‖ ≤ ‖{0}‖ + ‖{1}‖",
          "f ({0} * {1}) = f {0} * f {1}", "{0}⁻¹ * {0} = 1", "0 ≤ {0} ^ 2 + {1} ^ 2",
          "{0} ∣ {1} → {0} ∣ {1} * {2}", "dist {0} {1} < ε → dist (f {0}) (f {1}) < 2 * ε",
          "{0} ∈ S → {1} ∈ S → {0} * {1} ∈ S", "(↑({0} + {1}) : ℤ) = ↑{0} + ↑{1}",
          "min {0} {1} ≤ max {0} {2}", "{0} ⊔ {1} ⊓ {2} ≤ ({0} ⊔ {1}) ⊓ ({0} ⊔ {2})",
          "IsUnit {0} ↔ ∃ u : αˣ, ↑u = {0}", "∀ ε > 0, ∃ N, ∀ n ≥ N, |u n - {0}| < ε",
          "Tendsto (fun n ↦ {0} ^ n) atTop (𝓝 0)", "{0} • ({1} + {2}) = {0} • {1} + {0} • {2}",
          "(s.filter (· ≤ {0})).card ≤ s.card", "{0} ^ (m + n) = {0} ^ m * {0} ^ n",
          "{0} * {1} ≤ {2} * {1} ∧ 0 ≤ {1}", "{0} ≤ {1} ↔ {0} * {2} ≤ {1} * {2}",
          "∏ i ∈ s, ({0} * f i) = {0} ^ s.card * ∏ i ∈ s, f i", "Function.Injective (· * {0})"]
REW_T = ["{0} * {1} = {0} * {1}", "{1} * {0} ≤ {2} * {1}", "{0} * ({1} * {2}) = {0} * {1} * {2}",
         "∑ i ∈ s, f i * {0} = ∑ i ∈ s, {0} * f i", "‖{0}‖ + ‖{1}‖ ≤ ‖{0}‖ + ‖{1}‖",
         "f {0} * f {1} = f {0} * f {1}", "1 = {0}⁻¹ * {0}", "0 ≤ {0} * {0} + {1} * {1}",
         "{0} ∣ {1} * {2}", "{0} ^ m * {0} ^ n = {0} ^ m * {0} ^ n", "0 < {0} + 1",
         "{0} * {2} ≤ {1} * {2}", "↑{0} + ↑{1} = ↑{0} + ↑{1}", "min {0} {1} ≤ {0}",
         "{0} + 0 ≤ {2} + {1} * 1", "({0} - {1}) ^ 2 ≥ 0", "{0} ∈ S ∧ {1} ∈ S"]
HYP_T = ["{0} ≤ {1}", "{0} < {1}", "0 < {0}", "{0} ≠ 0", "{0} ∈ S", "{0} = {1} * {2}",
         "IsUnit {0}", "{0} ∣ {1}", "Commute {0} {1}", "‖{0}‖ ≤ 1", "0 ≤ {0}", "{1} ≤ {2}"]
DOCS = ["The product of two elements is commutative when the group is abelian.",
        "A version of `le_trans` for `≤` stated with the arguments swapped.",
        "`∑ i ∈ s, f i` is monotone in `f`: see also `Finset.sum_le_sum`.",
        "The image of a union is the union of the images, `f '' (s ∪ t) = f '' s ∪ f '' t`.",
        "If `a ≤ b` and `0 ≤ c` then `a * c ≤ b * c`. This is the main lemma used by `gcongr`.",
        "Auxiliary definition for the construction of the completion; use the API below instead.",
        "The canonical map `α → αˣ` on units, bundled as a monoid hom.",
        "A triangle inequality `‖x + y‖ ≤ ‖x‖ + ‖y‖` for seminormed groups.",
        "Two filters are equal iff they have the same sets. Note: the `⊢` goal uses `✝` names."]
VARS = ["a", "b", "c", "x", "y", "z"]
HYPS = ["h", "h₁", "h₂", "hab", "hx", "hy", "hc", "hs", "h'", "hε"]
CLOSERS = [("ring", ["Mathlib", "Tactic", "Ring", "ring"]), ("linarith", ["linarith"]),
           ("omega", ["Lean", "Parser", "Tactic", "omega"]),
           ("norm_num", ["Mathlib", "Tactic", "normNum"]),
           ("positivity", ["Mathlib", "Tactic", "Positivity", "positivity"]),
           ("aesop", ["Aesop", "Frontend", "Parser", "aesopTactic"]),
           ("rfl", ["Lean", "Parser", "Tactic", "tacticRfl"]),
           ("assumption", ["Lean", "Parser", "Tactic", "assumption"]),
           ("trivial", ["Lean", "Parser", "Tactic", "tacticTrivial"]),
           ("gcongr", ["Mathlib", "Tactic", "GCongr", "tacticGcongr__With__"]),
           ("field_simp", ["Mathlib", "Tactic", "FieldSimp", "fieldSimp"]),
           ("nlinarith", ["nlinarith"])]


def kind_json(*parts: str) -> str:
    return "[" + ",".join(_js(p) for p in parts) + "]"


def name_json(comps) -> str:
    return "[" + ",".join(_js(c) if isinstance(c, str) else str(c) for c in comps) + "]"


def dotted(comps) -> str:
    out = []
    for c in comps:
        if isinstance(c, int):
            out.append(str(c))
        elif c == "" or "." in c:
            out.append("«" + c + "»")
        else:
            out.append(c)
    return ".".join(out)


K = {k: kind_json(*k.split(".")) for k in [
    "Lean.Parser.Command.declaration", "Lean.Parser.Command.moduleDoc", "Lean.Parser.Command.open",
    "Lean.Parser.Command.variable", "Lean.Parser.Command.namespace", "Lean.Parser.Command.end",
    "Lean.Parser.Command.eoi", "Lean.Parser.Command.section", "Lean.Parser.Command.in",
    "Lean.Parser.Command.declId", "Lean.Parser.Command.mixfix", "Lean.Parser.Command.set_option",
    "Lean.Parser.Term.byTactic", "Lean.Parser.Term.app", "Lean.Parser.Term.binrel",
    "Lean.Parser.Term.binop", "Lean.Parser.Term.fun", "Lean.Parser.Term.paren",
    "Lean.Parser.Term.anonymousCtor", "Lean.Parser.Term.type", "Lean.Parser.Term.match",
    "Lean.Parser.Term.syntheticHole", "Lean.Parser.Term.structInst", "Lean.Parser.Term.typeAscription",
    "Lean.Parser.Tactic.tacticSeq", "Lean.Parser.Tactic.tacticSeq1Indented",
    "Lean.Parser.Tactic.intro", "Lean.Parser.Tactic.rwSeq", "Lean.Parser.Tactic.rewriteSeq",
    "Lean.Parser.Tactic.paren", "Lean.Parser.Tactic.withAnnotateState", "Lean.Parser.Tactic.tacticTry_",
    "Lean.Parser.Tactic.first", "Lean.Parser.Tactic.withReducible", "Lean.Parser.Tactic.tacticRfl",
    "Lean.Parser.Tactic.eqRefl", "Lean.Parser.Tactic.applyRfl", "Lean.Parser.Tactic.skip",
    "Lean.Parser.Tactic.simp", "Lean.Parser.Tactic.simpAll", "Lean.Parser.Tactic.dsimp",
    "Lean.Parser.Tactic.tacticHave_", "Lean.Parser.Tactic.obtain", "Lean.Parser.Tactic.apply",
    "Lean.Parser.Tactic.refine", "Lean.Parser.Tactic.constructor", "Lean.Parser.Tactic.exact",
    "Lean.Parser.Tactic.case", "Lean.Parser.Tactic.simpa", "Lean.cdot", "Lean.cdotTk",
    "Lean.Parser.Tactic.rintro", "Lean.Parser.Tactic.tacticLet_", "Lean.Parser.Term.haveDecl",
]}
K_NULL = '["null"]'
K_IDENT = '["ident"]'
K_BY = '["by"]'
K_SEMI = '[";"]'
K_RBRACK = '["]"]'
K_END_LOCAL = kind_json("Lean", "Parser", "Command", "InternalSyntax", "end_local_scope")


# --------------------------------------------------------------------------------------------
# Global plan: module names, sizes, imports and every declaration's name (globally unique).


class Plan:
    """Everything other modules need to know about a module, drawn sequentially."""

    def __init__(self, n_decls: int, n_modules: int, seed: int):
        rng = random.Random(f"plan:{seed}")
        self.seed = seed
        self.names: list[tuple[str, ...]] = []
        taken_mod: set[str] = set()
        areas = list(AREAS)
        counters: dict[tuple, int] = {}
        while len(self.names) < n_modules:
            area = rng.choice(areas)
            sub = rng.choice(AREAS[area])
            leaf = rng.choice(LEAVES)
            mid = (area, sub) if rng.random() < 0.75 else (area, sub, rng.choice(LEAVES[:8]))
            key = mid + (leaf,)
            k = counters.get(key, 0) + 1
            counters[key] = k
            comps = ("Mathlib",) + mid + (leaf + (str(k) if k > 1 or rng.random() < 0.5 else ""),)
            d = ".".join(comps)
            if d in taken_mod:
                continue
            taken_mod.add(d)
            self.names.append(comps)
        # Sizes: heavy-tailed, summing to n_decls, at least one each.
        weights = [rng.lognormvariate(0, 0.8) for _ in range(n_modules)]
        total = sum(weights)
        sizes = [max(1, int(w / total * n_decls)) for w in weights]
        diff = n_decls - sum(sizes)
        i = 0
        while diff != 0:
            j = i % n_modules
            if diff > 0:
                sizes[j] += 1
                diff -= 1
            elif sizes[j] > 1:
                sizes[j] -= 1
                diff += 1
            i += 1
        self.sizes = sizes
        self.imports: list[list[int]] = []
        for m in range(n_modules):
            if m == 0:
                self.imports.append([])
                continue
            k = min(m, rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6]))
            chosen: list[int] = []
            for _ in range(k):
                if rng.random() < 0.7:
                    j = m - 1 - int(rng.expovariate(1 / 25)) % m
                else:
                    j = rng.randrange(m)
                if j not in chosen:
                    chosen.append(j)
            self.imports.append(sorted(chosen))
        self.namespaces = [rng.choice(NAMESPACES) for _ in range(n_modules)]
        # Declarations.
        self.decls: list[list[tuple]] = []
        self.exports: list[tuple] = []   # per module: (type-ish names, theorem names, aux names)
        self.defs: list[tuple] = []      # per module: definitions without an eq_def of their own
        self.ondemand: list[list] = []   # per module: imported definitions whose eq_def is made here
        used: set[str] = set()
        made_on_demand: set[tuple] = set()
        for m in range(n_modules):
            ns = (self.namespaces[m],)
            mod_comps = self.names[m]
            plan_m = []
            types, thms, aux, defs = [], [], [], []
            count = 0
            while count < sizes[m]:
                r = rng.random() * 100
                if r < 65:
                    kind = "theorem"
                elif r < 84:
                    kind = "definition"
                elif r < 89:
                    kind = "instance"
                elif r < 91.5:
                    kind = "structure"
                elif r < 93:
                    kind = "inductive"
                elif r < 96:
                    kind = "abbrev"
                elif r < 97.2:
                    kind = "example"
                elif r < 97.7:
                    kind = "opaque"
                elif r < 97.9:
                    kind = "axiom"
                elif r < 98.5 and sizes[m] - count >= 2:
                    kind = "notation"
                else:
                    kind = "theorem"
                entry = self._declaration(rng, kind, ns, mod_comps, used)
                plan_m.append(entry)
                count += 2 if kind == "notation" else 1
                k, full, private = entry[0], entry[1], entry[3]
                if private or k in ("example", "notation"):
                    continue
                if k == "theorem":
                    thms.append(name_json(full))
                else:
                    types.append(name_json(full))
                extra = entry[4]
                if k == "definition" and not extra[1]:
                    defs.append(full)
                if k in ("definition", "abbrev") and extra[0]:
                    aux.append(name_json(full + ("eq_1",)))
                if k == "structure":
                    types.append(name_json(full + ("mk",)))
                    for f in extra[0][:2]:
                        types.append(name_json(full + (f,)))
                    aux.append(name_json(full + ("rec",)))
                if k == "inductive":
                    aux.append(name_json(full + ("casesOn",)))
                    types.append(name_json(full + (extra[0][0][0],)))
            # equation lemmas of imported definitions, made on demand here (`List.map.eq_def` in
            # the format document): symbols without declarations, homed in this module
            ondemand = []
            candidates = [d for j in self.imports[m] for d in self.defs[j]]
            if m:
                for _ in range(int(sizes[m] * 0.45)):
                    pool = candidates if candidates and rng.random() < 0.5 else self.defs[rng.randrange(m)]
                    if not pool:
                        continue
                    d = rng.choice(pool)
                    # `d.eq_def` is reserved for d in `used`, and d has none of its own
                    if d not in made_on_demand:
                        made_on_demand.add(d)
                        ondemand.append(d)
            self.ondemand.append(ondemand)
            self.decls.append(plan_m)
            self.defs.append(tuple(defs))
            self.exports.append((tuple(types), tuple(thms), tuple(aux)))

    @staticmethod
    def _declaration(rng, kind, ns, mod_comps, used):
        """(kind, full name, short name text, private, extra) with every generated name unique."""
        for attempt in range(1000):
            private = kind in ("theorem", "definition") and rng.random() < 0.03
            extra: tuple = ()
            if kind in ("structure", "inductive"):
                base = rng.choice(STRUCT_PRE) + rng.choice(STRUCT_POST)
            elif kind == "instance":
                base = "inst" + rng.choice(CLASSES) + rng.choice(STRUCT_POST)
            elif kind == "example":
                base = "_example"
            elif kind == "notation":
                base = "term_" + rng.choice(OPS) + "_"
            else:
                n = rng.choice([2, 2, 3, 3, 3, 4, 4, 5])
                base = "_".join(rng.choice(WORDS) for _ in range(n))
                if rng.random() < 0.08:
                    base += "'"
            if attempt:
                base += str(attempt + 1) if kind not in ("notation",) else "_" + str(attempt)
            local = (base,) if rng.random() < 0.85 or kind in ("example", "notation") else (
                rng.choice(NAMESPACES), base)
            if kind == "example":
                return (kind, ("_example",), "", False, ())
            full = ns + local
            if private:
                full = ("_private",) + mod_comps + (0,) + full
            names = [full]
            if kind == "theorem":
                twin = None
                if rng.random() < 0.33:
                    twin = ns + local[:-1] + ("add_" + local[-1],) if not private else None
                    if twin:
                        names.append(twin)
                match = rng.random() < 0.08
                # `alias ⟨foo_mp, foo_mpr⟩ := foo`: constants without a declaration command
                aliases = ()
                if not private and rng.random() < 0.1:
                    aliases = (ns + local[:-1] + (local[-1] + "_mp",), ns + local[:-1] + (local[-1] + "_mpr",))
                    names.extend(aliases)
                extra = (twin, match, aliases)
                names.append(full + ("match_1",))
            elif kind in ("definition", "abbrev"):
                eq1 = rng.random() < 0.75
                eqdef = eq1 and rng.random() < 0.7
                match = kind == "definition" and rng.random() < 0.4
                rec = match and rng.random() < 0.35
                simps = kind == "definition" and not private and rng.random() < 0.3
                extra = (eq1, eqdef, match, rec, simps)
                for f in ("eq_1", "eq_def", "match_1", "_sunfold", "induct", "proof_1"):
                    names.append(full + (f,))
                for f in ("apply", "symm_apply", "coe"):
                    names.append(full[:-1] + (full[-1] + "_" + f,))
            elif kind == "instance":
                extra = (rng.random() < 0.35, rng.choice([0, 0, 0, 1, 2]))
            elif kind == "structure":
                nf = rng.choice([2, 2, 3, 3, 4, 5])
                fields = tuple(rng.sample(FIELDS, nf))
                extra = (fields, rng.random() < 0.5, rng.random() < 0.3, rng.random() < 0.5)
                names += [full + (f,) for f in fields] + [full + ("ext",), full + ("ext_iff",), full + ("mk",)]
                names += [ns + ("instDecidableEq" + base,), ns + ("instRepr" + base,), full + ("repr",)]
            elif kind == "inductive":
                nc = rng.choice([2, 2, 3, 3, 4])
                ctors = tuple((c, rng.choice([0, 1, 1, 2])) for c in rng.sample(CTORS, nc))
                extra = (ctors, rng.random() < 0.5, rng.random() < 0.6)
                names += [full + (c,) for c, _ in ctors]
                names += [ns + ("instDecidableEq" + base,), ns + ("instRepr" + base,), full + ("repr",)]
            elif kind == "notation":
                aux_name = ns + ("_aux_" + "_".join(str(c) for c in mod_comps) + "___macroRules_"
                                 + "_".join(ns) + "_" + base + "_1",)
                extra = (aux_name,)
                names.append(aux_name)
            keys = [".".join(map(str, n)) for n in names]
            if any(k in used for k in keys):
                continue
            used.update(keys)
            short = ".".join(local)
            return (kind, full, short, private, extra)
        raise RuntimeError("could not find a unique name")


PLAN: Plan | None = None


# --------------------------------------------------------------------------------------------
# Goals and hypotheses


class Var:
    __slots__ = ("name", "type", "uid", "json", "is_prop")

    def __init__(self, name, typ, uid, binder, is_prop, value=None):
        self.name = name
        self.type = typ
        self.uid = uid
        self.is_prop = is_prop
        parts = ['{']
        if binder:
            parts.append('"binderInfo":"%s",' % binder)
        parts.append('"id":["_uniq",%d],"isLet":%s,"isProp":%s,"isReferencedLater":true,"name":[%s],"type":%s'
                     % (uid, "true" if value is not None else "false", "true" if is_prop else "false",
                        _js(name), _js(typ)))
        if value is not None:
            parts.append(',"value":' + _js(value))
        parts.append('}')
        self.json = "".join(parts)


class Goal:
    __slots__ = ("mvar", "tag", "type", "ctx", "head", "tail", "plain")

    def __init__(self, mvar, tag, typ, ctx):
        self.mvar = mvar
        self.tag = tag
        self.type = typ
        self.ctx = ctx
        self.head = '{"context":[' + ",".join(v.json for v in ctx) + ']'
        lines = []
        if tag:
            lines.append("case " + tag)
        i = 0
        n = len(ctx)
        while i < n:
            j = i + 1
            while j < n and ctx[j].type == ctx[i].type and not ctx[i].is_prop:
                j += 1
            lines.append(" ".join(v.name for v in ctx[i:j]) + " : " + ctx[i].type)
            i = j
        lines.append("⊢ " + typ)
        self.tail = (',"isProp":true,"mvarId":["_uniq",%d],"pp":%s,"tag":%s,"type":%s}'
                     % (mvar, _js("\n".join(lines)), '[%s]' % _js(tag) if tag else "[]", _js(typ)))
        self.plain = self.head + self.tail

    def with_extra(self, extra):
        return self.head + ',"extra":' + extra + self.tail


# --------------------------------------------------------------------------------------------
# Steps


class Step:
    __slots__ = ("kind", "text", "before", "after", "refs", "used", "nested", "style",
                 "start", "stop", "before_json", "after_json", "sub", "tag", "new_hyps")

    def __init__(self, kind, text, before, after, refs=(), used=None, style="plain",
                 nested=None, sub=None, tag=None, new_hyps=()):
        self.kind = kind            # kind JSON
        self.text = text            # single-line text (for blocks: the header)
        self.before = before
        self.after = after
        self.refs = refs            # names written (tuples)
        self.used = used            # simp's used theorems (dotted)
        self.nested = nested        # steps inside `·`/`case`
        self.style = style
        self.sub = sub              # steps of a nested `by` (have … := by …)
        self.tag = tag
        self.new_hyps = new_hyps
        self.start = self.stop = 0


def blen(s: str) -> int:
    return len(s.encode("utf-8"))


class ModuleGen:
    def __init__(self, index: int):
        plan = PLAN
        self.plan = plan
        self.index = index
        self.rng = random.Random(f"module:{plan.seed}:{index}")
        self.comps = plan.names[index]
        self.name = ".".join(self.comps)
        self.ns = (plan.namespaces[index],)
        self.uniq = self.rng.randrange(2000, 9000)
        self.pos = 0
        self.lines: list[tuple[int, str]] = []   # (line start, state JSON)
        self.source: list[str] = []              # the virtual source, line by line
        self.decls: list[str] = []
        self.syms: list[str] = []
        self.elab: list[str] = []
        self.local_types: list[str] = []
        self.local_thms: list[str] = []
        self.local_aux: list[str] = []
        imports = plan.imports[index]
        self.imports = imports
        self.import_exports = [plan.exports[j] for j in imports]
        self.far_exports = [plan.exports[j] for j in range(index)] if index else []

    # ---- helpers

    def uid(self) -> int:
        self.uniq += self.rng.randrange(1, 6)
        return self.uniq

    def emit(self, text: str, state: str = "") -> None:
        """Adds lines of the virtual source, each with its proof state."""
        for line in text.split("\n"):
            self.lines.append((self.pos, state))
            self.pos += blen(line) + 1
            self.source.append(line)

    def pick_ref(self, theorem: bool) -> str:
        """A name JSON from the corpus: imports first, then any earlier module, then this one."""
        rng = self.rng
        r = rng.random()
        slot = 1 if theorem else 0
        if r < 0.2 and (self.local_thms if theorem else self.local_types):
            pool = self.local_thms if theorem else self.local_types
            return pool[rng.randrange(len(pool))]
        if r < 0.85 and self.import_exports:
            ex = self.import_exports[rng.randrange(len(self.import_exports))]
            pool = ex[slot] or ex[1 - slot]
            if pool:
                return pool[rng.randrange(len(pool))]
        if self.far_exports:
            ex = self.far_exports[rng.randrange(len(self.far_exports))]
            pool = ex[slot] or ex[1 - slot] or ex[2]
            if pool:
                return pool[rng.randrange(len(pool))]
        return name_json(rng.choice(EXT_VALUE if theorem else EXT_TYPE).split("."))

    def pick_aux(self) -> str | None:
        if self.import_exports:
            ex = self.import_exports[self.rng.randrange(len(self.import_exports))]
            if ex[2]:
                return ex[2][self.rng.randrange(len(ex[2]))]
        return None

    def corpus_lemmas(self, n: int) -> list[tuple]:
        out = []
        for _ in range(n):
            if self.rng.random() < 0.75:
                out.append(tuple(json.loads(self.pick_ref(True))))
            else:
                out.append(tuple(self.rng.choice(LEMMA_LOCAL).split(".")))
        return out

    # ---- JSON node builders

    @staticmethod
    def ref(kind, orig, s, e, pp):
        if s is None:
            return '{"kind":%s,"original":%s,"pp":%s,"range":null}' % (kind, "true" if orig else "false", _js(pp))
        return '{"kind":%s,"original":%s,"pp":%s,"range":[%d,%d]}' % (
            kind, "true" if orig else "false", _js(pp), s, e)

    def tnode(self, kind, orig, s, e, pp, before, after, refs, children=(), extra=None):
        ex = ',"extra":' + extra if extra else ""
        return ('{"children":[' + ",".join(children) + '],"info":{"tactic":{"after":[' + after
                + '],"before":[' + before + ']' + ex + ',"references":' + refs + '}},"ref":'
                + self.ref(kind, orig, s, e, pp) + '}')

    def term(self, kind, orig, s, e, pp, ctx_json, typ, value, expected=None, special=None, children=()):
        sp = ',"special":' + special if special else ""
        return ('{"children":[' + ",".join(children) + '],"info":{"term":{"context":[' + ctx_json
                + '],"expectedType":' + (_js(expected) if expected is not None else "null") + sp
                + ',"type":' + _js(typ) + ',"value":' + _js(value) + '}},"ref":'
                + self.ref(kind, orig, s, e, pp) + '}')

    def simple(self, what, kind, orig, s, e, pp, children=()):
        return ('{"children":[' + ",".join(children) + '],"info":{"simple":"' + what + '"},"ref":'
                + self.ref(kind, orig, s, e, pp) + '}')

    def macro(self, kind, orig, s, e, pp, exp_kind, exp_pp, children=()):
        return ('{"children":[' + ",".join(children) + '],"info":{"macro":{"expanded":'
                + self.ref(exp_kind, False, s, e, exp_pp) + '}},"ref":' + self.ref(kind, orig, s, e, pp) + '}')

    def ident_term(self, s, name, ctx_json, typ, special, expected=None, nested=True):
        e = s + blen(name)
        kids = ()
        if nested:
            kids = (self.simple("completion", K_IDENT, True, s, e, name),
                    self.term(K_IDENT, True, s, e, name, ctx_json, typ, name, expected, special))
        return self.term(K_IDENT, True, s, e, name, ctx_json, typ, name, expected, special, kids)

    # ---- expression trees (statement types, proof terms)

    def expr_tree(self, s, text, ctx, ctx_json, typ, depth):
        """A term node for `text` at byte offset s: binop/binrel macros down to identifiers."""
        rng = self.rng
        e = s + blen(text)
        if depth <= 0 or len(text) < 6:
            return self.term(K_IDENT, True, s, e, text, ctx_json, typ, text,
                             special='{"fvar":["_uniq",%d]}' % (ctx[0].uid if ctx else 1))
        macro_kind, exp = (("Lean.Parser.Term.binrel", " binrel% ") if rng.random() < 0.5
                           else ("Lean.Parser.Term.binop", " binop% "))
        inner_kids = [self.simple("completion", K_IDENT, False, s, e, " " + rng.choice(EXT_TYPE) + " ")]
        # two sub-terms over halves of the text
        half = len(text) // 2
        left, right = text[:half], text[half:]
        inner_kids.append(self.expr_tree(s, left, ctx, ctx_json, typ, depth - 1))
        inner_kids.append(self.expr_tree(s + blen(left), right, ctx, ctx_json, typ, depth - 2))
        inner = self.term(K[macro_kind], False, s, e, exp + text + " ", ctx_json, typ, text,
                          children=inner_kids)
        outer = self.term(K[macro_kind], False, s, e, exp + text + " ", ctx_json, typ, text, "Sort ?u.%d" % self.uid(),
                          children=(inner,))
        mac = self.macro('["term_op_"]', True, s, e, text, K[macro_kind], exp + text, (outer,))
        return self.term('["term_op_"]', True, s, e, text, ctx_json, typ, text, "Sort ?u.%d" % self.uid(), children=(mac,))

    # ---- goals

    def new_goal(self, typ, ctx, tag=""):
        return Goal(self.uid(), tag, typ, ctx)

    def inst_goal_t(self, names, pool=GOAL_T):
        t = self.rng.choice(pool)
        a = names + VARS
        return t.format(a[0], a[1], a[2])

    def extra_before(self, goal: Goal, after: list[Goal], new_hyps) -> str:
        uses = ",".join('"_uniq.%d"' % v.uid for v in goal.ctx[-3:])
        return ('{"newGoals":[%s],"newHypotheses":[%s],"typeMVars":[],"typeUses":[%s],"valueUses":[]}'
                % (",".join('"_uniq.%d"' % g.mvar for g in after[:2]),
                   ",".join('"_uniq.%d"' % v.uid for v in new_hyps), uses))

    @staticmethod
    def extra_after(goal: Goal) -> str:
        uses = ",".join('"_uniq.%d"' % v.uid for v in goal.ctx[-2:])
        return '{"typeMVars":[],"typeUses":[%s],"valueUses":[]}' % uses

    def goals_json(self, step: Step):
        b = step.before
        first = b[0].with_extra(self.extra_before(b[0], step.after, step.new_hyps))
        step.before_json = ",".join([first] + [g.plain for g in b[1:]])
        step.after_json = ",".join(g.with_extra(self.extra_after(g)) for g in step.after)

    # ---- tactic proof generation

    def gen_steps(self, goals: list[Goal], n: int, depth: int) -> list[Step]:
        """Steps that close goals[0] (and the rest, via blocks) in about n steps."""
        rng = self.rng
        steps: list[Step] = []
        k = 0
        while goals:
            g = goals[0]
            rest = goals[1:]
            last = k >= n - 1
            r = rng.random()
            names = [v.name for v in g.ctx if v.name in VARS] or ["a"]
            if " → " in g.type and (k == 0 or r < 0.5):
                parts = g.type.split(" → ")
                hyps = []
                ids = []
                ctx = list(g.ctx)
                for p in parts[:-1]:
                    hn = rng.choice(HYPS)
                    while any(v.name == hn for v in ctx):
                        hn = hn + "'"
                    v = Var(hn, p, self.uid(), "default", True)
                    ctx.append(v)
                    hyps.append(v)
                    ids.append(hn)
                ng = self.new_goal(parts[-1], tuple(ctx), g.tag)
                text = "intro " + " ".join(ids)
                st = Step(K["Lean.Parser.Tactic.intro"], text, goals, [ng] + rest,
                          refs=[(h,) for h in reversed(ids)], style="intro", new_hyps=hyps)
                goals = [ng] + rest
            elif last:
                r2 = rng.random()
                if r2 < 0.35:
                    lem = self.corpus_lemmas(1)[0]
                    hs = [v.name for v in g.ctx if v.is_prop][-2:]
                    text = "exact " + dotted(lem) + "".join(" " + h for h in hs)
                    st = Step(K["Lean.Parser.Tactic.exact"], text, goals, rest,
                              refs=[lem] + [(h,) for h in hs], style="exact")
                elif r2 < 0.6:
                    lems = self.corpus_lemmas(rng.choice([0, 1, 2, 3]))
                    text = "simp" + (" [" + ", ".join(dotted(x) for x in lems) + "]" if lems else "")
                    used = [dotted(x) for x in lems] + rng.sample(LEMMA_LOCAL, 2)
                    st = Step(K["Lean.Parser.Tactic.simp"], text, goals, rest, refs=lems, used=used,
                              style="simp")
                else:
                    text, kind = rng.choice(CLOSERS)
                    st = Step(kind_json(*kind), text, goals, rest, style="closer")
                goals = rest
            elif r < 0.07 and depth < 2 and len(steps) + 3 <= n + 2:
                # split into two goals, then one block per goal
                if rng.random() < 0.6:
                    text, kind, tags = "constructor", K["Lean.Parser.Tactic.constructor"], ("left", "right")
                else:
                    text, kind, tags = "refine ⟨?_, ?_⟩", K["Lean.Parser.Tactic.refine"], ("refine_1", "refine_2")
                g1 = self.new_goal(self.inst_goal_t(names, REW_T), g.ctx, tags[0])
                g2 = self.new_goal(self.inst_goal_t(names, REW_T), g.ctx, tags[1])
                st = Step(kind, text, goals, [g1, g2] + rest, style="closer")
                steps.append(st)
                goals = [g1, g2] + rest
                for tg in (g1, g2):
                    remaining = goals[1:]
                    m = rng.choice([1, 1, 2, 2, 3])
                    sub = self.gen_steps([tg], m, depth + 1)
                    if rng.random() < 0.8:
                        blk = Step(K["Lean.cdot"], "·", goals, remaining, style="cdot", nested=sub)
                    else:
                        blk = Step(K["Lean.Parser.Tactic.case"], "case " + tg.tag + " =>", goals,
                                   remaining, style="case", nested=sub, tag=tg.tag)
                    steps.append(blk)
                    goals = remaining
                k += 3
                continue
            elif r < 0.45:
                lems = self.corpus_lemmas(rng.choice([1, 1, 2, 2, 3]))
                hs = [v.name for v in g.ctx if v.is_prop]
                if hs and rng.random() < 0.4:
                    lems.append((rng.choice(hs),))
                text = "rw [" + ", ".join(("← " if rng.random() < 0.15 else "") + dotted(x) for x in lems) + "]"
                ng = self.new_goal(self.inst_goal_t(names, REW_T), g.ctx, g.tag)
                st = Step(K["Lean.Parser.Tactic.rwSeq"], text, goals, [ng] + rest, refs=lems, style="rw")
                goals = [ng] + rest
            elif r < 0.6:
                lems = self.corpus_lemmas(rng.choice([1, 2, 3]))
                only = rng.random() < 0.5
                text = ("simp only [" if only else "simp [") + ", ".join(dotted(x) for x in lems) + "]"
                if rng.random() < 0.2:
                    text += " at *"
                ng = self.new_goal(self.inst_goal_t(names, REW_T), g.ctx, g.tag)
                used = [dotted(x) for x in lems] + rng.sample(LEMMA_LOCAL, 1)
                st = Step(K["Lean.Parser.Tactic.simp"], text, goals, [ng] + rest, refs=lems, used=used,
                          style="simp")
                goals = [ng] + rest
            elif r < 0.63:
                # let k := a * b: a local definition (a hypothesis with a value)
                kn = "k" if not any(v.name == "k" for v in g.ctx) else "k'"
                val = names[0] + " * " + (names + VARS)[1]
                v = Var(kn, "α", self.uid(), "default", False, value=val)
                ng = self.new_goal(g.type, g.ctx + (v,), g.tag)
                st = Step(K["Lean.Parser.Tactic.tacticLet_"], "let " + kn + " := " + val, goals, [ng] + rest,
                          refs=[(kn,)], style="plain", new_hyps=[v])
                goals = [ng] + rest
            elif r < 0.8:
                hn = rng.choice(HYPS)
                while any(v.name == hn for v in g.ctx):
                    hn += "'"
                ht = self.rng.choice(HYP_T).format(*(names + VARS)[:3])
                v = Var(hn, ht, self.uid(), "default", True)
                ng = self.new_goal(g.type, g.ctx + (v,), g.tag)
                if rng.random() < 0.2 and depth < 2:
                    # have h : T := by simp [...]: a nested tactic block inside the step
                    hg = self.new_goal(ht, g.ctx)
                    lems = self.corpus_lemmas(rng.choice([1, 2]))
                    inner_text = "simp [" + ", ".join(dotted(x) for x in lems) + "]"
                    inner = Step(K["Lean.Parser.Tactic.simp"], inner_text, [hg], [], refs=lems,
                                 used=[dotted(x) for x in lems], style="simp")
                    text = "have " + hn + " : " + ht + " := by " + inner_text
                    st = Step(K["Lean.Parser.Tactic.tacticHave_"], text, goals, [ng] + rest,
                              refs=[(hn,)] + lems, style="have_by", sub=[inner], new_hyps=[v])
                else:
                    lem = self.corpus_lemmas(1)[0]
                    args = [x.name for x in g.ctx if x.is_prop][-1:] + names[:1]
                    text = "have " + hn + " : " + ht + " := " + dotted(lem) + "".join(" " + a for a in args)
                    st = Step(K["Lean.Parser.Tactic.tacticHave_"], text, goals, [ng] + rest,
                              refs=[(hn,), lem] + [(a,) for a in args], style="have", new_hyps=[v])
                goals = [ng] + rest
            elif r < 0.9:
                hs = [v for v in g.ctx if v.is_prop]
                if not hs:
                    k += 1
                    continue
                src = hs[-1]
                a = "k" if not any(v.name == "k" for v in g.ctx) else "k'"
                hk = "h" + a
                va = Var(a, "α", self.uid(), "default", False)
                vh = Var(hk, "x = 2 * " + a, self.uid(), "default", True)
                ng = self.new_goal(g.type, g.ctx + (va, vh), g.tag)
                text = "obtain ⟨" + a + ", " + hk + "⟩ := " + src.name
                st = Step(K["Lean.Parser.Tactic.obtain"], text, goals, [ng] + rest,
                          refs=[(hk,), (a,), (src.name,)], style="plain", new_hyps=[va, vh])
                goals = [ng] + rest
            else:
                lem = self.corpus_lemmas(1)[0]
                ng = self.new_goal(self.inst_goal_t(names, REW_T), g.ctx, g.tag)
                kind = "apply" if rng.random() < 0.6 else "refine"
                text = kind + " " + dotted(lem) + (" ?_" if kind == "refine" else "")
                st = Step(K["Lean.Parser.Tactic." + kind], text, goals, [ng] + rest, refs=[lem], style="exact")
                goals = [ng] + rest
            steps.append(st)
            k += 1
        return steps

    def layout(self, steps: list[Step], indent: int, out: list, base: int, cont: bool = False) -> int:
        """Lays steps out as source lines and assigns their ranges; returns the last stop.

        out holds [line start, text, state] entries, the first starting at byte offset base;
        with cont, the first step continues out's last line (after `· `).
        """
        end = 0
        for i, st in enumerate(steps):
            if not (i == 0 and cont):
                start = out[-1][0] + blen(out[-1][1]) + 1 if out else base
                out.append([start, " " * indent, ",".join(g.plain for g in st.before)])
            line = out[-1]
            st.start = line[0] + blen(line[1])
            if st.style == "cdot":
                line[1] += "· "
                end = self.layout(st.nested, indent + 2, out, base, cont=True)
            elif st.style == "case":
                line[1] += st.text
                end = self.layout(st.nested, indent + 2, out, base)
            else:
                line[1] += st.text
                end = st.start + blen(st.text)
            st.stop = end
        return end

    # ---- tactic trees

    def step_node(self, st: Step, depth: int) -> str:
        s, e = st.start, st.stop
        bj, aj = st.before_json, st.after_json
        refs = "[" + ",".join(name_json(r) for r in st.refs) + "]"
        kids: list[str] = []
        ctx_json = ",".join(v.json for v in st.before[0].ctx)
        style = st.style
        if style == "intro":
            words = st.text.split(" ")[1:]
            off = s + blen("intro ")
            first = True
            for w in words:
                ws, we = off, off + blen(w)
                term = self.ident_term(ws, w, ctx_json, "α", '{"fvar":["_uniq",%d]}' % self.uid(), nested=False)
                if first:
                    kids.append(self.tnode(K_NULL, True, s, we, "intro " + w, bj, aj, "[" + name_json((w,)) + "]", (term,)))
                    first = False
                else:
                    kids.append(self.tnode(K_IDENT, True, ws, we, w, bj, aj, "[" + name_json((w,)) + "]", (term,)))
                off = we + 1
        elif style == "rw":
            inner = []
            short = self.rng.random() < 0.75
            if not short:
                inner.append(self.tnode(K_NULL, False, s, e, " rewrite  [ ", st.before[0].plain, aj, "[]"))
            off = s + blen("rw [")
            body = st.text[4:-1]
            for item in body.split(", "):
                lem = item[2:] if item.startswith("← ") else item
                ls = off + (blen("← ") if item.startswith("← ") else 0)
                le = ls + blen(lem)
                inner.append(self.tnode(K_NULL, True, off, off + blen(item) + 1, item + ",", bj, aj,
                                        "[" + name_json(tuple(lem.split("."))) + "]",
                                        (self.simple("completion", K_IDENT, True, ls, le, lem),)))
                off += blen(item) + 2
            rws = self.tnode(K["Lean.Parser.Tactic.rewriteSeq"], False, s, e, " rewrite  [ " + body + " ] ",
                             bj, aj, refs, inner)
            if short:
                # the short form: only the rewrite itself, without the `with_reducible rfl` attempt
                return self.tnode(st.kind, True, s, e, st.text, bj, aj, refs, (rws,))
            # the trailing `with_reducible rfl` attempt: a deep chain of expansion nodes
            chain = self.tnode(K["Lean.Parser.Tactic.eqRefl"], False, s, e, " eq_refl ", bj, aj, "[]")
            full_chain = self.rng.random() < 0.3
            for kd, pp in (("Lean.Parser.Tactic.tacticRfl", " rfl "), ("Lean.Parser.Tactic.tacticSeq1Indented", " rfl "),
                           ("Lean.Parser.Tactic.tacticSeq", " rfl "), ("Lean.Parser.Tactic.withReducible", " with_reducible  rfl "),
                           ("Lean.Parser.Tactic.tacticSeq1Indented", " with_reducible  rfl "),
                           ("Lean.Parser.Tactic.tacticSeq", " with_reducible  rfl "),
                           ("Lean.Parser.Tactic.paren", " (  with_reducible  rfl  ) "),
                           ("Lean.Parser.Tactic.first", " first  |  (  with_reducible  rfl  )  |  skip "),
                           ("Lean.Parser.Tactic.tacticTry_", " try  (  with_reducible  rfl  ) "),
                           ("Lean.Parser.Tactic.paren", " (  try  (  with_reducible  rfl  )  ) ")
                           )[0 if full_chain else 8:]:
                chain = self.tnode(K[kd], False, s, e, pp, bj, aj, "[]", (chain,))
            rb = self.tnode(K_RBRACK, True, e - 1, e, "]", bj, aj, "[]", (chain,))
            wa = self.tnode(K["Lean.Parser.Tactic.withAnnotateState"], False, s, e,
                            " with_annotate_state ] (  try  (  with_reducible  rfl  )  ) ", bj, aj, "[]", (rb,))
            semi = self.tnode(K_SEMI, False, s, e, " ; ", st.before[0].plain, aj, "[]")
            seq1 = self.tnode(K["Lean.Parser.Tactic.tacticSeq1Indented"], False, s, e, " rewrite  [ " + body + " ] ; ",
                              bj, aj, refs, (rws, semi, wa))
            seq = self.tnode(K["Lean.Parser.Tactic.tacticSeq"], False, s, e, " rewrite  [ " + body + " ] ; ", bj, aj, refs, (seq1,))
            kids.append(self.tnode(K["Lean.Parser.Tactic.paren"], False, s, e, " (  rewrite  [ " + body + " ]  ) ",
                                   bj, aj, refs, (seq,)))
        elif style == "simp":
            off = st.text.find("[")
            if off >= 0:
                pos = s + blen(st.text[:off + 1])
                for item in st.text[off + 1:st.text.index("]")].split(", "):
                    kids.append(self.simple("completion", K_IDENT, True, pos, pos + blen(item), item))
                    pos += blen(item) + 2
            kids.append(self.simple("custom", st.kind, True, s, e, st.text))
        elif style in ("exact", "have"):
            # the proof term: an application node with its head and arguments
            idx = st.text.find(":= ")
            tstart = idx + 3 if idx >= 0 else st.text.index(" ") + 1
            term_text = st.text[tstart:]
            ts = s + blen(st.text[:tstart])
            te = ts + blen(term_text)
            words = term_text.split(" ")
            app_kids = [self.simple("completion", K_IDENT, True, ts, ts + blen(words[0]), words[0])]
            app_kids.append(self.term(K_IDENT, True, ts, ts + blen(words[0]), words[0], ctx_json,
                                      "∀ {a b : α}, a ≤ b → a * c ≤ b * c", words[0],
                                      special='{"const":%s}' % name_json(tuple(words[0].split(".")))))
            p = ts + blen(words[0]) + 1
            for w in words[1:]:
                app_kids.append(self.ident_term(p, w, ctx_json, "α", '{"fvar":["_uniq",%d]}' % self.uid(), nested=False))
                p += blen(w) + 1
            app = self.term(K["Lean.Parser.Term.app"], True, ts, te, term_text, ctx_json, st.before[0].type,
                            term_text, st.before[0].type, children=app_kids)
            if style == "have":
                hd = self.term(K["Lean.Parser.Term.haveDecl"], True, s, e, st.text[5:], ctx_json, st.before[0].type,
                               st.text[5:], children=(app,))
                kids.append(self.macro(st.kind, True, s, e, st.text, K["Lean.Parser.Tactic.refine"],
                                       " refine_lift  " + st.text + " ;  ?_ ",
                                       (self.tnode(K["Lean.Parser.Tactic.refine"], False, s, e,
                                                   " refine_lift  " + st.text + " ;  ?_ ", bj, aj, refs, (hd,)),)))
            else:
                kids.append(app)
        elif style == "have_by":
            # have h : T := by tac — the nested `by` is a term whose tactic block has its own steps
            inner = st.sub[0]
            by_s = s + blen(st.text[:st.text.index(":= by ") + 3])
            inner.start = by_s + 3
            inner.stop = e
            self.goals_json(inner)
            hb = inner.before[0].with_extra(self.extra_before(inner.before[0], [], ()))
            step = self.step_node(inner, depth + 1)
            seq1 = self.tnode(K["Lean.Parser.Tactic.tacticSeq1Indented"], True, inner.start, e, inner.text, hb, "", "[]", (step,))
            seq = self.tnode(K["Lean.Parser.Tactic.tacticSeq"], True, inner.start, e, inner.text, hb, "", "[]", (seq1,))
            by = self.tnode(K_BY, True, by_s, by_s + 2, "by", hb, "", "[]", (seq,))
            bt = self.tnode(K["Lean.Parser.Term.byTactic"], True, by_s, e, "by " + inner.text, hb, "", "[]", (by,))
            wrap = self.simple("custom", K["Lean.Parser.Term.byTactic"], True, by_s, e, "by " + inner.text, (bt,))
            kids.append(self.tnode(K["Lean.Parser.Tactic.refine"], False, s, e, " refine_lift  " + st.text + " ;  ?_ ",
                                   bj, aj, refs, (wrap,)))
        elif style == "closer":
            # a closing tactic's macro expansion: a short chain of non-original nodes
            chain = self.tnode(K["Lean.Parser.Tactic.skip"], False, s, e, " skip ", bj, aj, "[]")
            kinds = ("Lean.Parser.Tactic.first",)
            if self.rng.random() < 0.04:
                # a long macro expansion (aesop, positivity, norm_num extensions …)
                kinds = ("Lean.Parser.Tactic.tacticSeq1Indented", "Lean.Parser.Tactic.tacticSeq",
                         "Lean.Parser.Tactic.first") * self.rng.randint(5, 14)
            for kd in kinds:
                chain = self.tnode(K[kd], False, s, e, " first  | " + st.text + "1  |  " + st.text + "_nf ", bj, aj, "[]", (chain,))
            kids.append(chain)
        elif style in ("cdot", "case"):
            sub_nodes = [self.step_node(x, depth + 1) for x in st.nested]
            ns, ne = st.nested[0].start, st.nested[-1].stop
            fb = st.nested[0].before_json
            seq1 = self.tnode(K["Lean.Parser.Tactic.tacticSeq1Indented"], True, ns, ne, "…", fb, st.nested[-1].after_json, "[]", sub_nodes)
            seq = self.tnode(K["Lean.Parser.Tactic.tacticSeq"], True, ns, ne, "…", fb, st.nested[-1].after_json, "[]", (seq1,))
            if style == "cdot":
                kids.append(self.tnode(K["Lean.cdotTk"], True, s, s + 2, "·", ",".join(g.plain for g in st.before),
                                       aj, "[]"))
            else:
                kids.append(self.tnode(K_NULL, True, s + 5, s + 5 + blen(st.tag), st.tag, bj,
                                       ",".join(g.with_extra(self.extra_after(g)) for g in st.before), "[]"))
            kids.append(seq)
        return self.tnode(st.kind, True, s, e, self.step_pp(st), bj, aj, refs, kids,
                          extra=('{"usedTheorems":[%s]}' % ",".join(_js(u) for u in st.used)) if st.used else None)

    def step_pp(self, st: Step) -> str:
        if st.style == "cdot":
            return "· " + "\n  ".join(x.text for x in st.nested)
        if st.style == "case":
            return st.text + "\n  " + "\n  ".join(x.text for x in st.nested)
        return st.text

    def prepare(self, steps: list[Step]):
        for st in steps:
            self.goals_json(st)
            if st.nested:
                self.prepare(st.nested)

    # ---- declarations

    def binders(self, rng, thm: bool):
        """[(bi, [names], type)], names used, hypothesis count."""
        out = []
        n = rng.choice([1, 2, 2, 3])
        names = rng.sample(VARS[:3] if rng.random() < 0.7 else VARS[3:], min(3, n))
        out.append(("implicit" if rng.random() < 0.6 else "default", names, "α"))
        if rng.random() < 0.3:
            out.append(("instImplicit", None, rng.choice(CLASSES) + " β"))
        if thm:
            for i in range(rng.choice([0, 0, 0, 1, 1, 2])):
                out.append(("default", [HYPS[i + 1] if i else "h"],
                            rng.choice(HYP_T).format(*(names + VARS)[:3])))
        return out, names

    def binder_text(self, binders):
        parts = []
        for bi, names, typ in binders:
            if bi == "instImplicit":
                parts.append("[" + typ + "]")
            elif bi == "implicit":
                parts.append("{" + " ".join(names) + " : " + typ + "}")
            elif bi == "strictImplicit":
                parts.append("⦃" + " ".join(names) + " : " + typ + "⦄")
            else:
                parts.append("(" + " ".join(names) + " : " + typ + ")")
        return " ".join(parts)

    def params_json(self, binders, start):
        """params with ranges, given the byte offset where the binder text starts."""
        out = []
        pos = start
        for bi, names, typ in binders:
            if bi == "instImplicit":
                ts = pos + 1
                out.append('{"bi":"instImplicit","id":null,"ref":null,"type":[%d,%d]}' % (ts, ts + blen(typ)))
                pos += blen(typ) + 3
                continue
            p = pos + 1
            ts = pos + 1 + blen(" ".join(names)) + 3
            for nm in names:
                out.append('{"bi":"%s","id":[%d,%d],"ref":[%d,%d],"type":[%d,%d]}'
                           % (bi, p, p + 1 * blen(nm), p, p + blen(nm), ts, ts + blen(typ)))
                p += blen(nm) + 1
            pos = ts + blen(typ) + 2
        return "[" + ",".join(out) + "]"

    def decl_json(self, kind, name, ref_s, ref_e, text, id_s, id_e, id_orig, sig_s, sig_e, sig_pp,
                  type_r, value_r, params, mods, ctors=None, ref_orig=True):
        parts = ['{']
        if ctors is not None:
            parts.append('"constructors":[' + ",".join(ctors) + '],')
        parts.append('"id":{"original":%s,"range":[%d,%d]},"kind":"%s","modifiers":%s,"name":%s,"params":%s,'
                     % ("true" if id_orig else "false", id_s, id_e, kind, mods, name_json(name), params))
        parts.append('"ref":{"original":%s,"pp":%s,"range":[%d,%d]},"scopeInfo":%s,'
                     % ("true" if ref_orig else "false", _js(text), ref_s, ref_e, self.scope))
        if sig_s is None:
            parts.append('"signature":{"original":false,"pp":"","range":null},')
        else:
            parts.append('"signature":{"original":%s,"pp":%s,"range":[%d,%d]},'
                         % ("true" if ref_orig else "false", _js(sig_pp), sig_s, sig_e))
        parts.append('"type":' + ('{"original":%s,"range":[%d,%d]}' % ("true" if ref_orig else "false", *type_r)
                                  if type_r else "null"))
        parts.append(',"value":' + ('{"original":%s,"range":[%d,%d]}' % ("true" if ref_orig else "false", *value_r)
                                    if value_r else "null"))
        parts.append('}')
        return "".join(parts)

    def modifiers(self, doc, attrs, stx, visibility="regular", protected=False, compute="regular",
                  rec="default"):
        parts = ['{"attrs":[']
        parts.append(",".join('{"kind":"global","name":%s,"stx":[%d,%d]}' % (name_json((a,)), s, e)
                              for a, s, e in attrs))
        parts.append('],"computeKind":"%s",' % compute)
        if doc is not None:
            parts.append('"docString":[%s,false],' % _js(doc))
        parts.append('"isProtected":%s,"isUnsafe":false,"recKind":"%s","stx":%s,"visibility":"%s"}'
                     % ("true" if protected else "false", rec, "[%d,%d]" % stx if stx else "null", visibility))
        return "".join(parts)

    def symbol(self, name, kind, is_prop, full, readable, fallback, trefs, vrefs):
        self.syms.append(
            '{"isProp":%s,"kind":"%s","name":%s,"typeFallback":%s,"typeFull":%s,"typeReadable":%s,'
            '"typeReferences":[%s],"valueReferences":%s}'
            % ("true" if is_prop else "false", kind, name_json(name), _js(fallback),
               _js(full) if full is not None else "null", _js(readable) if readable is not None else "null",
               ",".join(trefs), "[" + ",".join(vrefs) + "]" if vrefs is not None else "null"))

    def fallback(self, typ: str) -> str:
        t = typ
        for a, b in ((" * ", " HMul.hMul.{u_1, u_1, u_1} α α α (instHMul.{u_1} α (MulOneClass.toMul.{u_1} α (Monoid.toMulOneClass.{u_1} α inst))) "),
                     (" + ", " HAdd.hAdd.{u_1, u_1, u_1} α α α (instHAdd.{u_1} α (AddSemigroup.toAdd.{u_1} α inst)) "),
                     (" ≤ ", " LE.le.{u_1} α (Preorder.toLE.{u_1} α (PartialOrder.toPreorder.{u_1} α inst)) "),
                     (" = ", " Eq.{succ u_1} α "), (" → ", " -> "), (" < ", " LT.lt.{u_1} α (Preorder.toLT.{u_1} α inst) "),
                     ("∑ ", "Finset.sum.{u_1, u_2} ι α inst s (fun (i : ι) => "), ("‖", " Norm.norm.{u_1} α inst ")):
            t = t.replace(a, b)
        return "forall {α : Type.{u_1}} [inst : CommGroup.{u_1} α], " + t

    def type_refs(self, n_corpus: int, base: list[str]) -> list[str]:
        rng = self.rng
        refs = [name_json(x.split(".")) for x in rng.sample(EXT_TYPE, rng.randint(3, 8))] + base
        for _ in range(n_corpus):
            refs.append(self.pick_ref(False))
        refs = list(dict.fromkeys(refs))
        rng.shuffle(refs)
        return refs

    def value_refs(self, corpus: list[str], n_ext: int) -> list[str]:
        rng = self.rng
        refs = [name_json(x.split(".")) for x in rng.sample(EXT_VALUE, n_ext)] + corpus
        if rng.random() < 0.15:
            a = self.pick_aux()
            if a:
                refs.append(a)
        refs = list(dict.fromkeys(refs))
        rng.shuffle(refs)
        return refs

    def command(self, kind_key, text, children=(), state=""):
        s = self.pos
        e = s + blen(text)
        self.elab.append(self.simple("command", K[kind_key], True, s, e, text, children))
        self.emit(text, state)
        self.emit("")

    def generate(self):
        rng = self.rng
        plan = self.plan
        i = self.index
        nsd = ".".join(self.ns)
        # header
        header = ("/-\nCopyright (c) 2024 Mathlib contributors. All rights reserved.\n"
                  "Released under Apache 2.0 license as described in the file LICENSE.\n"
                  "Authors: A. Author, B. Autor\n-/")
        self.emit(header)
        import_names = [("Mathlib", "Tactic", "Common")] if i < 50 or rng.random() < 0.05 else []
        import_names += [plan.names[j] for j in self.imports]
        for n in import_names:
            self.emit("import " + ".".join(n))
        self.emit("")
        title = " ".join(self.comps[1:])
        moddoc = ("/-!\n# " + title + "\n\nThis file proves basic facts about `" + nsd
                  + "`: monotonicity of `∑`, the bound `‖x + y‖ ≤ ‖x‖ + ‖y‖`, and lemmas for `⊢ a ≤ b`.\n\n"
                  "## Main statements\n\n* `" + nsd + ".foo_le_bar`: the key estimate.\n-/")
        docstrings = [moddoc[3:-2]]
        self.command("Lean.Parser.Command.moduleDoc", moddoc)
        opens = rng.sample(["Finset", "Function", "Set", "Filter", "Topology", "BigOperators", "Real", "Nat"],
                           rng.choice([1, 2, 2, 3]))
        open_text = "open " + " ".join(opens)
        o_s = self.pos
        kids = []
        p = o_s + 5
        for o in opens:
            kids.append(self.term(K_IDENT, True, p, p + blen(o), o, "", "Type", o))
            p += blen(o) + 1
        self.command("Lean.Parser.Command.open", open_text, kids)
        cls = rng.choice(CLASSES)
        var_text = "variable {α β ι : Type*} [" + cls + " α] {s t : Finset ι} {f g : ι → α}"
        v_s = self.pos
        self.command("Lean.Parser.Command.variable", var_text, (
            self.term(K["Lean.Parser.Term.type"], True, v_s + 21, v_s + 26, "Type*", "", "Type (u_1 + 1)", "Type u_1"),
            self.term(K_IDENT, True, v_s + 10, v_s + 12, "α", "", "Type u_1", "α", special='{"fvar":["_uniq",%d]}' % self.uid()),))
        ts = v_s + blen(var_text[:var_text.index("Type*")])
        self.var_term_ranges = (ts, ts + 5, v_s + 10, v_s + 12)
        self.command("Lean.Parser.Command.namespace", "namespace " + nsd)
        self.scope_vars = [Var("α", "Type u_1", self.uid(), "implicit", False)]
        if rng.random() < 0.5:
            self.scope_vars.append(Var("inst✝", cls + " α", self.uid(), "instImplicit", False))
        open_json = ",".join('{"simple":{"except":[],"namespace":%s}}' % name_json((o,)) for o in opens)
        if rng.random() < 0.1:
            # an earlier `open Lean renaming Name → LName` (no command of its own here)
            open_json += ',{"rename":{"as":["LName"],"name":["Lean","Name"]}}'
        if rng.random() < 0.1:
            open_json += ',{"simple":{"except":[["sum_comm"]],"namespace":["Finset"]}}'
        self.scope = ('{"currNamespace":%s,"includeVars":[],"levelNames":[["u_1"],["u_2"],["u_3"]],"omitVars":[],'
                      '"openDecl":[%s],"scopedOpenDecl":[%s],"varDecls":[%s]}'
                      % (name_json(self.ns), open_json, name_json(self.ns), _js(var_text)))
        decls = plan.decls[i]
        for d in decls:
            self.declaration(d)
        for d in plan.ondemand[i]:
            self.symbol(d + ("eq_def",), "theorem", True, "∀ (x : α), " + dotted(d[-1:]) + " x = x * a", None,
                        "forall (x : α), Eq.{succ u_1} α (" + dotted(d) + " x) …", ['["Eq"]', name_json(d)],
                        ['["Eq","refl"]', name_json(d), '["Eq","symm"]'])
        self.command("Lean.Parser.Command.end", "end " + nsd)
        eof = self.pos
        self.elab.append(self.simple("command", K["Lean.Parser.Command.eoi"], True, eof, eof, ""))
        # outputs
        mod = '{"docstring":[%s],"imports":[%s]}' % (
            ",".join(_js(d) for d in docstrings), ",".join(name_json(n) for n in [("Init",)] + import_names))
        line_entries = ['{"start":%d,"state":[%s]}' % (o, st) for o, st in self.lines]
        # the line start at the end of the file, then the end-of-file entry: a duplicate, as jixia
        # writes for a file that ends with a newline
        line_entries.append('{"start":%d,"state":[]}' % eof)
        line_entries.append('{"start":%d,"state":[]}' % eof)
        return {
            "mod": mod,
            "decl": "[" + ",".join(self.decls) + "]",
            "sym": "[" + ",".join(self.syms) + "]",
            "elab": "[" + ",".join(self.elab) + "]",
            "line": "[" + ",".join(line_entries) + "]",
        }

    # ---- one declaration command

    def declaration(self, d):
        kind, full, short, private, extra = d
        rng = self.rng
        if kind == "notation":
            return self.notation(d)
        thm = kind in ("theorem", "example")
        doc = rng.choice(DOCS) if rng.random() < (0.35 if kind != "theorem" else 0.25) else None
        attrs = []
        if kind == "theorem" and rng.random() < 0.3:
            attrs.append("simp")
        if kind == "theorem" and extra[0]:
            attrs.append("to_additive")
        if kind == "structure" and extra[1]:
            attrs.append("ext")
        if kind == "definition" and extra[4]:
            attrs.append("simps")
        if rng.random() < 0.04:
            attrs.append(rng.choice(ATTRS))
        attrs = list(dict.fromkeys(attrs))
        protected = rng.random() < 0.04
        visibility = "private" if private else "regular"
        compute = "noncomputable" if kind == "definition" and rng.random() < 0.1 else "regular"
        open_in = rng.random() < 0.03 and kind != "example"
        # --- text
        lines: list[str] = []
        if open_in:
            lines.append("open " + rng.choice(NAMESPACES) + " in")
        pre_lines = len(lines)
        if doc is not None:
            lines.append("/-- " + doc + " -/")
        if attrs:
            lines.append("@[" + ", ".join(attrs) + "]")
        mod_lines = len(lines) - pre_lines
        kw = {"theorem": "theorem", "definition": "def", "abbrev": "abbrev", "instance": "instance",
              "structure": "structure", "inductive": "inductive",
              "example": "example", "opaque": "opaque", "axiom": "axiom"}[kind]
        if kind == "structure" and extra[2]:
            kw = "class"
        if private:
            kw = "private " + kw
        elif protected:
            kw = "protected " + kw
        if compute == "noncomputable":
            kw = "noncomputable " + kw
        anonymous_inst = kind == "instance" and extra[0]
        shown_name = "" if kind == "example" or anonymous_inst else short
        binders, names = self.binders(rng, thm) if kind not in ("structure", "inductive") else (
            [("default", ["k"], "ℕ")] if rng.random() < 0.5 else [], ["a"])
        btext = self.binder_text(binders)
        if kind in ("theorem", "example", "axiom"):
            typ = self.inst_goal_t(names)
        elif kind == "instance":
            typ = rng.choice(CLASSES) + " (" + self.ns[0] + " α)"
        elif kind in ("structure", "inductive"):
            typ = "Type u_1" if rng.random() < 0.6 else None
        else:
            typ = rng.choice(["α → α", "ℕ → α", "Finset ι → α", "α", "Set α", "α →* α", "ℕ"])
        head = kw + (" " + shown_name if shown_name else "")
        sig = (" " + btext if btext else "") + (" : " + typ if typ else "")
        # value
        tactic = False
        value_lines: list[str] = []
        value_first = ""
        if kind == "theorem" or kind == "example":
            tactic = rng.random() < 0.55
            value_first = " := by" if tactic else " :="
        elif kind in ("definition", "abbrev", "opaque"):
            if kind == "definition" and extra[2]:
                value_first = ""
            else:
                value_first = " :="
        elif kind == "instance":
            value_first = " where"
        elif kind in ("structure", "inductive"):
            value_first = " where" if kind == "structure" else ""
        first_line = head + sig + value_first
        lines.append(first_line)
        start = self.pos
        # offsets of pieces on the first line
        prefix_bytes = sum(blen(x) + 1 for x in lines[:-1])
        open_bytes = sum(blen(x) + 1 for x in lines[:pre_lines])
        ref_s = start + open_bytes
        fl_s = start + prefix_bytes
        id_s = fl_s + blen(kw) + 1
        id_e = id_s + blen(shown_name)
        if not shown_name:
            id_s, id_e = fl_s, fl_s + blen(kw)
        sig_s = fl_s + blen(head) + 1
        sig_e = fl_s + blen(head + sig)
        type_r = (sig_e - blen(typ), sig_e) if typ else None
        value_s = sig_e + 1 if value_first else None
        # body
        ctx = tuple(self.scope_vars)
        for bi, ns_, t in binders:
            if bi == "instImplicit":
                ctx += (Var("inst✝¹", t, self.uid(), "instImplicit", False),)
            else:
                for nm in ns_:
                    ctx += (Var(nm, t, self.uid(), bi, bi == "default" and nm.startswith("h")),)
        steps: list[Step] = []
        body_terms: list[str] = []
        lemmas_used: list[tuple] = []
        ctor_entries = []
        proof_out = []
        lines_state: list[tuple[str, str]] = []
        body_start = start + prefix_bytes + blen(first_line) + 1
        if tactic:
            g0 = self.new_goal(typ, ctx)
            r = rng.random()
            n = 1 if r < 0.58 else 2 if r < 0.80 else 3 if r < 0.90 else 4 if r < 0.96 else min(
                8, 5 + int(rng.expovariate(1 / 1.5)))
            steps = self.gen_steps([g0], n, 0)
            out: list = []
            self.layout(steps, 2, out, body_start)
            for _, t, stt in out:
                lines_state.append((t, stt))
            self.prepare(steps)
            for st in self.walk(steps):
                lemmas_used.extend(r for r in st.refs if len(r) > 1 or r[0] in LEMMA_LOCAL)
        elif kind in ("theorem", "example"):
            lem = self.corpus_lemmas(2)
            t = "  " + dotted(lem[0]) + " (" + dotted(lem[1]) + " " + names[0] + ") " + (names[1] if len(names) > 1 else "h")
            lines_state.append((t, ""))
            lemmas_used.extend(lem)
        elif kind in ("definition", "abbrev", "opaque"):
            if kind == "definition" and extra[2]:
                lines_state.append(("  | 0 => " + names[0], ""))
                lines_state.append(("  | n + 1 => " + (short if extra[3] else "f") + " n * " + names[0], ""))
            else:
                lines_state.append(("  fun x ↦ x * " + names[0] + " + " + rng.choice(["1", "0", names[0]]), ""))
        elif kind == "instance":
            fields = rng.sample(["one", "mul", "inv", "le", "mul_comm", "one_mul", "le_refl", "smul"], 2)
            lines_state.append(("  " + fields[0] + " := fun a b ↦ a * b", ""))
            lines_state.append(("  " + fields[1] + " := by simp [mul_comm]", ""))
        elif kind == "structure":
            for f in extra[0]:
                lines_state.append(("  " + f.rstrip("'") + " : " + rng.choice(["α", "Set α", "α → α", "ℕ", "0 < 1"]), ""))
        elif kind == "inductive":
            for c, nargs in extra[0]:
                if nargs == 0 and rng.random() < 0.5:
                    lines_state.append(("  | " + c, ""))        # no signature at all
                else:
                    lines_state.append(("  | " + c + "".join(" (x" + str(j) + " : α)" for j in range(nargs)) + " : "
                                        + short.split(".")[-1], ""))
        if kind == "definition" and extra[2]:
            value_s = body_start + 2
        all_lines = lines + [t for t, _ in lines_state]
        text_full = "\n".join(all_lines)
        ref_text = "\n".join(all_lines[pre_lines:])
        ref_e = start + blen(text_full)
        value_r = (value_s, ref_e) if value_s is not None and kind not in ("structure", "inductive", "axiom") else None
        if kind == "instance":
            value_r = (value_s, ref_e)
        mod_stx = (ref_s, ref_s + sum(blen(x) + 1 for x in lines[pre_lines:pre_lines + mod_lines]) - 1) if mod_lines else None
        attr_json = []
        if attrs:
            al_s = ref_s + (blen(lines[pre_lines]) + 1 if doc is not None else 0) + 2
            for a in attrs:
                attr_json.append((a, al_s, al_s + blen(a)))
                al_s += blen(a) + 2
        mods = self.modifiers(doc, attr_json, mod_stx, visibility, protected, compute,
                              "default")
        params = self.params_json(binders, sig_s) if binders else "[]"
        # constructors
        if kind == "inductive":
            ls = body_start
            for idx, (c, nargs) in enumerate(extra[0]):
                t = lines_state[idx][0]
                cs, ce = ls - 1, ls + blen(t)
                cid = ls + 4
                csig = t[4 + len(c):]
                typed = bool(csig)
                # jixia prefixes constructor names twice (current namespace + the type's full name)
                ctor_entries.append(self.decl_json(
                    "constructor", self.ns + full + (c,), cs, ce,
                    "\n" + t, cid, cid + blen(c), True, cid + blen(c) + 1 if typed else None, ce, csig,
                    (ce - blen(short.split(".")[-1]), ce) if typed else None,
                    None, "[]", self.modifiers(None, [], None)))
                ls += blen(t) + 1
        # --- line states and source
        self.emit("\n".join(lines), "")
        for t, stt in lines_state:
            self.lines.append((self.pos, stt))
            self.pos += blen(t) + 1
            self.source.append(t)
        self.lines.append((self.pos, ""))  # blank line after the command
        self.pos += 1
        self.source.append("")
        # --- declaration entry
        ent = self.decl_json(kind, full, ref_s, ref_e, ref_text, id_s, id_e, bool(shown_name), sig_s if sig else None,
                             sig_e, sig, type_r, value_r, params, mods,
                             ctors=ctor_entries if kind == "inductive" else None)
        self.decls.append(ent)
        # --- elaboration tree
        cmd = self.decl_tree(kind, full, short, ref_s, ref_e, ref_text, id_s, id_e, binders, sig_s, typ, type_r,
                             ctx, steps, value_r, body_start, lines_state, tactic)
        if open_in:
            in_s, in_e = start, ref_e
            o_text = lines[0][:-3]
            cmd = self.simple("command", K["Lean.Parser.Command.in"], True, in_s, in_e, "\n".join(all_lines), (
                self.macro(K["Lean.Parser.Command.in"], True, in_s, in_e, "\n".join(all_lines), K_NULL,
                           " section " + o_text + " end_local_scope " + ref_text + " end ", (
                               self.simple("command", K["Lean.Parser.Command.section"], False, in_s, in_s + 4, " section "),
                               self.simple("command", K["Lean.Parser.Command.open"], True, in_s, in_s + blen(o_text), o_text),
                               self.simple("command", K_END_LOCAL, False, None, None, " end_local_scope "),
                               cmd,
                               self.simple("command", K["Lean.Parser.Command.end"], False, in_s, in_s + 4, " end "))),))
        self.elab.append(cmd)
        # --- symbols
        if kind != "example":
            self.symbols_for(d, typ or "Type u_1", btext, lemmas_used)
        if not private and kind not in ("example",):
            nj = name_json(full)
            (self.local_thms if kind == "theorem" else self.local_types).append(nj)

    def walk(self, steps):
        for st in steps:
            yield st
            if st.nested:
                yield from self.walk(st.nested)
            if st.sub:
                yield from self.walk(st.sub)

    def decl_tree(self, kind, full, short, ref_s, ref_e, text, id_s, id_e, binders, sig_s, typ, type_r, ctx, steps,
                  value_r, body_start, lines_state, tactic):
        rng = self.rng
        kids = []
        a, b, c, d = self.var_term_ranges
        sv = self.scope_vars
        kids.append(self.term(K["Lean.Parser.Term.type"], True, a, b, "Type*", "", "Type (u_1 + 1)", "Type u_1"))
        kids.append(self.term(K_IDENT, True, c, d, "α", sv[0].json, "Type u_1", "α",
                              special='{"fvar":["_uniq",%d]}' % sv[0].uid))
        # binder types and names, with growing contexts
        n_scope = len(sv)
        pos = sig_s
        for i in range(n_scope, min(len(ctx), n_scope + 1)):
            v = ctx[i]
            cj = ",".join(x.json for x in ctx[:i])
            kids.append(self.ident_term(pos, v.name, cj, v.type, '{"fvar":["_uniq",%d]}' % v.uid, nested=False))
        full_ctx = ",".join(x.json for x in ctx)
        if typ and type_r:
            kids.append(self.expr_tree(type_r[0], typ, ctx, full_ctx, "Prop", rng.choice([0, 0, 0, 1])))
        if tactic and steps:
            g0 = steps[0].before[0]
            hb = g0.with_extra(self.extra_before(g0, [], ()))
            ps, pe = steps[0].start, steps[-1].stop
            nodes = [self.step_node(st, 0) for st in steps]
            by_s = value_r[0] + 3
            seq1 = self.tnode(K["Lean.Parser.Tactic.tacticSeq1Indented"], True, ps, pe, "…", hb, "", "[]", nodes)
            seq = self.tnode(K["Lean.Parser.Tactic.tacticSeq"], True, ps, pe, "…", hb, "", "[]", (seq1,))
            by = self.tnode(K_BY, True, by_s, by_s + 2, "by", hb, "", "[]", (seq,))
            bt = self.tnode(K["Lean.Parser.Term.byTactic"], True, by_s, pe, "by …", hb, "", "[]", (by,))
            kids.append(self.simple("custom", K["Lean.Parser.Term.byTactic"], True, by_s, pe, "by …", (bt,)))
        elif value_r and lines_state:
            t = lines_state[0][0].strip()
            s0 = body_start + 2
            kids.append(self.simple("custom", K["Lean.Parser.Term.app"], True, s0, s0 + blen(t), t, (
                self.expr_tree(s0, t, ctx, full_ctx, typ or "Prop", rng.choice([0, 0, 1])),)))
            if kind == "instance" and len(lines_state) > 1:
                # `field := by simp [mul_comm]`: a tactic block inside a term, found by search
                t2 = lines_state[1][0]
                ls = body_start + blen(lines_state[0][0]) + 1
                bs = ls + blen(t2[:t2.index("by")])
                ss, se = bs + 3, ls + blen(t2)
                g = self.new_goal("∀ (a b : α), a * b = b * a", tuple(sv))
                simp = Step(K["Lean.Parser.Tactic.simp"], "simp [mul_comm]", [g], [], refs=[("mul_comm",)],
                            used=["mul_comm"], style="simp")
                simp.start, simp.stop = ss, se
                self.goals_json(simp)
                hb = simp.before_json
                node = self.step_node(simp, 0)
                seq1 = self.tnode(K["Lean.Parser.Tactic.tacticSeq1Indented"], True, ss, se, "simp [mul_comm]", hb, "", "[]", (node,))
                seq = self.tnode(K["Lean.Parser.Tactic.tacticSeq"], True, ss, se, "simp [mul_comm]", hb, "", "[]", (seq1,))
                by = self.tnode(K_BY, True, bs, bs + 2, "by", hb, "", "[]", (seq,))
                bt = self.tnode(K["Lean.Parser.Term.byTactic"], True, bs, se, "by simp [mul_comm]", hb, "", "[]", (by,))
                kids.append(self.term(K["Lean.Parser.Term.structInst"], False, value_r[0], value_r[1], " { … } ",
                                      "", typ, "{ … }", children=(self.simple("custom", K["Lean.Parser.Term.byTactic"], True, bs, se,
                                                                               "by simp [mul_comm]", (bt,)),)))
        tfull = "∀ " + " ".join("{%s : %s}" % (v.name, v.type) for v in ctx[2:4]) + ", " + (typ or "Type")
        kids.append(self.term(K_IDENT, True, id_s, id_e, short or "_example", sv[0].json, tfull,
                              "@" + dotted(full), special='{"const":%s}' % name_json(full)))
        kids.append(self.term(K["Lean.Parser.Command.declId"], True, id_s, id_e, short or "_example", sv[0].json,
                              typ or "Type", short or "_example", special='{"fvar":["_uniq",%d]}' % self.uid()))
        return self.simple("command", K["Lean.Parser.Command.declaration"], True, ref_s, ref_e, text, kids)

    def notation(self, d):
        kind, full, short, private, extra = d
        rng = self.rng
        op = full[-1][5:-1]
        text = "scoped infixl:65 \" " + op + " \" => HMul.hMul"
        s = self.pos
        e = s + blen(text)
        mods_parser = self.modifiers(None, [("term_parser", s, e)], (s, e), "public", False, "meta")
        mods_macro = self.modifiers(None, [("macro", s, e)], (s, e), "public", False, "meta")
        pp1 = "@[scoped term_parser 1000]\npublic meta def «" + full[-1] + "» : Lean.TrailingParserDescr✝ :=\n  ParserDescr.trailingNode✝ `" + dotted(full) + " 65 66"
        self.decls.append(self.decl_json("definition", full, s, e, pp1, s, e, False, s, e, " : Lean.TrailingParserDescr✝",
                                         (s, e), (s, e), "[]", mods_parser, ref_orig=False))
        aux = extra[0]
        self.decls.append(self.decl_json("definition", aux, s, e, "@[scoped macro]\npublic meta def " + aux[-1] + " : Macro✝ := …",
                                         s, e, False, s, e, " : Macro✝", (s, e), (s, e), "[]", mods_macro, ref_orig=False))
        ctxs = ""
        kids = [self.term(K_IDENT, False, s, e, " " + dotted(full) + " ", ctxs, "Lean.TrailingParserDescr", dotted(full))
                for _ in range(3)]
        self.command("Lean.Parser.Command.mixfix", text, kids)
        self.symbol(full, "definition", False, "Lean.TrailingParserDescr", "Lean.TrailingParserDescr",
                    "Lean.TrailingParserDescr", ['["Lean","TrailingParserDescr"]'],
                    ['["Lean","ParserDescr","trailingNode"]', '["Lean","Name","mkStr2"]', '["Nat"]'])
        self.symbol(aux, "definition", False, "Lean.Macro", "Lean.Macro", "Lean.Macro", ['["Lean","Macro"]'],
                    ['["Lean","Name","mkStr4"]', '["Lean","Syntax","node2"]', '["Pure","pure"]', '["ReaderT","instMonad"]'])

    def symbols_for(self, d, typ, btext, lemmas):
        kind, full, short, private, extra = d
        rng = self.rng
        full_t = "∀ " + btext.replace("(", "{", 1).replace(")", "}", 1) + ", " + typ if btext else typ
        readable = (btext + " : " + typ) if rng.random() < 0.8 else None
        fulls = full_t if rng.random() < 0.95 else None
        fb = self.fallback(full_t)
        nj = name_json(full)
        trefs = self.type_refs(rng.choice([0, 1, 1, 2]), [])
        if kind == "theorem":
            corpus = [name_json(l) for l in lemmas] + [self.pick_ref(True) for _ in range(rng.choice([0, 1, 2]))]
            vrefs = self.value_refs(corpus, rng.randint(3, 9))
            if extra[1]:
                m = full + ("match_1",)
                vrefs.append(name_json(m))
                self.symbol(m, "definition", False, "(motive : α → α → Prop) → ∀ (x y : α), motive x y", None,
                            "forall (motive : α -> α -> Prop) (x : α) (y : α), motive x y", ['["Exists"]'],
                            ['["Exists","casesOn"]', '["And","casesOn"]'])
            self.symbol(full, "theorem", True, fulls, readable, fb, trefs, vrefs)
            for al in extra[2]:
                self.symbol(al, "theorem", True, fulls, None, fb, trefs, [nj, '["Iff","mp"]'])
            if extra[0]:
                self.symbol(extra[0], "theorem", True, full_t.replace("*", "+"), None, fb.replace("HMul.hMul", "HAdd.hAdd"),
                            trefs, [nj] + vrefs[:3])
            return
        if kind in ("definition", "abbrev", "opaque", "instance"):
            eq1 = eqdef = match = recursive = False
            simps = False
            if kind in ("definition", "abbrev"):
                eq1, eqdef, match, recursive, simps = extra
            corpus = [self.pick_ref(False) for _ in range(rng.choice([1, 2, 3]))]
            if kind == "definition" and rng.random() < 0.006 and self.local_types:
                # a mutual pair: this definition and an earlier one of the module refer to each other
                other = self.local_types[-1]
                corpus.append(other)
                self.patch_mutual(other, nj)
            if match:
                corpus.append(name_json(full + ("match_1",)))
            if recursive:
                corpus += ['["Nat","brecOn"]', '["Nat","below"]']
            vrefs = self.value_refs(corpus, rng.randint(2, 6))
            self.symbol(full, "opaque" if kind == "opaque" else "definition", False, fulls, readable, fb, trefs, vrefs)
            if eq1:
                self.symbol(full + ("eq_1",), "theorem", True, "∀ (x : α), " + short + " x = x * a", None,
                            "forall (x : α), Eq.{succ u_1} α (" + dotted(full) + " x) x", ['["Eq"]', nj], ['["Eq","refl"]', nj])
            if eqdef:
                self.symbol(full + ("eq_def",), "theorem", True, "∀ (x : α), " + short + " x = match x with …", None,
                            "forall (x : α), Eq.{succ u_1} α (" + dotted(full) + " x) …", ['["Eq"]', nj],
                            ['["Eq","refl"]', name_json(full + ("eq_1",)), '["Eq","symm"]'])
            if match:
                m = full + ("match_1",)
                self.symbol(m, "definition", False, "(motive : ℕ → Sort u_1) → (x : ℕ) → motive x", None,
                            "forall (motive : Nat -> Sort.{u_1}) (x : Nat), motive x", ['["Nat"]', '["Unit"]'],
                            ['["Nat","casesOn"]', '["Unit","unit"]'])
                self.symbol(m + ("splitter",), "definition", False, "(motive : ℕ → Sort u_1) → (x : ℕ) → motive x", None,
                            "forall (motive : Nat -> Sort.{u_1}) (x : Nat), motive x", ['["Nat"]'], ['["Nat","casesOn"]'])
                self.symbol(m + ("eq_1",), "theorem", True, "motive 0 = h_1 ()", None, "Eq.{u_1} (motive 0) …",
                            ['["Eq"]', name_json(m)], ['["Eq","refl"]', name_json(m)])
            if recursive:
                self.symbol(full + ("_sunfold",), "definition", False, fulls, None, fb, trefs, vrefs[:4])
                self.symbol(full + ("induct",), "theorem", True, "∀ (motive : ℕ → Prop), motive 0 → …", None,
                            "forall (motive : Nat -> Prop), …", ['["Nat"]'], ['["Nat","rec"]', nj])
            if simps:
                # @[simps]: projection lemmas that no declaration command writes
                for f in ("apply", "symm_apply", "coe")[:rng.randint(1, 3)]:
                    self.symbol(full[:-1] + (full[-1] + "_" + f,), "theorem", True,
                                "∀ (x : α), " + short + " x = x * a", None, "forall (x : α), Eq.{succ u_1} α …",
                                ['["Eq"]', nj], ['["Eq","refl"]', nj])
            if kind == "definition" and rng.random() < 0.1:
                self.symbol(full + ("proof_1",), "theorem", True, "0 < 1", None, "LT.lt.{0} Nat … 0 1",
                            ['["LT","lt"]', '["Nat"]'], ['["Nat","zero_lt_one"]'])
            if kind == "instance":
                for p in range(extra[1]):
                    self.symbol(full + ("proof_%d" % (p + 1),), "theorem", True, "∀ (a b : α), a * b = b * a", None,
                                "forall (a : α) (b : α), Eq.{succ u_1} α …", ['["Eq"]'], ['["mul_comm"]'])
            return
        if kind == "axiom":
            self.symbol(full, "axiom", True, fulls, readable, fb, trefs, None)
            return
        if kind in ("structure", "inductive"):
            t = "Type u_1"
            self.symbol(full, "inductive", False, t, t, "Type.{u_1}", trefs[:2], None)
            if kind == "structure":
                fields = extra[0]
                ctors = [("mk", len(fields))]
            else:
                ctors = list(extra[0])
            ctor_refs = [name_json(full + (c,)) for c, _ in ctors]
            for c, nargs in ctors:
                self.symbol(full + (c,), "constructor", False, "(x : α) → " + short, None, "forall (x : α), " + dotted(full),
                            [nj] + trefs[:2], None)
            motive_t = "{motive : " + short + " → Sort u} → " + " → ".join("motive " + c for c, _ in ctors) + " → (t : " + short + ") → motive t"
            self.symbol(full + ("rec",), "recursor", False, motive_t, None, "forall {motive : " + dotted(full) + " -> Sort.{u}}, …",
                        [nj] + ctor_refs, None)
            for aux in ("recOn", "casesOn"):
                self.symbol(full + (aux,), "definition", False, motive_t, None, "forall {motive}, …", [nj] + ctor_refs,
                            [name_json(full + ("rec",))])
            self.symbol(full + ("noConfusionType",), "definition", False, "Sort u → " + short + " → " + short + " → Sort u",
                        None, "Sort.{u} -> …", [nj], [name_json(full + ("casesOn",))])
            self.symbol(full + ("noConfusion",), "definition", False, "{P : Sort u} → {t₁ t₂ : " + short + "} → t₁ = t₂ → …",
                        None, "forall {P : Sort.{u}}, …", [nj, name_json(full + ("noConfusionType",)), '["Eq"]'],
                        [name_json(full + ("casesOn",)), '["Eq","ndrec"]', '["Eq","refl"]'])
            self.symbol(full + ("ctorIdx",), "definition", False, short + " → ℕ", None, dotted(full) + " -> Nat", [nj, '["Nat"]'], [])
            self.symbol(full + ("_sizeOf_1",), "definition", False, short + " → ℕ", None, dotted(full) + " -> Nat",
                        [nj, '["Nat"]'], [name_json(full + ("rec",)), '["Nat"]', '["instOfNatNat"]'])
            self.symbol(full + ("_sizeOf_inst",), "definition", False, "SizeOf " + short, None, "SizeOf.{u} " + dotted(full),
                        [nj, '["SizeOf"]'], [name_json(full + ("_sizeOf_1",)), '["SizeOf","mk"]'])
            for c, nargs in ctors:
                self.symbol(full + (c, "sizeOf_spec"), "theorem", True, "sizeOf " + c + " = 1", None, "Eq.{1} Nat …",
                            [name_json(full + (c,)), '["SizeOf","sizeOf"]', '["Eq"]'], ['["Eq","refl"]'])
                if nargs:
                    self.symbol(full + (c, "inj"), "theorem", True, c + " x = " + c + " y → x = y", None, "forall …",
                                [name_json(full + (c,)), '["Eq"]'], [name_json(full + ("noConfusion",)), '["And","intro"]'])
                    self.symbol(full + (c, "injEq"), "theorem", True, "(" + c + " x = " + c + " y) = (x = y)", None,
                                "forall …", [name_json(full + (c,)), '["Eq"]'],
                                [name_json(full + (c, "inj")), '["Eq","propIntro"]'])
            if kind == "structure":
                for f in extra[0]:
                    self.symbol(full + (f,), "definition" if not f.endswith("'") else "theorem", f.endswith("'"),
                                short + " → α", None, dotted(full) + " -> α", [nj], [])
                if extra[1]:
                    self.symbol(full + ("ext",), "theorem", True, "∀ {x y : " + short + "}, x.val = y.val → x = y", None,
                                "forall …", [nj, '["Eq"]'], [name_json(full + ("casesOn",)), '["Eq","ndrec"]'])
                    self.symbol(full + ("ext_iff",), "theorem", True, "x = y ↔ x.val = y.val", None, "forall …",
                                [nj, '["Iff"]'], [name_json(full + ("ext",)), '["Iff","intro"]'])
            if extra[-1]:
                # `deriving DecidableEq, Repr`: instances and helpers no declaration command writes
                ns = full[:-1]
                self.symbol(ns + ("instDecidableEq" + full[-1],), "definition", False, "DecidableEq " + short, None,
                            "DecidableEq.{u_1} " + dotted(full), ['["DecidableEq"]', nj],
                            [name_json(full + ("casesOn",)), '["Decidable","isTrue"]', '["Decidable","isFalse"]'])
                self.symbol(ns + ("instRepr" + full[-1],), "definition", False, "Repr " + short, None,
                            "Repr.{u_1} " + dotted(full), ['["Repr"]', nj], [name_json(full + ("repr",)), '["Repr","mk"]'])
                self.symbol(full + ("repr",), "definition", False, short + " → ℕ → Std.Format", None,
                            dotted(full) + " -> Nat -> Std.Format", [nj, '["Std","Format"]'],
                            [name_json(full + ("casesOn",)), '["Std","Format","text"]', '["Repr","addAppParen"]'])
            if kind == "inductive" and extra[1]:
                self.symbol(full + ("below",), "definition", False, "…", None, "…", [nj], [name_json(full + ("rec",))])
                self.symbol(full + ("brecOn",), "definition", False, "…", None, "…", [nj], [name_json(full + ("rec",))])

    def patch_mutual(self, other_json: str, me_json: str):
        """Adds a value reference from the symbol named other_json (already written) to me."""
        key = '"name":' + other_json + ','
        for idx in range(len(self.syms) - 1, -1, -1):
            s = self.syms[idx]
            if key in s:
                j = s.rfind('"valueReferences":[')
                if j >= 0:
                    j += len('"valueReferences":[')
                    self.syms[idx] = s[:j] + me_json + "," + s[j:]
                return


# --------------------------------------------------------------------------------------------
# Driver


def write_module(args):
    index, out, sources = args
    gen = ModuleGen(index)
    files = gen.generate()
    if sources:
        # the virtual source every range points into (for checking; jixia users have the real one)
        path = os.path.join(out, "src", *gen.comps[:-1], gen.comps[-1] + ".lean")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(gen.source) + "\n")
    sizes = {}
    for plugin in PLUGINS:
        data = files[plugin].encode("utf-8") + b"\n"
        path = os.path.join(out, gen.name + "." + plugin + ".json")
        with open(path, "wb") as f:
            f.write(data)
        sizes[plugin] = len(data)
    return index, sizes, len(gen.decls), len(gen.syms)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="output folder (created)")
    p.add_argument("--declarations", type=int, default=250_000, help="declaration commands (default 250000)")
    p.add_argument("--modules", type=int, default=6_000, help="modules (default 6000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scale", type=float, default=1.0, help="multiplies --declarations and --modules")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--reuse", action="store_true",
                   help="keep DIR as it is if it holds a complete corpus made with the same parameters and generator")
    p.add_argument("--write-sources", action="store_true",
                   help="also write the virtual sources to DIR/src/<Module/Path>.lean (for checking ranges)")
    a = p.parse_args(argv)
    n = max(1, round(a.declarations * a.scale))
    m = max(1, round(a.modules * a.scale))
    if n < m:
        p.error("need at least one declaration per module")
    generator = hashlib.sha256(open(__file__, "rb").read()).hexdigest()[:16]
    info_path = os.path.join(a.out, ".corpus-info")
    if a.reuse and os.path.exists(info_path):
        try:
            old = json.load(open(info_path))
        except (OSError, ValueError):
            old = {}
        if (old.get("declarations"), old.get("modules"), old.get("seed"), old.get("generator")) == (n, m, a.seed, generator):
            print(f"reusing corpus {a.out}: {old['modules']} modules, {old['declaration_entries']} declaration entries, "
                  f"{old['total_bytes']:,d} bytes")
            return 0
        print(f"corpus {a.out} is stale (other parameters or generator): regenerating", file=sys.stderr)
    if os.path.exists(info_path):
        os.remove(info_path)
    if a.reuse and os.path.isdir(a.out):
        for entry in os.scandir(a.out):
            if entry.is_file() and entry.name.endswith(".json"):
                os.remove(entry.path)
    os.makedirs(a.out, exist_ok=True)
    t0 = time.monotonic()
    global PLAN
    PLAN = Plan(n, m, a.seed)
    t_plan = time.monotonic() - t0
    totals = {pl: 0 for pl in PLUGINS}
    n_decl_entries = n_syms = 0
    tasks = [(i, a.out, a.write_sources) for i in range(m)]
    done = 0
    if a.jobs > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(a.jobs) as pool:
            results = pool.imap_unordered(write_module, tasks, chunksize=8)
            for _, sizes, nd, ns in results:
                for k, v in sizes.items():
                    totals[k] += v
                n_decl_entries += nd
                n_syms += ns
                done += 1
                if not a.quiet and done % 500 == 0:
                    print(f"  {done}/{m} modules, {sum(totals.values()) / 1e6:.0f} MB, "
                          f"{time.monotonic() - t0:.0f} s", file=sys.stderr)
    else:
        for t in tasks:
            _, sizes, nd, ns = write_module(t)
            for k, v in sizes.items():
                totals[k] += v
            n_decl_entries += nd
            n_syms += ns
    elapsed = time.monotonic() - t0
    total = sum(totals.values())
    info = {"declarations": n, "modules": m, "seed": a.seed, "generator": generator,
            "declaration_entries": n_decl_entries,
            "symbols": n_syms, "bytes": totals, "total_bytes": total, "seconds": round(elapsed, 1)}
    with open(os.path.join(a.out, ".corpus-info"), "w") as f:
        json.dump(info, f, indent=1)
    print(f"corpus: {m} modules, {n_decl_entries} declaration entries, {n_syms} symbols in {a.out}")
    for pl in PLUGINS:
        print(f"  {pl:5s} {totals[pl]:>15,d} bytes  ({totals[pl] / max(1, n):8.0f} B/declaration)")
    print(f"  total {total:>15,d} bytes  ({total / max(1, n):8.0f} B/declaration)")
    print(f"generated in {elapsed:.1f} s (plan {t_plan:.1f} s, {a.jobs} jobs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
