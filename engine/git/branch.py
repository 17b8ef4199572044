"""Fix branches: the codemods' fixes committed on a new git branch, built in a temporary worktree.

The branch starts at ``HEAD`` (or a given base) and is built in a detached ``git worktree``
outside the repository, so the user's working tree, index, stash and current branch are
never touched, even when they hold uncommitted changes; when no committed file could change
(``analysis``), no worktree is made at all. Each codemod that changes something gets its
own commit (see ``commits``). Repository hooks are never run (a migrated repository may not
be trusted). The branch ref is set only when every commit is made, and only over a branch of
gomend's own (``campaign``) unless ``--force``; the worktree is removed afterwards, also
when the run fails or is interrupted. The branch is pushed last, after comparing it with
what the remote holds (``remote``); a stop asked through ``progress`` (it raises
``Interrupted``) leaves the parts not yet fixed and the pushes not yet begun
``interrupted``, and the branches already made as they are. ``--dry-run`` sets no branch
and pushes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import git

from gomend.engine.git.analysis import candidate_files, may_change
from gomend.engine.git.campaign import only_campaign_commits, same_tree
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
    CREATED,
    DEFAULT_BRANCH,
    EDITED,
    FAILED,
    INTERRUPTED,
    NOTHING_TO_FIX,
    UP_TO_DATE,
    UPDATED,
    WOULD_CREATE,
    WOULD_UPDATE,
    BranchOptions,
    BranchResult,
    CodemodCommit,
    Part,
)
from gomend.engine.git.remote import push_branch, remote_tips
from gomend.engine.git.stop import Interrupted

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
    if not options.force and not options.keep_current and not options.dry_run:
        for part in parts:
            if branch_exists(runner, part.branch):
                raise InputError(f"branch {part.branch} already exists (use --force to replace it)")
    author_env = author_environment(options.author)
    candidates = candidate_files(repo, runner, base, options)
    results = {p.branch: BranchResult(p.branch, p.folder, base=base) for p in parts}
    busy = [p for p in parts if may_change(p, candidates)]
    stopped = False
    if busy:  # no worktree at all when no file could change
        with temporary_worktree(repo, base) as worktree:
            wt = git_command(repo, worktree)
            for number, part in enumerate(busy):
                try:
                    if progress:  # raises once a stop is asked
                        progress(f"fixing {part.folder}" if part.folder != "." else "fixing")
                except Interrupted:  # the parts done so far keep their branches
                    for left in busy[number:]:
                        results[left.branch].status = INTERRUPTED
                        results[left.branch].error = "stopped before its fixes"
                    stopped = True
                    break
                if number:
                    wt.reset("--hard", "--quiet", base)
                result = commit_fixes(wt, worktree, part, options, author_env, candidates)
                result.base = base
                _settle_branch(runner, base, result, options)
                results[part.branch] = result
    settled = [results[p.branch] for p in parts]
    if options.push and stopped:
        _not_pushed([r for r in settled if r.commits and r.status != INTERRUPTED])
    elif options.push:
        _push_all(runner, options.push, settled, options, progress)
    return settled


def _not_pushed(results: Sequence[BranchResult]) -> None:
    """Branches a stop left unpushed."""
    for result in results:
        result.status, result.error = INTERRUPTED, "stopped before the push"


def build_branch(
    path: str, options: BranchOptions, progress: Progress | None = None
) -> BranchResult:
    """One branch with the fixes of the whole repository."""
    return build_branches(path, [Part(options.name)], options, progress)[0]


def _settle_branch(
    runner: git.Git, base: str, result: BranchResult, options: BranchOptions
) -> None:
    """Point the local branch at the new commits, or say why it was left as it was: the same
    files already there are up to date; a branch holding a commit gomend did not make (for
    this campaign) is left alone unless ``--force``. With ``--dry-run`` nothing is set."""
    if not result.commits:
        result.status = NOTHING_TO_FIX
        return
    ref = f"refs/heads/{result.branch}"
    existing = branch_exists(runner, result.branch)
    if existing and same_tree(runner, ref, result.sha):
        result.status = UP_TO_DATE
        result.sha = str(runner.rev_parse(ref)).strip()
        return
    mine = existing and only_campaign_commits(runner, ref, base, options.campaign_name)
    if existing and not (options.force or mine):
        result.status = EDITED
        return
    result.status = UPDATED if existing else CREATED
    if options.dry_run:
        result.status = WOULD_UPDATE if existing else WOULD_CREATE
        return
    try:
        # Refuses to move a branch checked out in any worktree: the user's files stay as
        # they are.
        runner.branch("--force" if existing else "--no-track", result.branch, result.sha)
    except git.GitCommandError as exc:
        raise InputError(f"cannot set branch {result.branch}: {git_error(exc)}") from None


def _push_all(
    runner: git.Git,
    remote: str,
    results: Sequence[BranchResult],
    options: BranchOptions,
    progress: Progress | None,
) -> None:
    """Each branch with new commits compared with the remote's and pushed where safe."""
    made = [r for r in results if r.commits]
    if not made:
        return
    try:
        tips = remote_tips(runner, remote, [r.branch for r in made])
    except BranchError as exc:
        for result in made:
            result.status, result.error = FAILED, str(exc)
        return
    for number, result in enumerate(made):
        try:
            if progress and not options.dry_run:
                progress(f"pushing {result.branch}")  # raises once a stop is asked
        except Interrupted:
            _not_pushed(made[number:])
            return
        push_branch(runner, remote, result, tips.get(result.branch), options)
