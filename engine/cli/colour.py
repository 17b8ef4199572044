"""Colour on a terminal: whether standard output gets it, and the text output painted (paths,
rule ids and fix marks of findings, the lines of a diff), with plain ANSI escapes so that no
run pays for importing rich to colour.

Standard output is coloured when it is a terminal (and ``TERM`` is not ``dumb``); never with
``NO_COLOR`` set to anything but the empty string (no-color.org); always with
``FORCE_COLOR`` so set, unless ``NO_COLOR`` is too; on Windows, only on a console that
reads ANSI escapes once asked to. Output that is not coloured is byte for byte what it is
without this module.
"""

from __future__ import annotations

import os
import re
import sys

RESET = "\x1b[0m"
BOLD = "1"
RED = "31"
GREEN = "32"
YELLOW = "33"
CYAN = "36"
RULE = "1;31"  # a rule id: bold red, as ruff prints its codes


def stdout_coloured() -> bool:
    """Whether this run colours its standard output (a command asks once)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty() and _escapes_understood()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def _escapes_understood() -> bool:
    """Whether the terminal reads ANSI escapes: always but on Windows, where the console's
    processing of them is turned on here (Windows 10 and later); an older console gets none."""
    if os.name != "nt":
        return True
    try:
        import ctypes

        kernel = getattr(ctypes, "windll").kernel32  # noqa: B009 (no windll on other systems)
        handle = kernel.GetStdHandle(-11)  # standard output
        mode = ctypes.c_uint32()
        if not kernel.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel.SetConsoleMode(handle, mode.value | 0x0004))  # virtual terminal
    except (AttributeError, OSError):
        return False


def paint(text: str, style: str) -> str:
    """``text`` in an SGR style (``"1;31"``); the empty text stays empty."""
    return f"\x1b[{style}m{text}{RESET}" if text else text


_MARKS = {"[*]": CYAN, "[unsafe]": YELLOW, "[fixed]": GREEN}


def mark(text: str) -> str:
    """A finding's fix mark (``[*] ``, ``[unsafe] ``, `` [fixed]``) in its colour, the
    spaces around it left plain."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core)
    return text[:start] + paint(core, _MARKS.get(core, BOLD)) + text[start + len(core) :]


def diff(text: str) -> str:
    """A git-style diff painted as git paints one: the file headers bold, the hunk headers
    cyan, removed lines red, added lines green. The header lines are told from a removed
    line that reads ``--- ...`` by where they stand: before a file's first hunk."""
    out = []
    in_header = False
    for line in re.findall(r"[^\n]*\n|[^\n]+", text):  # a form feed breaks no line in a diff
        body = line.rstrip("\r\n")
        end = line[len(body) :]
        if line.startswith("diff --git "):
            in_header = True
        if in_header and not line.startswith("@@"):
            out.append(paint(body, BOLD) + end)
            continue
        in_header = False
        if line.startswith("@@"):
            close = body.find(" @@", 2)
            head, rest = (body[: close + 3], body[close + 3 :]) if close >= 0 else (body, "")
            out.append(paint(head, CYAN) + rest + end)
        elif line.startswith("+"):
            out.append(paint(body, GREEN) + end)
        elif line.startswith("-"):
            out.append(paint(body, RED) + end)
        else:
            out.append(line)
    return "".join(out)
