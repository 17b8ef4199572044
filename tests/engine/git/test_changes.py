"""engine/git/changes.py: the lines the working tree changed since a revision, from real
git repositories (edits, additions, deletions, untracked and renamed files, odd names, merge
bases) and the errors outside a repository or for an unknown revision."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gomend.engine.git.changes import (
    ChangesError,
    changed_lines,
    parse_diff,
    resolve_rev,
    stdin_lines,
)
from tests.gitrepos import git, isolated_git, make_repo

__all__ = ["isolated_git"]  # the autouse fixture, imported so that it applies here

TEN = "".join(f"line {n}\n" for n in range(1, 11))


def _real(path: Path) -> str:
    return os.path.realpath(path)


def test_edited_added_and_deleted_lines(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.go": TEN, "b.go": TEN, "gone.go": TEN})
    lines = TEN.splitlines(keepends=True)
    lines[2] = "line three\n"  # edited: line 3
    lines.insert(6, "inserted\n")  # added: line 7 of the new text
    del lines[9]  # deleted: no new line
    (repo / "a.go").write_text("".join(lines))
    (repo / "gone.go").unlink()
    changed = changed_lines([str(repo)], "HEAD")
    assert changed.of(str(repo / "a.go")) == {3, 7}
    assert changed.of(str(repo / "b.go")) == frozenset()  # untouched
    assert changed.of(str(repo / "gone.go")) == frozenset()


def test_staged_and_committed_changes_since_an_older_revision(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.go": TEN})
    first = git(repo, "rev-parse", "HEAD").strip()
    (repo / "a.go").write_text(TEN.replace("line 2\n", "two\n"))
    git(repo, "commit", "-qam", "second")
    (repo / "a.go").write_text(TEN.replace("line 2\n", "two\n").replace("line 9\n", "nine\n"))
    git(repo, "add", "a.go")  # staged, not committed: still the working tree's
    assert changed_lines([str(repo)], first).of(str(repo / "a.go")) == {2, 9}
    assert changed_lines([str(repo)], "HEAD").of(str(repo / "a.go")) == {9}


def test_untracked_files_are_new_throughout_and_ignored_ones_are_not(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.go": TEN, ".gitignore": "ignored.go\n"})
    (repo / "sub").mkdir()
    (repo / "sub" / "new.go").write_text(TEN)
    (repo / "ignored.go").write_text(TEN)
    changed = changed_lines([str(repo / "sub")], "HEAD")
    assert changed.of(str(repo / "sub" / "new.go")) is None  # every line
    assert changed.of(str(repo / "ignored.go")) == frozenset()


def test_a_renamed_file_is_new_only_where_it_changed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"old.go": TEN})
    git(repo, "mv", "old.go", "new.go")
    (repo / "new.go").write_text(TEN.replace("line 5\n", "five\n"))
    assert changed_lines([str(repo)], "HEAD").of(str(repo / "new.go")) == {5}


def test_names_git_would_quote_and_a_path_through_a_link(tmp_path: Path) -> None:
    odd, spaced = 'tab\there "quoted" é.go', "with space.go"  # quoted; ends with a tab
    repo = make_repo(tmp_path / "r", {odd: TEN, spaced: TEN})
    (repo / odd).write_text(TEN + "more\n")
    (repo / spaced).write_text("first\n" + TEN)
    os.symlink(repo, tmp_path / "link")
    changed = changed_lines([str(tmp_path / "link")], "HEAD")
    assert changed.of(str(tmp_path / "link" / odd)) == {11}
    assert changed.of(str(repo / odd)) == {11}
    assert changed.of(str(repo / spaced)) == {1}


def test_a_line_that_looks_like_a_header_inside_a_hunk() -> None:
    out = (
        "diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n"
        "@@ -2 +2,2 @@\n-old\n+++ b/not-a-file.go\n+@@ -1 +1 @@\n"
        "@@ -9,0 +10 @@\n+added\n\\ No newline at end of file\n"
        "diff --git a/y.go b/y.go\ndeleted file mode 100644\n--- a/y.go\n+++ /dev/null\n"
        "@@ -1 +0,0 @@\n-gone\n"
    )
    assert parse_diff(out) == {"x.go": frozenset({2, 3, 10})}


def test_a_form_feed_or_line_separator_in_a_line_breaks_no_line() -> None:
    out = (
        "diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n"
        "@@ -1 +1,2 @@\n-old\n+a\x0cb\n+c\u2028@@ -50 +50 @@\n@@ -9,0 +11 @@\n+added\n"
    )  # split at U+2028, the second line would read as a hunk at line 50
    assert parse_diff(out) == {"x.go": frozenset({1, 2, 11})}


def test_merge_base_of_a_branch(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.go": TEN})
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-qb", "feature")
    (repo / "a.go").write_text(TEN.replace("line 4\n", "four\n"))
    git(repo, "commit", "-qam", "feature work")
    git(repo, "checkout", "-q", "main")
    (repo / "other.go").write_text(TEN)
    git(repo, "add", "other.go")
    git(repo, "commit", "-qm", "main moves on")
    git(repo, "checkout", "-q", "feature")
    assert resolve_rev(_real(repo), None, "main").strip() == base
    changed = changed_lines([str(repo)], branch="main")
    assert changed.of(str(repo / "a.go")) == {4}
    assert changed.of(str(repo / "other.go")) == frozenset()  # main's, not this branch's


def test_text_from_standard_input_against_the_revision(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.go": TEN})
    text = TEN.replace("line 6\n", "six\n").encode()
    assert stdin_lines(str(repo / "a.go"), text, "HEAD").of(str(repo / "a.go")) == {6}
    assert stdin_lines(str(repo / "new.go"), text, "HEAD").of(str(repo / "new.go")) is None


@pytest.mark.parametrize(
    ("rev", "branch", "message"),
    [
        ("nope", None, "--new-from-rev: unknown revision: nope"),
        ("--output=x", None, "--new-from-rev: unknown revision: --output=x"),
        (None, "nope", "--new-from-merge-base: unknown branch or revision: nope"),
    ],
)
def test_unknown_revisions(
    tmp_path: Path, rev: str | None, branch: str | None, message: str
) -> None:
    repo = make_repo(tmp_path / "r", {"a.go": TEN})
    with pytest.raises(ChangesError) as caught:
        changed_lines([str(repo)], rev, branch)
    assert str(caught.value) == message
    assert not (repo / "x").exists()


def test_no_common_ancestor_and_no_commit(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.go": TEN})
    git(repo, "checkout", "-q", "--orphan", "lonely")
    git(repo, "commit", "-qm", "unrelated", "--allow-empty")
    with pytest.raises(ChangesError, match="main and HEAD have no common ancestor"):
        changed_lines([str(repo)], branch="main")
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    with pytest.raises(ChangesError, match="--new-from-rev: the repository has no commit yet"):
        changed_lines([str(empty)], "HEAD")


def test_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "a.go").write_text(TEN)
    with pytest.raises(ChangesError) as caught:
        changed_lines([str(tmp_path / "a.go")], "HEAD")
    assert str(caught.value) == (
        f"--new-from-rev needs a git repository: {tmp_path / 'a.go'} is not in one"
    )


def test_the_repositorys_diff_settings_change_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"sub/a.go": TEN})
    for key, value in (
        ("diff.noprefix", "true"),
        ("diff.mnemonicPrefix", "true"),
        ("diff.relative", "true"),
        ("color.ui", "always"),
        ("diff.external", "false"),
    ):
        git(repo, "config", key, value)
    (repo / "sub" / "a.go").write_text(TEN.replace("line 8\n", "eight\n"))
    assert changed_lines([str(repo / "sub")], "HEAD").of(str(repo / "sub" / "a.go")) == {8}
