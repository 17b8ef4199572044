"""gomend migrate as a campaign: targets given twice run once, and a rerun of the failed ones."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from gomend.engine.git.targets import clone_folder, target_key, unique_targets
from tests.engine.git.test_migrate import AUTHOR, BRANCH, gomend, load
from tests.gitrepos import git, go_module, isolated_git, make_repo

__all__ = ["isolated_git"]


def with_origin(repo: Path) -> Path:
    """``repo`` with a bare remote ``origin`` beside it (returned)."""
    remote = repo.with_suffix(".git")
    git(repo.parent, "init", "--quiet", "--bare", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    return remote


def test_target_keys_see_through_spelling(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    os.symlink(tmp_path / "r", tmp_path / "link")
    same = [
        ["git@Host:o/r.git", "ssh://git@host/o/r", "ssh://host/o/r/"],
        ["https://host/o/r", "https://user@HOST/o/r.git", "HTTPS://host/o/r/"],
        [str(tmp_path / "r"), f"{tmp_path}/r/", str(tmp_path / "link"), (tmp_path / "r").as_uri()],
    ]
    for spellings in same:
        assert len({target_key(t) for t in spellings}) == 1, spellings
    assert len({target_key(group[0]) for group in same}) == 3
    assert target_key("https://host/o/r") != target_key("https://host/o/r2")
    kept, repeats = unique_targets(["a", "https://h/o/r", "./a", "https://h/o/r.git", "b"])
    assert kept == ["a", "https://h/o/r", "b"] and repeats == ["./a", "https://h/o/r.git"]


def test_a_repository_given_twice_runs_once_and_is_reported(tmp_path: Path) -> None:
    one = make_repo(tmp_path / "one", go_module("example.com/one", "p"))
    with_origin(one)
    two = make_repo(tmp_path / "two", go_module("example.com/two", "p"))
    bare = tmp_path / "two.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(two), str(bare))
    listing = tmp_path / "repos.txt"
    listing.write_text(f"{bare.as_uri()}\n{one}/\n{bare.as_uri()}/\n")
    report = tmp_path / "report.json"

    code, _, errors = gomend(
        "migrate",
        str(one),
        bare.as_uri(),
        "--repos",
        str(listing),
        "--jobs",
        "2",
        "--workdir",
        str(tmp_path / "w"),
        "--author",
        AUTHOR,
        "--push",
        "origin",
        "--report",
        str(report),
        "--no-progress",
    )

    assert code == 0, errors
    doc = load(report)
    assert [r["target"] for r in doc["repositories"]] == [str(one), bare.as_uri()]
    assert [r["modules"][0]["status"] for r in doc["repositories"]] == ["created", "created"]
    assert doc["duplicates"] == [bare.as_uri(), f"{one}/", f"{bare.as_uri()}/"]
    assert f"gomend: note: {one}/ is given more than once; it runs once" in errors
    assert "internal error" not in errors
    assert git(bare, "branch", "--list", BRANCH).strip() == BRANCH
    md = tmp_path / "report.md"
    code, _, errors = gomend("migrate", str(one), str(one), "--report", str(md), "--no-progress")
    assert code == 0, errors
    assert f"Given more than once, run once: {one}\n" in md.read_text()


def test_failed_from_reruns_only_what_failed_or_was_interrupted(tmp_path: Path) -> None:
    good = make_repo(tmp_path / "good", go_module("example.com/good", "p"))
    flaky = make_repo(tmp_path / "flaky", go_module("example.com/flaky", "p"))
    remote = with_origin(flaky)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'closed for the night' >&2\nexit 1\n")
    hook.chmod(0o755)
    with_origin(good)
    report = tmp_path / "first.json"
    base = ("--push", "origin", "--no-progress", "--jobs", "1")
    code, _, errors = gomend("migrate", str(good), str(flaky), *base, "--report", str(report))
    assert code == 1, errors
    # One more repository, interrupted last time: it is run again too.
    late = make_repo(tmp_path / "late", go_module("example.com/late", "p"))
    with_origin(late)
    doc = json.loads(report.read_text())
    doc["repositories"].append(
        {"target": "late", "path": str(late), "failed": False, "interrupted": True}
    )
    report.write_text(json.dumps(doc))
    hook.write_text("#!/bin/sh\nexit 0\n")
    again = tmp_path / "again.json"

    code, _, errors = gomend("migrate", "--failed-from", str(report), *base, "--report", str(again))

    assert code == 0, errors
    rows = load(again)["repositories"]
    assert [r["target"] for r in rows] == [str(flaky), str(late)]
    assert [r["modules"][0]["status"] for r in rows] == ["created", "created"]
    assert git(remote, "branch", "--list", BRANCH).strip() == BRANCH
    # With targets given too: only those of them that failed.
    dry = tmp_path / "dry.json"
    given = (str(good), f"{late}/", "--failed-from", str(report), "--report", str(dry))
    code, _, errors = gomend("migrate", *given, *base, "--dry-run")
    assert code == 0, errors
    assert [r["target"] for r in load(dry)["repositories"]] == [f"{late}/"]
    # Nothing failed: nothing to do; a file that is not a report: a usage error.
    code, _, errors = gomend("migrate", "--failed-from", str(again))
    assert code == 0 and "nothing to rerun: no repository failed in" in errors
    (tmp_path / "bad.json").write_text("[1, 2]")
    code, _, errors = gomend("migrate", "--failed-from", str(tmp_path / "bad.json"))
    assert code == 2 and "not a gomend migration report in JSON" in errors


def test_each_repository_has_a_log_of_its_git_commands(tmp_path: Path) -> None:
    source = make_repo(tmp_path / "svc", go_module("example.com/svc", "p"))
    bare = tmp_path / "svc.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(source), str(bare))
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'policy: ask the owners first' >&2\nexit 1\n")
    hook.chmod(0o755)
    secret = "https://bot:s3cret-token@127.0.0.1:1/o/private.git"  # refused at once
    workdir = tmp_path / "w"
    report = tmp_path / "report.json"

    code, _, errors = gomend(
        "migrate",
        bare.as_uri(),
        secret,
        "--workdir",
        str(workdir),
        "--author",
        AUTHOR,
        "--push",
        "origin",
        "--report",
        str(report),
        "--no-progress",
    )

    assert code == 1, errors
    repos = load(report)["repositories"]
    logs = [Path(r["log"]) for r in repos]
    assert [p.parent for p in logs] == [workdir / "logs"] * 2
    assert logs[0].name == Path(repos[0]["path"]).name + ".log"  # the clone's own name
    text = logs[0].read_text()
    assert text.startswith(f"# gomend: migrate {bare.as_uri()} (")
    assert sum(line.startswith("$ git ") for line in text.splitlines()) >= 8
    for step in ("clone --no-checkout", "worktree add", "commit --no-verify", "push --no-verify"):
        assert f" {step}" in text, step
    assert "exit 0 in " in text and "exit 1 in " in text  # the rejected push's status
    assert "! remote: policy: ask the owners first" in text  # and what the remote said
    failed = logs[1].read_text()
    assert "s3cret-token" not in failed and "bot:*****@127.0.0.1" in failed


def test_the_next_run_removes_what_a_killed_worker_left_in_the_workdir(tmp_path: Path) -> None:
    import fcntl

    source = make_repo(tmp_path / "svc", go_module("example.com/svc", "p", misuse=False))
    url = source.as_uri()
    workdir = tmp_path / "w"
    args = ("migrate", url, "--workdir", str(workdir), "--no-progress")
    assert gomend(*args)[0] == 0
    clone = Path(clone_folder(str(workdir), url))
    # What a SIGKILLed worker leaves: a partial clone (no lock held) and a worktree of
    # gomend's that the clone still lists, its lock held by no one.
    dead = Path(f"{clone}.partial-4242-abcdef")
    git(tmp_path, "clone", "--quiet", "--no-checkout", url, str(dead))
    (tmp_path / "tmp").mkdir()
    stale = Path(tempfile.mkdtemp(prefix="gomend-worktree-", dir=tmp_path / "tmp")) / "tree"
    git(clone, "worktree", "add", "--detach", "--quiet", str(stale), "origin/HEAD")
    (stale.parent / ".lock").write_text("")
    # And a clone under way in another run: its lock is held, it stays.
    live = Path(f"{clone}.partial-777-fedcba")
    live.mkdir()
    with open(f"{live}.lock", "w") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        code, _, errors = gomend(*args)  # nothing to fix: no worktree of its own is made
    assert code == 0, errors
    assert not dead.exists() and not stale.parent.exists()
    assert str(stale) not in git(clone, "worktree", "list", "--porcelain")
    assert live.exists()
    assert sorted(p.name for p in workdir.iterdir()) == sorted(
        ["logs", clone.name, live.name, f"{live.name}.lock"]
    )


def test_without_a_git_identity_the_commits_are_gomends(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "p"), identity=False)
    code, _, errors = gomend("migrate", str(repo), "--no-progress")
    assert code == 0, errors
    who = git(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>", BRANCH).strip()
    assert who == "gomend <gomend@localhost>|gomend <gomend@localhost>"
    git(repo, "config", "user.name", "Repo Owner")  # an identity of its own is used
    git(repo, "config", "user.email", "owner@example.com")
    code, _, errors = gomend("migrate", str(repo), "--no-progress", "--force", "--name", "b2")
    assert code == 0, errors
    assert git(repo, "log", "-1", "--format=%an", "b2").strip() == "Repo Owner"


def test_an_unreachable_dask_scheduler_fails_within_seconds(tmp_path: Path) -> None:
    started = time.monotonic()
    code, _, errors = gomend(
        "migrate", str(tmp_path), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"
    )
    assert code == 2
    assert errors.startswith("gomend: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert len(errors.strip().splitlines()) == 1
    assert time.monotonic() - started < 10
