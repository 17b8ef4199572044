"""The migration's live display: a line per repository at work, gone for good once its
report is in, and a line printed as each one finishes."""

from __future__ import annotations

import io

from rich.console import Console

from gomend.engine.git.progress import MigrationProgress
from gomend.engine.git.report import RepoReport


def test_a_late_event_from_a_worker_does_not_bring_a_finished_repository_back() -> None:
    out = io.StringIO()
    display = MigrationProgress(Console(file=out, width=100, force_terminal=True), total=2)
    with display:
        display.put(("file:///x/a.git", "cloning"))
        display.put(("file:///x/b.git", "pushing gomend/runtime-fixes"))
        assert set(display.tasks) == {"file:///x/a.git", "file:///x/b.git"}
        display.finished(RepoReport("file:///x/b.git", error="push failed: rejected"))
        display.put(("file:///x/b.git", "pushing gomend/runtime-fixes"))  # read late
        assert set(display.tasks) == {"file:///x/a.git"}
        [overall] = [t for t in display.progress.tasks if t.total is not None]
        assert overall.completed == 1
    assert "b: failed: push failed: rejected" in out.getvalue()


def test_a_repository_at_work_shows_its_stage_but_no_bar_or_count() -> None:
    display = MigrationProgress(Console(file=io.StringIO(), width=100), total=3)
    display.put(("file:///x/a.git", "fixing"))
    columns = display.progress.columns
    [repo] = [t for t in display.progress.tasks if t.total is None]
    [overall] = [t for t in display.progress.tasks if t.total is not None]
    bar, count = columns[2], columns[3]
    assert str(count.render(overall)) == "0/3"
    assert str(count.render(repo)) == "" and str(bar.render(repo)) == ""
