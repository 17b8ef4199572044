"""truncated-stack-dump beyond the golden cases: documentation, finding place and settings of
the leave-alone thresholds."""

from __future__ import annotations

from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.run.golden import run_codemod


def dump(size: str, all_: str) -> bytes:
    return f"""package dump

import "runtime"

func Dump() []byte {{
	buf := make([]byte, {size})
	n := runtime.Stack(buf, {all_})
	return buf[:n]
}}
""".encode()


def test_explain_quotes_the_measured_figures() -> None:
    out = CliRunner().invoke(app, ["explain", "truncated-stack-dump"]).output
    assert "16 of the 1,002 goroutines" in out and "2.76 MB" in out
    assert "## Fix safety" in out


def test_thresholds_for_one_goroutine() -> None:
    changed = {
        (size, all_): run_codemod("truncated-stack-dump", "d.go", dump(size, all_)).status
        for size in ("256", "257", "64<<10 - 1", "64<<10", "64<<20")
        for all_ in ("true", "false")
    }
    assert changed == {
        ("256", "true"): "changed",
        ("256", "false"): "unchanged",  # the goroutine-ID idiom
        ("257", "true"): "changed",
        ("257", "false"): "changed",
        ("64<<10 - 1", "true"): "changed",
        ("64<<10 - 1", "false"): "changed",
        ("64<<10", "true"): "changed",
        ("64<<10", "false"): "unchanged",  # one goroutine's stack fits
        ("64<<20", "true"): "unchanged",  # already at the cap
        ("64<<20", "false"): "unchanged",
    }


def test_the_finding_points_at_the_call() -> None:
    (finding,) = run_codemod("truncated-stack-dump", "d.go", dump("4096", "true")).findings
    assert (finding.line, finding.column) == (7, 7)
