#!/usr/bin/env python3
"""The reference for `scripts/bench export`: herald's export done the obvious way in Python.

    reference_export.py --db PATH --out DIR [--seed S] [--val-fraction F] [--test-fraction F]

sqlite3 reads the same rows in the same order, the records and the three views are built as
dicts, `json.dumps(..., sort_keys=True)` writes them, and each split of each view is one file
(what `herald export --shards 1` writes, byte for byte). Like herald it leaves out stale
translations and non-theorems without a declaration command, and hashes every file with
SHA-256; unlike herald it checks no schema, syncs nothing to disk and writes in place.
Prints one JSON object: records, lines and files written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys

QUERY = """
SELECT t.name, t.informal_name, t.informal_statement, t.model, t.prompt_version, t.created_at,
  t.statement_hash, t.provenance_id, s.id, s.kind, s.type, d.id, d.kind, d.statement, d.value, d.text,
  d.namespace, d.open_decls, d.var_decls, d.level_names, d.compute_kind, m.id, m.name, m.imports,
  m.provenance_id, m.toolchain
FROM translations t JOIN symbols s ON s.name = t.name JOIN modules m ON m.id = s.module_id
LEFT JOIN declarations d ON d.id = s.declaration_id
WHERE t.status = 'translated'
ORDER BY m.name, coalesce(d.idx, 2147483647), t.name
"""

DEPENDENCIES = """
SELECT t.name FROM dependencies d JOIN symbols t ON t.id = d.target_id
WHERE d.source_id = ? AND (d.on_type = 1 OR ? = 1)
"""

NL_TO_LEAN_SYSTEM = (
    "You are an expert in Lean 4 and Mathlib. You translate mathematical statements written in natural "
    "language into Lean 4 declarations that compile on their own.")
NL_TO_LEAN = (
    "Translate this statement into a Lean 4 declaration, written as a complete Lean file: imports, open lines, "
    "namespace and variable lines included, and a theorem ending with := sorry.")
LEAN_TO_NL_SYSTEM = (
    "You are an expert mathematician who reads Lean 4 and Mathlib. You state Lean declarations in natural "
    "language with LaTeX, as a textbook would.")
LEAN_TO_NL = (
    "State this Lean 4 declaration in natural language: give it a short informal name, then the statement in LaTeX.")


def fnv1a64(text: str) -> str:
    value = 0xcbf29ce484222325
    for byte in text.encode():
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return format(value, "x")


def split_of(module: str, seed: int, validation: float, test: float) -> str:
    digest = hashlib.sha256(f"{seed}\x1f{module}".encode()).digest()
    position = (int.from_bytes(digest[:8], "big") >> 11) / float(1 << 53)
    if position < test:
        return "test"
    if position < test + validation:
        return "validation"
    return "train"


def unique(items):
    seen = set()
    return [item for item in items if not (item in seen or seen.add(item))]


def tokens(text: str) -> list[str]:
    result, index = [], 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
        elif char.isalpha() or char == "_":
            end = index + 1
            while end < len(text) and (text[end].isalpha() or text[end].isnumeric() or text[end] in "_'!?."):
                if text[end] == "." and text[end + 1:end + 2] == "{":
                    break
                end += 1
            result.append(text[index:end])
            index = end
        elif char == "." and text[index + 1:index + 2] == "{":
            result.append(".{")
            index += 2
        else:
            result.append(char)
            index += 1
    return result


def universes(type_text: str) -> list[str]:
    parts, names, index = tokens(type_text), [], 0

    def add(name):
        if name not in ("max", "imax", "_") and name not in names:
            names.append(name)

    def identifier(token):
        return token[0].isalpha() or token[0] == "_"

    while index < len(parts):
        token = parts[index]
        if token in ("Type", "Sort") and index + 1 < len(parts):
            following = parts[index + 1]
            if following == "(":
                index, depth = index + 2, 1
                while index < len(parts) and depth > 0:
                    if parts[index] == "(":
                        depth += 1
                    elif parts[index] == ")":
                        depth -= 1
                    if identifier(parts[index]):
                        add(parts[index])
                    index += 1
                continue
            if identifier(following) and following not in ("Type", "Sort"):
                add(following)
        elif token == ".{":
            index += 1
            while index < len(parts) and parts[index] != "}":
                if identifier(parts[index]):
                    add(parts[index])
                index += 1
        index += 1
    return names


def declaration(kind, statement, value, text, compute_kind):
    if kind == "theorem":
        return statement + " := sorry"
    result = statement
    if value:
        gap = None
        if text is not None and text.endswith(value):
            before = text[:len(text) - len(value)]
            spaces = before[len(before.rstrip(" \n\t")):]
            gap = spaces or None
        result += (gap or ("\n  " if value.startswith("|") else " ")) + value
    if compute_kind == "noncomputable" and not statement.startswith("noncomputable"):
        result = "noncomputable " + result
    return result


def implied(line: str, namespace: str) -> bool:
    prefix = "open scoped "
    if not line.startswith(prefix) or not namespace:
        return False
    opened = line[len(prefix):]
    return namespace == opened or namespace.startswith(opened + ".")


def formal(imports, universe_names, opens, namespace, variables, decl):
    blocks = []
    imports = unique([name for name in imports if name and name != "Init"])
    if imports:
        blocks.append("\n".join("import " + name for name in imports))
    universe_names = unique(universe_names)
    if universe_names:
        blocks.append("universe " + " ".join(universe_names))
    opens = unique([line for line in opens if not implied(line, namespace)])
    if opens:
        blocks.append("\n".join(opens))
    if namespace:
        blocks.append("namespace " + namespace)
    if variables:
        blocks.append("\n".join(variables))
    blocks.append(decl)
    if namespace:
        blocks.append("end " + namespace)
    return "\n\n".join(blocks) + "\n"


def dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode() + b"\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--val-fraction", type=float, default=0.05)
    parser.add_argument("--test-fraction", type=float, default=0.05)
    args = parser.parse_args()

    connection = sqlite3.connect(args.db)
    provenance = {row[0]: row[1:] for row in connection.execute(
        "SELECT id, project, git_revision, toolchain, analyzer, herald_version FROM provenance")}
    files, records, lines = {}, 0, 0

    def output(view, split):
        key = (view, split)
        if key not in files:
            os.makedirs(os.path.join(args.out, view, "data"), exist_ok=True)
            files[key] = open(os.path.join(args.out, view, "data", f"{split}-00000-of-00001.jsonl"), "wb")
        return files[key]

    for row in connection.execute(QUERY):
        (name, informal_name, informal_statement, model, prompt_version, created_at, statement_hash,
         translation_provenance, symbol_id, symbol_kind, type_text, declaration_id, declaration_kind, statement,
         value, text, namespace, open_decls, var_decls, level_names, compute_kind, _, module, imports,
         module_provenance, toolchain) = row
        prompt_statement = statement if declaration_id is not None else f"{name} : {type_text}"
        if fnv1a64(prompt_statement or "") != statement_hash:
            continue
        if declaration_id is not None:
            kind = declaration_kind
            lean = formal(json.loads(imports), json.loads(level_names), json.loads(open_decls), namespace or "",
                          json.loads(var_decls),
                          declaration(kind, prompt_statement, value, text, compute_kind))
        elif symbol_kind == "theorem" and not name.startswith("_private.") \
                and not any(part.isdigit() for part in name.split(".")):
            kind = "theorem"
            lean = formal(json.loads(imports), universes(type_text), [], "", [],
                          f"theorem {name} : {type_text} := sorry")
        else:
            continue
        origin = provenance.get(module_provenance)
        translated_by = provenance.get(translation_provenance)
        dependencies = sorted(
            (dependency for (dependency,) in connection.execute(DEPENDENCIES, (symbol_id, int(kind != "theorem")))),
            key=lambda text: text.encode())
        record_id = hashlib.sha256(("statement\x1foriginal\x1f" + name).encode()).hexdigest()[:32]
        record = {
            "augmentation": {"kind": "original"},
            "dependencies": dependencies,
            "formal_name": name,
            "formal_statement": lean,
            "id": record_id,
            "informal_name": informal_name,
            "informal_statement": informal_statement,
            "kind": kind,
            "module": module,
            "provenance": {
                "analyzer": origin[3] if origin else None,
                "created_at": created_at,
                "git_revision": origin[1] if origin else None,
                "herald_version": (translated_by or origin or (None,) * 5)[4] or "0.1.0",
                "lean_toolchain": (origin[2] if origin else None) or toolchain,
                "model": model,
                "project": os.path.basename(origin[0]) if origin and origin[0] else None,
                "prompt_version": prompt_version,
            },
            "validation": {},
        }
        split = split_of(module, args.seed, args.val_fraction, args.test_fraction)
        informal = f"Informal name: {informal_name}\nInformal statement: {informal_statement}"
        exercises = [
            ("nl_to_lean", NL_TO_LEAN_SYSTEM, NL_TO_LEAN + "\n\n" + informal, lean),
            ("lean_to_nl", LEAN_TO_NL_SYSTEM, LEAN_TO_NL + "\n\n```lean\n" + lean + "```", informal),
        ]
        output("herald", split).write(dumps(record))
        for direction, system, user, assistant in exercises:
            output("messages", split).write(dumps({
                "direction": direction, "id": f"{record_id}:{direction}", "record_id": record_id,
                "messages": [{"content": system, "role": "system"}, {"content": user, "role": "user"},
                             {"content": assistant, "role": "assistant"}]}))
        for direction, _, user, assistant in exercises:
            output("prompt-completion", split).write(dumps({
                "completion": assistant, "direction": direction, "id": f"{record_id}:{direction}",
                "prompt": user, "record_id": record_id}))
        records += 1
        lines += 5
    hashes = {}
    for (view, split), handle in sorted(files.items()):
        handle.close()
        digest = hashlib.sha256()
        with open(handle.name, "rb") as written:
            for chunk in iter(lambda: written.read(1 << 20), b""):
                digest.update(chunk)
        hashes[f"{view}/data/{split}-00000-of-00001.jsonl"] = digest.hexdigest()
    json.dump({"records": records, "lines": lines, "files": hashes}, sys.stdout, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
