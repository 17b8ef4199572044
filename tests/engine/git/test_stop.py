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
from tests.gitrepos import (
    git,
    go_module,
    isolated_git,
    led_sessions,
    make_repo,
    session_processes,
    slow_remote,
)

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


def wait_for(markers: Path, count: int, proc: subprocess.Popen[str]) -> set[int]:
    """Wait until ``count`` pushes are under way: the sessions to watch for orphans then,
    the command's own and the one each of its workers leads."""
    deadline = time.monotonic() + 60
    while len(list(markers.iterdir())) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the pushes never began"
        time.sleep(0.02)
    return {proc.pid, *led_sessions(proc.pid)}


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


def no_orphans(sessions: set[int]) -> None:
    """No process is left in any of these sessions (a worker, a git, a hook's sleep)."""
    deadline = time.monotonic() + 2
    while any(session_processes(s) for s in sessions) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p for s in sessions for p in session_processes(s)] == []


def rows(tmp_path: Path) -> dict[str, dict[str, Any]]:
    doc = json.loads((tmp_path / "report.json").read_text())
    return {Path(r["target"]).name: r for r in doc["repositories"]}


def remote_branch(tmp_path: Path, name: str) -> str:
    return git(tmp_path / "remotes" / name, "for-each-ref", "--format=%(refname)")


@pytest.mark.parametrize("jobs", [2, 1])
def test_sigint_lets_the_pushes_under_way_finish_and_starts_nothing_new(
    tmp_path: Path, jobs: int
) -> None:
    urls, markers = fleet(tmp_path, 4, seconds=3)
    proc = start(tmp_path, urls, "--jobs", str(jobs))
    sessions = wait_for(markers, jobs, proc)
    pushing = {p.name for p in markers.iterdir()}

    code, out, errors, seconds = stop(proc, signal.SIGINT, group=True)  # as Ctrl-C

    assert code == 130, errors
    assert errors.splitlines() == [
        f"gomend: interrupted by SIGINT: {jobs} of 4 repositories finished, {4 - jobs} "
        f"interrupted; report written to {tmp_path / 'report.json'}"
    ]
    assert out == ""
    assert seconds < 3 + 4  # the pushes' own time, and no more than the grace
    no_orphans(sessions)
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
    sessions = wait_for(markers, jobs, proc)  # one job runs in one worker: the same ending

    code, _, errors, seconds = stop(proc, signal.SIGTERM)

    assert code == 143, errors
    assert errors.splitlines() == [
        "gomend: interrupted by SIGTERM: 0 of 4 repositories finished, 4 interrupted; "
        f"report written to {report_md}"
    ]
    assert 5 <= seconds < 5 + 6  # the grace, then the git processes' end
    no_orphans(sessions)  # the hooks' sleeps among them
    text = report_md.read_text()
    assert "4 interrupted" in text
    assert text.count("| interrupted |") == 4
    for i in range(4):
        assert remote_branch(tmp_path, f"r{i}.git").strip() == "refs/heads/main"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_second_sigint_stops_at_once(tmp_path: Path) -> None:
    urls, markers = fleet(tmp_path, 2, seconds=120)
    proc = start(tmp_path, urls, "--jobs", "2")
    sessions = wait_for(markers, 2, proc)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.3)

    code, _, errors, seconds = stop(proc, signal.SIGINT)

    assert code == 130, errors
    assert seconds < 5  # no grace
    assert "2 interrupted" in errors and len(errors.splitlines()) == 1
    no_orphans(sessions)
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
        sessions = wait_for(markers, 2, proc)
        pushing = {p.name for p in markers.iterdir()}

        code, out, errors, seconds = stop(proc, signal.SIGINT)

        assert code == 130, errors
        assert out == ""
        [line] = errors.splitlines()
        assert line.startswith("gomend: interrupted by SIGINT: 2 of 5 repositories finished")
        assert seconds < 3 + 4
        no_orphans(sessions)
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
            sessions = wait_for(markers, 2, proc)
            pushing = {p.name for p in markers.iterdir()}

            code, _, errors, seconds = stop(proc, signal.SIGTERM)

            assert code == 143, errors
            [line] = errors.splitlines()
            assert line.startswith("gomend: interrupted by SIGTERM: 2 of 5 repositories finished")
            assert seconds < 3 + 4
            no_orphans(sessions)
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


def test_sighup_stops_like_sigterm_and_leaves_no_worker(tmp_path: Path) -> None:
    urls, markers = fleet(tmp_path, 4, seconds=3)
    proc = start(tmp_path, urls, "--jobs", "2")
    sessions = wait_for(markers, 2, proc)

    code, _, errors, _ = stop(proc, signal.SIGHUP, group=True)  # the terminal closed

    assert code == 128 + signal.SIGHUP, errors
    assert errors.startswith("gomend: interrupted by SIGHUP: 2 of 4 repositories finished")
    no_orphans(sessions)


def test_a_killed_gomend_leaves_no_worker_behind(tmp_path: Path) -> None:
    urls, markers = fleet(tmp_path, 4, seconds=3)
    proc = start(tmp_path, urls, "--jobs", "2")
    sessions = wait_for(markers, 2, proc)
    assert len(sessions) == 3  # the command's and its two workers'
    proc.kill()  # SIGKILL: no handler runs; the workers see their parent gone
    proc.communicate(timeout=30)
    no_orphans(sessions - {proc.pid})
    deadline = time.monotonic() + 10  # the workers end their groups within a poll or so
    while time.monotonic() < deadline and any(session_processes(s) for s in sessions):
        time.sleep(0.1)
    assert [p for s in sessions - {proc.pid} for p in session_processes(s)] == []


def test_a_real_failure_before_the_stop_stays_failed(tmp_path: Path) -> None:
    """Module a's push is turned down by the remote's hook; the stop comes after it, before
    module b's push: a stays failed with the hook's words, b is interrupted."""
    from gomend.engine.git.records import BranchOptions
    from gomend.engine.git.repository import MigrateOptions, migrate_one
    from gomend.engine.registry import codemod_ids

    files: dict[str, str] = {}
    for folder in ("a", "b"):
        for name, text in go_module(f"example.com/{folder}", folder).items():
            files[f"{folder}/{name}"] = text
    source = make_repo(tmp_path / "src", files)
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(source), str(bare))
    marker = tmp_path / "rejected"
    hook = bare / "hooks" / "pre-receive"
    hook.write_text(
        "#!/bin/sh\nwhile read old new ref; do case $ref in *-a)\n"
        f"  touch '{marker}'; echo 'policy: not module a'; exit 1;; esac; done\nexit 0\n"
    )
    hook.chmod(0o755)

    class StopAfterTheRejection:
        def is_set(self) -> bool:
            return marker.exists()

    options = MigrateOptions(
        BranchOptions(tuple(codemod_ids()), author=AUTHOR, push="origin"),
        str(tmp_path / "w"),
        split_modules=True,
    )
    report = migrate_one(bare.as_uri(), options, stop=StopAfterTheRejection())
    rows = {m.folder: m for m in report.modules}
    assert rows["a"].status == "failed" and "policy: not module a" in rows["a"].error
    assert rows["b"].status == "interrupted" and rows["b"].error == "stopped before the push"
    assert report.interrupted


def test_a_stop_between_modules_keeps_the_branches_already_made(tmp_path: Path) -> None:
    from gomend.engine.git.records import BranchOptions
    from gomend.engine.git.repository import MigrateOptions, migrate_one
    from gomend.engine.registry import codemod_ids

    files: dict[str, str] = {}
    for folder in ("a", "b"):
        for name, text in go_module(f"example.com/{folder}", folder).items():
            files[f"{folder}/{name}"] = text
    source = make_repo(tmp_path / "src", files)

    class StopOnceAIsBeingFixed:  # the flag and the progress events, together
        asked = False

        def is_set(self) -> bool:
            return self.asked

        def put(self, item: tuple[str, str]) -> None:
            self.asked = self.asked or item[1] == "fixing a"

    stopper = StopOnceAIsBeingFixed()
    options = MigrateOptions(
        BranchOptions(tuple(codemod_ids()), author=AUTHOR), str(tmp_path / "w"), True
    )
    report = migrate_one(str(source), options, events=stopper, stop=stopper)
    rows = {m.folder: m for m in report.modules}
    assert rows["a"].status == "created" and rows["a"].files_changed == 1
    assert git(source, "rev-parse", "--verify", rows["a"].branch).strip() == rows["a"].commit
    assert rows["b"].status == "interrupted" and rows["b"].error == "stopped before its fixes"
    assert report.interrupted


def test_a_folder_in_the_way_of_a_clone_is_replaced(tmp_path: Path) -> None:
    from gomend.engine.git.targets import clone_folder, fetch_or_clone

    source = make_repo(tmp_path / "src", go_module("example.com/a", "a"))
    workdir = tmp_path / "w"
    in_the_way = Path(clone_folder(str(workdir), source.as_uri()))
    (in_the_way / "half").mkdir(parents=True)  # what an interrupted removal left
    (in_the_way / "half" / "x").write_text("x")
    dest = fetch_or_clone(source.as_uri(), str(workdir))
    assert dest == str(in_the_way) and not (in_the_way / "half").exists()
    assert git(in_the_way, "rev-parse", "--verify", "origin/main").strip()
