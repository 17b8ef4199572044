"""The Dask executor reports like the local pool: each repository's stages while it works,
a line for each as it finishes, and the retries after a lost worker in every form of the
report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gomend.engine.git.migrate import MigrateOptions, run_migration
from gomend.engine.git.records import BranchOptions
from gomend.engine.git.report import RepoReport, finished_line
from gomend.engine.git.reportforms import report_markdown
from gomend.engine.registry import all_codemods
from tests.engine.git.test_migrate import AUTHOR, BRANCH, gomend
from tests.engine.git.test_stop import ROOT
from tests.gitrepos import git, go_module, isolated_git, make_repo

__all__ = ["isolated_git"]


class Recorder:
    """Events and finished reports as the command's display gets them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple[str, str]] = []
        self.done: list[RepoReport] = []

    def put(self, item: tuple[str, str]) -> None:
        with self.lock:
            self.events.append(item)

    def finished(self, report: RepoReport) -> None:
        with self.lock:
            self.done.append(report)


def test_dask_sends_each_repositorys_stages_and_a_line_as_each_finishes(tmp_path: Path) -> None:
    from distributed import LocalCluster

    urls = [
        make_repo(tmp_path / f"r{i}", go_module(f"example.com/r{i}", "p")).as_uri()
        for i in range(3)
    ]
    codemods = tuple(c.id for c in all_codemods())
    options = MigrateOptions(BranchOptions(codemods, author=AUTHOR), str(tmp_path / "work"), False)
    seen = Recorder()
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        reports = run_migration(
            urls,
            options,
            executor="dask",
            scheduler=cluster.scheduler_address,
            events=seen,
            on_done=seen.finished,
        )
        deadline = time.monotonic() + 5  # the last events may come after the last result
        while not all(any(e == (u, "done") for e in seen.events) for u in urls):
            assert time.monotonic() < deadline, seen.events
            time.sleep(0.05)
    assert [r.modules[0].status for r in reports] == ["created"] * 3
    assert sorted(r.target for r in seen.done) == sorted(urls)
    for url in urls:  # the stages the local pool's display shows, from the workers
        stages = [s for t, s in seen.events if t == url]
        assert stages[0] == "cloning", stages
        assert any(s.startswith("fixing") for s in stages), stages
        assert stages[-1] == "done", stages

    code, _, errors = gomend(
        "migrate", *urls, "--workdir", str(tmp_path / "work2"), "--author", AUTHOR
    )
    assert code == 0, errors
    for i in range(3):  # without a terminal: a plain line as each one finishes
        assert f"\nr{i}: 1 created; 1 file changed in " in "\n" + errors, errors
    quiet = gomend("migrate", *urls, "--workdir", str(tmp_path / "w3"), "--no-progress")
    assert "created; 1 file" not in quiet[2]


def test_finished_line_for_each_ending() -> None:
    failed = RepoReport("file:///x/r1.git", error="clone failed: no such repository\nmore")
    assert finished_line(failed) == "r1: failed: clone failed: no such repository"
    stopped = RepoReport("file:///x/r2.git", error="not started", interrupted=True, retries=1)
    assert finished_line(stopped) == (
        "r2: interrupted (not started) (run again 1 time after a lost worker)"
    )


def killing_remote(path: Path, source: Path, marker: Path) -> str:
    """A bare clone of ``source`` whose first push leaves ``marker``, waits and is turned
    down (that worker is killed meanwhile); later pushes are taken: its URL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    git(path.parent, "clone", "--quiet", "--bare", str(source), str(path))
    hook = path / "hooks" / "pre-receive"
    hook.write_text(
        f"#!/bin/sh\nif [ ! -e '{marker}' ]; then touch '{marker}'; sleep 3; exit 1; fi\nexit 0\n"
    )
    hook.chmod(0o755)
    return path.as_uri()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_task_whose_worker_is_killed_runs_again_and_the_report_counts_it(
    tmp_path: Path,
) -> None:
    from distributed import Client, LocalCluster

    marker = tmp_path / "first-push"
    lost = killing_remote(
        tmp_path / "remotes" / "lost.git",
        make_repo(tmp_path / "src" / "lost", go_module("example.com/lost", "p")),
        marker,
    )
    calm = make_repo(tmp_path / "calm", go_module("example.com/calm", "p")).as_uri()
    report = tmp_path / "report.json"
    with (
        LocalCluster(  # worker processes, each restarted by its nanny when killed
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            protocol="tcp",
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        args = [sys.executable, "-m", "gomend", "migrate", lost, calm, "--push", "origin"]
        args += ["--executor", "dask", "--scheduler", cluster.scheduler_address]
        args += ["--workdir", str(tmp_path / "w"), "--author", AUTHOR, "--report", str(report)]
        proc = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the first push never began"
            time.sleep(0.02)
        [worker] = [  # the one holding the first target's task (key gomend-<run>-0)
            w for w, keys in client.processing().items() if any(k.endswith("-0") for k in keys)
        ]
        pid = client.run(os.getpid, workers=[worker])[worker]
        os.kill(pid, signal.SIGKILL)
        out, errors = proc.communicate(timeout=120)
    assert proc.returncode == 0, errors
    [lost_row, calm_row] = json.loads(report.read_text())["repositories"]
    assert (lost_row["retries"], calm_row["retries"]) == (1, 0)
    assert lost_row["modules"][0]["status"] == "created" and lost_row["modules"][0]["pushed"]
    assert git(tmp_path / "remotes" / "lost.git", "rev-parse", "--verify", BRANCH)
    doc = json.loads(report.read_text())
    assert doc["summary"]["retries"] == 1
    assert "1 run again after a lost worker (1 retry)" in errors
    assert "Retries" in out  # the terminal table gains the column
    lost_line = next(line for line in errors.splitlines() if line.startswith("lost: "))
    assert lost_line.endswith("(run again 1 time after a lost worker)")


def test_markdown_and_table_show_retries_only_when_there_were_some() -> None:
    plain = RepoReport("file:///x/a.git", error="boom")
    assert "Retries" not in report_markdown([plain], 1.0)
    retried = RepoReport("file:///x/b.git", error="boom", retries=2)
    text = report_markdown([plain, retried], 1.0)
    header = next(line for line in text.splitlines() if line.startswith("| Repository"))
    assert header.endswith("| Pushed | Retries | Error |")
    assert "| failed | no | 2 | boom |" in text
    assert "| failed | no | 0 | boom |" in text
