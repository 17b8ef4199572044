"""gomend migrate: fix branches across many real git repositories, modules, and executors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.git.targets import clone_folder, is_url, read_targets, repository_name
from tests.gitrepos import (
    LOST_CANCEL_FIXED,
    branch_files,
    git,
    go_module,
    isolated_git,
    make_repo,
)

__all__ = ["isolated_git"]  # the autouse fixture, imported so that it applies here

BRANCH = "gomend/runtime-fixes"
AUTHOR = "Migration Bot <bot@example.org>"


def gomend(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text())
    return doc


def monorepo(path: Path) -> Path:
    files: dict[str, str] = {}
    for folder, module in ((".", "example.com/mono"), ("tools", "example.com/mono/tools")):
        for name, text in go_module(module, "pkg").items():
            files[f"{folder}/{name}"] = text
    for name, text in go_module("example.com/mono/services/api", "api").items():
        files[f"services/api/{name}"] = text
    files["services/api/handlers/h.go"] = go_module("x", "handlers")["handlers.go"]
    files["testdata/go.mod"] = "module ignored\n"  # not a module: testdata is never walked
    return make_repo(path, files)


def test_monorepo_split_into_one_branch_per_module(tmp_path: Path) -> None:
    repo = monorepo(tmp_path / "mono")
    report = tmp_path / "report.json"
    code, out, errors = gomend(
        "migrate", str(repo), "--split", "module", "--report", str(report), "--no-progress"
    )
    assert code == 0, errors
    branches = {
        BRANCH: ["pkg.go"],
        f"{BRANCH}-tools": ["tools/pkg.go"],
        f"{BRANCH}-services-api": ["services/api/api.go", "services/api/handlers/h.go"],
    }
    for name, files in branches.items():
        assert branch_files(repo, name) == files, name
        assert git(repo, "show", f"{name}:{files[0]}") == LOST_CANCEL_FIXED.format(
            package=Path(files[0]).stem
        )
    rows = load(report)["repositories"][0]["modules"]
    assert [(r["folder"], r["module"], r["branch"], r["status"]) for r in rows] == [
        (".", "example.com/mono", BRANCH, "created"),
        ("services/api", "example.com/mono/services/api", f"{BRANCH}-services-api", "created"),
        ("tools", "example.com/mono/tools", f"{BRANCH}-tools", "created"),
    ]
    assert [(r["findings"], r["files_changed"]) for r in rows] == [
        ({"lost-cancel": 1}, 1),
        ({"lost-cancel": 2}, 2),
        ({"lost-cancel": 1}, 1),
    ]
    assert f"{BRANCH}-services-api" in out

    # Without --split: one branch for the repository, each module still reported.
    code, _, errors = gomend(
        "migrate", str(repo), "--name", "whole", "--report", str(report), "--no-progress"
    )
    assert code == 0, errors
    assert branch_files(repo, "whole") == sorted(f for fs in branches.values() for f in fs)
    rows = load(report)["repositories"][0]["modules"]
    assert [(r["folder"], r["branch"], r["files_changed"]) for r in rows] == [
        (".", "whole", 1),
        ("services/api", "whole", 2),
        ("tools", "whole", 1),
    ]


def test_twenty_repositories_with_two_jobs_one_broken(tmp_path: Path) -> None:
    sources = []
    for i in range(20):
        if i == 13:
            sources.append("file://" + str(tmp_path / "src" / "gone"))  # cannot be cloned
            continue
        repo = make_repo(
            tmp_path / "src" / f"repo{i:02}",
            go_module(f"example.com/r{i}", "svc", misuse=i % 4 != 0),
            identity=False,
        )
        sources.append(repo.as_uri())
    targets = tmp_path / "targets.txt"
    targets.write_text(
        "# the fleet\n\n" + "\n".join(f"{s}  # repo" if i % 2 else s for i, s in enumerate(sources))
    )
    workdir = tmp_path / "work"
    report = tmp_path / "report.json"
    args = ("migrate", "--repos", str(targets), "--workdir", str(workdir), "--jobs", "2")
    args += ("--author", AUTHOR, "--push", "origin", "--report", str(report))

    code, out, errors = gomend(*args)

    assert code == 1
    doc = load(report)
    repos = doc["repositories"]
    assert [r["target"] for r in repos] == sources
    failed = [r for r in repos if r["failed"]]
    assert [r["target"] for r in failed] == [sources[13]]
    assert "cannot clone" in failed[0]["error"] and "gone" in failed[0]["error"]
    assert f"{sources[13]}: failed: cannot clone" in errors
    assert "gone" in out
    statuses = [r["modules"][0]["status"] for r in repos if not r["failed"]]
    expected = ["nothing to fix" if i % 4 == 0 else "created" for i in range(20) if i != 13]
    assert statuses == expected
    assert doc["summary"]["failed"] == 1
    assert doc["summary"]["findings"] == {"lost-cancel": expected.count("created")}
    for i, source in enumerate(sources):
        if i == 13:
            continue
        pushed = repos[i]["modules"][0]["pushed"]
        origin = Path(source.removeprefix("file://"))
        if i % 4 == 0:
            assert not pushed and git(origin, "branch", "--list", BRANCH) == ""
        else:
            assert pushed
            assert git(origin, "show", f"{BRANCH}:svc.go") == LOST_CANCEL_FIXED.format(
                package="svc"
            )
            assert git(origin, "log", "-1", "--format=%an <%ae>", BRANCH).strip() == AUTHOR

    # The same migration again: clones are fetched, not made again; branches are up to date.
    marker = Path(clone_folder(str(workdir), sources[1])) / ".git" / "kept"
    marker.write_text("")
    code, _, errors = gomend(*args)
    assert code == 1
    assert marker.exists()
    again = load(report)["repositories"]
    assert [r["modules"][0]["status"] for r in again if not r["failed"]] == [
        "nothing to fix" if s == "nothing to fix" else "up to date" for s in statuses
    ]
    assert "up to date" in errors


def test_local_folder_that_is_not_a_repository_and_a_rejected_push(tmp_path: Path) -> None:
    good = make_repo(tmp_path / "good", go_module("example.com/g", "g"))
    rejected = make_repo(tmp_path / "rejected", go_module("example.com/r", "r"))
    for repo in (good, rejected):
        remote = tmp_path / f"{repo.name}.git"
        git(tmp_path, "init", "--quiet", "--bare", str(remote))
        git(repo, "remote", "add", "origin", str(remote.as_uri()))
    hook = tmp_path / "rejected.git" / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'policy: [no] fix branches here' >&2\nexit 1\n")
    hook.chmod(0o755)
    (tmp_path / "plain").mkdir()
    (good / "sub").mkdir()
    report = tmp_path / "report.md"

    code, out, errors = gomend(
        "migrate",
        str(good),
        str(tmp_path / "plain"),
        str(good / "sub"),  # inside a repository, but not one
        str(rejected),
        "--name",
        f"{BRANCH}-r",
        "--push",
        "origin",
        "--report",
        str(report),
        "--jobs",
        "1",
    )

    assert code == 1
    text = report.read_text()
    assert text.startswith("# gomend migration report\n")
    lines = {line.split(" | ")[0].removeprefix("| "): line for line in text.splitlines()}
    assert "| created | yes |" in lines[str(good)]
    assert "not a git repository" in lines[str(tmp_path / "plain")]
    assert "not a git repository" in lines[str(good / "sub")]
    assert "push to origin failed" in lines[str(rejected)]
    assert "[remote rejected] (pre-receive hook declined)" in lines[str(rejected)]
    assert "policy: [no] fix branches here" in lines[str(rejected)]  # the hook's own words
    assert "| failed | no |" in lines[str(rejected)]
    assert "3 failed" in errors
    assert "policy: [no] fix branches here" in out  # the table keeps git's brackets


def test_dask_local_cluster_runs_the_same_migration(tmp_path: Path) -> None:
    from distributed import LocalCluster

    sources = [
        make_repo(tmp_path / f"r{i}", go_module(f"example.com/r{i}", "p")).as_uri()
        for i in range(4)
    ]
    report = tmp_path / "report.json"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        code, _, errors = gomend(
            "migrate",
            *sources,
            "file:///nowhere/at/all",
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--workdir",
            str(tmp_path / "work"),
            "--author",
            AUTHOR,
            "--report",
            str(report),
        )
    assert code == 1, errors
    repos = load(report)["repositories"]
    assert [r["failed"] for r in repos] == [False] * 4 + [True]
    for r in repos[:4]:
        assert r["modules"][0]["status"] == "created"
        assert git(r["path"], "show", f"{BRANCH}:p.go") == LOST_CANCEL_FIXED.format(package="p")


def test_usage_errors(tmp_path: Path) -> None:
    assert gomend("migrate")[0] == 2
    code, _, errors = gomend("migrate", "--repos", str(tmp_path / "missing.txt"))
    assert code == 2 and "cannot read" in errors
    code, _, errors = gomend("migrate", ".", "--report", str(tmp_path / "r.html"))
    assert code == 2 and "--report must end in .json, .md or .markdown" in errors
    code, _, errors = gomend("migrate", ".", "--executor", "dask")
    assert code == 2 and "--scheduler" in errors


def test_targets_names_and_urls(tmp_path: Path) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text("# comment\n\n  ./a  \nhttps://host/o/b.git # trailing\n#c\ngit@host:o/c\n")
    assert read_targets(str(listing)) == ["./a", "https://host/o/b.git", "git@host:o/c"]
    assert [is_url(t) for t in read_targets(str(listing))] == [False, True, True]
    assert [repository_name(t) for t in read_targets(str(listing))] == ["a", "b", "c"]
    assert clone_folder("w", "https://host/o/b.git") != clone_folder("w", "https://other/o/b.git")


def test_migrate_verify_commits_verified_packages(tmp_path: Path) -> None:
    repo = monorepo(tmp_path / "mono")
    code, _, errors = gomend("migrate", str(repo), "--split", "module", "--verify", "--no-progress")
    assert code == 0, errors
    message = git(repo, "log", "-1", "--format=%B", f"{BRANCH}-services-api")
    assert "Verified: go build and go vet find nothing new" in message
    assert branch_files(repo, f"{BRANCH}-services-api") == [
        "services/api/api.go",
        "services/api/handlers/h.go",
    ]
