"""low-max-threads beyond the golden cases: the threshold setting, test files, messages."""

from __future__ import annotations

from gomend.engine.codemod import Safety
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.golden import run_codemod
from gomend.engine.run.options import RunOptions

SOURCE = b"""package main

import "runtime/debug"

func main() {
	debug.SetMaxThreads(500)
	debug.SetMaxThreads(2000)
}
"""


def lines_found(threshold: int | None) -> list[int]:
    settings = {} if threshold is None else {"low-max-threads": {"threshold": threshold}}
    options = RunOptions(codemod_ids=("low-max-threads",), settings=settings)
    return [f.line for f in process_source("main.go", SOURCE, options).findings]


def test_the_threshold_defaults_to_1000_and_is_configurable() -> None:
    assert lines_found(None) == [6]
    assert lines_found(100) == []
    assert lines_found(5000) == [6, 7]
    assert lines_found(2001) == [6, 7]
    assert lines_found(2000) == [6]


def test_a_test_file_is_left_alone() -> None:
    result = run_codemod("low-max-threads", "limits_test.go", SOURCE)
    assert result.findings == []
    assert result.status == "unchanged"


def test_message_names_the_value_and_the_default_and_the_fix_is_safe() -> None:
    (finding,) = run_codemod("low-max-threads", "main.go", SOURCE).findings
    assert finding.message == (
        "debug.SetMaxThreads(500) lowers the thread limit from the default of 10000, so a "
        "burst of blocked goroutines crashes the program with thread exhaustion; remove the call"
    )
    assert finding.safety == Safety.SAFE
    assert finding.fixed


def test_the_fix_never_writes_a_number() -> None:
    result = run_codemod("low-max-threads", "main.go", SOURCE)
    assert result.after is not None
    assert b"SetMaxThreads(500)" not in result.after
    assert b"SetMaxThreads(2000)" in result.after  # at or above the threshold: untouched
