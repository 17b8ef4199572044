"""Exercise 4 healed: every goroutine appears in the dump after truncated-stack-dump's rewrite.

The exercise's program, scaled up from 1,000 to 10,000 sleeping goroutines (docs/codemods.md: a
4 KiB buffer showed 16 of 1,002 goroutines; the growing buffer showed all of them, 2.76 MB
with 10,000). The dump goes to stdout, and each goroutine's section starts with a line
``goroutine N [...]:``.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.gorun import rewrite, run_go

CASE = (
    Path(__file__).resolve().parents[2] / "golden" / "truncated-stack-dump" / "exercise-4.before.go"
)
SLEEPERS = 10_000
HEADER = re.compile(r"^goroutine \d+ \[", re.MULTILINE)


def goroutines_in_dump(program: bytes) -> int:
    source = program.replace(b"i < 1000;", f"i < {SLEEPERS};".encode(), 1)
    assert source != program
    done = run_go({"main.go": source})
    assert done.returncode == 0, done.stderr
    return len(HEADER.findall(done.stdout))


def test_every_goroutine_appears_in_the_dump_after_the_rewrite() -> None:
    before = CASE.read_bytes()
    after = rewrite("truncated-stack-dump", before)
    assert after != before
    # the sleepers, the dumping goroutine and main waiting for it
    assert goroutines_in_dump(after) >= SLEEPERS + 2
    assert goroutines_in_dump(before) < SLEEPERS // 10
