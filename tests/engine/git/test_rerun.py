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


def test_the_report_carries_the_diff_stat_of_each_module_dry_run_or_not(tmp_path: Path) -> None:
    src = make_repo(tmp_path / "src", go_module("example.com/a", "a"))
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(src), str(bare))
    reports = {}
    for mode in ("--dry-run", "--push"):
        report = tmp_path / f"report{mode}.json"
        args = ["--dry-run"] if mode == "--dry-run" else ["--push", "origin"]
        code, out, errors = gomend(
            "migrate", bare.as_uri(), "--workdir", str(tmp_path / "w"), "--author", AUTHOR,
            "--report", str(report), *args,
        )  # fmt: skip
        assert code == 0, errors
        reports[mode] = json.loads(report.read_text())["repositories"][0]["modules"][0]
        shown = (reports[mode]["lines_added"], reports[mode]["lines_removed"])
        assert f"1 (+{shown[0]} -{shown[1]})" in out  # the table's files changed
    pushed = reports["--push"]
    numstat = git(bare, "diff", "--numstat", pushed["base"], pushed["commit"]).split()
    assert (pushed["lines_added"], pushed["lines_removed"]) == (int(numstat[0]), int(numstat[1]))
    assert pushed["lines_added"] > 0
    dry = reports["--dry-run"]
    assert (dry["lines_added"], dry["lines_removed"]) == (
        pushed["lines_added"],
        pushed["lines_removed"],
    )
    assert dry["status"] == "would create" and dry["files"] == ["a.go"]


def test_the_base_is_the_remotes_current_default_branch_even_after_a_rename(
    tmp_path: Path,
) -> None:
    src = make_repo(tmp_path / "src", go_module("example.com/a", "a"))
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(src), str(bare))

    def base(*extra: str) -> str:
        report = tmp_path / "report.json"
        code, _, errors = gomend(
            "migrate", bare.as_uri(), "--workdir", str(tmp_path / "w"), "--author", AUTHOR,
            "--dry-run", "--report", str(report), *extra,
        )  # fmt: skip
        assert code == 0, errors
        return str(json.loads(report.read_text())["repositories"][0]["modules"][0]["base"])

    assert base() == git(bare, "rev-parse", "main").strip()

    def push_commit(branch: str, name: str) -> str:  # someone moves the remote on
        work = tmp_path / f"push-{name}"
        git(tmp_path, "clone", "--quiet", "--branch", branch, bare.as_uri(), str(work))
        write_files(work, {name: "notes\n"})
        git(work, "add", name)
        git(work, "-c", "user.name=R", "-c", "user.email=r@x", "commit", "-qm", name)
        git(work, "push", "--quiet", "origin", f"HEAD:{branch}")
        return git(work, "rev-parse", "HEAD").strip()

    moved = push_commit("main", "MOVED.md")
    assert base() == moved  # the clone's own main is stale; the remote's is used
    assert base("--base", "main") == moved
    git(bare, "branch", "-m", "main", "trunk")  # the default branch renamed
    git(bare, "symbolic-ref", "HEAD", "refs/heads/trunk")
    renamed = push_commit("trunk", "RENAMED.md")
    assert base() == renamed
    assert base("--base", "trunk") == renamed


def test_split_module_with_colliding_and_odd_folders_gives_every_module_its_branch(
    tmp_path: Path,
) -> None:
    files: dict[str, str] = {}
    folders = ("svc/api", "svc-api", "legacy.lock")
    for i, folder in enumerate(folders):
        for name, text in go_module(f"example.com/m{i}", f"p{i}").items():
            files[f"{folder}/{name}"] = text
    files["tools/t.go"] = go_module("x", "t")["t.go"]  # outside every module
    src = make_repo(tmp_path / "src", files)
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(src), str(bare))
    report = tmp_path / "report.json"
    code, _, errors = gomend(
        "migrate", bare.as_uri(), "--split", "module", "--workdir", str(tmp_path / "w"),
        "--author", AUTHOR, "--push", "origin", "--report", str(report),
    )  # fmt: skip
    assert code == 0, errors
    rows = {m["folder"]: m for m in json.loads(report.read_text())["repositories"][0]["modules"]}
    assert set(rows) == {*folders, "-"}
    branches = {folder: rows[folder]["branch"] for folder in rows}
    assert len(set(branches.values())) == 4 and branches["-"] == BRANCH
    remote = git(bare, "for-each-ref", "--format=%(refname:short)", "refs/heads").split()
    for folder, row in rows.items():
        assert row["status"] == "created" and row["pushed"], row
        assert row["branch"] in remote
        expected = ["tools/t.go"] if folder == "-" else [f"{folder}/p{folders.index(folder)}.go"]
        assert git(bare, "diff", "--name-only", row["base"], row["branch"]).split() == expected


def test_a_remote_whose_head_names_no_branch_is_still_fetched(tmp_path: Path) -> None:
    src = make_repo(tmp_path / "src", go_module("example.com/a", "a"))
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(src), str(bare))
    report = tmp_path / "report.json"
    args = ["migrate", bare.as_uri(), "--workdir", str(tmp_path / "w"), "--author", AUTHOR]
    args += ["--dry-run", "--report", str(report)]
    assert gomend(*args)[0] == 0
    git(bare, "symbolic-ref", "HEAD", "refs/heads/gone")
    work = tmp_path / "push"  # a new commit on main that only a fetch can bring
    git(tmp_path, "clone", "--quiet", "--branch", "main", bare.as_uri(), str(work))
    write_files(work, {"NEW.md": "new\n"})
    git(work, "add", "NEW.md")
    git(work, "-c", "user.name=R", "-c", "user.email=r@x", "commit", "-qm", "new")
    git(work, "push", "--quiet", "origin", "HEAD:main")
    code, _, errors = gomend(*args, "--base", "main")
    assert code == 0, errors
    row = json.loads(report.read_text())["repositories"][0]["modules"][0]
    assert row["base"] == git(bare, "rev-parse", "main").strip()
