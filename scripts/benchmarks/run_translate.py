#!/usr/bin/env python3
"""Runs the translate benchmark: herald against an endpoint of fixed latency.

    run_translate.py --herald BIN --fake-llm BIN --corpus DIR --db PATH
                     [--limit N] [--concurrency C] [--latency-ms L] [--compare-limit M] [--batch B]

The database is the extract benchmark's synthetic corpus ingested once by herald (kept in
.bench/ and reused); before every run its translate tables are emptied, so each run starts
from the same state. `fake-llm` answers every request after L ms with at most C answers in
progress. Measured per run: wall time and herald's CPU time (os.wait4 of the herald process),
declarations translated, and herald's own retrieval latency percentiles from its JSON report.

Printed: throughput against the ideal C / L (target >= 95%), CPU per declaration (target
<= 1 ms), retrieval p50 / p99 (target p50 <= 5 ms), and the same first M declarations with
LeanSearch's level barriers (batches of B per level) against herald's dataflow order.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time

TARGET_IDEAL = 0.95
TARGET_CPU_MS = 1.0
TARGET_RETRIEVAL_P50_MS = 5.0


def ensure_database(herald: str, corpus: str, db: str) -> None:
    if os.path.exists(db):
        with sqlite3.connect(db) as connection:
            try:
                if connection.execute("SELECT count(*) FROM levels").fetchone()[0] > 0:
                    return
            except sqlite3.Error:
                pass
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    print(f"ingesting {corpus} into {db} (once; reused afterwards)", file=sys.stderr)
    subprocess.run([herald, "extract", "--from-analyzer-output", corpus, "--db", db, "--quiet"], check=True)


def reset(db: str) -> None:
    """Empties what translate writes, so every run starts from the extracted database."""
    with sqlite3.connect(db) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "translations" in tables:
            connection.execute("DELETE FROM translations")
        if "llm_cache" in tables:
            connection.execute("DELETE FROM llm_cache")
        connection.execute("DELETE FROM failures WHERE stage = 'translate'")
    # The retrieval index is a file of its own beside the database (derived data).
    index = (db[: -len(".sqlite")] if db.endswith(".sqlite") else db) + ".retrieval.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(index + suffix):
            os.remove(index + suffix)
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def run(herald: str, fake_llm: str, db: str, limit: int, concurrency: int, latency: float, scheduler: str) -> dict:
    reset(db)
    server = subprocess.Popen(
        [fake_llm, "--latency-ms", str(latency), "--capacity", str(concurrency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline())
    command = [
        herald, "translate", "--db", db, "--base-url", f"http://127.0.0.1:{port}/v1", "--model", "bench",
        "--concurrency", str(concurrency), "--limit", str(limit), "--scheduler", scheduler, "--json", "--quiet",
    ]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    server.stdin.close()
    server.wait(timeout=30)
    if os.WIFSIGNALED(status):
        sys.exit(f"herald translate was killed by signal {os.WTERMSIG(status)} ({' '.join(command)})")
    if os.WEXITSTATUS(status) != 0:
        print(f"herald translate exited with status {os.WEXITSTATUS(status)}", file=sys.stderr)
    report = json.loads(output)
    return {
        "scheduler": scheduler, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024, "report": report,
    }


def describe(result: dict, concurrency: int, latency: float) -> tuple[float, float]:
    report = result["report"]
    done = report["translated"] + report["abstained"] + report["failed"]
    throughput = done / result["wall"]
    ideal = concurrency / (latency / 1000)
    cpu_ms = result["cpu"] * 1000 / max(1, done)
    print(f"  {result['scheduler']:<10} {done:>8} declarations in {result['wall']:7.1f} s: {throughput:7.1f}/s "
          f"= {throughput / ideal:6.1%} of ideal {ideal:.0f}/s; CPU {cpu_ms:.3f} ms per declaration; "
          f"peak RSS {result['rss_mb']:.0f} MB; retrieval p50 {report.get('retrieval_p50_ms', 0):.2f} ms, "
          f"p99 {report.get('retrieval_p99_ms', 0):.2f} ms; failed {report['failed']}")
    return throughput, cpu_ms


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--herald", required=True)
    parser.add_argument("--fake-llm", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--limit", type=int, default=250_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--latency-ms", type=float, default=100)
    parser.add_argument("--compare-limit", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()

    ensure_database(args.herald, args.corpus, args.db)
    with sqlite3.connect(args.db) as connection:
        units = connection.execute("SELECT count(*) FROM levels").fetchone()[0]
        levels = connection.execute("SELECT max(level) + 1 FROM levels").fetchone()[0]
    print(f"translate benchmark: {units:,} graph units on {levels} levels; endpoint latency {args.latency_ms:.0f} ms, "
          f"{args.concurrency} in flight; herald {args.herald}")

    print(f"dataflow over up to {args.limit:,} declarations:")
    full = run(args.herald, args.fake_llm, args.db, args.limit, args.concurrency, args.latency_ms, "dataflow")
    throughput, cpu_ms = describe(full, args.concurrency, args.latency_ms)
    ideal = args.concurrency / (args.latency_ms / 1000)
    p50 = full["report"].get("retrieval_p50_ms") or 0.0

    print(f"the first {args.compare_limit:,} declarations, dataflow against level barriers "
          f"(batches of {args.batch} per level, as LeanSearch):")
    flow = run(args.herald, args.fake_llm, args.db, args.compare_limit, args.concurrency, args.latency_ms, "dataflow")
    flow_throughput, _ = describe(flow, args.concurrency, args.latency_ms)
    barrier = run(args.herald, args.fake_llm, args.db, args.compare_limit, args.concurrency, args.latency_ms,
                  f"levels:{args.batch}")
    barrier_throughput, _ = describe(barrier, args.concurrency, args.latency_ms)

    print("results:")
    checks = [
        (f"throughput {throughput / ideal:.1%} of the ideal (target >= {TARGET_IDEAL:.0%})",
         throughput / ideal >= TARGET_IDEAL),
        (f"herald CPU {cpu_ms:.3f} ms per declaration (target <= {TARGET_CPU_MS} ms)", cpu_ms <= TARGET_CPU_MS),
        (f"retrieval p50 {p50:.2f} ms (target <= {TARGET_RETRIEVAL_P50_MS} ms)", p50 <= TARGET_RETRIEVAL_P50_MS),
    ]
    for text, ok in checks:
        print(f"  {'met    ' if ok else 'NOT MET'}  {text}")
    print(f"  dataflow is {flow_throughput / barrier_throughput:.2f}x the level-barrier order "
          f"({flow['wall']:.1f} s against {barrier['wall']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
