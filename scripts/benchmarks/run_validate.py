#!/usr/bin/env python3
"""Runs the validate benchmark: herald's REPL pool against one REPL process per check.

    run_validate.py --herald BIN --fake-repl BIN --work DIR
                    [--checks N] [--headers H] [--workers W] [--latency-ms L] [--header-ms C]
                    [--fresh-checks M] [--max-commands K] [--seed S]

N checks (default 10,000) over H distinct headers (default 20), each header a different list of
imports, shuffled so headers interleave as in a real dataset, are written as JSONL and checked by
`herald lean check --jsonl FILE --json --lean-workers W` against `fake-repl`, which answers
every command after L ms (default 20) and a header (a command with imports and no env) after
C ms more (default 1,000): a Lean REPL with a fixed cost per check and per header import. The REPL
is configured by a pipeline file's `lean` section; workers are recycled after K commands
(`max_commands`; by default never within the run, so the header count measures the scheduler
alone: with herald's default of 1,000 every recycled worker imports its headers again).

Measured: wall time around herald (start-up included), herald's CPU time (os.wait4), checks/s
against the ideal W / L (every worker busy with bodies only), and header elaborations against
the target of one per header per worker (herald's own count, cross-checked against the fake's
request log, one line per request with its pid). Then the first M checks (default 200) again
with `--fresh`: a new REPL per check sent header and body as one command, as Herald's and
DeepSeek's published scripts do; its rate is extrapolated to N checks, and the ratio printed.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import time

# Share of the ideal that counts one header import per header per worker (the rest is overhead).
TARGET_OF_IDEAL_WITH_HEADERS = 0.90


def generate(path: str, checks: int, headers: int, seed: int) -> None:
    """Writes N checks over H headers: header k imports k+1 of a fixed list of modules, in order."""
    rng = random.Random(seed)
    modules = [f"Bench.Module{index}" for index in range(headers)]
    header_texts = ["\n".join(f"import {module}" for module in modules[: k + 1]) for k in range(headers)]
    with open(path, "w", encoding="utf-8") as out:
        for index in range(checks):
            header = header_texts[rng.randrange(headers)]
            code = f"{header}\n\ntheorem bench_{index} (n : ℕ) : n + 0 = n := by\n  simp"
            out.write(json.dumps({"id": index, "code": code}, ensure_ascii=False) + "\n")


def run(herald: str, fake: str, work: str, jsonl: str, workers: int, latency: float, header_ms: float,
        max_commands: int, fresh: bool, label: str) -> dict:
    log = os.path.join(work, f"requests-{label}.log")
    if os.path.exists(log):
        os.remove(log)
    pipeline = os.path.join(work, f"pipeline-{label}.json")
    with open(pipeline, "w", encoding="utf-8") as out:
        json.dump({"database": "unused.sqlite", "lean": {
            "project": work, "workers": workers, "timeout": 60, "max_commands": max_commands,
            "repl": [fake, "--latency-ms", str(int(latency)), "--header-delay-ms", str(int(header_ms)),
                     "--log", log]}}, out)
    command = [herald, "lean", "check", "--jsonl", jsonl, "--json", "--pipeline", pipeline]
    if fresh:
        command.append("--fresh")
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if os.WIFSIGNALED(status):
        sys.exit(f"herald lean check was killed by signal {os.WTERMSIG(status)}")
    lines = output.splitlines()
    if not lines:
        sys.exit(f"herald lean check printed nothing (exit status {os.WEXITSTATUS(status)}): {' '.join(command)}")
    summary = json.loads(lines[-1])["summary"]
    for key, value in (summary.pop("pool") or {}).items():
        summary.setdefault(key, value)
    results = [json.loads(line) for line in lines[:-1]]
    per_process = collections.Counter()
    with open(log, encoding="utf-8") as requests:
        for line in requests:
            pid, kind, _ = line.rstrip("\n").split("\t")
            if kind == "header":
                per_process[pid] += 1
    return {
        "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "summary": summary, "results": results,
        "status": os.WEXITSTATUS(status), "logged_headers": sum(per_process.values()),
        "processes": len(per_process), "max_headers_per_process": max(per_process.values(), default=0),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--herald", required=True)
    parser.add_argument("--fake-repl", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--checks", type=int, default=10_000)
    parser.add_argument("--headers", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--header-ms", type=float, default=1000)
    parser.add_argument("--fresh-checks", type=int, default=200)
    parser.add_argument("--max-commands", type=int, default=0, help="recycle workers after K commands (0: never)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    # The pipeline file lives in the work folder, and paths in it are relative to it.
    args.herald, args.fake_repl = os.path.abspath(args.herald), os.path.abspath(args.fake_repl)

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    jsonl = os.path.join(args.work, "checks.jsonl")
    generate(jsonl, args.checks, args.headers, args.seed)
    fresh_jsonl = os.path.join(args.work, "checks-fresh.jsonl")
    with open(jsonl, encoding="utf-8") as source, open(fresh_jsonl, "w", encoding="utf-8") as subset:
        for index, line in enumerate(source):
            if index >= args.fresh_checks:
                break
            subset.write(line)

    latency = args.latency_ms / 1000
    ideal = args.workers / latency
    recycling = f"recycled after {args.max_commands:,} commands" if args.max_commands else "never recycled"
    print(f"validate benchmark: {args.checks:,} checks over {args.headers} headers, {args.workers} workers "
          f"({recycling}); fake REPL: {args.latency_ms:.0f} ms per command, {args.header_ms:.0f} ms more per header "
          f"import; herald {args.herald}")

    max_commands = args.max_commands or 2 * args.checks + args.headers + 1
    pooled = run(args.herald, args.fake_repl, args.work, jsonl, args.workers, args.latency_ms, args.header_ms,
                 max_commands, False, "pool")
    summary = pooled["summary"]
    rate = summary["checks"] / pooled["wall"]
    elaborations = summary["header_elaborations"]
    target = args.headers * args.workers
    ok = sum(1 for result in pooled["results"] if result["outcome"] == "ok")
    # What the ideal becomes when every header is elaborated once per worker (the target).
    with_headers = args.checks / ((args.checks * latency + target * (args.header_ms / 1000 + latency)) / args.workers)
    print("pool (herald lean check --jsonl):")
    print(f"  {summary['checks']:,} checks in {pooled['wall']:.1f} s: {rate:.1f}/s = {rate / ideal:.1%} of the ideal "
          f"{ideal:.0f}/s ({args.workers} workers / {args.latency_ms:.0f} ms); {with_headers:.1f}/s would be the "
          f"ideal with {target} header imports of {args.header_ms:.0f} ms")
    print(f"  outcomes: {summary['outcomes']}; ok {ok:,}; herald CPU {pooled['cpu']:.1f} s "
          f"({pooled['cpu'] * 1000 / max(1, summary['checks']):.2f} ms per check)")
    print(f"  header elaborations: {elaborations} (per worker {summary['header_elaborations_per_worker']}; "
          f"target at most one per header per worker = {target}); the fake's log: {pooled['logged_headers']} "
          f"in {pooled['processes']} processes, at most {pooled['max_headers_per_process']} in one; "
          f"restarts {summary['restarts']}")

    fresh = run(args.herald, args.fake_repl, args.work, fresh_jsonl, args.workers, args.latency_ms, args.header_ms,
                max_commands, True, "fresh")
    fresh_summary = fresh["summary"]
    fresh_rate = fresh_summary["checks"] / fresh["wall"]
    print(f"one REPL per check (--fresh), the first {fresh_summary['checks']:,} checks (the full run would take "
          f"about {args.checks / fresh_rate / 60:.0f} min at this rate):")
    print(f"  {fresh_summary['checks']:,} checks in {fresh['wall']:.1f} s: {fresh_rate:.2f}/s; "
          f"{fresh_summary['processes_started']} processes, {fresh_summary['header_elaborations']} header "
          f"elaborations; outcomes {fresh_summary['outcomes']}")
    print(f"  extrapolated to {args.checks:,} checks: {args.checks / fresh_rate:.0f} s against the pool's "
          f"{pooled['wall']:.0f} s")

    print("results:")
    checks = [
        (f"throughput {rate:.1f}/s = {rate / ideal:.1%} of workers / latency, {rate / with_headers:.1%} of that ideal "
         f"with one import per header per worker (target >= {TARGET_OF_IDEAL_WITH_HEADERS:.0%})",
         rate / with_headers >= TARGET_OF_IDEAL_WITH_HEADERS),
        (f"header elaborations {elaborations} <= one per header per worker ({target})",
         elaborations <= target or args.max_commands > 0),
        (f"every check answered ok ({ok:,} of {args.checks:,})", ok == args.checks),
    ]
    for text, met in checks:
        print(f"  {'met    ' if met else 'NOT MET'}  {text}")
    print(f"  the pool is {rate / fresh_rate:.0f}x one REPL per check ({rate:.1f}/s against {fresh_rate:.2f}/s)")
    return 0 if all(met for _, met in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
