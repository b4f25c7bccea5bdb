#!/usr/bin/env python3
"""Runs the extract benchmark: herald against the Python reference on one corpus.

    run_extract.py --corpus DIR --herald BIN --herald-db PATH --reference-db PATH
                   [--skip-herald] [--skip-reference] [--rss-corpus DIR2 --rss-db PATH2] [--keep]

Each side runs as a subprocess; wall time is measured around it and peak RSS comes from
`os.wait4` (ru_maxrss, KiB on Linux). Databases are removed first, so each run starts fresh.
Prints a table, the ratios against the targets, and a cross-check of row counts between the
two databases (a mismatch means one side is wrong).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLUGINS = ("mod", "decl", "sym", "elab", "line")
TARGET_SPEEDUP = 5.0
TARGET_RSS_MB = 512
FLAT_RSS_RATIO = 1.25       # peak RSS at twice the corpus may grow this much and still be "flat"
CHECKED_TABLES = ("modules", "declarations", "symbols", "tactic_steps")
INFO_TABLES = ("line_states", "dependencies", "levels", "failures")


def remove_db(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def corpus_bytes(corpus: str) -> int:
    total = 0
    for entry in os.scandir(corpus):
        if entry.name.endswith(".json") and entry.name[:-5].rpartition(".")[2] in PLUGINS:
            total += entry.stat().st_size
    return total


def warm_cache(corpus: str) -> None:
    """Reads the corpus once so that both sides start from the page cache, not the disk, and
    flushes what the previous run wrote: the kernel writes a database back to disk after its
    program has ended, so without the flush the side that ran second paid for the first side's
    database (herald took 26 s after itself and 29.5 s after the reference)."""
    os.sync()
    buf = bytearray(1 << 20)
    for entry in os.scandir(corpus):
        if entry.is_file() and entry.name.endswith(".json"):
            with open(entry.path, "rb", buffering=0) as f:
                while f.readinto(buf):
                    pass


def rss_now(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(argv: list[str], log: str) -> dict:
    """Runs argv, returning wall seconds, peak RSS (MB, from wait4), when the peak happened
    (sampled from /proc), exit status and captured output."""
    out_path, err_path = log + ".stdout", log + ".stderr"
    peak_kib, peak_at = 0, 0.0
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=err)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss = rss_now(proc.pid)
            if rss > peak_kib:
                peak_kib, peak_at = rss, time.monotonic() - start
            time.sleep(0.1)
        wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = Path(out_path).read_text(encoding="utf-8", errors="replace")
    stderr = Path(err_path).read_text(encoding="utf-8", errors="replace")
    return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "peak_at": peak_at, "status": proc.returncode,
            "stdout": stdout, "stderr": stderr, "user": usage.ru_utime, "sys": usage.ru_stime}


def counts(db_path: str) -> dict[str, int | None]:
    result: dict[str, int | None] = {}
    if not os.path.exists(db_path):
        return {t: None for t in CHECKED_TABLES + INFO_TABLES}
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    for table in CHECKED_TABLES + INFO_TABLES:
        try:
            result[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.Error:
            result[table] = None
    db.close()
    return result


def differences(herald_db: str, reference_db: str, table: str, limit: int = 5) -> list[str]:
    """Modules (and, for tactic steps, declarations) whose row counts differ."""
    db = sqlite3.connect(f"file:{herald_db}?mode=ro", uri=True)
    db.execute("ATTACH DATABASE ? AS ref", (f"file:{reference_db}?mode=ro",))
    per_module = {
        "declarations": "SELECT m.name, count(d.id) FROM {s}modules m LEFT JOIN {s}declarations d ON d.module_id = m.id GROUP BY m.name",
        "symbols": "SELECT m.name, count(s.id) FROM {s}modules m LEFT JOIN {s}symbols s ON s.module_id = m.id GROUP BY m.name",
        "tactic_steps": ("SELECT m.name, count(t.id) FROM {s}modules m JOIN {s}declarations d ON d.module_id = m.id "
                         "LEFT JOIN {s}tactic_steps t ON t.declaration_id = d.id GROUP BY m.name"),
        "modules": "SELECT m.name, 1 FROM {s}modules m",
    }[table]
    mine = dict(db.execute(per_module.format(s="main.")).fetchall())
    theirs = dict(db.execute(per_module.format(s="ref.")).fetchall())
    lines = []
    for name in sorted(set(mine) | set(theirs)):
        if mine.get(name) != theirs.get(name):
            lines.append(f"    module {name}: herald {mine.get(name)}, reference {theirs.get(name)}")
            if len(lines) >= limit:
                break
    if table == "tactic_steps" and lines:
        q = ("SELECT m.name || ' ' || d.name || ' @' || d.ref_start, "
             "group_concat(t.ord || ':' || t.depth || ':' || t.syntax_kind || ':' || t.start, ' | ') "
             "FROM {s}modules m JOIN {s}declarations d ON d.module_id = m.id "
             "JOIN {s}tactic_steps t ON t.declaration_id = d.id GROUP BY d.id")
        a = dict(db.execute(q.format(s="main.")).fetchall())
        b = dict(db.execute(q.format(s="ref.")).fetchall())
        shown = 0
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                lines.append(f"    declaration {key}:\n      herald    {a.get(key)}\n      reference {b.get(key)}")
                shown += 1
                if shown >= 3:
                    break
    db.close()
    return lines


def fmt(value, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True)
    p.add_argument("--herald", required=True, help="the herald executable")
    p.add_argument("--herald-db", required=True)
    p.add_argument("--reference-db", required=True)
    p.add_argument("--skip-herald", action="store_true")
    p.add_argument("--skip-reference", action="store_true")
    p.add_argument("--rss-corpus", help="a corpus twice as large: herald alone runs on it too")
    p.add_argument("--rss-db")
    p.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    p.add_argument("--logs", default=None, help="folder for stdout/stderr logs (default: next to the databases)")
    p.add_argument("--rounds", type=int, default=1,
                   help="run herald and the reference this many times each, alternating which goes first; "
                        "the ratio is taken per round (the two runs back to back) and judged by its median")
    a = p.parse_args(argv)
    if a.rounds < 1:
        p.error("--rounds must be at least 1")

    logs = a.logs or os.path.dirname(os.path.abspath(a.herald_db))
    os.makedirs(logs, exist_ok=True)
    size = corpus_bytes(a.corpus)
    mb = size / 1e6
    print(f"corpus {a.corpus}: {mb:,.0f} MB of analyzer JSON; load average before the runs "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    runs: dict[str, dict] = {}

    def herald(corpus: str, db: str, label: str) -> dict:
        remove_db(db)
        warm_cache(corpus)
        argv = [a.herald, "extract", "--from-analyzer-output", corpus, "--db", db, "--quiet", "--json"]
        print(f"running herald: {' '.join(argv)}", flush=True)
        r = measure(argv, os.path.join(logs, label))
        r["counts"] = counts(db)
        return r

    def reference(label: str) -> dict:
        remove_db(a.reference_db)
        warm_cache(a.corpus)
        argv = [sys.executable, str(HERE / "reference_extract.py"), "--corpus", a.corpus, "--db", a.reference_db,
                "--json"]
        print(f"running reference: {' '.join(argv)}", flush=True)
        r = measure(argv, os.path.join(logs, label))
        r["counts"] = counts(a.reference_db)
        return r

    # Each round runs both sides back to back, the first round herald first, the next the reference
    # first, and so on: the machine's speed drifts over minutes, and a ratio of two runs made far
    # apart measures the drift as much as the programs.
    rounds: list[dict[str, dict]] = []
    for k in range(a.rounds):
        suffix = f"-{k + 1}" if a.rounds > 1 else ""
        this: dict[str, dict] = {}
        for side in (("herald", "reference") if k % 2 == 0 else ("reference", "herald")):
            if side == "herald" and not a.skip_herald:
                this["herald"] = herald(a.corpus, a.herald_db, "herald" + suffix)
            if side == "reference" and not a.skip_reference:
                this["reference"] = reference("reference" + suffix)
        rounds.append(this)
    # The table shows each side's median run (by wall time).
    for side in ("herald", "reference"):
        mine = sorted((r[side] for r in rounds if side in r), key=lambda r: r["wall"])
        if mine:
            runs[side] = mine[len(mine) // 2]

    failed = False
    for name, r in runs.items():
        if r["status"] != 0:
            failed = True
            tail = "\n".join((r["stderr"] or r["stdout"]).strip().splitlines()[-15:])
            print(f"\n{name} exited with status {r['status']}:\n{tail}")

    # ---- table
    print()
    names = list(runs)
    header = f"{'':24s}" + "".join(f"{n:>14s}" for n in names)
    print(header)
    print("-" * len(header))
    rows = {}
    for n, r in runs.items():
        decls = r["counts"].get("declarations")
        rows[n] = {
            "declarations ingested": decls,
            "JSON MB": mb,
            "wall s": r["wall"],
            "declarations/s": decls / r["wall"] if decls else None,
            "MB/s": mb / r["wall"],
            "peak RSS MB": r["rss_mb"],
            "RSS peak at s": r["peak_at"],
            "CPU s (user+sys)": r["user"] + r["sys"],
        }
    specs = {"declarations ingested": ",d", "JSON MB": ",.0f", "wall s": ",.1f", "declarations/s": ",.0f",
             "MB/s": ",.1f", "peak RSS MB": ",.0f", "RSS peak at s": ",.1f", "CPU s (user+sys)": ",.1f"}
    for label, spec in specs.items():
        print(f"{label:24s}" + "".join(f"{fmt(rows[n][label], spec):>14s}" for n in names))

    # ---- targets
    print()
    verdicts = []
    if "herald" in runs and "reference" in runs:
        ratios = [r["reference"]["wall"] / r["herald"]["wall"] for r in rounds]
        if len(rounds) > 1:
            for k, r in enumerate(rounds):
                first = "herald first" if k % 2 == 0 else "reference first"
                print(f"round {k + 1} ({first}): herald {r['herald']['wall']:.1f} s, "
                      f"reference {r['reference']['wall']:.1f} s, {r['reference']['wall'] / r['herald']['wall']:.2f}×")
        ratio = statistics.median(ratios)
        ok = ratio >= TARGET_SPEEDUP
        verdicts.append(ok)
        judged = f"median of {len(ratios)} rounds" if len(ratios) > 1 else "one round"
        print(f"herald/reference throughput (MB/s): {ratio:.2f}× ({judged})   target ≥ {TARGET_SPEEDUP:.0f}×   "
              f"{'PASS' if ok else 'FAIL'}")
    if "herald" in runs:
        h = runs["herald"]
        ok = h["rss_mb"] <= TARGET_RSS_MB
        verdicts.append(ok)
        print(f"herald peak RSS: {h['rss_mb']:,.0f} MB   target ≤ {TARGET_RSS_MB} MB   {'PASS' if ok else 'FAIL'}")
        if a.rss_corpus:
            h2 = herald(a.rss_corpus, a.rss_db, "herald-rss")
            mb2 = corpus_bytes(a.rss_corpus) / 1e6
            growth = h2["rss_mb"] / h["rss_mb"] if h["rss_mb"] else float("inf")
            ok = h2["status"] == 0 and growth <= FLAT_RSS_RATIO and h2["rss_mb"] <= TARGET_RSS_MB
            verdicts.append(ok)
            print(f"herald at {mb2:,.0f} MB ({mb2 / mb:.1f}× the corpus): {h2['wall']:.1f} s, "
                  f"{h2['counts'].get('declarations') or 0:,d} declarations, peak RSS {h2['rss_mb']:,.0f} MB "
                  f"(at {h2['peak_at']:.1f} s)")
            print(f"peak RSS growth when the corpus doubles: {growth:.2f}×   target flat (≤ {FLAT_RSS_RATIO}×)   "
                  f"{'PASS' if ok else 'FAIL'}")
            if h2["status"] != 0:
                print("  (herald failed on the larger corpus: " + (h2["stderr"].strip().splitlines() or ["?"])[-1] + ")")
            if not a.keep:
                remove_db(a.rss_db)

    # ---- cross-check
    if "herald" in runs and "reference" in runs:
        hc, rc = runs["herald"]["counts"], runs["reference"]["counts"]
        print("\ncross-check (row counts)")
        print(f"  {'table':14s}{'herald':>14s}{'reference':>14s}")
        mismatches = []
        for t in CHECKED_TABLES + INFO_TABLES:
            mark = ""
            if t in CHECKED_TABLES and hc.get(t) != rc.get(t):
                mark = "  MISMATCH"
                mismatches.append(t)
            elif t in INFO_TABLES:
                mark = "  (informational: graph units and failures are defined differently)" \
                    if t in ("dependencies", "levels") and hc.get(t) != rc.get(t) else ""
            print(f"  {t:14s}{fmt(hc.get(t), ',d'):>14s}{fmt(rc.get(t), ',d'):>14s}{mark}")
        for t in mismatches:
            if hc.get(t) is not None and rc.get(t) is not None:
                print(f"\n  {t} differ; first differences:")
                for line in differences(a.herald_db, a.reference_db, t):
                    print(line)
        if not mismatches:
            print("  modules, declarations, symbols and tactic steps agree")
        verdicts.append(not mismatches)
    if "herald" in runs and runs["herald"]["stdout"].strip():
        out = runs["herald"]["stdout"].strip()
        try:
            report = json.loads(out)
        except json.JSONDecodeError:
            try:
                report = json.loads(out.splitlines()[-1])
            except json.JSONDecodeError:
                report = None
        if report is not None:
            print("\nherald report: " + json.dumps(report, sort_keys=True)[:600])

    if not a.keep:
        for n, path in (("herald", a.herald_db), ("reference", a.reference_db)):
            if n in runs:
                remove_db(path)
    return 1 if failed or not all(verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
