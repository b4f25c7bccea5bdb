#!/usr/bin/env python3
"""Runs the augment benchmark: herald's tactic-state rendering over the synthetic corpus.

    run_augment.py --herald BIN --corpus DIR --db PATH [--repeat N] [--per-theorem K] [--seed S]
                   [--memory-fraction F]

The database is the extract benchmark's synthetic corpus ingested once by herald, the same file
the translate benchmark uses (kept in .bench/ and reused; augment only reads it). Each run is
`herald augment --tactic --render-only --json`: every theorem's tactic steps read, every state a
step acts on rendered, deduplicated and sampled, nothing written. Measured per run: wall time and
CPU time and peak RSS of the herald process (os.wait4). Runs are repeated and the median taken,
since the machine may be shared; the load average before each run is printed.

Printed: states rendered per second, microseconds of wall time per declaration of the corpus
against the budget (<= 80 us: 5% of the 1.6 ms translate spends per record, so that rendering
never dominates a run), CPU per declaration, and peak RSS; then the peak RSS of a run over the
first fraction F of the theorems, to show that memory does not grow with the library.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys

TARGET_US_PER_DECLARATION = 80.0
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run_export import measure  # noqa: E402  (wall, CPU and peak RSS of one herald run)
from run_translate import ensure_database  # noqa: E402  (the same database, ingested once)


def run(herald: str, db: str, per_theorem: int, seed: int, limit: int | None = None) -> dict:
    command = [herald, "augment", "--db", db, "--tactic", "--render-only", "--json",
               "--per-theorem", str(per_theorem), "--seed", str(seed)]
    if limit is not None:
        command += ["--limit", str(limit)]
    load = os.getloadavg()[0]
    report, wall, cpu, rss = measure(command)
    return {"report": report, "wall": wall, "cpu": cpu, "rss": rss, "load": load}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herald", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--per-theorem", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--memory-fraction", type=float, default=0.1)
    args = parser.parse_args()

    ensure_database(args.herald, args.corpus, args.db)
    with sqlite3.connect(args.db) as connection:
        declarations = connection.execute("SELECT count(*) FROM declarations").fetchone()[0]
        steps = connection.execute("SELECT count(*) FROM tactic_steps").fetchone()[0]
    print(f"augment benchmark: {declarations:,} declarations, {steps:,} tactic steps in {args.db}; "
          f"{os.cpu_count()} cores; herald {args.herald}")

    runs = []
    for index in range(args.repeat):
        result = run(args.herald, args.db, args.per_theorem, args.seed)
        report = result["report"]
        runs.append(result)
        print(f"  run {index + 1}: {result['wall']:6.2f} s wall, {result['cpu']:6.2f} s CPU, "
              f"peak RSS {result['rss']:5.0f} MB; {report['states'] / result['wall']:9,.0f} states/s; "
              f"{result['wall'] * 1e6 / declarations:5.1f} us per declaration (load average {result['load']:.2f})")
    reports = [result["report"] for result in runs]
    same = all({k: v for k, v in r.items() if k != "seconds"} == {k: v for k, v in reports[0].items() if k != "seconds"}
               for r in reports)
    report = reports[0]
    wall = statistics.median(result["wall"] for result in runs)
    cpu = statistics.median(result["cpu"] for result in runs)
    rss = max(result["rss"] for result in runs)
    us = wall * 1e6 / declarations

    theorems = report["theorems"]
    partial = run(args.herald, args.db, args.per_theorem, args.seed, limit=max(1, int(theorems * args.memory_fraction)))

    skipped = sum(report["skipped"].values())
    print(f"funnel: {theorems:,} theorems ({report['theorems_with_tactic_proofs']:,} with tactic proofs), "
          f"{report['steps']:,} steps, {report['states']:,} states: {report['rendered']:,} rendered, "
          f"{skipped:,} skipped ({', '.join(f'{k} {v:,}' for k, v in sorted(report['skipped'].items()))}); "
          f"{report['same_as_parent']:,} equal to their theorem, {report['duplicates']:,} duplicates, "
          f"{report['over_budget']:,} over the budget, {report['sampled']:,} kept "
          f"({report['per_theorem']} per theorem at most)")
    print(f"median of {len(runs)} runs: {wall:.2f} s wall, {report['states'] / wall:,.0f} states/s, "
          f"{report['rendered'] / wall:,.0f} rendered/s; CPU {cpu * 1e6 / declarations:.1f} us per declaration; "
          f"peak RSS {rss:.0f} MB (the first {args.memory_fraction:.0%} of theorems: {partial['rss']:.0f} MB)")
    print("results:")
    checks = [
        (f"{us:.1f} us of wall time per declaration (target <= {TARGET_US_PER_DECLARATION:.0f} us)",
         us <= TARGET_US_PER_DECLARATION),
        ("the same counts in every run (deterministic for a seed)", same),
    ]
    for text, ok in checks:
        print(f"  {'met    ' if ok else 'NOT MET'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
