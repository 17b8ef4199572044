"""What a killed run leaves in a migration's work folder, and its removal by the next run.

A clone is made in ``<clone>.partial-<pid>-<id>`` and renamed when complete; the folder
has a lock file beside it (``.lock`` added to its name) held for as long as the clone runs
(``partial_clone``). A fix branch is built in a temporary worktree registered in the clone
(``command.temporary_worktree``). A worker killed on the way leaves either behind: at its
start, a migration removes every partial clone whose lock no one holds, and every clone's
worktrees that gomend made and no live run holds (``clean_workdir``). A run under way in the
same folder holds its locks, and is left alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator

import git

from gomend.engine.git.command import WORKTREE_PREFIX, git_command, remove_stale_worktrees
from gomend.engine.go.files import held, hold

PARTIAL = ".partial-"


@contextlib.contextmanager
def partial_clone(dest: str) -> Iterator[str]:
    """A folder to clone ``dest`` into, locked while the block runs, removed after it (the
    block renames it to ``dest`` when the clone is complete)."""
    partial = f"{dest}{PARTIAL}{os.getpid()}-{uuid.uuid4().hex[:6]}"
    lock = open(partial + ".lock", "w")  # noqa: SIM115 - held for the block
    hold(lock.fileno())
    try:
        yield partial
    finally:
        shutil.rmtree(partial, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.remove(partial + ".lock")
        lock.close()


def clean_workdir(workdir: str) -> list[str]:
    """Remove what killed runs left in ``workdir``: the paths removed."""
    try:
        names = sorted(os.listdir(workdir))
    except OSError:
        return []
    removed: list[str] = []
    for name in names:
        path = os.path.join(workdir, name)
        if PARTIAL in name and not name.endswith(".lock") and os.path.isdir(path):
            if not held(path + ".lock"):
                shutil.rmtree(path, ignore_errors=True)
                with contextlib.suppress(OSError):
                    os.remove(path + ".lock")
                removed.append(path)
        elif os.path.isdir(os.path.join(path, ".git")):
            removed.extend(prune_worktrees(path))
    return removed


def prune_worktrees(root: str) -> list[str]:
    """The worktrees of killed gomend runs that the repository at ``root`` still lists,
    removed (a look at ``.git/worktrees`` first, so that a clean clone costs no git command)."""
    listed = os.path.join(root, ".git", "worktrees")
    try:
        entries = os.listdir(listed)
    except OSError:
        return []
    ours = False
    for entry in entries:
        try:
            with open(os.path.join(listed, entry, "gitdir"), encoding="utf-8") as fh:
                ours = ours or WORKTREE_PREFIX in fh.read()
        except OSError:
            continue
    if not ours:
        return []
    try:
        return remove_stale_worktrees(git_command(git.Repo(root)))
    except (git.GitError, OSError):
        return []
