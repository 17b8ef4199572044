"""Diffs round-trip through ``git apply`` and ``patch -p1`` for LF, CRLF and no final newline."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from gomend.engine.cli.diff import unified_diff

CASES = {
    "lf": (
        b"package p\n\nfunc f() {\n\ta()\n\tb()\n}\n",
        b"package p\n\nfunc f() {\n\ta()\n\tdefer c()\n\tb()\n}\n",
    ),
    "crlf": (
        b"package p\r\n\r\nfunc f() {\r\n\ta()\r\n\tb()\r\n}\r\n",
        b"package p\r\n\r\nfunc f() {\r\n\ta()\r\n}\r\n",
    ),
    "no-final-newline": (b"package p\n\nfunc f() {\n\ta()\n}", b"package p\n\nfunc f() {\n}"),
    "last-line-changed-no-newline": (b"package p\n\nvar x = 1", b"package p\n\nvar x = 2"),
    "newline-added-at-end": (b"package p\n\nvar x = 1", b"package p\n\nvar x = 1\n"),
    "bom": (b"\xef\xbb\xbfpackage p\n\nvar x = 1\n", b"\xef\xbb\xbfpackage p\n\nvar x = 2\n"),
}


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("name", sorted(CASES))
def test_git_apply_reproduces_the_output(tmp_path: Path, name: str) -> None:
    before, after = CASES[name]
    target = tmp_path / "pkg" / "file.go"
    target.parent.mkdir()
    target.write_bytes(before)
    patch = unified_diff("pkg/file.go", before, after)
    assert patch.startswith(
        "diff --git a/pkg/file.go b/pkg/file.go\n--- a/pkg/file.go\n+++ b/pkg/file.go\n"
    )
    (tmp_path / "change.patch").write_bytes(patch.encode("utf-8", "surrogateescape"))
    _git(tmp_path, "init", "-q")
    check = _git(tmp_path, "apply", "--check", "change.patch")
    assert check.returncode == 0, check.stderr
    applied = _git(tmp_path, "apply", "change.patch")
    assert applied.returncode == 0, applied.stderr
    assert target.read_bytes() == after


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch(1) is not installed")
@pytest.mark.parametrize("name", sorted(CASES))
def test_patch_p1_reproduces_the_output(tmp_path: Path, name: str) -> None:
    before, after = CASES[name]
    target = tmp_path / "file.go"
    target.write_bytes(before)
    patch = unified_diff("file.go", before, after).encode("utf-8", "surrogateescape")
    done = subprocess.run(
        ["patch", "-p1", "--binary", "-s"], cwd=tmp_path, input=patch, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == after


def test_no_change_gives_no_diff() -> None:
    assert unified_diff("x.go", b"a\n", b"a\n") == ""


def test_missing_final_newline_is_marked() -> None:
    patch = unified_diff("x.go", b"a\nb", b"a\nc")
    assert "\\ No newline at end of file\n" in patch


def test_a_path_git_would_quote_is_quoted_and_git_apply_takes_it(tmp_path: Path) -> None:
    name = "tab\there.go"
    (tmp_path / name).write_bytes(b"package p\n\nvar x = 1\n")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    patch = unified_diff(name, b"package p\n\nvar x = 1\n", b"package p\n\nvar x = 2\n")
    assert patch.splitlines()[:3] == [
        'diff --git "a/tab\\there.go" "b/tab\\there.go"',
        '--- "a/tab\\there.go"',
        '+++ "b/tab\\there.go"',
    ]
    done = subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=patch.encode(), check=False)
    assert done.returncode == 0
    assert (tmp_path / name).read_bytes() == b"package p\n\nvar x = 2\n"


def test_thousands_of_changes_among_repeated_lines_diff_as_git_applies_them(
    tmp_path: Path,
) -> None:
    # the shape that made difflib's matcher quadratic: every function alike but its name
    func = "func f{i}(p context.Context) {{\n\tctx, _ := context.WithCancel(p)\n\t_ = ctx\n}}\n"
    before = "package p\n\n" + "\n".join(func.format(i=i) for i in range(3000))
    after = before.replace("ctx, _ :=", "ctx, cancel :=").replace(
        "\t_ = ctx\n", "\tdefer cancel()\n\t_ = ctx\n"
    )
    (tmp_path / "many.go").write_text(before)
    patch = unified_diff("many.go", before.encode(), after.encode())
    assert patch.count("\n+\tdefer cancel()\n") == 3000
    done = subprocess.run(["git", "apply", "-"], cwd=tmp_path, input=patch.encode(), check=False)
    assert done.returncode == 0
    assert (tmp_path / "many.go").read_text() == after


def test_random_edits_among_repeated_lines_round_trip_through_git_apply(tmp_path: Path) -> None:
    rng = random.Random(5)
    words = ["}", "\treturn err", "x := 1", "func f() {", "", "\t_ = ctx"]
    for case in range(100):
        a = [rng.choice(words) + "\n" for _ in range(rng.randint(0, 40))]
        b = list(a)
        for _ in range(rng.randint(1, 6)):
            at, op = rng.randint(0, len(b)), rng.random()
            if op < 0.4:
                b.insert(at, rng.choice([*words, "new"]) + "\n")
            elif b:
                b[min(at, len(b) - 1) : min(at, len(b) - 1) + 1] = [] if op < 0.7 else ["chg\n"]
        if rng.random() < 0.3 and b:
            b[-1] = b[-1].rstrip("\n")
        before, after = "".join(a).encode(), "".join(b).encode()
        patch = unified_diff("p.go", before, after)
        if not patch:
            assert before == after
            continue
        folder = tmp_path / str(case)
        folder.mkdir()
        (folder / "p.go").write_bytes(before)
        done = subprocess.run(["git", "apply", "-"], cwd=folder, input=patch.encode(), check=False)
        assert done.returncode == 0, patch
        assert (folder / "p.go").read_bytes() == after, patch
