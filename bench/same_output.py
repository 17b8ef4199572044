"""Does gomend still say the same? Records, then compares, its whole output on three trees.

For each tree (the golden cases, ``examples/`` and the Go standard library,
``$(go env GOROOT)/src``) it runs ``gomend scan --format json`` and
``gomend diff --unsafe-fixes`` with the cache off, and keeps standard output and the exit
code. ``record DIR`` writes them into DIR; ``compare DIR`` runs again and prints, per tree
and command, ``same`` or the first lines that differ (exit 1 when any differs). A change of
structure must leave every byte the same; a change of behaviour shows here first.

    python bench/same_output.py record BASELINE_DIR
    python bench/same_output.py compare BASELINE_DIR

The gomend run is whatever ``gomend`` is on ``PATH`` (``--gomend`` to choose). Not a CI test:
the standard library takes about a minute.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "scan": ["scan", "--format", "json", "--no-cache"],
    "diff": ["diff", "--unsafe-fixes", "--no-cache"],
}


def trees() -> dict[str, Path]:
    goroot = subprocess.run(
        ["go", "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return {
        "golden": ROOT / "golden",
        "examples": ROOT / "examples",
        "stdlib": Path(goroot) / "src",
    }


def run(gomend: str, tree: Path, command: str) -> bytes:
    done = subprocess.run(
        [gomend, *COMMANDS[command], "."], cwd=tree, capture_output=True, check=False
    )
    if done.returncode not in (0, 1):
        sys.exit(f"{gomend} {command} in {tree} failed ({done.returncode}): {done.stderr[:500]!r}")
    return f"exit {done.returncode}\n".encode() + done.stdout


def timeless(out: bytes) -> bytes:
    """The output without the JSON report's run time, which differs between runs."""
    return re.sub(rb'"seconds": [0-9.]+', b'"seconds": 0', out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--gomend", default=shutil.which("gomend") or "gomend")
    parser.add_argument("--only", choices=("golden", "examples", "stdlib"), action="append")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    differ = False
    for name, tree in trees().items():
        if args.only and name not in args.only:
            continue
        for command in COMMANDS:
            out = run(args.gomend, tree, command)
            kept = args.folder / f"{name}.{command}.out"
            if args.action == "record":
                kept.write_bytes(out)
                print(f"{name:9} {command:5} recorded {len(out):,} bytes")
                continue
            before, out = timeless(kept.read_bytes()), timeless(out)
            if before == out:
                print(f"{name:9} {command:5} same ({len(out):,} bytes)")
                continue
            differ = True
            print(f"{name:9} {command:5} DIFFERS")
            lines = difflib.unified_diff(
                before.decode(errors="replace").splitlines(),
                out.decode(errors="replace").splitlines(),
                "before", "after", lineterm="", n=1,
            )  # fmt: skip
            for i, line in enumerate(lines):
                if i >= 40:
                    print("    ...")
                    break
                print("    " + line)
    return 1 if differ else 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
