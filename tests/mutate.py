"""A mutation corpus from real code: Go standard-library packages with misuses planted in them.

Each sampled package is copied out of ``$(go env GOROOT)/src`` into a temporary module
(non-test files only; the packages chosen import no ``internal/`` package and have no
assembly or cgo, so they build there). Exercise-shaped misuses (``runtime.GC()``,
``ctx, _ := context.WithCancel(...)``, ``runtime.LockOSThread()``...) go in before random
statements of function bodies, with their imports added by the engine, and the file is
gofmt-ed. A package whose mutated copy does not build is dropped (the mutation's fault, not
gomend's). Then ``gomend fix --unsafe-fixes`` runs over the module, and the result must be
gofmt-clean, build, and show no ``go vet`` diagnostic that the mutated input did not have
(report-only findings, such as a lost cancel in a loop, keep vet's own complaint).

Run it alone for a larger sample: ``python -m tests.mutate --packages 60 --files 4 --seed 7``
(``--verify`` runs ``gomend fix --verify`` and reports the packages Go checked, the fixes it
reverted, which should be none, and the time the fix step took).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gomend.engine.go.import_edits import ensure_imports
from gomend.engine.go.imports import ImportTable
from gomend.engine.go.parse import parse
from gomend.engine.go.query import walk
from gomend.engine.go.toolchain import go_binary
from tests.gotools import go_env, gofmt, gofmt_binary, goroot

# import path -> the name it is used under
NAMES = {
    "runtime": "runtime",
    "runtime/debug": "debug",
    "runtime/pprof": "pprof",
    "runtime/trace": "trace",
    "context": "context",
    "time": "time",
    "os": "os",
}

# (name, import paths, lines) -- {k} is a number unique in the file
MISUSES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("gc", ("runtime",), ("runtime.GC()",)),
    ("free-os-memory", ("runtime/debug",), ("debug.FreeOSMemory()",)),
    ("gosched", ("runtime",), ("runtime.Gosched()",)),
    ("gomaxprocs", ("runtime",), ("runtime.GOMAXPROCS(4)",)),
    ("lock-os-thread", ("runtime",), ("runtime.LockOSThread()",)),
    ("max-threads", ("runtime/debug",), ("debug.SetMaxThreads(10)",)),
    ("memory-limit", ("runtime/debug",), ("debug.SetMemoryLimit(64 << 20)",)),
    ("gc-off", ("runtime/debug",), ("debug.SetGCPercent(-1)",)),
    (
        "lost-cancel",
        ("context",),
        ("gmCtx{k}, _ := context.WithCancel(context.Background())", "_ = gmCtx{k}"),
    ),
    (
        "lost-cancel-timeout",
        ("context", "time"),
        ("gmCtx{k}, _ := context.WithTimeout(context.Background(), time.Second)", "_ = gmCtx{k}"),
    ),
    (
        "stack",
        ("runtime",),
        (
            "gmBuf{k} := make([]byte, 1024)",
            "gmN{k} := runtime.Stack(gmBuf{k}, true)",
            "_ = gmBuf{k}[:gmN{k}]",
        ),
    ),
    (
        "labels",
        ("context", "runtime/pprof"),
        (
            'gmL{k} := pprof.WithLabels(context.Background(), pprof.Labels("k", "v"))',
            "pprof.SetGoroutineLabels(gmL{k})",
        ),
    ),
    ("trace", ("os", "runtime/trace"), ("_ = trace.Start(os.Stderr)",)),
    (
        "finalizer",
        ("runtime",),
        ("gmObj{k} := new(int)", "runtime.SetFinalizer(gmObj{k}, func(p *int) {{ _ = *p }})"),
    ),
]

GOMEND = (sys.executable, "-c", "from gomend.engine.cli.app import run; run()")


def standalone_packages() -> list[str]:
    """Standard-library packages that build outside GOROOT: no internal imports, no
    assembly, no cgo."""
    done = subprocess.run(
        [
            go_binary(),
            "list",
            "-f",
            '{{.ImportPath}}|{{join .Imports " "}}|{{len .SFiles}}|{{len .CgoFiles}}',
            "std",
        ],
        capture_output=True,
        text=True,
        env=go_env(),
        check=True,
    )
    out = []
    for line in done.stdout.splitlines():
        path, imports, sfiles, cgo = line.split("|")
        if sfiles != "0" or cgo != "0" or path.startswith("cmd/"):
            continue
        if re.search(r"internal|vendor|golang\.org|\bunsafe\b", imports + " " + path):
            continue
        if path in ("structs", "unsafe"):
            continue
        out.append(path)
    return out


def statement_slots(source: bytes) -> list[int]:
    """Byte offsets of line starts before statements in function bodies, where a new
    statement can go: the statement starts its line and is not a label's target."""
    tree = parse(source)
    slots = set()
    for body in walk(tree.root_node, ("statement_list",)):
        for stmt in body.named_children:
            if stmt.type in ("comment", "labeled_statement", "empty_statement"):
                continue
            if stmt.type.endswith("_case") or stmt.type in ("communication_case", "default_case"):
                continue
            start = source.rfind(b"\n", 0, stmt.start_byte) + 1
            if source[start : stmt.start_byte].strip(b"\t "):
                continue
            slots.add(start)
    return sorted(slots)


@dataclass
class Mutated:
    package: str
    files: dict[str, list[str]] = field(default_factory=dict)  # file -> misuse names


def mutate_file(
    source: bytes, rng: random.Random, count: int, allowed: list[int]
) -> tuple[bytes, list[str]]:
    """``source`` with up to ``count`` misuses (from ``MISUSES[i] for i in allowed``) planted
    before random statements, imports added, and gofmt-ed."""
    slots = statement_slots(source)
    if not slots or not allowed:
        return source, []
    picks = sorted(rng.sample(slots, min(count, len(slots))), reverse=True)
    planted: list[str] = []
    paths: set[str] = set()
    out = source
    for number, slot in enumerate(picks):
        name, needs, lines = MISUSES[rng.choice(allowed)]
        indent = out[slot : len(out) - len(out[slot:].lstrip(b"\t"))]
        text = b"".join(indent + line.format(k=number).encode() + b"\n" for line in lines)
        out = out[:slot] + text + out[slot:]
        planted.append(name)
        paths.update(needs)
    out = ensure_imports(out, sorted(paths))
    formatted = gofmt(out)
    if formatted is None:
        return source, []
    return formatted, planted


def build_corpus(
    root: Path, packages: list[str], rng: random.Random, files: int, per_file: int
) -> list[Mutated]:
    """Copy ``packages`` under ``root`` (a module) with misuses planted in ``files`` files each."""
    (root / "go.mod").write_text("module example.com/mutants\n\ngo 1.24\n")
    src = goroot() / "src"
    corpus = []
    for package in packages:
        folder = root / package
        folder.mkdir(parents=True)
        names = sorted(
            p.name
            for p in (src / package).iterdir()
            if p.suffix == ".go" and not p.name.endswith("_test.go")
        )
        texts = {n: (src / package / n).read_bytes() for n in names}
        allowed = [
            i
            for i, (_, needs, _) in enumerate(MISUSES)
            if not any(_used_otherwise(texts, NAMES[p], p) for p in needs)
        ]
        result = Mutated(package)
        candidates = [n for n in names if b"func " in texts[n] and not _generated(texts[n])]
        for n in rng.sample(candidates, min(files, len(candidates))):
            new, planted = mutate_file(texts[n], rng, per_file, allowed)
            if planted:
                texts[n] = new
                result.files[n] = planted
        for n, data in texts.items():
            (folder / n).write_bytes(data)
        if result.files:
            corpus.append(result)
    return corpus


def _generated(text: bytes) -> bool:
    return re.search(rb"^// Code generated .* DO NOT EDIT\.$", text, re.MULTILINE) is not None


def _used_otherwise(texts: dict[str, bytes], name: str, path: str) -> bool:
    """Whether ``name`` means anything but ``path``'s import somewhere in the package (a
    package-level ``debug`` constant, a local ``trace`` variable...), so that planting a
    call spelled ``name.X`` could not compile."""
    for text in texts.values():
        if re.search(rb"\b" + name.encode() + rb"\b", text) is None:
            continue
        table = ImportTable(parse(text), text)
        if table.names_for(path) != {name}:
            return True
        # imported under that name: any other declaration of it would already clash
    return False


@dataclass
class Outcome:
    packages: int = 0
    files: int = 0
    planted: Counter[str] = field(default_factory=Counter)
    dropped: list[str] = field(default_factory=list)  # packages whose mutation did not build
    failures: list[str] = field(default_factory=list)
    fixed_by: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    fix_seconds: float = 0.0  # gomend fix itself (with --verify: Go's build and vet inside it)
    verified: int = 0  # packages Go checked for --verify
    reverted: list[str] = field(default_factory=list)  # --verify's "fix reverted" lines


def _go(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [go_binary(), *args], cwd=cwd, capture_output=True, text=True, env=go_env()
    )


def _failing_packages(stderr: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^# example\.com/mutants/(\S+)", stderr, re.MULTILINE)}


def _vet_lines(stderr: str) -> Counter[str]:
    """vet's diagnostics without positions (a fix moves lines)."""
    out: Counter[str] = Counter()
    for line in stderr.splitlines():
        m = re.match(r"^(?:vet: )?(?:\./)?(\S+?\.go):\d+:\d+: (.*)$", line)
        if m:
            out[f"{m.group(1)}: {m.group(2)}"] += 1
    return out


def run_corpus(
    packages: list[str],
    seed: int,
    files: int,
    per_file: int,
    keep: Path | None = None,
    verify: bool = False,
) -> Outcome:
    started = time.perf_counter()
    rng = random.Random(seed)
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="gomend-mutants-") as tmp:
        root = Path(tmp)
        corpus = build_corpus(root, packages, rng, files, per_file)
        # a mutation that does not build is dropped, with its package
        built = _go(["build", *[f"./{m.package}" for m in corpus]], root)
        broken = _failing_packages(built.stderr)
        for m in corpus:
            if m.package in broken:
                outcome.dropped.append(m.package)
                shutil.rmtree(root / m.package)
        corpus = [m for m in corpus if m.package not in broken]
        outcome.packages = len(corpus)
        for m in corpus:
            outcome.files += len(m.files)
            for planted in m.files.values():
                outcome.planted.update(planted)
        if not corpus:
            outcome.failures.append("no mutated package builds")
            return outcome
        before_vet = _vet_lines(_go(["vet", *[f"./{m.package}" for m in corpus]], root).stderr)
        before = {p: p.read_bytes() for p in root.rglob("*.go")}
        env = dict(go_env())
        fix_started = time.perf_counter()
        fix = subprocess.run(
            [
                *GOMEND,
                "fix",
                "--unsafe-fixes",
                "--no-progress",
                *(["--verify"] if verify else []),
                ".",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
        )
        outcome.fix_seconds = time.perf_counter() - fix_started
        outcome.reverted = [
            line for line in fix.stderr.splitlines() if line.startswith("fix reverted:")
        ]
        checked = re.search(r"verified (\d+) package", fix.stderr)
        outcome.verified = int(checked.group(1)) if checked else 0
        if fix.returncode != 0 and not outcome.reverted:
            outcome.failures.append(
                f"gomend fix exited {fix.returncode}: {fix.stderr.strip()[-2000:]}"
            )
        for line in fix.stderr.splitlines():
            if ": failed: " in line or "internal error" in line:
                outcome.failures.append(f"gomend: {line}")
        for line in fix.stdout.splitlines():
            m = re.search(r": ([a-z0-9-]+) .*\[fixed\]$", line)
            if m:
                outcome.fixed_by[m.group(1)] += 1
        changed = [p for p, data in before.items() if p.read_bytes() != data]
        if changed:
            unformatted = subprocess.run(
                [gofmt_binary(), "-l", *map(str, changed)], capture_output=True, text=True, env=env
            )
            for line in unformatted.stdout.splitlines():
                outcome.failures.append(f"not gofmt-clean after fix: {os.path.relpath(line, root)}")
            vetted = sorted({str(p.parent.relative_to(root)) for p in changed})
            after = _go(["vet", *[f"./{p}" for p in vetted]], root)
            new = _vet_lines(after.stderr) - before_vet
            for line in sorted(new):
                outcome.failures.append(f"go vet after fix: {line}")
            if after.returncode != 0 and not new and not _vet_lines(after.stderr):
                outcome.failures.append(f"go vet after fix: {after.stderr.strip()[-2000:]}")
        if keep is not None:
            shutil.copytree(root, keep, dirs_exist_ok=True)
    outcome.seconds = time.perf_counter() - started
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", type=int, default=12, help="packages to sample (0: all)")
    parser.add_argument("--files", type=int, default=3, help="files mutated per package")
    parser.add_argument("--per-file", type=int, default=4, help="misuses planted per file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="copy the fixed corpus here")
    parser.add_argument("--verify", action="store_true", help="run gomend fix --verify")
    args = parser.parse_args(argv)
    packages = standalone_packages()
    rng = random.Random(args.seed)
    if args.packages:
        packages = sorted(rng.sample(packages, min(args.packages, len(packages))))
    outcome = run_corpus(packages, args.seed, args.files, args.per_file, args.keep, args.verify)
    print(
        json.dumps(
            {
                "packages": outcome.packages,
                "files": outcome.files,
                "planted": dict(outcome.planted),
                "fixed": dict(outcome.fixed_by),
                "dropped": outcome.dropped,
                "failures": outcome.failures,
                "seconds": round(outcome.seconds, 1),
                "fix_seconds": round(outcome.fix_seconds, 1),
                "verified_packages": outcome.verified,
                "reverted": outcome.reverted,
            },
            indent=2,
        )
    )
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
