"""--new-from-rev and --new-from-merge-base on real repositories: a finding committed before
stays out of scan, diff, fix and every format; the new one is reported and fixed alone; the
result cache never mixes runs with and without the options; bad uses exit 2 with one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepos import git, isolated_git, make_repo

__all__ = ["isolated_git"]  # the autouse fixture, imported so that it applies here

OLD = """package svc

import (
\t"context"
\t"time"
)

func Old(parent context.Context) error {
\tctx, _ := context.WithTimeout(parent, time.Second)
\treturn ctx.Err()
}
"""
NEW = """
func New(parent context.Context) error {
\tctx, _ := context.WithTimeout(parent, time.Second)
\treturn ctx.Err()
}
"""
OLD_LINE, NEW_LINE = 9, 14


def gomend(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gomend", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An old finding committed, a new one added after in the working tree."""
    root = make_repo(tmp_path / "repo", {"go.mod": "module svc\n\ngo 1.22\n", "svc.go": OLD})
    with open(root / "svc.go", "a") as fh:
        fh.write(NEW)
    return root


def _lines(out: str) -> list[int]:
    return [int(line.split(":")[1]) for line in out.splitlines()]


def test_scan_reports_only_the_new_finding(repo: Path) -> None:
    everything = gomend(repo, "scan", ".")
    assert _lines(everything.stdout) == [OLD_LINE, NEW_LINE]
    done = gomend(repo, "scan", "--new-from-rev", "HEAD", ".")
    assert done.returncode == 1, done.stderr
    assert _lines(done.stdout) == [NEW_LINE]
    assert "1 finding (lost-cancel 1)" in done.stderr
    doc = json.loads(gomend(repo, "scan", "--format", "json", "--new-from-rev", "HEAD").stdout)
    assert [(f["rule"], f["line"]) for f in doc["findings"]] == [("lost-cancel", NEW_LINE)]
    assert doc["summary"]["findings"] == {"lost-cancel": 1}


def test_an_empty_revision_is_an_error_not_the_whole_tree(repo: Path) -> None:
    done = gomend(repo, "fix", "--new-from-rev", "", ".")  # as with BASE="" in a script
    assert done.returncode == 2, done.stderr
    assert "--new-from-rev" in done.stderr and len(done.stderr.splitlines()) == 1
    assert gomend(repo, "scan", ".").returncode == 1  # nothing was fixed


def test_ci_formats_carry_only_the_new_finding(repo: Path) -> None:
    sarif = json.loads(gomend(repo, "scan", "--format", "sarif", "--new-from-rev", "HEAD").stdout)
    results = sarif["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [
        NEW_LINE
    ]
    github = gomend(repo, "scan", "--format", "github", "--new-from-rev", "HEAD").stdout
    assert [line for line in github.splitlines() if line.startswith("::")] == [
        line for line in github.splitlines() if f"line={NEW_LINE}," in line
    ]
    assert f"line={NEW_LINE}," in github


def test_fix_and_diff_apply_only_the_new_findings_fix(repo: Path) -> None:
    patch = gomend(repo, "diff", "--new-from-rev", "HEAD")
    assert patch.returncode == 1
    assert patch.stdout.count("+\tdefer cancel()") == 1
    assert "@@ -11," in patch.stdout  # the hunk is the new function's, below the old one
    done = gomend(repo, "fix", "--new-from-rev", "HEAD", ".")
    assert done.returncode == 0, done.stderr
    text = (repo / "svc.go").read_text()
    old, new = text.split("func New")
    assert "ctx, _ := context.WithTimeout" in old and "defer cancel()" not in old
    assert "ctx, cancel := context.WithTimeout" in new and "defer cancel()" in new
    assert gomend(repo, "scan", "--new-from-rev", "HEAD").returncode == 0
    assert _lines(gomend(repo, "scan").stdout) == [OLD_LINE]


def test_merge_base_of_a_branch(repo: Path) -> None:
    git(repo, "stash", "--quiet")
    git(repo, "checkout", "--quiet", "-b", "feature")
    with open(repo / "svc.go", "a") as fh:
        fh.write(NEW)
    git(repo, "commit", "--quiet", "-am", "feature: New")
    (repo / "extra.go").write_text(OLD.replace("func Old", "func Extra"))  # untracked: new
    git(repo, "checkout", "--quiet", "main")
    (repo / "main.go").write_text(OLD.replace("func Old", "func Main"))
    git(repo, "add", "main.go")
    git(repo, "commit", "--quiet", "-m", "main moves on")
    git(repo, "checkout", "--quiet", "feature")
    done = gomend(repo, "scan", "--new-from-merge-base", "main", ".")
    assert done.returncode == 1, done.stderr
    assert sorted(
        line.split(":")[0] + ":" + line.split(":")[1] for line in done.stdout.splitlines()
    ) == [
        "extra.go:9",
        f"svc.go:{NEW_LINE}",
    ]
    # HEAD itself has the new function committed: nothing is new since it but extra.go
    since_head = gomend(repo, "scan", "--new-from-rev", "HEAD", ".")
    assert [line.split(":")[0] for line in since_head.stdout.splitlines()] == ["extra.go"]


def test_the_cache_never_serves_one_kind_of_run_to_the_other(repo: Path, tmp_path: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for _ in range(2):  # cold, then warm
        assert _lines(gomend(repo, "scan", *cache).stdout) == [OLD_LINE, NEW_LINE]
        assert _lines(gomend(repo, "scan", "--new-from-rev", "HEAD", *cache).stdout) == [NEW_LINE]
    git(repo, "commit", "--quiet", "-am", "New")  # the same bytes, other changed lines
    assert gomend(repo, "scan", "--new-from-rev", "HEAD", *cache).stdout == ""
    assert _lines(gomend(repo, "scan", "--new-from-rev", "HEAD~1", *cache).stdout) == [NEW_LINE]
    assert _lines(gomend(repo, "scan", *cache).stdout) == [OLD_LINE, NEW_LINE]


def test_standard_input_against_the_revision(repo: Path) -> None:
    text = (repo / "svc.go").read_text()
    (repo / "svc.go").write_text(OLD)  # the buffer is an editor's, not the file on disk
    done = gomend(repo, "scan", "--stdin-filename", "svc.go", "--new-from-rev", "HEAD", stdin=text)
    assert _lines(done.stdout) == [NEW_LINE], done.stderr
    fixed = gomend(repo, "fix", "--stdin-filename", "svc.go", "--new-from-rev", "HEAD", stdin=text)
    assert fixed.stdout.count("defer cancel()") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--new-from-rev", "nope"), "gomend: error: --new-from-rev: unknown revision: nope"),
        (
            ("--new-from-merge-base", "nope"),
            "gomend: error: --new-from-merge-base: unknown branch or revision: nope",
        ),
        (
            ("--new-from-rev", "HEAD", "--new-from-merge-base", "main"),
            "gomend: error: give --new-from-rev or --new-from-merge-base, not both",
        ),
    ],
)
@pytest.mark.parametrize("command", ["scan", "diff", "fix"])
def test_bad_revisions_exit_2_with_one_line(
    repo: Path, command: str, args: tuple[str, ...], message: str
) -> None:
    done = gomend(repo, command, *args, ".")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [message]
    assert done.stdout == ""


def test_outside_a_repository_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "svc.go").write_text(OLD)
    done = gomend(folder, "scan", "--new-from-rev", "HEAD", ".")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "gomend: error: --new-from-rev needs a git repository: . is not in one"
    ]
