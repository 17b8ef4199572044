"""Real git repositories in temporary folders, for the branch and migration tests.

Every git command here runs with the user's global and system configuration shut out; the
identity is set in each repository's own configuration.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

LOST_CANCEL = """package {package}

import (
\t"context"
\t"time"
)

// Fetch waits at most a second.
func Fetch(parent context.Context) error {{
\tctx, _ := context.WithTimeout(parent, time.Second)
\treturn ctx.Err()
}}
"""

LOST_CANCEL_FIXED = """package {package}

import (
\t"context"
\t"time"
)

// Fetch waits at most a second.
func Fetch(parent context.Context) error {{
\tctx, cancel := context.WithTimeout(parent, time.Second)
\tdefer cancel()
\treturn ctx.Err()
}}
"""

CLEAN = """package {package}

// Add adds.
func Add(a, b int) int {{ return a + b }}
"""


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No global or system git configuration, and no identity from the environment."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))  # migrate's default workdir
    for name in ("AUTHOR", "COMMITTER"):
        for part in ("NAME", "EMAIL", "DATE"):
            monkeypatch.delenv(f"GIT_{name}_{part}", raising=False)


def git(cwd: Path | str, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def make_repo(path: Path, files: dict[str, str], identity: bool = True) -> Path:
    """A repository at ``path`` with one commit holding ``files``, on branch ``main``."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    if identity:
        git(path, "config", "user.name", "Repo Owner")
        git(path, "config", "user.email", "owner@example.com")
    write_files(path, files)
    git(path, "add", "--all")
    git(
        path,
        "-c",
        "user.name=Setup",
        "-c",
        "user.email=setup@example.com",
        "commit",
        "--quiet",
        "-m",
        "initial",
    )
    return path


def write_files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def go_module(name: str, package: str, misuse: bool = True) -> dict[str, str]:
    """A small module: go.mod and one file, with a lost-cancel misuse or without."""
    body = (LOST_CANCEL if misuse else CLEAN).format(package=package)
    return {"go.mod": f"module {name}\n\ngo 1.22\n", f"{package}.go": body}


def branch_files(repo: Path, branch: str, base: str = "main") -> list[str]:
    return sorted(git(repo, "diff", "--name-only", base, branch).split())


def commit_subjects(repo: Path, branch: str, base: str = "main") -> list[str]:
    return git(repo, "log", "--reverse", "--format=%s", f"{base}..{branch}").splitlines()


def slow_remote(path: Path, source: Path, markers: Path, seconds: float) -> str:
    """A bare clone of ``source`` at ``path`` whose pre-receive hook leaves a file in
    ``markers`` (a push under way) and sleeps ``seconds`` before taking the push: its URL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    git(path.parent, "clone", "--quiet", "--bare", str(source), str(path))
    hook = path / "hooks" / "pre-receive"
    hook.write_text(f"#!/bin/sh\ntouch '{markers}/{path.name}'\nsleep {seconds}\nexit 0\n")
    hook.chmod(0o755)
    return path.as_uri()


def _processes() -> dict[int, tuple[bytes, int, int]]:
    """Every process: pid -> (state, parent, session) (Linux's /proc)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(b")", 1)[-1].split()
        if len(fields) > 3:
            found[int(entry)] = (fields[0], int(fields[1]), int(fields[3]))
    return found


def led_sessions(pid: int) -> list[int]:
    """The processes below ``pid`` that lead a session of their own."""
    processes = _processes()
    below, todo = [], [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, (_, ppid, _) in processes.items() if ppid == parent]
        below += children
        todo += children
    return [child for child in below if processes[child][2] == child]


def session_processes(session: int) -> list[str]:
    """The processes still alive in the session led by ``session``: "pid command" each."""
    alive = []
    for pid, (state, _, sid) in _processes().items():
        if sid != session or state == b"Z":
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        command = cmdline.replace(b"\0", b" ").decode(errors="replace")
        alive.append(f"{pid} {command}")
    return alive
