"""Fix branches: the codemods' fixes committed on a new git branch, built in a temporary worktree.

The branch starts at ``HEAD`` (or a given base) and is built in a detached ``git worktree``
outside the repository, so the user's working tree, index, stash and current branch are
never touched, even when they hold uncommitted changes. Each codemod that changes something
gets its own commit (see ``commits``). Repository hooks are never run (a migrated repository
may not be trusted). The branch ref is set only when every commit is made, and the worktree
is removed afterwards, also when the run fails or is interrupted; the branch is pushed last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import git

from gomend.engine.git.command import (
    BranchError,
    InputError,
    branch_exists,
    check_branch_name,
    git_command,
    git_error,
    open_repository,
    resolve_base,
    temporary_worktree,
)
from gomend.engine.git.commits import author_environment, commit_fixes
from gomend.engine.git.records import (
    DEFAULT_BRANCH,
    BranchOptions,
    BranchResult,
    CodemodCommit,
    Part,
)

# The records and errors are named here too: this is where a caller builds a branch.
__all__ = [
    "DEFAULT_BRANCH",
    "BranchError",
    "BranchOptions",
    "BranchResult",
    "CodemodCommit",
    "InputError",
    "Part",
    "Progress",
    "build_branch",
    "build_branches",
]

Progress = Callable[[str], None]


def build_branches(
    path: str,
    parts: Sequence[Part],
    options: BranchOptions,
    progress: Progress | None = None,
) -> list[BranchResult]:
    """Build one fix branch per part of the repository at ``path`` (see the module doc).

    Raises ``BranchError`` for a problem with the repository as a whole; a failed push is
    recorded in that branch's result instead.
    """
    repo = open_repository(path)
    runner = git_command(repo)
    for part in parts:
        check_branch_name(runner, part.branch)
    base = resolve_base(runner, options.base)
    if not options.force and not options.keep_current:
        for part in parts:
            if branch_exists(runner, part.branch):
                raise InputError(f"branch {part.branch} already exists (use --force to replace it)")
    author_env = author_environment(options.author)
    results: list[BranchResult] = []
    with temporary_worktree(repo, base) as worktree:
        wt = git_command(repo, worktree)
        for number, part in enumerate(parts):
            if number:
                wt.reset("--hard", "--quiet", base)
            if progress:
                progress(f"fixing {part.folder}" if part.folder != "." else "fixing")
            result = commit_fixes(wt, worktree, part, options, author_env)
            _settle_branch(runner, base, result, options)
            results.append(result)
    if options.push:
        for result in results:
            if result.status in ("nothing to fix", "exists"):
                continue
            if progress:
                progress(f"pushing {result.branch}")
            _push(runner, options.push, result)
    return results


def build_branch(
    path: str, options: BranchOptions, progress: Progress | None = None
) -> BranchResult:
    """One branch with the fixes of the whole repository."""
    return build_branches(path, [Part(options.name)], options, progress)[0]


def _settle_branch(
    runner: git.Git, base: str, result: BranchResult, options: BranchOptions
) -> None:
    """Point the branch at the new commits, or say why it was left as it was."""
    if not result.commits:
        result.status = "nothing to fix"
        return
    existing = branch_exists(runner, result.branch)
    if existing and options.keep_current and _same_result(runner, base, result):
        result.status = "up to date"
        result.sha = str(runner.rev_parse(f"refs/heads/{result.branch}")).strip()
        return
    if existing and not options.force:
        result.status = "exists"
        result.error = f"branch {result.branch} exists with other content (use --force to replace)"
        return
    try:
        # Refuses to move a branch checked out in any worktree: the user's files stay as
        # they are.
        runner.branch("--force" if existing else "--no-track", result.branch, result.sha)
    except git.GitCommandError as exc:
        raise InputError(f"cannot set branch {result.branch}: {git_error(exc)}") from None
    result.status = "replaced" if existing else "created"


def _same_result(runner: git.Git, base: str, result: BranchResult) -> bool:
    """Whether the existing branch starts from ``base`` and holds the same files as the new
    commits (an earlier run of the same migration)."""
    ref = f"refs/heads/{result.branch}"
    try:
        runner.merge_base("--is-ancestor", base, ref)
        old_tree = str(runner.rev_parse(f"{ref}^{{tree}}")).strip()
        new_tree = str(runner.rev_parse(f"{result.sha}^{{tree}}")).strip()
    except git.GitCommandError:
        return False
    return old_tree == new_tree


def _push(runner: git.Git, remote: str, result: BranchResult) -> None:
    refspec = f"refs/heads/{result.branch}:refs/heads/{result.branch}"
    if result.status == "replaced":
        refspec = "+" + refspec
    try:
        runner.push("--no-verify", "--quiet", "--porcelain", remote, refspec)
    except git.GitCommandError as exc:
        result.error = f"push to {remote} failed: {git_error(exc)}"
        return
    result.pushed = True
