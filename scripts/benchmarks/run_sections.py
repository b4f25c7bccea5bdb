#!/usr/bin/env python3
"""Runs the section-parse benchmark: herald's Sections parser against Python references.

    run_sections.py --parser BIN --python PY --inputs DIR [--repeat N]

The inputs are gen_sections.py's (DIR/sections.tex and DIR/sections.html, about 5 MB each).
herald's side is `section-parse FILE --format F` (a release build of the Sections target's
executable, which parses every section of the file and prints counts); the references are
reference_sections.py run by PY (a venv with beautifulsoup4 and lxml): a regular-expression
splitter for LaTeX, BeautifulSoup on lxml for HTML. Each run is a process of its own; wall
time is measured around it and peak RSS comes from os.wait4 (ru_maxrss). Runs alternate
between the two sides and are repeated; the median wall time and the largest peak RSS are
reported. Both sides print the same counts (sections, items, proofs, references); a mismatch
means one side split the file differently and is reported as such.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

TARGET_RATIO = 3.0
HERE = os.path.dirname(os.path.abspath(__file__))


def measure(command: list[str]) -> tuple[str, float, float, float]:
    """Runs `command` with its output in a pipe, returning output, wall, CPU and peak RSS (MB)."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output = process.stdout.read()
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        raise SystemExit(f"{command[0]} failed with status {status}:\n{error.decode(errors='replace')[-2000:]}")
    return output.decode().strip(), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parser", required=True, help="the section-parse executable (release build)")
    parser.add_argument("--python", required=True, help="a Python with beautifulsoup4 and lxml")
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"section benchmark: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores, {args.repeat} runs of each side, median wall time")
    reference = os.path.join(HERE, "reference_sections.py")
    met = True
    for format, name in (("latex", "sections.tex"), ("html", "sections.html")):
        path = os.path.join(args.inputs, name)
        size = os.path.getsize(path)
        with open(path, "rb") as f:  # both sides start from the page cache
            f.read()
        commands = {
            "herald": [args.parser, path, "--format", format],
            "reference": [args.python, reference, path, "--format", format],
        }
        results: dict[str, list[tuple[str, float, float, float]]] = {"herald": [], "reference": []}
        for _ in range(args.repeat):
            for side, command in commands.items():
                results[side].append(measure(command))
        summary = {}
        for side, runs in results.items():
            walls = [r[1] for r in runs]
            summary[side] = {
                "output": runs[0][0],
                "wall": statistics.median(walls),
                "cpu": statistics.median(r[2] for r in runs),
                "rss": max(r[3] for r in runs),
                "walls": walls,
            }
        herald, ref = summary["herald"], summary["reference"]
        ratio = ref["wall"] / herald["wall"]
        ok = ratio >= TARGET_RATIO
        met = met and ok
        print(f"\n{format}: {path} ({size / 1e6:.2f} MB)")
        print(f"  {'':10} {'wall (median)':>14} {'MB/s':>8} {'CPU':>8} {'peak RSS':>10}   runs")
        for side, label in (("herald", "herald"), ("reference", "reference")):
            s = summary[side]
            runs = ", ".join(f"{w:.3f}" for w in s["walls"])
            print(f"  {label:10} {s['wall']:>12.3f} s {size / 1e6 / s['wall']:>8.1f} {s['cpu']:>6.2f} s "
                  f"{s['rss']:>7.0f} MB   {runs}")
        print(f"  ratio herald/reference: {ratio:.2f}x (target >= {TARGET_RATIO:.0f}x: {'met' if ok else 'NOT met'})")
        print(f"  herald:    {herald['output']}")
        print(f"  reference: {ref['output']}")
        counts = lambda line: line.split(" warnings ")[0]  # noqa: E731  (the reference reports no warnings)
        if counts(herald["output"]) != counts(ref["output"]):
            print("  the two sides split the file differently (counts above differ)")
            met = False
    print(f"\ntarget (>= {TARGET_RATIO:.0f}x the reference for both formats): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
