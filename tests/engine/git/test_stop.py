"""gomend migrate stopped by SIGINT or SIGTERM: a real process over local bare remotes.

Every remote's pre-receive hook leaves a marker and sleeps, so that the signal arrives while
two pushes are under way; the run must start nothing new, let the pushes finish within the
grace (or end them after it), write the report with the rest ``interrupted``, print one
line, exit 130 or 143 and leave no process of its session behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.engine.git.test_migrate import AUTHOR, BRANCH
from tests.gitrepos import git, go_module, isolated_git, make_repo, session_processes, slow_remote

__all__ = ["isolated_git"]

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs Linux's /proc")


def fleet(tmp_path: Path, count: int, seconds: float) -> tuple[list[str], Path]:
    """``count`` bare remotes with slow pushes (their URLs) and the folder of push markers."""
    markers = tmp_path / "pushing"
    markers.mkdir()
    urls = []
    for i in range(count):
        source = make_repo(tmp_path / "src" / f"r{i}", go_module(f"example.com/r{i}", "p"))
        urls.append(slow_remote(tmp_path / "remotes" / f"r{i}.git", source, markers, seconds))
    return urls, markers


def start(tmp_path: Path, urls: list[str], *extra: str) -> subprocess.Popen[str]:
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir(exist_ok=True)
    args = [sys.executable, "-m", "gomend", "migrate", *urls, "--workdir", str(tmp_path / "w")]
    args += ["--push", "origin", "--author", AUTHOR, "--no-progress"]
    args += ["--report", str(tmp_path / "report.json"), *extra]
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(own_tmp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its session holds every process it starts
    )


def wait_for(markers: Path, count: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while len(list(markers.iterdir())) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the pushes never began"
        time.sleep(0.02)


def stop(
    proc: subprocess.Popen[str], signum: int, group: bool = False
) -> tuple[int, str, str, float]:
    """Send ``signum`` to the command (or, as a terminal's Ctrl-C does, to its whole process
    group): its exit code, output, errors and the seconds it took to exit."""
    sent = time.monotonic()
    if group:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    out, errors = proc.communicate(timeout=60)
    return proc.returncode, out, errors, time.monotonic() - sent


def no_orphans(session: int) -> None:
    deadline = time.monotonic() + 2
    while session_processes(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(session) == []


def rows(tmp_path: Path) -> dict[str, dict[str, Any]]:
    doc = json.loads((tmp_path / "report.json").read_text())
    return {Path(r["target"]).name: r for r in doc["repositories"]}


def remote_branch(tmp_path: Path, name: str) -> str:
    return git(tmp_path / "remotes" / name, "for-each-ref", "--format=%(refname)")


def test_sigint_lets_the_pushes_under_way_finish_and_starts_nothing_new(tmp_path: Path) -> None:
    urls, markers = fleet(tmp_path, 4, seconds=3)
    proc = start(tmp_path, urls, "--jobs", "2")
    wait_for(markers, 2, proc)
    pushing = {p.name for p in markers.iterdir()}

    code, out, errors, seconds = stop(proc, signal.SIGINT, group=True)  # as Ctrl-C

    assert code == 130, errors
    assert errors.splitlines() == [
        "gomend: interrupted by SIGINT: 2 of 4 repositories finished, 2 interrupted; "
        f"report written to {tmp_path / 'report.json'}"
    ]
    assert out == ""
    assert seconds < 3 + 4  # the pushes' own time, and no more than the grace
    no_orphans(proc.pid)
    assert list((tmp_path / "tmp").iterdir()) == []  # no worktree left
    for name, row in rows(tmp_path).items():
        if name in pushing:  # finished: the push under way was let through
            assert not row["interrupted"] and row["modules"][0]["status"] == "created"
            assert row["modules"][0]["pushed"]
            assert f"refs/heads/{BRANCH}" in remote_branch(tmp_path, name)
        else:  # never started: no clone, no branch
            assert row["interrupted"] and row["error"] == "not started"
            assert remote_branch(tmp_path, name).strip() == "refs/heads/main"
    assert set(markers.iterdir()) == {markers / p for p in pushing}


@pytest.mark.parametrize("jobs", [2, 1])
def test_sigterm_ends_a_push_that_outlasts_the_grace(tmp_path: Path, jobs: int) -> None:
    urls, markers = fleet(tmp_path, 4, seconds=120)
    report_md = tmp_path / "report.md"
    proc = start(tmp_path, urls, "--jobs", str(jobs), "--report", str(report_md))
    wait_for(markers, jobs, proc)  # with one job, the run's own git processes are ended

    code, _, errors, seconds = stop(proc, signal.SIGTERM)

    assert code == 143, errors
    assert errors.splitlines() == [
        "gomend: interrupted by SIGTERM: 0 of 4 repositories finished, 4 interrupted; "
        f"report written to {report_md}"
    ]
    assert 5 <= seconds < 5 + 6  # the grace, then the git processes' end
    no_orphans(proc.pid)  # the hooks' sleeps among them
    text = report_md.read_text()
    assert "4 interrupted" in text
    assert text.count("| interrupted |") == 4
    for i in range(4):
        assert remote_branch(tmp_path, f"r{i}.git").strip() == "refs/heads/main"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_second_sigint_stops_at_once(tmp_path: Path) -> None:
    urls, markers = fleet(tmp_path, 2, seconds=120)
    proc = start(tmp_path, urls, "--jobs", "2")
    wait_for(markers, 2, proc)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.3)

    code, _, errors, seconds = stop(proc, signal.SIGINT)

    assert code == 130, errors
    assert seconds < 5  # no grace
    assert "2 interrupted" in errors and len(errors.splitlines()) == 1
    no_orphans(proc.pid)
    assert [r["interrupted"] for r in rows(tmp_path).values()] == [True, True]


def test_sigint_with_dask_cancels_the_tasks_and_leaves_none_pushing(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    urls, markers = fleet(tmp_path, 5, seconds=3)
    with (
        LocalCluster(  # in this process, reachable from the command's own over TCP
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            protocol="tcp",
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        proc = start(tmp_path, urls, "--executor", "dask", "--scheduler", cluster.scheduler_address)
        wait_for(markers, 2, proc)
        pushing = {p.name for p in markers.iterdir()}

        code, out, errors, seconds = stop(proc, signal.SIGINT)

        assert code == 130, errors
        assert out == ""
        [line] = errors.splitlines()
        assert line.startswith("gomend: interrupted by SIGINT: 2 of 5 repositories finished")
        assert seconds < 3 + 4
        no_orphans(proc.pid)
        deadline = time.monotonic() + 10  # no task left at work on the cluster
        while any(client.processing().values()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(client.processing().values())
        assert client.run(lambda dask_worker: dask_worker.state.executing_count) == {
            w: 0 for w in cluster.scheduler_info["workers"]
        }
    assert {p.name for p in markers.iterdir()} == pushing  # nothing pushed after the stop
    for name, row in rows(tmp_path).items():
        if name in pushing:
            assert row["modules"][0]["status"] == "created" and row["modules"][0]["pushed"]
        else:
            assert row["interrupted"]
            assert remote_branch(tmp_path, name).strip() == "refs/heads/main"


@pytest.mark.slow
def test_sigterm_with_real_dask_scheduler_and_worker_processes(tmp_path: Path) -> None:
    from distributed import Client

    dask = str(Path(sys.executable).with_name("dask"))
    info = tmp_path / "scheduler.json"
    common = ("--no-dashboard", "--scheduler-file", str(info))
    cluster = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", *common],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        cluster.append(
            subprocess.Popen(
                [dask, "worker", "--nworkers", "2", "--nthreads", "1", *common],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        with Client(scheduler_file=str(info), timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
            address = json.loads(info.read_text())["address"]
            urls, markers = fleet(tmp_path, 5, seconds=3)
            proc = start(tmp_path, urls, "--executor", "dask", "--scheduler", address)
            wait_for(markers, 2, proc)
            pushing = {p.name for p in markers.iterdir()}

            code, _, errors, seconds = stop(proc, signal.SIGTERM)

            assert code == 143, errors
            [line] = errors.splitlines()
            assert line.startswith("gomend: interrupted by SIGTERM: 2 of 5 repositories finished")
            assert seconds < 3 + 4
            no_orphans(proc.pid)
            deadline = time.monotonic() + 10
            while any(client.processing().values()) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not any(client.processing().values())
        for name, row in rows(tmp_path).items():
            if name in pushing:
                assert row["modules"][0]["status"] == "created"
            else:
                assert row["interrupted"]
                assert remote_branch(tmp_path, name).strip() == "refs/heads/main"
    finally:
        for process in reversed(cluster):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_dask_tasks_still_queued_on_the_scheduler_are_cancelled_at_once() -> None:
    from distributed import Client, Event, LocalCluster

    from gomend.engine.git.cluster import _wind_down
    from gomend.engine.git.stop import StopRequest

    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        # keys as the executor makes them: one task group, so the scheduler queues them
        futures = {
            i: client.submit(time.sleep, 1, key=f"gomend-0badcafe-{i}", pure=False)
            for i in range(8)
        }
        time.sleep(0.3)
        request = StopRequest(grace=3.5)
        request.request(signal.SIGINT)
        collected: list[int] = []
        started = time.monotonic()
        unstarted = _wind_down(
            client,
            Event("gomend-stop-test", client=client),
            futures,
            request,
            lambda i, f: collected.append(i),
        )
        assert unstarted == {2, 3, 4, 5, 6, 7}  # never given to the worker: cancelled
        assert sorted(collected) == [0, 1]  # the one at work, then the worker's next
        assert time.monotonic() - started < 3
        assert all(futures[i].cancelled() for i in unstarted)
