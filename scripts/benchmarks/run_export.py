#!/usr/bin/env python3
"""Runs the export benchmark: herald export against reference_export.py on the same database.

    run_export.py --herald BIN --corpus DIR --db PATH --out DIR [--records N] [--keep]

The database is the extract benchmark's synthetic corpus ingested once by herald (kept in
.bench/ and reused), with N translatable declarations given synthetic translations (informal
name and a LaTeX statement of varying length; done once, reused while N is unchanged). Both
programs then export every record in all three views with one shard per split: herald with
`herald export --json`, the reference with sqlite3, dicts and json.dumps. Measured: wall time
and CPU time (os.wait4) of each, records and lines per second, and whether the files are the
same bytes (they should be: the reference follows herald's record layout).

Printed: records/s and lines/s of each, and herald's throughput over the reference's (target >= 3x).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

TARGET_RATIO = 3.0
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reference_export import fnv1a64  # noqa: E402  (the same hash translate records)
from run_translate import ensure_database  # noqa: E402  (the same database, ingested once)

WORDS = ("group", "ring", "module", "filter", "measure", "finite", "continuous", "prime", "ideal", "order",
         "lattice", "sum", "product", "limit", "norm", "subset", "map", "kernel", "image", "bound")


def fill_translations(db: str, records: int) -> None:
    """Gives the first `records` writable units (by name) a translation, as translate would."""
    with sqlite3.connect(db) as connection:
        marker = connection.execute("SELECT value FROM herald_meta WHERE key = 'bench_export_records'").fetchone()
        if marker and marker[0] == str(records):
            return
        print(f"writing {records:,} synthetic translations into {db} (once; reused afterwards)", file=sys.stderr)
        connection.execute("DELETE FROM translations")
        connection.execute("DELETE FROM failures WHERE stage IN ('translate', 'export')")
        units = connection.execute(
            """
            SELECT s.id, s.name, coalesce(d.statement, s.name || ' : ' || s.type) FROM levels l
            JOIN symbols s ON s.id = l.symbol_id LEFT JOIN declarations d ON d.id = s.declaration_id
            WHERE s.is_internal = 0 AND coalesce(d.is_generated, 0) = 0 AND (d.id IS NOT NULL OR s.kind = 'theorem')
            ORDER BY s.name LIMIT ?
            """, (records,)).fetchall()
        rows = []
        for index, (symbol, name, statement) in enumerate(units):
            words = [WORDS[(index * 7 + k * 3) % len(WORDS)] for k in range(2 + index % 5)]
            informal_name = " ".join(words).capitalize() + " property"
            informal_statement = (
                f"Let $G$ be a {words[0]} and let $x_1, \\ldots, x_n \\in G$. Then "
                + " and ".join(f"$\\mathrm{{{word}}}(x_{k}) \\le \\sum_{{i=1}}^{{n}} x_i^{k + 1}$"
                               for k, word in enumerate(words))
                + ", with equality if and only if the " + words[-1] + " is trivial.")
            rows.append((name, symbol, "translated", informal_name, informal_statement, None, "synthetic", 1,
                         "bench-model", "theorem", "0123456789abcdef", fnv1a64(statement), 1, None,
                         "2026-11-25T12:00:00Z"))
        connection.executemany("INSERT INTO translations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        connection.execute("INSERT OR REPLACE INTO herald_meta(key, value) VALUES ('bench_export_records', ?)",
                           (str(records),))
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def measure(command: list[str]) -> tuple[dict, float, float, float]:
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        raise SystemExit(f"{command[0]} failed with status {status}")
    return json.loads(output), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--records", type=int, default=250_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    ensure_database(args.herald, args.corpus, args.db)
    fill_translations(args.db, args.records)
    herald_out, reference_out = os.path.join(args.out, "herald"), os.path.join(args.out, "reference")
    for folder in (herald_out, reference_out):
        shutil.rmtree(folder, ignore_errors=True)
    with sqlite3.connect(args.db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    load = os.getloadavg()[0]
    print("running herald export", file=sys.stderr)
    report, herald_wall, herald_cpu, herald_rss = measure(
        [args.herald, "export", "--db", args.db, "--out", herald_out, "--json", "--quiet"])
    print("running the reference", file=sys.stderr)
    reference, reference_wall, reference_cpu, reference_rss = measure(
        [sys.executable, os.path.join(HERE, "reference_export.py"), "--db", args.db, "--out", reference_out])

    with open(os.path.join(herald_out, "manifest.json")) as handle:
        manifest = json.load(handle)
    herald_files = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    identical = herald_files == reference["files"]
    herald_lines = sum(report["rows_by_view"].values())
    ratio = reference_wall / herald_wall

    print(f"\nexport of {report['records']:,} records in 3 views ({herald_lines:,} lines, "
          f"{report['bytes'] / 1e6:,.0f} MB; reference {reference['records']:,} records); "
          f"load average {load:.2f} before the runs")
    print(f"{'':24}{'herald':>14}{'reference':>14}")
    print(f"{'wall time':24}{herald_wall:>13.1f}s{reference_wall:>13.1f}s")
    print(f"{'CPU time':24}{herald_cpu:>13.1f}s{reference_cpu:>13.1f}s")
    print(f"{'peak RSS':24}{herald_rss:>12.0f}MB{reference_rss:>12.0f}MB")
    print(f"{'records/s':24}{report['records'] / herald_wall:>14,.0f}{reference['records'] / reference_wall:>14,.0f}")
    print(f"{'lines/s':24}{herald_lines / herald_wall:>14,.0f}{reference['lines'] / reference_wall:>14,.0f}")
    print(f"throughput: {ratio:.2f}x the reference (target >= {TARGET_RATIO:.0f}x): "
          f"{'met' if ratio >= TARGET_RATIO else 'NOT met'}")
    print(f"same files as the reference: {'yes' if identical else 'NO'}")
    if not identical:
        for path in sorted(set(herald_files) | set(reference["files"])):
            if herald_files.get(path) != reference["files"].get(path):
                print(f"  differs: {path}")
    if not args.keep:
        for folder in (herald_out, reference_out):
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
