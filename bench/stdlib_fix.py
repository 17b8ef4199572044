"""``gomend fix --unsafe-fixes`` over the whole Go standard library, checked by Go itself.

Copies ``$(go env GOROOT)`` to a temporary folder (the whole GOROOT, so that ``go vet`` can
run with ``GOROOT`` pointing at the copy), runs ``gomend fix --unsafe-fixes`` on its
``src``, then ``gofmt -l`` on every changed file and ``go vet`` on every changed package.
A vet diagnostic that the untouched standard library also has is not gomend's and is not
counted. Prints the files changed per codemod, every failure, and the times. Zero failures
is the bar; the exit code is 1 otherwise.

    python bench/stdlib_fix.py [--keep DIR] [--jobs N]

Not a CI test: it takes minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gomend.engine.go.toolchain import go_binary  # noqa: E402

FIXED = re.compile(r"^(?P<path>.+?\.go):\d+:\d+: (?P<rule>[a-z0-9-]+) .*\[fixed\]$")
VET = re.compile(r"^(?:vet: )?(?P<file>[^\s:]+\.go):\d+:\d+: (?P<msg>.*)$")


def go_env(goroot: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GOROOT=str(goroot),
        PATH=os.pathsep.join([str(goroot / "bin"), env.get("PATH", "")]),
        GOTOOLCHAIN="local",
        GOFLAGS="",
        GOPROXY="off",
        GOWORK="off",
    )
    return env


def original_goroot() -> Path:
    out = subprocess.run([go_binary(), "env", "GOROOT"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def package_of(src: Path, file: Path) -> tuple[Path, str]:
    """(module folder to run go in, package pattern) for a file under ``src``."""
    rel = file.parent.relative_to(src).as_posix()
    if rel == "cmd" or rel.startswith("cmd/"):
        return src / "cmd", rel
    return src, rel


def vet(goroot: Path, packages: dict[Path, list[str]]) -> dict[str, Counter[str]]:
    """vet diagnostics (file: message, no position) per package pattern."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    env = go_env(goroot)
    go = str(goroot / "bin" / "go")
    for module, patterns in packages.items():
        # one package at a time: a failure names its package without any parsing
        for pattern in patterns:
            done = subprocess.run(
                [go, "vet", pattern], cwd=module, capture_output=True, text=True, env=env
            )
            if done.returncode == 0:
                continue
            found = Counter()
            for line in done.stderr.splitlines():
                m = VET.match(line.strip())
                if m:
                    found[f"{Path(m['file']).name}: {m['msg']}"] += 1
            if not found:
                found[
                    done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
                ] += 1
            out[pattern] = found
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the fixed copy here instead of deleting it")
    parser.add_argument(
        "--jobs", type=int, default=0, help="gomend worker processes (0: all cores)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    goroot = original_goroot()
    tmp = Path(tempfile.mkdtemp(prefix="gomend-stdlib-")) if args.keep is None else args.keep
    copy = tmp / "go"
    t0 = time.perf_counter()
    shutil.copytree(goroot, copy, symlinks=True)
    src = copy / "src"
    before = {p: p.read_bytes() for p in src.rglob("*.go") if p.is_file()}
    copy_seconds = time.perf_counter() - t0

    gomend = [sys.executable, "-c", "from gomend.engine.cli.app import run; run()"]
    usage = subprocess.run([*gomend, "fix", "--help"], cwd=ROOT, capture_output=True, text=True)
    no_cache = ["--no-cache"] if "--no-cache" in usage.stdout else []  # measure real work
    t0 = time.perf_counter()
    fix = subprocess.run(
        [
            *gomend,
            "fix",
            "--unsafe-fixes",
            "--no-progress",
            *no_cache,
            "--jobs",
            str(args.jobs),
            str(src),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    fix_seconds = time.perf_counter() - t0
    failures: list[str] = []
    if fix.returncode != 0:
        failures.append(f"gomend fix exited with {fix.returncode}")
    for line in fix.stderr.splitlines():
        if ": failed: " in line or "internal error" in line or "Traceback" in line:
            failures.append(f"gomend: {line}")
    files_by_rule: dict[str, set[str]] = defaultdict(set)
    fixes_by_rule: Counter[str] = Counter()
    for line in fix.stdout.splitlines():
        m = FIXED.match(line)
        if m:
            files_by_rule[m["rule"]].add(m["path"])
            fixes_by_rule[m["rule"]] += 1
    changed = sorted(p for p, data in before.items() if p.read_bytes() != data)
    new_files = sorted({p for p in src.rglob("*.go") if p.is_file()} - set(before))
    failures += [f"unexpected new file: {p.relative_to(src)}" for p in new_files]

    t0 = time.perf_counter()
    gofmt = str(copy / "bin" / "gofmt")
    if changed:
        done = subprocess.run(
            [gofmt, "-l", *map(str, changed)], capture_output=True, text=True, env=go_env(copy)
        )
        failures += [f"not gofmt-clean: {Path(f).relative_to(src)}" for f in done.stdout.split()]
        failures += [f"gofmt: {line}" for line in done.stderr.splitlines()]
    gofmt_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    packages: dict[Path, list[str]] = defaultdict(list)
    for path in changed:
        module, pattern = package_of(src, path)
        if pattern not in packages[module]:
            packages[module].append(pattern)
    after = vet(copy, packages)
    if after:  # the untouched standard library's own diagnostics are not gomend's
        pristine = vet(goroot, {m: [p for p in ps if p in after] for m, ps in packages.items()})
        for pattern, found in sorted(after.items()):
            for diag in sorted(found - pristine.get(pattern, Counter())):
                failures.append(f"go vet {pattern}: {diag}")
    vet_seconds = time.perf_counter() - t0

    summary = fix.stderr.strip().splitlines()[-1] if fix.stderr.strip() else ""
    print(
        f"go: {subprocess.run([go_binary(), 'version'], capture_output=True, text=True).stdout.strip()}"
    )
    print(f"gomend: {summary}")
    print(
        f"files changed: {len(changed)} of {len(before)} .go files; packages vetted: "
        f"{sum(len(v) for v in packages.values())}"
    )
    print("files changed per codemod (fixes applied):")
    for rule in sorted(set(files_by_rule) | set(fixes_by_rule)):
        print(f"  {rule:<28} {len(files_by_rule[rule]):>4} files  {fixes_by_rule[rule]:>4} fixes")
    print(f"failures: {len(failures)}")
    for failure in failures:
        print(f"  FAIL {failure}")
    print(
        f"time: copy {copy_seconds:.1f}s, fix {fix_seconds:.1f}s, gofmt {gofmt_seconds:.1f}s, "
        f"vet {vet_seconds:.1f}s, total {time.perf_counter() - started:.1f}s"
    )
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"fixed copy kept in {copy}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
