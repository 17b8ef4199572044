"""Git commands on a repository, never running a hook: the runner, refs, the temporary worktree.

Every git command runs with ``SAFE_GIT_OPTIONS``: no hook of the repository (nor of a
template) runs, whatever its configuration says, and no file-system monitor command is
started. A failed command is told in one line by ``git_error``; the layer's errors are
``BranchError`` (exit 1) and ``InputError`` (exit 2).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from typing import Any

import git

from gomend.engine.git.gitlog import LoggedGit
from gomend.engine.go.files import held, hold

SAFE_GIT_OPTIONS = ("core.hooksPath=" + os.devnull, "core.fsmonitor=false")


class BranchError(Exception):
    """The branch could not be built; ``exit_code`` 2 for an input error, 1 otherwise."""

    exit_code = 1


class InputError(BranchError):
    """Not a repository, an unknown base, an existing branch without ``--force``..."""

    exit_code = 2


def open_repository(path: str) -> git.Repo:
    """The repository containing ``path`` (its working tree, not a bare one)."""
    if not os.path.exists(path):
        raise InputError(f"path does not exist: {path}")
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise InputError(f"not a git repository: {path}") from None
    return repo


def git_command(repo: git.Repo, cwd: str | None = None) -> git.Git:
    """A git runner for ``repo`` (or a worktree of it) that never runs hooks (and logs its
    commands to the repository's log, when one is open: ``gitlog``)."""
    runner = LoggedGit(cwd or repo.working_tree_dir or repo.git_dir)
    runner.set_persistent_git_options(c=list(SAFE_GIT_OPTIONS))
    return runner


def branch_exists(runner: git.Git, name: str) -> bool:
    try:
        runner.rev_parse("--verify", "--quiet", f"refs/heads/{name}")
    except git.GitCommandError:
        return False
    return True


def resolve_base(runner: git.Git, base: str | None) -> str:
    rev = base or "HEAD"
    try:
        return str(runner.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}")).strip()
    except git.GitCommandError:
        if base is None:
            raise InputError("the repository has no commit yet (HEAD does not resolve)") from None
        raise InputError(f"unknown base revision: {base}") from None


def check_branch_name(runner: git.Git, name: str) -> None:
    try:
        runner.check_ref_format("--branch", name)
    except git.GitCommandError:
        raise InputError(f"not a valid branch name: {name!r}") from None


WORKTREE_PREFIX = "gomend-worktree-"
_OURS = re.compile(r"[/\\]" + WORKTREE_PREFIX + r"[A-Za-z0-9_]+[/\\]tree$")


@contextlib.contextmanager
def temporary_worktree(repo: git.Repo, base: str) -> Any:
    """A detached worktree at ``base`` in a temporary folder, removed on the way out. The
    folder holds a lock for as long as the run uses it; the worktrees of killed runs (gomend's
    folder name, no one holding the lock) are removed first, from the repository's list and
    from the disk."""
    folder = tempfile.mkdtemp(prefix=WORKTREE_PREFIX)
    worktree = os.path.join(folder, "tree")
    runner = git_command(repo)
    lock = open(os.path.join(folder, ".lock"), "w")  # noqa: SIM115 - held for the block
    hold(lock.fileno())
    try:
        remove_stale_worktrees(runner)
        try:
            runner.worktree("add", "--detach", "--quiet", worktree, base)
        except git.GitCommandError as exc:
            raise BranchError(f"cannot make a worktree: {git_error(exc)}") from None
        yield worktree
    finally:
        with contextlib.suppress(git.GitCommandError):
            runner.worktree("remove", "--force", worktree)
        lock.close()
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(git.GitCommandError):
            runner.worktree("prune")


def remove_stale_worktrees(runner: git.Git) -> list[str]:
    """Remove the worktrees that killed gomend runs left registered: the ones removed."""
    try:
        listing = runner.worktree("list", "--porcelain")
    except git.GitCommandError:
        return []
    removed = []
    for line in listing.splitlines():
        path = line.removeprefix("worktree ").strip()
        if not line.startswith("worktree ") or not _OURS.search(path):
            continue
        folder = os.path.dirname(path)
        if held(os.path.join(folder, ".lock")):
            continue  # a run under way
        with contextlib.suppress(git.GitCommandError):
            runner.worktree("remove", "--force", path)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(path)
    if removed:
        with contextlib.suppress(git.GitCommandError):
            runner.worktree("prune")
    return removed


def killed_by_signal(exc: git.GitCommandError) -> bool:
    """Whether the git process was ended by a signal (a stop's SIGTERM), not failing."""
    return isinstance(exc.status, int) and exc.status < 0


def git_error(exc: git.GitCommandError) -> str:
    """What went wrong, in one line: git's first ``fatal:``/``error:`` line (or a push's
    rejection reason), without the prefix."""
    out = exc.stdout if isinstance(exc.stdout, str) else ""
    for line in out.replace("stdout:", "").splitlines():
        fields = line.strip().strip("'").split("\t")
        if fields and fields[0] == "!" and len(fields) >= 3:  # push --porcelain: rejected
            return f"{fields[1].split(':')[-1]} {fields[2]}".strip()
    text = exc.stderr if isinstance(exc.stderr, str) else str(exc.stderr or "")
    lines = [
        line.strip().strip("'").strip()
        for line in text.replace("stderr:", "").splitlines()
        if line.strip().strip("'").strip()
    ]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line.removeprefix(prefix)
    return lines[-1] if lines else str(exc)
