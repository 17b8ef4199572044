"""gomend branch: fix branches built in a temporary worktree of real git repositories."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gomend.engine.cli.app import app
from gomend.engine.git import commits as gitcommits
from gomend.engine.git.branch import BranchOptions, build_branch
from gomend.engine.registry import all_codemods, get_codemod
from tests.gitrepos import (
    LOST_CANCEL,
    LOST_CANCEL_FIXED,
    branch_files,
    commit_subjects,
    git,
    go_module,
    isolated_git,
    make_repo,
    write_files,
)

__all__ = ["isolated_git"]  # the autouse fixture, imported so that it applies here

BRANCH = "gomend/runtime-fixes"
ROOT = Path(__file__).resolve().parents[3]


def gomend(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def snapshot(repo: Path) -> dict[str, bytes]:
    """Every file of the working tree and the git state a user would notice, byte for byte."""
    files: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(repo):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = Path(folder, name)
            files[str(path.relative_to(repo))] = path.read_bytes()
    git_dir = repo / ".git"
    for name in ("index", "HEAD"):
        files[f".git/{name}"] = (git_dir / name).read_bytes()
    stash = git_dir / "refs" / "stash"
    files[".git/refs/stash"] = stash.read_bytes() if stash.exists() else b""
    files[".git/logs/refs/stash"] = (git_dir / "logs" / "refs" / "stash").read_bytes()
    return files


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, so that other runs' worktrees are not counted."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def worktree_folders() -> set[str]:
    return {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("gomend-worktree-")}


def test_dirty_working_tree_index_stash_and_branch_stay_as_they_were(
    tmp_path: Path, own_tmp: Path
) -> None:
    repo = make_repo(tmp_path / "repo", {**go_module("example.com/a", "a"), "notes.txt": "x\n"})
    # A stash, a staged change, an unstaged change to the very file gomend fixes, an
    # untracked file, and a checked-out feature branch.
    git(repo, "switch", "--quiet", "-c", "feature")
    (repo / "notes.txt").write_text("stashed\n")
    git(repo, "stash", "--quiet")
    write_files(repo, {"staged.go": "package a\n", "untracked.txt": "mine\n"})
    git(repo, "add", "staged.go")
    with (repo / "a.go").open("a") as fh:
        fh.write("// work in progress\n")
    git(repo, "status", "--porcelain")  # lets git refresh its index before the snapshot
    before = snapshot(repo)
    assert worktree_folders() == set()

    code, out, errors = gomend("branch", "--no-progress", str(repo))

    assert code == 0, errors
    assert "uncommitted edits in the working tree are not in the branch" in errors
    assert snapshot(repo) == before
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/feature"
    assert git(repo, "stash", "list").count("\n") == 1
    assert sorted(git(repo, "status", "--porcelain=v1").splitlines()) == [
        " M a.go",
        "?? untracked.txt",
        "A  staged.go",
    ]
    # The branch starts at HEAD (the committed a.go, not the edited one) and fixes it.
    assert (
        git(repo, "merge-base", "feature", BRANCH).strip()
        == git(repo, "rev-parse", "feature").strip()
    )
    assert git(repo, "show", f"{BRANCH}:a.go") == LOST_CANCEL_FIXED.format(package="a")
    assert branch_files(repo, BRANCH, "feature") == ["a.go"]
    assert "created: 1 commit, 1 file changed" in errors
    assert re.match(r"^[0-9a-f]{12} lost-cancel: 1 file, 1 fix$", out.strip())
    # The worktree is gone, from git's list and from the disk.
    assert git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert worktree_folders() == set()


def test_repository_hooks_are_not_run(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    marker = tmp_path / "hook-ran"
    failing = f"#!/bin/sh\necho ran >> '{marker}'\nexit 1\n"
    for hooks in (repo / ".git" / "hooks", repo / "custom-hooks"):
        hooks.mkdir(exist_ok=True)
        for name in (
            "pre-commit",
            "commit-msg",
            "prepare-commit-msg",
            "post-commit",
            "post-checkout",
            "reference-transaction",
            "pre-push",
        ):
            hook = hooks / name
            hook.write_text(failing)
            hook.chmod(0o755)
    git(repo, "config", "core.hooksPath", str(repo / "custom-hooks"))
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))

    code, _, errors = gomend("branch", str(repo), "--push", "origin")

    assert code == 0, errors
    assert not marker.exists()
    assert commit_subjects(repo, BRANCH) == [get_codemod("lost-cancel").title]
    assert git(bare, "rev-parse", BRANCH) == git(repo, "rev-parse", BRANCH)


def golden_cases() -> dict[str, list[Path]]:
    """Each codemod's golden cases whose output differs from the input."""
    cases: dict[str, list[Path]] = {}
    for codemod in all_codemods():
        folder = ROOT / "golden" / codemod.id
        for before in sorted(folder.glob("*.before.go")):
            if before.with_name(before.name.replace(".before.", ".after.")).exists():
                cases.setdefault(codemod.id, []).append(before)
    return cases


def test_one_commit_per_codemod_with_title_why_safety_and_files(tmp_path: Path) -> None:
    cases = golden_cases()
    assert "lost-cancel" in cases
    files = {"go.mod": "module example.com/golden\n\ngo 1.27\n"}
    for codemod_id, befores in cases.items():
        for before in befores:
            name = before.name.removesuffix(".before.go").replace(".", "-")
            files[f"{codemod_id}/{name}/case.go"] = before.read_text()
    repo = make_repo(tmp_path / "repo", files)

    code, _, errors = gomend("branch", str(repo), "--unsafe-fixes")

    assert code == 0, errors
    assert "uncommitted" not in errors  # a clean working tree: no note
    log = git(repo, "log", "--reverse", "--format=%H", f"main..{BRANCH}").split()
    order = [c.id for c in all_codemods()]
    seen: list[str] = []
    for sha in log:
        message = git(repo, "show", "-s", "--format=%B", sha)
        subject, _, body = message.partition("\n\n")
        codemod = next(c for c in all_codemods() if c.title == subject)
        seen.append(codemod.id)
        why = codemod.doc.split("## Why is this bad?", 1)[1].strip().split("\n\n")[0]
        assert body.startswith(why + "\n\n"), message
        assert f"Fix safety: {codemod.safety.value} (safe and unsafe fixes applied" in body
        listed_text, _, trailer = body.split("Files changed:\n", 1)[1].partition("\n\n")
        listed = listed_text.split()
        trailers = git(repo, "show", "-s", "--format=%(trailers:key=Gomend-Campaign)", sha)
        assert trailers.strip() == f"Gomend-Campaign: {BRANCH}", message
        assert trailer.strip() == f"Gomend-Campaign: {BRANCH}", message
        touched = git(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", sha).split()
        assert [f.removeprefix("- ") for f in listed if f != "-"] == sorted(touched)
        assert all(f.startswith(tuple(f"{cid}/" for cid in order)) for f in touched)
        assert git(repo, "show", "-s", "--format=%an <%ae>|%cn <%ce>", sha).strip() == (
            "Repo Owner <owner@example.com>|Repo Owner <owner@example.com>"
        )
    assert len(seen) == len(set(seen)), "one commit per codemod"
    assert seen == [cid for cid in order if cid in seen], "commits follow the registry order"
    assert "lost-cancel" in seen
    # Every codemod with a changing golden case changed its own case files.
    for codemod_id in cases:
        assert codemod_id in seen, f"{codemod_id} made no commit"
    assert f"{len(seen)} commit" in errors


def test_author_overrides_the_repository_identity(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"), identity=False)
    code, _, errors = gomend("branch", str(repo), "--author", "Bot Person <bot@example.org>")
    assert code == 0, errors
    assert git(repo, "show", "-s", "--format=%an <%ae>|%cn <%ce>", BRANCH).strip() == (
        "Bot Person <bot@example.org>|Bot Person <bot@example.org>"
    )
    code, _, errors = gomend("branch", str(repo), "--force", "--author", "nobody")
    assert code == 2
    assert "--author must look like 'Name <email>'" in errors


def test_existing_branch_is_an_error_unless_force(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    assert gomend("branch", str(repo))[0] == 0
    first = git(repo, "rev-parse", BRANCH)

    code, _, errors = gomend("branch", str(repo))
    assert code == 2
    assert (
        errors.strip()
        == f"gomend: error: branch {BRANCH} already exists (use --force to replace it)"
    )
    assert git(repo, "rev-parse", BRANCH) == first

    write_files(repo, {"b.go": LOST_CANCEL.format(package="a").replace("Fetch", "Other")})
    git(repo, "add", "b.go")
    git(repo, "commit", "--quiet", "-m", "more")
    code, _, errors = gomend("branch", str(repo), "--force")
    assert code == 0, errors
    assert "updated" in errors
    assert git(repo, "rev-parse", f"{BRANCH}~1") == git(repo, "rev-parse", "main")
    assert branch_files(repo, BRANCH) == ["a.go", "b.go"]


def test_checked_out_branch_is_never_moved(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    git(repo, "switch", "--quiet", "-c", BRANCH)
    code, _, errors = gomend("branch", str(repo), "--force", "--base", "main")
    assert code == 2
    assert f"cannot set branch {BRANCH}" in errors
    assert git(repo, "rev-parse", BRANCH) == git(repo, "rev-parse", "main")


def test_nothing_to_fix_makes_no_branch(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a", misuse=False))
    code, out, errors = gomend("branch", str(repo), "--name", "fixes")
    assert code == 0
    assert out == ""
    assert "nothing to fix: no branch made" in errors
    assert git(repo, "branch", "--list", "fixes") == ""


def test_push_to_a_bare_remote_and_a_rejected_push(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "--quiet", "origin", "main")

    code, _, errors = gomend("branch", str(repo), "--push", "origin")
    assert code == 0, errors
    assert "; pushed" in errors
    assert git(bare, "rev-parse", BRANCH) == git(repo, "rev-parse", BRANCH)

    # Someone else's commit on the remote's branch: left alone, and said so.
    other = git(repo, "commit-tree", "main^{tree}", "-m", "someone else's work").strip()
    git(repo, "push", "--quiet", "--force", "origin", f"{other}:refs/heads/{BRANCH}")
    git(repo, "branch", "--quiet", "-D", BRANCH)
    code, _, errors = gomend("branch", str(repo), "--push", "origin")
    assert code == 0, errors
    assert "edited by someone else" in errors and "; pushed" not in errors
    assert git(bare, "rev-parse", BRANCH).strip() == other
    # --force replaces the branch here and on the remote.
    code, _, errors = gomend("branch", str(repo), "--push", "origin", "--force")
    assert code == 0, errors
    assert git(bare, "rev-parse", BRANCH) == git(repo, "rev-parse", BRANCH)


def test_select_ignore_and_unknown_ids(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    code, _, errors = gomend("branch", str(repo), "--ignore", "lost-cancel")
    assert code == 0
    assert "nothing to fix" in errors
    assert gomend("branch", str(repo), "--select", "no-such-codemod")[0] == 2
    code, _, _ = gomend("branch", str(repo), "--select", "lost-cancel")
    assert code == 0
    assert commit_subjects(repo, BRANCH) == [get_codemod("lost-cancel").title]


def test_not_a_repository_and_unknown_base(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    code, _, errors = gomend("branch", str(tmp_path / "plain"))
    assert code == 2
    assert "not a git repository" in errors
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    code, _, errors = gomend("branch", str(repo), "--base", "no-such-rev")
    assert code == 2
    assert "unknown base revision: no-such-rev" in errors


@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError])
def test_worktree_is_removed_when_the_run_is_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException], own_tmp: Path
) -> None:
    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    seen: list[str] = []

    def broken_write(path: str, data: bytes) -> None:
        seen.append(path)
        assert os.path.exists(path)  # the worktree exists while the run is going on
        raise error()

    monkeypatch.setattr(gitcommits, "write_atomic", broken_write)
    with pytest.raises(error):
        build_branch(str(repo), BranchOptions(codemod_ids=("lost-cancel",)))
    assert seen
    assert not os.path.exists(seen[0]) and seen[0].startswith(str(own_tmp))
    assert worktree_folders() == set()
    assert git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert git(repo, "branch", "--list", BRANCH) == ""


def test_the_repositorys_configuration_applies_and_the_command_line_overrides_it(
    tmp_path: Path,
) -> None:
    files = {
        **go_module("example.com/a", "a"),
        "gomend.toml": 'ignore = ["lost-cancel"]\n',
    }
    repo = make_repo(tmp_path / "repo", files)

    code, _, errors = gomend("branch", str(repo))
    assert code == 0, errors
    assert "nothing to fix" in errors
    assert git(repo, "branch", "--list", BRANCH).strip() == ""

    code, _, errors = gomend("branch", str(repo), "--select", "lost-cancel")
    assert code == 0, errors
    assert commit_subjects(repo, BRANCH) == [get_codemod("lost-cancel").title]


def test_each_file_gets_its_nearest_configuration_as_gomend_fix_gives_it(
    tmp_path: Path,
) -> None:
    files = {
        **go_module("example.com/a", "a"),
        "gomend.toml": 'ignore = ["lost-cancel"]\n',
        "sub/gomend.toml": 'select = ["lost-cancel"]\n',
        "sub/b.go": LOST_CANCEL.format(package="sub"),
        "old/gomend.toml": 'exclude = ["legacy/"]\n',
        "old/legacy/c.go": LOST_CANCEL.format(package="legacy"),
        "old/d.go": LOST_CANCEL.format(package="old"),
    }
    repo = make_repo(tmp_path / "repo", files)
    code, _, errors = gomend("branch", str(repo))
    assert code == 0, errors
    assert branch_files(repo, BRANCH) == ["old/d.go", "sub/b.go"]  # a.go: ignored at the root
    assert commit_subjects(repo, BRANCH) == [get_codemod("lost-cancel").title]
    fix = fixed_by_gomend_fix(repo)
    assert fix == branch_files(repo, BRANCH)


def fixed_by_gomend_fix(repo: Path) -> list[str]:
    """What ``gomend fix`` changes in a copy of the repository: the same files."""
    copy = repo.parent / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    before = {p: p.read_bytes() for p in copy.rglob("*.go")}
    code, _, errors = gomend("fix", str(copy))
    assert code == 0, errors
    return sorted(str(p.relative_to(copy)) for p, data in before.items() if p.read_bytes() != data)


def test_a_bad_configuration_in_the_repository_fails_with_its_key(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo", {**go_module("example.com/a", "a"), "gomend.toml": "selct = []\n"}
    )
    code, _, errors = gomend("branch", str(repo))
    assert code == 2
    assert "gomend.toml: selct: unknown key" in errors
    assert "gomend-worktree" not in errors
    assert git(repo, "branch", "--list", BRANCH).strip() == ""


def test_branch_verify_commits_verified_packages_and_says_so(tmp_path: Path) -> None:
    source = (
        'package fetch\n\nimport (\n\t"context"\n\t"time"\n)\n\n'
        "func call(ctx context.Context) error { return ctx.Err() }\n\n"
        "func Run(parent context.Context) error {\n"
        "\tctx, _ := context.WithTimeout(parent, time.Second)\n"
        "\treturn call(ctx)\n}\n"
    )
    files = {"go.mod": "module example.com/m\n\ngo 1.24\n", "fetch/fetch.go": source}
    repo = make_repo(tmp_path / "repo", files)
    code, _, errors = gomend("branch", str(repo), "--verify")
    assert code == 0, errors
    message = git(repo, "log", "-1", "--format=%B", BRANCH)
    assert "Verified: go build and go vet find nothing new" in message
    assert "defer cancel()" in git(repo, "show", f"{BRANCH}:fetch/fetch.go")


def test_a_reverted_package_is_left_out_of_the_commit_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gomend.engine.git.report import module_rows
    from gomend.engine.git.targets import Module
    from gomend.engine.run.verify import Reverted

    repo = make_repo(tmp_path / "repo", go_module("example.com/p", "p"))

    def go_turns_it_down(fixed: dict[str, tuple[bytes, bytes]], write: object) -> list[Reverted]:
        [path] = fixed  # what Go would refuse: nothing is written, the package is reported
        return [Reverted(os.path.dirname(path), "p.go: declared and not used: x", (path,))]

    monkeypatch.setattr(gitcommits, "verify_fixes", go_turns_it_down)
    result = build_branch(str(repo), BranchOptions(codemod_ids=("lost-cancel",), verify=True))
    assert result.commits == []
    assert result.problems == [".: lost-cancel fix reverted: p.go: declared and not used: x"]
    [row] = module_rows([Module(".", "example.com/p")], [result])
    assert row.reverted == result.problems


def test_a_killed_runs_worktree_is_removed_by_the_next_run(tmp_path: Path) -> None:
    import fcntl

    repo = make_repo(tmp_path / "repo", go_module("example.com/a", "a"))
    # what a SIGKILLed branch leaves: gomend's folder, a registered worktree, no lock holder
    stale = Path(tempfile.mkdtemp(prefix="gomend-worktree-")) / "tree"
    git(repo, "worktree", "add", "--detach", "--quiet", str(stale), "HEAD")
    (stale.parent / ".lock").write_text("")
    # and a run under way elsewhere, holding its lock: left alone
    live = Path(tempfile.mkdtemp(prefix="gomend-worktree-")) / "tree"
    git(repo, "worktree", "add", "--detach", "--quiet", str(live), "HEAD")
    with open(live.parent / ".lock", "w") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        code, _, errors = gomend("branch", str(repo))
    assert code == 0, errors
    listed = git(repo, "worktree", "list", "--porcelain")
    assert str(stale) not in listed and not stale.parent.exists()
    assert str(live) in listed and live.exists()
    git(repo, "worktree", "remove", "--force", str(live))
    shutil.rmtree(live.parent, ignore_errors=True)
