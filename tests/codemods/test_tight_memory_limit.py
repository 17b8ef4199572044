"""tight-memory-limit: the configurable threshold and the limit as the message gives it."""

from __future__ import annotations

from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions

SOURCE = b"""package main

import "runtime/debug"

func main() {
	debug.SetMemoryLimit(%s)
}
"""


def _findings(limit: str, threshold: int | None = None) -> list[str]:
    settings = {} if threshold is None else {"tight-memory-limit": {"threshold": threshold}}
    options = RunOptions(codemod_ids=("tight-memory-limit",), settings=settings)
    result = process_source("main.go", SOURCE % limit.encode(), options)
    return [f.message for f in result.findings]


def test_default_threshold_is_256_mib() -> None:
    assert len(_findings("255 << 20")) == 1
    assert _findings("256 << 20") == []


def test_threshold_setting_raises_and_lowers_the_bar() -> None:
    assert len(_findings("512 << 20", threshold=1 << 30)) == 1
    assert _findings("50 << 20", threshold=32 << 20) == []


def test_message_gives_the_limit_in_mib() -> None:
    (message,) = _findings("50*1024*1024")
    assert "50 MiB" in message and "90%" in message and "GOMEMLIMIT" in message
    (message,) = _findings("1_000_000")
    assert "0.95 MiB" in message


def test_queries_no_limit_and_run_time_values_are_left_alone() -> None:
    assert _findings("-1") == []
    assert _findings("(1 << 63) - 1") == []
    assert _findings('int64(len("x"))') == []
