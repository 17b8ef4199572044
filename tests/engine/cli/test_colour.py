"""Colour: rule ids, paths, fix marks and diff lines painted when standard output is a
terminal (a pseudo-terminal here), never when it is piped, with NO_COLOR or TERM=dumb;
FORCE_COLOR paints a pipe too. Without colour the bytes are exactly the plain output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gomend.engine.cli import colour
from tests.engine.cli.test_app import FIXABLE
from tests.terminal import run_on_terminal

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
RULE = b"\x1b[1;31mlost-cancel\x1b[0m"
PATH = b"\x1b[1mfetch/fetch.go\x1b[0m"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "fetch").mkdir()
    (tmp_path / "fetch" / "fetch.go").write_text(FIXABLE)
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    for name in ("NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    return {**env, **extra}


def _on_terminal(cwd: Path, *args: str, **env: str) -> tuple[bytes, int]:
    """gomend with standard output (and error) on a pseudo-terminal: what it got, the code."""
    shown, _, code = run_on_terminal(list(args), _env(**env), cwd=cwd)
    return shown, code


def _piped(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gomend", *args],
        cwd=cwd,
        capture_output=True,
        env=_env(**env),
        timeout=120,
        check=False,
    )


SCAN = ("scan", "--no-progress", "--no-cache", ".")


def test_a_terminal_gets_findings_in_colour(tree: Path) -> None:
    shown, code = _on_terminal(tree, *SCAN)
    assert code == 1
    assert RULE in shown and PATH in shown and b"\x1b[36m[*]\x1b[0m" in shown
    plain = _piped(tree, *SCAN).stdout
    assert b"\x1b" not in plain
    assert plain in ANSI.sub(b"", shown)  # the same text, only painted


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": "x", "FORCE_COLOR": "1"}])
def test_no_color_keeps_a_terminal_plain(tree: Path, env: dict[str, str]) -> None:
    shown, code = _on_terminal(tree, *SCAN, **env)
    assert code == 1
    assert b"\x1b[" not in shown
    assert _piped(tree, *SCAN).stdout in shown


def test_a_dumb_terminal_stays_plain(tree: Path) -> None:
    shown, _ = _on_terminal(tree, *SCAN, TERM="dumb")
    assert RULE not in shown and b"fetch/fetch.go:" in shown


def test_force_color_paints_a_pipe_and_plain_pipes_stay_as_they_were(tree: Path) -> None:
    forced = _piped(tree, *SCAN, FORCE_COLOR="1").stdout
    plain = _piped(tree, *SCAN).stdout
    assert RULE in forced and ANSI.sub(b"", forced) == plain
    assert plain.startswith(b"fetch/fetch.go:11:12: lost-cancel [*] the cancel function")


def test_a_terminal_gets_the_diff_in_colour(tree: Path) -> None:
    shown, code = _on_terminal(tree, "diff", "--no-progress", ".")
    assert code == 1
    assert b"\x1b[1m--- a/fetch/fetch.go\x1b[0m" in shown
    assert b"\x1b[36m@@ -8,6 +8,7 @@\x1b[0m" in shown
    assert b"\x1b[31m-\tctx, _ := context.WithTimeout(parent, time.Second)\x1b[0m" in shown
    assert b"\x1b[32m+\tdefer cancel()\x1b[0m" in shown
    patch = _piped(tree, "diff", ".").stdout
    assert b"\x1b" not in patch and patch in ANSI.sub(b"", shown)


def test_fix_and_statistics_in_colour(tree: Path) -> None:
    table, _ = _on_terminal(tree, "scan", "--no-progress", "--statistics", ".")
    assert RULE + b"  " in table  # padded after the paint, so the columns still line up
    fixed, code = _on_terminal(tree, "fix", "--no-progress", ".")
    assert code == 0 and b"\x1b[32m[fixed]\x1b[0m" in fixed


def test_a_form_feed_inside_a_diff_line_keeps_the_line_whole() -> None:
    painted = colour.diff("@@ -1 +1 @@\n-a\x0c-b\n+c\u2028d\n")
    assert painted.split("\n") == [
        "\x1b[36m@@ -1 +1 @@\x1b[0m",
        "\x1b[31m-a\x0c-b\x1b[0m",
        "\x1b[32m+c\u2028d\x1b[0m",
        "",
    ]


def test_diff_painting_tells_headers_from_removed_lines() -> None:
    patch = (
        "diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n@@ -1,2 +1,2 @@ func f() {\n"
        "--- not a header\n+++ nor this\n \tkept\n\\ No newline at end of file\n"
    )
    painted = colour.diff(patch)
    assert painted.splitlines() == [
        "\x1b[1mdiff --git a/x.go b/x.go\x1b[0m",
        "\x1b[1m--- a/x.go\x1b[0m",
        "\x1b[1m+++ b/x.go\x1b[0m",
        "\x1b[36m@@ -1,2 +1,2 @@\x1b[0m func f() {",
        "\x1b[31m--- not a header\x1b[0m",
        "\x1b[32m+++ nor this\x1b[0m",
        " \tkept",
        "\\ No newline at end of file",
    ]
    assert ANSI.sub(b"", painted.encode()) == patch.encode()


def test_whether_to_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert not colour.stdout_coloured()  # pytest's captured stdout is no terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert colour.stdout_coloured()
    monkeypatch.setenv("NO_COLOR", "")  # empty: as if unset (no-color.org)
    assert colour.stdout_coloured()
    monkeypatch.setenv("NO_COLOR", "0")  # any other value: no colour
    assert not colour.stdout_coloured()


def test_findings_above_the_progress_bar_keep_their_colour(tmp_path: Path) -> None:
    for i in range(40):
        folder = tmp_path / f"p{i:02d}"
        folder.mkdir()
        (folder / "a.go").write_text(FIXABLE.replace("package fetch", f"package p{i:02d}"))
    shown, code = _on_terminal(tmp_path, "scan", "--no-cache", "-j", "1", ".")
    assert code == 1
    lines = [line for line in re.split(rb"\r|\n", shown) if b"a.go" in line]
    assert len(lines) == 40
    assert all(RULE in line or b"\x1b[1;31mlost-cancel" in line for line in lines), lines[:2]
    assert all(ANSI.sub(b"", line).startswith(b"p") for line in lines)
