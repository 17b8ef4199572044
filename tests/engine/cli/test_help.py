"""Help never cuts an option name: at 80 and 100 columns, piped or on a terminal, every
command's help holds each of its option names whole (typer's rich layout where it fits,
click's plain one where rich would shorten a name); arguments are described."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest
import typer.main

from gomend.engine.cli.app import app
from gomend.engine.cli.help import cuts_names
from tests.terminal import run_on_terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COMMANDS = ("scan", "diff", "fix", "branch", "migrate", "list", "explain", "lsp")


def _command(name: str) -> click.Command:
    group = typer.main.get_command(app)
    return group.commands[name]  # type: ignore[attr-defined,no-any-return]


def _names(name: str) -> list[str]:
    command = _command(name)
    params = command.get_params(click.Context(command))  # --help too
    return [n for p in params for n in (*p.opts, *p.secondary_opts) if n.startswith("-")]


def _env(columns: int) -> dict[str, str]:
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm"}
    for name in ("NO_COLOR", "FORCE_COLOR", "TERMINAL_WIDTH"):
        env.pop(name, None)
    return env


def _piped_help(name: str, columns: int) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "gomend", name, "--help"],
        capture_output=True,
        text=True,
        env=_env(columns),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _terminal_help(name: str, columns: int) -> str:
    env = _env(columns)
    env.pop("COLUMNS")  # the terminal's own size
    shown, _, code = run_on_terminal([name, "--help"], env, columns=columns, timeout=60)
    assert code == 0
    return ANSI.sub("", shown.decode())


def _whole(text: str, names: list[str]) -> list[str]:
    """The names that do not appear whole."""
    return [n for n in names if re.search(re.escape(n) + r"(?![\w-])", text) is None]


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("name", COMMANDS)
def test_piped_help_holds_every_option_name_whole(name: str, columns: int) -> None:
    text = _piped_help(name, columns)
    assert "…" not in text
    assert _whole(text, _names(name)) == []
    assert "\\[" not in text  # typer's markup escapes never show
    assert max(len(line) for line in text.splitlines()) <= columns


@pytest.mark.parametrize("columns", [80, 100])
def test_terminal_help_holds_every_option_name_whole(columns: int) -> None:
    text = _terminal_help("scan", columns)
    assert "…" not in text
    assert _whole(text, _names("scan")) == []
    assert "--no-unsafe-fixes" in text and "--include-generated" in text


def test_a_wide_terminal_keeps_the_rich_layout() -> None:
    text = _piped_help("scan", 200)
    assert "╭─ Options" in text and "…" not in text
    assert _whole(text, _names("scan")) == []
    narrow = _piped_help("scan", 80)
    assert "╭" not in narrow and "Options:" in narrow  # click's plain layout


def test_the_plain_layout_keeps_the_examples_indented_under_their_heading() -> None:
    text = _piped_help("fix", 80)
    tail = text[text.index("Examples:") - 2 :].splitlines()
    assert tail == [
        "  Examples:",
        "    gomend fix ./...",
        "    gomend fix --verify --unsafe-fixes ./internal/...",
        "    cat main.go | gomend fix --stdin-filename main.go",
    ]


def test_forced_colour_keeps_the_rich_layout_where_it_fits() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gomend", "scan", "--help"],
        capture_output=True,
        text=True,
        env={**_env(200), "FORCE_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert "╭─ Options" in ANSI.sub("", done.stdout)


def test_arguments_are_described() -> None:
    for columns in (80, 200):
        text = _piped_help("scan", columns)
        assert "Go files or folders to walk (default: the current folder)." in text
        assert text.count("[PATHS]...  Go files") <= 1 and "Positional arguments" not in text
    assert "A codemod id (see 'gomend list')." in _piped_help("explain", 80)


def test_what_counts_as_cut() -> None:
    command = _command("scan")
    ctx = click.Context(command)
    names = " ".join(_names("scan"))
    assert not cuts_names(names, command, ctx)
    assert cuts_names(names.replace("--no-unsafe-fixes", "--no-unsafe-fi…"), command, ctx)
    assert cuts_names(names.replace("--include-generated", "--include-genera"), command, ctx)
