"""The progress bar and the findings on one terminal: findings are printed above the bar,
never onto its line, and a redirected standard output still gets every finding."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.engine.cli.test_app import FIXABLE
from tests.terminal import run_on_terminal

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def _tree(tmp_path: Path, files: int = 300) -> Path:
    for i in range(files):
        folder = tmp_path / f"p{i:03d}"
        folder.mkdir()
        (folder / "a.go").write_text(FIXABLE.replace("package fetch", f"package p{i:03d}"))
    return tmp_path


def _run_on_terminal(tmp_path: Path, stdout_on_terminal: bool) -> tuple[bytes, bytes, int]:
    """gomend scan with standard error (and standard output, when asked) on a pseudo-terminal
    100 columns wide; what the terminal got, what the stdout pipe got, the exit code."""
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    args = ["scan", "--no-cache", "-j", "1", "."]
    return run_on_terminal(args, env, cwd=tmp_path, stdout_on_terminal=stdout_on_terminal)


def test_redirected_stdout_gets_every_finding_while_the_bar_shows(tmp_path: Path) -> None:
    # the bar's own redirection of standard output used to send these to the terminal
    terminal, piped, code = _run_on_terminal(_tree(tmp_path), stdout_on_terminal=False)
    assert code == 1
    assert len(piped.decode().splitlines()) == 300
    assert b"a.go:" not in terminal  # the terminal has the bar and the summary only
    assert b"300 findings" in terminal


def test_findings_are_never_glued_to_the_bar(tmp_path: Path) -> None:
    terminal, _, code = _run_on_terminal(_tree(tmp_path), stdout_on_terminal=True)
    assert code == 1
    lines = [ANSI.sub(b"", line) for line in re.split(rb"\r\n|\r|\n", terminal)]
    findings = [line for line in lines if b"a.go:" in line]
    assert len({line.split(b":")[0] for line in findings}) == 300
    assert all(line.startswith(b"p") for line in findings), [
        line for line in findings if not line.startswith(b"p")
    ][:3]
