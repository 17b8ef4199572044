"""trace-not-stopped beyond the golden cases: the fix is unsafe, and imports come only when
used."""

from __future__ import annotations

from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.golden import run_codemod
from gomend.engine.run.options import RunOptions

HANDLER = b"""package debug

import (
	"net/http"
	"runtime/trace"
)

func Trace(w http.ResponseWriter, r *http.Request) {
	trace.Start(w)
	w.Write(nil)
}
"""


def test_explain_quotes_the_measured_figures() -> None:
    out = CliRunner().invoke(app, ["explain", "trace-not-stopped"]).output
    assert "Content-Length: 0" in out and "34-62%" in out


def test_the_fix_needs_unsafe_fixes() -> None:
    safe_only = RunOptions(codemod_ids=("trace-not-stopped",), unsafe_fixes=False)
    result = process_source("t.go", HANDLER, safe_only)
    assert result.status == "unchanged" and len(result.findings) == 1


def test_a_handler_without_a_duration_defers_the_stop_and_imports_nothing() -> None:
    result = run_codemod("trace-not-stopped", "t.go", HANDLER)
    assert result.after is not None
    assert b"defer trace.Stop()" in result.after
    assert b'"time"' not in result.after and b'"log"' not in result.after
