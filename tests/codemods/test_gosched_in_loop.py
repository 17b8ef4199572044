"""gosched-in-loop beyond the golden cases: fix safety per loop, test files, messages."""

from __future__ import annotations

from pathlib import Path

from gomend.engine.codemod import Safety
from gomend.engine.run.golden import run_codemod

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "gosched-in-loop"

SOURCE = b"""package work

import "runtime"

func Counted(n int) (sum int) {
	for i := 0; i < n; i++ {
		sum += i
		runtime.Gosched()
	}
	return sum
}
"""


def safeties(case: str) -> list[Safety]:
    path = GOLDEN / f"{case}.before.go"
    return [f.safety for f in run_codemod("gosched-in-loop", str(path), path.read_bytes()).findings]


def test_counted_and_range_loops_without_synchronisation_are_safe() -> None:
    assert safeties("exercise-9") == [Safety.SAFE]
    assert safeties("aliased-import") == [Safety.SAFE]  # range
    assert safeties("dot-import") == [Safety.SAFE]  # counting down
    assert safeties("ok-yield-every-n") == []  # rate-limited: left alone


def test_endless_self_conditioned_and_locking_loops_are_unsafe() -> None:
    assert safeties("unsafe-loops") == [Safety.UNSAFE] * 3


def test_a_lone_yield_whose_block_cannot_go_is_reported_without_a_fix() -> None:
    assert safeties("report-only") == [Safety.NONE]


def test_a_yield_in_a_case_is_not_said_to_run_on_every_iteration() -> None:
    path = GOLDEN / "report-only.before.go"
    [finding] = run_codemod("gosched-in-loop", str(path), path.read_bytes()).findings
    assert "every iteration" not in finding.message
    assert finding.message.startswith("runtime.Gosched() in a loop costs about 130 ns a call")


def test_a_test_file_is_left_alone() -> None:
    result = run_codemod("gosched-in-loop", "work_test.go", SOURCE)
    assert result.findings == []
    assert result.status == "unchanged"


def test_message() -> None:
    (finding,) = run_codemod("gosched-in-loop", "work.go", SOURCE).findings
    assert finding.message == (
        "runtime.Gosched() on every iteration costs about 130 ns and buys no fairness, "
        "since the runtime preempts long loops anyway; remove it"
    )
    assert finding.fixed
