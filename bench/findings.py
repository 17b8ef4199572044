"""Benchmark: one file with many findings, to show that edits, diffs and the fixpoint stay
linear in their number.

Writes a Go file of N functions, each discarding a context's cancel function (one safe
``lost-cancel`` fix each), and times ``gomend scan``, ``gomend diff`` and ``gomend fix`` on it
(child processes, no cache, median of several runs; ``fix`` on a fresh copy each time), for
N and N/2 and N/4: the times should double with N, not quadruple.

    python bench/findings.py [--findings 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FUNC = "func f{i}(p context.Context) {{\n\tctx, _ := context.WithCancel(p)\n\t_ = ctx\n}}\n"


def source(findings: int) -> str:
    funcs = "\n".join(FUNC.format(i=i) for i in range(findings))
    return 'package p\n\nimport (\n\t"context"\n)\n\n' + funcs


def timed(command: str, original: Path, work: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        shutil.copyfile(original, work)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "gomend", command, "--no-cache", "--no-progress", str(work)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| findings | file size | scan | diff | fix |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="gomend-findings-") as tmp:
        for n in (args.findings // 4, args.findings // 2, args.findings):
            original = Path(tmp) / f"original{n}.go"
            original.write_text(source(n))
            work = Path(tmp) / "many.go"
            row = [timed(c, original, work, args.runs) for c in ("scan", "diff", "fix")]
            size = original.stat().st_size / 1e6
            print(f"| {n:,} | {size:.2f} MB | " + " | ".join(f"{t:.2f} s" for t in row) + " |")


if __name__ == "__main__":
    main()
