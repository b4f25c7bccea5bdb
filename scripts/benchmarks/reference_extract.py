#!/usr/bin/env python3
"""A straightforward reference for `herald extract --from-analyzer-output`.

    reference_extract.py --corpus DIR --db PATH

Reads every `<Module>.<plugin>.json` file in DIR (jixia output, docs/analyzer-format.md) and
fills a fresh database with herald's schema (docs/database.md), whose SQL is taken at run time
from Sources/Storage/Schema.swift so the two cannot drift apart. One transaction per module,
modules in name order; then the dependency graph as LeanSearch builds it: edges between
existing non-internal symbols, levels assigned in rounds (a node gets one once all its
dependencies have one), so nodes on or above a cycle get no level.

Idiomatic Python, standard library only: `json.load` per file, `executemany` per table.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sqlite3
import sys
import time
from collections import defaultdict, deque
from pathlib import Path

PLUGINS = ("mod", "decl", "sym", "elab", "line")
SCHEMA_SWIFT = Path(__file__).resolve().parents[2] / "Sources" / "Storage" / "Schema.swift"

SEQUENCE_KINDS = {"Lean.Parser.Tactic.tacticSeq1Indented", "Lean.Parser.Tactic.tacticSeqBracketed"}
# herald's documented rule (docs/database.md): the inside of every step is searched for nested
# steps (`·`/`case` blocks, `next`, `repeat`, `have … := by …`), kept at the step's depth + 1.
DECLARATION_KIND = "Lean.Parser.Command.declaration"

# The auxiliary suffixes listed in analyzer-format.md §5 (`mk.inj`, `mk.injEq`, `mk._flat_ctor`
# read as `<constructor>.inj` … for any constructor).
AUX_SUFFIXES = {
    "rec", "recOn", "casesOn", "noConfusion", "noConfusionType", "ctorIdx", "toCtorIdx",
    "_sizeOf_1", "_sizeOf_inst", "sizeOf_spec", "inj", "injEq", "_flat_ctor", "match_1",
    "_unsafe_rec", "_sunfold", "eq_1", "eq_def", "splitter", "below", "brecOn",
}
INTERNAL_LAST = re.compile(r"^(eq_\d+|eq_def|match_\d+|proof_\d+|splitter)$")


# --------------------------------------------------------------------------------------------
# Schema


def load_schema() -> tuple[str, str, int]:
    text = SCHEMA_SWIFT.read_text(encoding="utf-8")
    # The schema is the concatenation of the per-stage table strings (`extractTables`, …).
    parts = re.findall(r'static\s+let\s+\w+Tables\s*=\s*"""(.*?)"""', text, re.S)
    pragmas = re.search(r'pragmas\s*=\s*"""(.*?)"""', text, re.S)
    version = re.search(r"static\s+let\s+version\s*=\s*(\d+)", text)
    if not parts or not version:
        sys.exit(f"cannot find the schema in {SCHEMA_SWIFT}")
    return "".join(parts), pragmas.group(1) if pragmas else "", int(version.group(1))


def open_database(path: str) -> sqlite3.Connection:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass
    statements, pragmas, version = load_schema()
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(pragmas)
    db.executescript(statements)
    db.execute("INSERT INTO herald_meta(key, value) VALUES ('schema_version', ?), ('graph_state', 'stale')",
               (str(version),))
    return db


# --------------------------------------------------------------------------------------------
# Names and small decoders


def dotted(name) -> str:
    """A Name (array of strings and numbers) as herald stores it; strings pass through."""
    if name is None:
        return ""
    if isinstance(name, str):
        return name
    parts = []
    for c in name:
        if isinstance(c, int):
            parts.append(str(c))
        elif c == "" or "." in c:
            parts.append("«" + c + "»")
        else:
            parts.append(c)
    return ".".join(parts)


def is_internal(name) -> bool:
    """analyzer-format.md §5, the better heuristic."""
    if any(isinstance(c, int) for c in name):
        return True
    if not name:
        return False
    last = name[-1]
    if last.startswith("_") or INTERNAL_LAST.match(last):
        return True
    return len(name) > 1 and last in AUX_SUFFIXES


def syntax_text(node) -> str | None:
    if not isinstance(node, dict):
        return None
    return node.get("pp", node.get("str"))


def range_of(node):
    r = node.get("range") if isinstance(node, dict) else None
    return (r[0], r[1]) if r else None


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def goal(g: dict, acted_on: bool) -> dict:
    hyps = []
    for v in g.get("context") or []:
        hyps.append({
            "name": dotted(v.get("name")),
            "type": v.get("type", ""),
            "binder": v.get("binderInfo"),
            "value": v.get("value"),
            "is_prop": bool(v.get("isProp", False)),
            "is_let": bool(v.get("isLet", "value" in v)),
        })
    return {
        "tag": dotted(g.get("tag")),
        "mvar": dotted(g.get("mvarId")),
        "type": g.get("type", ""),
        "is_prop": bool(g.get("isProp", False)),
        "pp": g.get("pp"),
        "acted_on": acted_on,
        "hypotheses": hyps,
    }


def open_lines(scope: dict) -> list[str]:
    """`openDecl` (and scoped-only opens) rendered as the `open` commands Lean reads back."""
    lines, opened = [], set()
    for decl in scope.get("openDecl") or []:
        if "simple" in decl:
            ns = dotted(decl["simple"].get("namespace"))
            hidden = [dotted(n) for n in decl["simple"].get("except") or []]
            opened.add(ns)
            lines.append(f"open {ns}" + (" hiding " + " ".join(hidden) if hidden else ""))
        elif "rename" in decl:
            name = decl["rename"].get("name") or []
            target = dotted(decl["rename"].get("as"))
            prefix = dotted(name[:-1]) or "_root_"
            lines.append(f"open {prefix} renaming {dotted(name[-1:])} → {target}")
    for ns in scope.get("scopedOpenDecl") or []:
        if dotted(ns) not in opened:
            lines.append(f"open scoped {dotted(ns)}")
    return lines


def statement_and_value(text: str | None, signature: str | None, has_value: bool):
    """Without sources: the command text up to its value, and the rest (from `:=`/`|`/`where`)."""
    if text is None:
        return None, None
    text = text.strip()        # a constructor's text starts with its line break: "\n  | mk …"
    cut = None
    if signature:
        at = text.find(signature)
        if at >= 0:
            cut = at + len(signature)
    if cut is None:
        hits = [text.find(m, 1) for m in (" :=", "\n  |", " where")]
        hits = [h for h in hits if h >= 0]
        cut = min(hits) if hits else len(text)
    statement = text[:cut].strip()
    value = text[cut:].strip() if has_value else None
    return statement, (value or None)


# --------------------------------------------------------------------------------------------
# One module


def declaration_rows(entry: dict, module_id: int, idx: int, name: str, kind: str):
    ref = entry.get("ref") or {}
    mods = entry.get("modifiers") or {}
    scope = entry.get("scopeInfo") or {}
    doc = mods.get("docString")
    if isinstance(doc, list):
        doc = doc[0] if doc else None
    visibility = mods.get("visibility", "regular")
    protected = bool(mods.get("isProtected", False)) or visibility == "protected"
    if visibility == "protected":
        visibility = "regular"
    compute = mods.get("computeKind", "regular")
    if mods.get("isNoncomputable"):
        compute = "noncomputable"
    signature = syntax_text(entry.get("signature"))
    if signature and signature.startswith(" "):
        signature = signature[1:]
    text = syntax_text(ref)
    value = entry.get("value")
    statement, value_text = statement_and_value(text, signature, value is not None)
    if value is not None and syntax_text(value) is not None:
        value_text = syntax_text(value)
    ref_range = range_of(ref)
    value_range = range_of(value) if value else None
    return [
        module_id, idx, None, None, name, kind, visibility, int(protected), compute,
        int(ref.get("original") is False), doc, signature, syntax_text(entry.get("type")), value_text,
        statement, text, ref_range[0] if ref_range else None, ref_range[1] if ref_range else None,
        value_range[0] if value_range else None, dotted(scope.get("currNamespace") or []),
        dumps(open_lines(scope)), dumps(list(scope.get("varDecls") or [])),
        dumps([dotted(n) for n in scope.get("levelNames") or []]),
        dumps([dotted(a.get("name")) if isinstance(a, dict) else a for a in mods.get("attrs") or []]),
    ]


DECL_INSERT = """INSERT INTO declarations(module_id, idx, ctor_idx, parent_id, name, kind, visibility,
  is_protected, compute_kind, is_generated, docstring, signature, type, value, statement, text, ref_start,
  ref_stop, value_start, namespace, open_decls, var_decls, level_names, attributes)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def pick_steps(trees: list, by_range: dict) -> list[tuple]:
    """(declaration key, ord, depth, node) per step, as analyzer-format.md §6 says."""
    out = []
    stack = list(reversed(trees))
    while stack:
        node = stack.pop()
        info = node.get("info") or {}
        ref = node.get("ref") or {}
        r = range_of(ref)
        if info.get("simple") == "command" and dotted(ref.get("kind")) == DECLARATION_KIND and r in by_range:
            out.extend(steps_of(node, by_range[r]))
            continue
        stack.extend(reversed(node.get("children") or []))
    return out


def steps_of(command: dict, decl_key) -> list[tuple]:
    seen, steps = set(), []
    # (node, parent is a sequence tactic node, depth)
    stack = [(c, False, 0) for c in reversed(command.get("children") or [])]
    while stack:
        node, parent_seq, depth = stack.pop()
        info = node.get("info") or {}
        ref = node.get("ref") or {}
        tactic = info.get("tactic")
        kind = dotted(ref.get("kind")) if tactic is not None else ""
        if tactic is not None and parent_seq and ref.get("original") is True:
            r = range_of(ref)
            if r is None or r not in seen:
                if r is not None:
                    seen.add(r)
                steps.append((decl_key, len(steps), depth, node))
            stack.extend((c, False, depth + 1) for c in reversed(node.get("children") or []))
            continue
        is_seq = tactic is not None and kind in SEQUENCE_KINDS
        stack.extend((c, is_seq, depth) for c in reversed(node.get("children") or []))
    return steps


class Extractor:
    def __init__(self, corpus: str, db: sqlite3.Connection):
        self.corpus = corpus
        self.db = db
        self.counts = defaultdict(int)
        self.failures = 0

    def now(self) -> str:
        return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def modules(self) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = defaultdict(dict)
        for entry in os.scandir(self.corpus):
            if not entry.name.endswith(".json"):
                continue
            stem, _, plugin = entry.name[:-5].rpartition(".")
            if stem and plugin in PLUGINS:
                found[stem][plugin] = entry.path
        return found

    def run(self) -> dict:
        started = self.now()
        db = self.db
        cur = db.execute("INSERT INTO provenance(stage, project, herald_version, started_at) VALUES (?, ?, ?, ?)",
                         ("extract", os.path.abspath(self.corpus), "reference", started))
        self.provenance = cur.lastrowid
        modules = self.modules()
        for name in sorted(modules):
            files = modules[name]
            db.execute("BEGIN")
            try:
                self.module(name, files)
                db.execute("COMMIT")
            except (ValueError, KeyError, TypeError, IndexError, AttributeError, sqlite3.Error) as error:
                db.execute("ROLLBACK")
                self.fail(name, error)
        self.graph()
        report = dict(self.counts)
        db.execute("UPDATE provenance SET finished_at = ?, report = ? WHERE id = ?",
                   (self.now(), dumps(report), self.provenance))
        return report

    def fail(self, module: str, error: Exception):
        self.failures += 1
        reason = "malformed_json" if isinstance(error, json.JSONDecodeError) else (
            "database" if isinstance(error, sqlite3.Error) else "unexpected_shape")
        self.db.execute(
            "INSERT INTO failures(stage, item, severity, reason, detail, provenance_id, created_at) "
            "VALUES ('extract', ?, 'error', ?, ?, ?, ?)",
            (module, reason, f"{type(error).__name__}: {error}", self.provenance, self.now()))

    def module(self, name: str, files: dict[str, str]):
        db = self.db
        docs = {p: json.load(open(path, encoding="utf-8")) for p, path in files.items()}
        header = docs.get("mod")
        imports, docstring = [], None
        if isinstance(header, list):        # the older `--import` form
            imports = header
        elif isinstance(header, dict):
            imports = header.get("imports") or []
            blocks = [b.strip() for b in header.get("docstring") or [] if b.strip()]
            docstring = "\n\n".join(blocks) if blocks else None
        fingerprint = {}
        for p in PLUGINS:
            if p in files:
                st = os.stat(files[p])
                fingerprint[p] = [st.st_size, st.st_mtime_ns]
        db.execute("DELETE FROM modules WHERE name = ?", (name,))
        module_id = db.execute(
            "INSERT INTO modules(name, path, source_hash, output_fingerprint, analyzer, toolchain, docstring, "
            "imports, plugins, provenance_id, ingested_at) VALUES (?, NULL, NULL, ?, NULL, NULL, ?, ?, ?, ?, ?)",
            (name, dumps(fingerprint), docstring, dumps([dotted(i) for i in imports]),
             ",".join(p for p in PLUGINS if p in files), self.provenance, self.now())).lastrowid
        self.counts["modules"] += 1

        # declarations (and constructors)
        # a symbol's declaration: the first written one of its name, else a generated one
        ids_by_name: dict[str, int] = {}
        generated_ids: dict[str, int] = {}
        by_range: dict[tuple, int] = {}
        for idx, entry in enumerate(docs.get("decl") or []):
            kind = entry["kind"]
            name_ = dotted(entry.get("fullname") or entry["name"])
            row = declaration_rows(entry, module_id, idx, name_, kind)
            decl_id = db.execute(DECL_INSERT, row).lastrowid
            generated = row[9] == 1
            (generated_ids if generated else ids_by_name).setdefault(name_, decl_id)
            r = range_of(entry.get("ref") or {})
            if r is not None and not generated:
                by_range.setdefault(r, decl_id)
            ctor_rows = []
            base = entry.get("fullname") or entry["name"]
            for position, ctor in enumerate(entry.get("constructors") or []):
                ckind = "constructor" if ctor.get("kind") in ("ctor", "constructor") else ctor.get("kind")
                cname = dotted(list(base) + list(ctor["name"][-1:]))
                crow = declaration_rows(ctor, module_id, idx, cname, ckind)
                crow[2], crow[3] = position, decl_id
                ctor_rows.append(crow)
            for crow in ctor_rows:
                cid = db.execute(DECL_INSERT, crow).lastrowid
                ids_by_name.setdefault(crow[4], cid)
            self.counts["declarations"] += 1 + len(ctor_rows)

        # symbols
        rows = []
        for s in docs.get("sym") or []:
            kind = {"def": "definition", "quot": "quotient"}.get(s["kind"], s["kind"])
            full = s.get("typeFull", s.get("type"))
            readable = s.get("typeReadable")
            fallback = s.get("typeFallback") or full or readable
            tref = sorted({dotted(n) for n in s.get("typeReferences") or []})
            vref = s.get("valueReferences")
            vref = None if vref is None else "\n".join(sorted({dotted(n) for n in vref}))
            sname = dotted(s["name"])
            rows.append((module_id, sname, kind, full, readable, fallback,
                         int(bool(s.get("isProp"))), int(is_internal(s["name"])),
                         ids_by_name.get(sname, generated_ids.get(sname)),
                         "\n".join(tref), vref))
        db.executemany(
            "INSERT INTO symbols(module_id, name, kind, type_full, type_readable, type_fallback, is_prop, "
            "is_internal, declaration_id, type_references, value_references) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows)
        self.counts["symbols"] += len(rows)

        # tactic steps
        rows = []
        if "elab" in docs:
            for decl_id, ord_, depth, node in pick_steps(docs["elab"], by_range):
                t = node["info"]["tactic"]
                ref = node["ref"]
                r = range_of(ref)
                used = (t.get("extra") or {}).get("usedTheorems")
                rows.append((
                    decl_id, ord_, depth, syntax_text(ref) or "", dotted(ref.get("kind")),
                    r[0] if r else None, r[1] if r else None,
                    dumps([goal(g, "extra" in g) for g in t.get("before") or []]),
                    dumps([goal(g, False) for g in t.get("after") or []]),
                    dumps(sorted({dotted(n) for n in t.get("references") or []})),
                    dumps([dotted(n) for n in used]) if used is not None else None))
        db.executemany(
            "INSERT INTO tactic_steps(declaration_id, ord, depth, tactic, syntax_kind, start, stop, goals_before, "
            "goals_after, names_used, used_theorems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.counts["tactic_steps"] += len(rows)

        # line states
        rows, seen = [], set()
        for entry in docs.get("line") or []:
            state = entry.get("state")
            if not state or entry["start"] in seen:
                continue
            seen.add(entry["start"])
            rows.append((module_id, entry["start"], dumps([goal(g, False) for g in state])))
        db.executemany("INSERT INTO line_states(module_id, offset, goals) VALUES (?, ?, ?)", rows)
        self.counts["line_states"] += len(rows)

    # ---- the dependency graph, as LeanSearch builds it

    def graph(self):
        db = self.db
        db.execute("BEGIN")
        db.execute("DELETE FROM dependencies")
        db.execute("DELETE FROM levels")
        ids = {}
        refs = []
        for sid, name, trefs, vrefs in db.execute(
                "SELECT id, name, type_references, value_references FROM symbols WHERE is_internal = 0"):
            ids[name] = sid
            refs.append((sid, trefs, vrefs))
        edges: dict[tuple[int, int], list[int]] = {}
        for sid, trefs, vrefs in refs:
            for column, text in ((0, trefs), (1, vrefs)):
                if not text:
                    continue
                for target_name in text.split("\n"):
                    target = ids.get(target_name)
                    if target is None or target == sid:
                        continue
                    flags = edges.setdefault((sid, target), [0, 0])
                    flags[column] = 1
        db.executemany("INSERT INTO dependencies(source_id, target_id, on_type, on_value) VALUES (?, ?, ?, ?)",
                       ((s, t, f[0], f[1]) for (s, t), f in edges.items()))
        db.execute("INSERT INTO symbol_units(symbol_id, unit_id) SELECT id, id FROM symbols WHERE is_internal = 0")
        nodes = list(ids.values())
        level = self.levels(nodes, [(s, t) for (s, t) in edges])
        type_level = self.levels(nodes, [(s, t) for (s, t), f in edges.items() if f[0]])
        db.executemany(
            "INSERT INTO levels(symbol_id, component, component_size, type_level, level) VALUES (?, ?, 1, ?, ?)",
            ((n, n, type_level[n], level[n]) for n in nodes if n in level and n in type_level))
        db.execute("UPDATE herald_meta SET value = 'fresh' WHERE key = 'graph_state'")
        db.execute("COMMIT")
        self.counts["dependencies"] = len(edges)
        self.counts["levels"] = sum(1 for n in nodes if n in level)
        self.counts["graph_nodes"] = len(nodes)

    @staticmethod
    def levels(nodes: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
        """Level 0 without dependencies, else 1 + the highest dependency level, assigned round by
        round as dependencies get theirs; nodes on or above a cycle never get one."""
        waiting = {n: 0 for n in nodes}
        dependents = defaultdict(list)
        for source, target in edges:
            waiting[source] += 1
            dependents[target].append(source)
        level = {}
        ready = deque(n for n, count in waiting.items() if count == 0)
        for n in ready:
            level[n] = 0
        while ready:
            n = ready.popleft()
            for source in dependents[n]:
                level[source] = max(level.get(source, 0), level[n] + 1)
                waiting[source] -= 1
                if waiting[source] == 0:
                    ready.append(source)
        return {n: level[n] for n in nodes if waiting[n] == 0}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True, help="folder of <Module>.<plugin>.json files")
    p.add_argument("--db", required=True, help="database file (replaced)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    a = p.parse_args(argv)
    t0 = time.monotonic()
    db = open_database(a.db)
    ex = Extractor(a.corpus, db)
    report = ex.run()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    report["failures"] = ex.failures
    report["seconds"] = round(time.monotonic() - t0, 2)
    if a.json:
        print(dumps(report))
    else:
        print(", ".join(f"{k} {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
