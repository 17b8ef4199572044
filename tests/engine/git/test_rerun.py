"""gomend migrate run again: the remote's branch decides the status, from any workdir."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from gomend.engine.git.targets import module_branches
from tests.engine.git.test_migrate import AUTHOR, BRANCH, gomend
from tests.gitrepos import LOST_CANCEL, git, go_module, isolated_git, make_repo, write_files

__all__ = ["isolated_git"]


def status(report: Path) -> str:
    return str(json.loads(report.read_text())["repositories"][0]["modules"][0]["status"])


def test_rerun_matrix_against_a_bare_remote(tmp_path: Path) -> None:
    src = make_repo(tmp_path / "src", go_module("example.com/a", "a"))
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(src), str(bare))
    url = bare.as_uri()
    report = tmp_path / "report.json"

    def run(workdir: str, *extra: str) -> str:
        code, _, errors = gomend(
            "migrate",
            url,
            "--workdir",
            str(tmp_path / workdir),
            "--push",
            "origin",
            "--author",
            AUTHOR,
            "--report",
            str(report),
            "--no-progress",
            *extra,
        )
        assert code == 0, errors
        return status(report)

    def tip() -> str:
        return git(bare, "rev-parse", f"refs/heads/{BRANCH}").strip()

    assert run("w1") == "created"
    first = tip()
    assert run("w1") == "up to date" and tip() == first
    assert run("fresh") == "up to date" and tip() == first  # no local branch state
    # The remote's main moves on: gomend's own branch is replaced.
    write_files(src, {"b.go": LOST_CANCEL.format(package="a").replace("Fetch", "Other")})
    git(src, "add", "b.go")
    git(src, "-c", "user.name=x", "-c", "user.email=x@y", "commit", "-qm", "more")
    git(src, "push", "--quiet", str(bare), "main")
    assert run("w2") == "updated" and tip() != first
    moved = tip()
    assert "Gomend-Campaign: " + BRANCH in git(bare, "log", "-1", "--format=%B", moved)
    # Someone else's commit on the branch: left alone, unless --force.
    git(src, "fetch", "--quiet", str(bare), BRANCH)
    git(src, "switch", "--quiet", "-c", "review", "FETCH_HEAD")
    write_files(src, {"NOTES.md": "reviewed\n"})
    git(src, "add", "NOTES.md")
    git(src, "-c", "user.name=R", "-c", "user.email=r@x", "commit", "-qm", "review")
    git(src, "push", "--quiet", str(bare), f"review:{BRANCH}")
    theirs = tip()
    assert run("w3") == "edited by someone else" and tip() == theirs
    assert run("w3", "--force") == "updated" and tip() != theirs
    # The branch deleted (its pull request closed): pushed again.
    git(bare, "update-ref", "-d", f"refs/heads/{BRANCH}")
    assert run("w1") == "created"
    assert git(bare, "show", f"{BRANCH}:b.go").count("defer cancel()") == 1


def test_module_branch_names_are_valid_refs_and_unique() -> None:
    folders = [".", "svc/api", "svc-api", "legacy.lock", "a..b", "with space", "trail."]
    names = module_branches(BRANCH, folders)
    assert len(set(names.values())) == len(folders)
    assert names["."] == BRANCH
    assert names["svc/api"] != names["svc-api"]
    for name in names.values():
        done = subprocess.run(["git", "check-ref-format", "--branch", name], check=False)
        assert done.returncode == 0, name


def test_dry_run_makes_no_branch_and_pushes_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    report = tmp_path / "report.json"
    code, _, errors = gomend(
        "migrate", str(repo), "--dry-run", "--push", "origin", "--report", str(report)
    )
    assert code == 0, errors
    assert status(report) == "would create"
    assert git(repo, "branch", "--list", BRANCH) == ""
    assert git(bare, "for-each-ref") == ""
