#!/usr/bin/env python3
"""Checks a dataset `herald export` wrote the way its consumers read it.

    check_dataset.py DATASET_DIR [--schemas DIR]

Run with a Python that has PyPI `jsonschema` and `datasets` (scripts/test makes .venv-check).
Checks: every file of the manifest is there with its bytes, rows and SHA-256 and no other shard
is; the schemas the dataset carries are the repository's; every line of every shard validates
against its view's schema (JSON Schema 2020-12, with jsonschema); every view loads with
the dataset card's configs (typed by the features its `dataset_info` declares) and with
`datasets.load_dataset("json", data_files=..., features=...)`, with
the manifest's row counts per split; no module is in two splits, every chat or
prompt-completion line points at a statement record of the same split, and the manifest's
validation funnel agrees with the verdicts the records carry. Exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import shutil
import sys
import tempfile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset")
    parser.add_argument("--schemas", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas"))
    args = parser.parse_args()

    import datasets
    import jsonschema

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    root = os.path.abspath(args.dataset)
    problems: list[str] = []
    with open(os.path.join(root, "manifest.json")) as handle:
        manifest = json.load(handle)

    # The repository's schemas, by $id; the dataset's copies must be the same files.
    schemas = {}
    for name in sorted(os.listdir(args.schemas)):
        if name.endswith(".schema.json"):
            with open(os.path.join(args.schemas, name), "rb") as handle:
                raw = handle.read()
            schema = json.loads(raw)
            jsonschema.Draft202012Validator.check_schema(schema)
            schemas[schema["$id"]] = (raw, jsonschema.Draft202012Validator(schema))
    validators = {}
    for view, entry in manifest["schemas"].items():
        if entry["id"] not in schemas:
            problems.append(f"{view}: schema {entry['id']} is not in {args.schemas}")
            continue
        raw, validator = schemas[entry["id"]]
        with open(os.path.join(root, entry["path"]), "rb") as handle:
            if handle.read() != raw:
                problems.append(f"{entry['path']} differs from the repository's schema {entry['id']}")
        validators[view] = validator

    # Files: bytes, hash, rows, and every line against its schema.
    listed = {entry["path"] for entry in manifest["files"]}
    on_disk = {os.path.relpath(os.path.join(folder, name), root)
               for folder, _, names in os.walk(root) for name in names if name.endswith(".jsonl")}
    if on_disk != listed:
        problems.append(f"shards on disk and in the manifest differ: {sorted(on_disk ^ listed)}")
    modules = collections.defaultdict(set)
    record_split = {}
    verdicts = collections.Counter()
    references = []
    lines_checked = 0
    for entry in manifest["files"]:
        path = os.path.join(root, entry["path"])
        with open(path, "rb") as handle:
            data = handle.read()
        if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"{entry['path']}: bytes or SHA-256 differ from the manifest")
        lines = data.decode("utf-8").splitlines()
        if len(lines) != entry["rows"]:
            problems.append(f"{entry['path']}: {len(lines)} lines, the manifest says {entry['rows']}")
        validator = validators.get(entry["view"])
        for number, line in enumerate(lines, 1):
            row = json.loads(line)
            lines_checked += 1
            if validator is not None:
                error = jsonschema.exceptions.best_match(validator.iter_errors(row))
                if error is not None:
                    problems.append(f"{entry['path']}:{number}: {error.message} (at /{'/'.join(map(str, error.path))})")
            if entry["view"] == "proofs":
                continue
            if entry["view"] == "herald":
                modules[entry["split"]].add(row["module"])
                record_split[row["id"]] = entry["split"]
                validation = row["validation"]
                if row["augmentation"]["kind"] != "original":
                    continue  # the funnel follows the library's declarations
                verdicts["records"] += 1
                verdicts["validated"] += validation["validated_at"] is not None
                verdicts["passed"] += validation["status"] == "passed"
                verdicts["compiled"] += validation["compile"]["outcome"] in ("ok", "sorry")
            else:
                references.append((entry["path"], row["record_id"], entry["split"]))

    funnel = manifest.get("funnel", {})
    if "herald" in manifest["settings"]["views"] and manifest["settings"].get("require") == "any":
        for key in ("validated", "passed", "compiled"):
            if funnel.get(key) != verdicts[key]:
                problems.append(f"manifest funnel {key} = {funnel.get(key)}, the records say {verdicts[key]}")
        if funnel.get("translated", 0) < verdicts["records"]:
            problems.append(f"manifest funnel translated = {funnel.get('translated')} < {verdicts['records']} records")

    splits = sorted(modules)
    for index, first in enumerate(splits):
        for second in splits[index + 1:]:
            shared = modules[first] & modules[second]
            if shared:
                problems.append(f"modules in both {first} and {second}: {sorted(shared)[:5]}")
    if "herald" in manifest["settings"]["views"]:
        for path, record_id, split in references:
            if record_split.get(record_id) != split:
                problems.append(f"{path}: record {record_id} is not a statement record of the {split} split")
                break

    # Loading: by data files, and by the card's configs. A fresh cache each time: `datasets`
    # keys its cache of a local folder by the folder, so an earlier dataset written to the same
    # place would otherwise be read back instead of this one.
    cache = tempfile.mkdtemp(prefix="herald-check-")
    # A view without files (no proofs explained) is no config of the card.
    written = [view for view in manifest["settings"]["views"] if any(e["view"] == view for e in manifest["files"])]
    for view in written:
        files = collections.defaultdict(list)
        expected = collections.Counter()
        for entry in manifest["files"]:
            if entry["view"] == view:
                files[entry["split"]].append(os.path.join(root, entry["path"]))
                expected[entry["split"]] += entry["rows"]
        # The card's config (with the features its dataset_info declares), then the files alone
        # with those features, as the card tells a consumer to load them.
        features = None
        for how, load in (("card config", lambda: datasets.load_dataset(root, view, cache_dir=cache)),
                          ("data_files", lambda: datasets.load_dataset(
                              "json", data_files=dict(files), features=features, cache_dir=cache))):
            try:
                loaded = load()
            except Exception as error:  # noqa: BLE001 (any loading failure is the finding)
                problems.append(f"{view}: load_dataset by {how} failed: {type(error).__name__}: {error}")
                continue
            if features is None:
                features = next(iter(loaded.values())).features
            counts = {split: loaded[split].num_rows for split in loaded}
            if counts != dict(expected):
                problems.append(f"{view}: load_dataset by {how} gives {counts}, the manifest {dict(expected)}")
    shutil.rmtree(cache, ignore_errors=True)

    if problems:
        print("dataset check failed:\n  " + "\n  ".join(problems[:40]))
        return 1
    views = ", ".join(f"{view} {sum(manifest['rows_by_view'].get(view, {}).values())}" for view in written)
    print(f"dataset check: {manifest['records']} records, {lines_checked} lines valid against schemas/ "
          f"({views}); loaded with datasets by data_files and by card config; "
          f"splits {', '.join(f'{split} {len(modules[split])} modules' for split in splits)}, disjoint")
    return 0


if __name__ == "__main__":
    sys.exit(main())
