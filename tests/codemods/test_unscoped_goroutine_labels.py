"""unscoped-goroutine-labels beyond the golden cases: documentation and where findings point."""

from __future__ import annotations

from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.run.golden import run_codemod

SOURCE = b"""package jobs

import (
	"context"
	"runtime/pprof"
)

func Handle(ctx context.Context) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("k", "v"))
	pprof.SetGoroutineLabels(ctx)
	_ = ctx
}
"""


def test_explain_quotes_the_measured_figures() -> None:
    out = CliRunner().invoke(app, ["explain", "unscoped-goroutine-labels"]).output
    assert '{"tenant":"globex"}' in out and '{"tenant":"acme"}' in out


def test_the_finding_points_at_set_goroutine_labels_and_the_fix_is_safe() -> None:
    result = run_codemod("unscoped-goroutine-labels", "j.go", SOURCE)
    (finding,) = result.findings
    assert (finding.line, finding.column) == (10, 2)
    assert finding.fix is not None and str(finding.fix.safety) == "safe"
    assert result.after is not None and b"pprof.Do(ctx, pprof.Labels" in result.after
