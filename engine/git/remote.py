"""The remote side of a fix branch: what the remote holds under the branch's name, and the push.

Before pushing, the remote's branches of those names are listed (``git ls-remote``) and
fetched into ``refs/gomend/fetched/<branch>``, so that a rerun from any workdir compares
with what is really there, not with a local branch: the same tree is up to date and nothing
is pushed; a branch holding only this campaign's commits is replaced with
``--force-with-lease`` on the id fetched; one holding a commit someone else made is left
alone unless ``--force``; a branch that is gone (or never was) is pushed anew, leased on
its absence. A failed push keeps all that the remote said (a hook's own lines included).
"""

from __future__ import annotations

from collections.abc import Sequence

import git

from gomend.engine.git.campaign import only_campaign_commits, same_tree
from gomend.engine.git.command import BranchError, git_error, killed_by_signal
from gomend.engine.git.records import (
    CREATED,
    EDITED,
    FAILED,
    INTERRUPTED,
    UP_TO_DATE,
    UPDATED,
    WOULD_CREATE,
    WOULD_UPDATE,
    BranchOptions,
    BranchResult,
)

FETCHED = "refs/gomend/fetched/"


def remote_tips(runner: git.Git, remote: str, branches: Sequence[str]) -> dict[str, str]:
    """The remote's commit for each of ``branches`` that it has, fetched here."""
    refs = {f"refs/heads/{b}": b for b in branches}
    try:
        listing = str(runner.ls_remote(remote, *refs))
    except git.GitCommandError as exc:
        raise BranchError(f"cannot reach {remote}: {git_error(exc)}") from None
    tips: dict[str, str] = {}
    for line in listing.splitlines():
        sha, _, ref = line.partition("\t")
        if ref.strip() in refs:
            tips[refs[ref.strip()]] = sha.strip()
    if tips:
        specs = [f"+refs/heads/{b}:{FETCHED}{b}" for b in tips]
        try:
            runner.fetch("--no-tags", "--quiet", remote, *specs)
        except git.GitCommandError as exc:
            raise BranchError(f"cannot fetch from {remote}: {git_error(exc)}") from None
    return tips


def push_branch(
    runner: git.Git, remote: str, result: BranchResult, tip: str | None, options: BranchOptions
) -> None:
    """Compare the new commits with the remote's ``tip`` of the branch (``None``: it has
    none) and push where that is safe (see the module doc); the result says what came of it."""
    new = result.sha
    if tip is None:
        lease, status = "", CREATED
    elif same_tree(runner, tip, new):
        result.status, result.sha = UP_TO_DATE, tip
        return
    elif options.force or only_campaign_commits(runner, tip, result.base, options.campaign_name):
        lease, status = tip, UPDATED
    else:
        result.status, result.sha = EDITED, tip
        return
    if options.dry_run:
        result.status = WOULD_CREATE if status == CREATED else WOULD_UPDATE
        return
    ref = f"refs/heads/{result.branch}"
    try:
        runner.push(
            "--no-verify",
            "--porcelain",
            f"--force-with-lease={ref}:{lease}",
            remote,
            f"{new}:{ref}",
        )
    except git.GitCommandError as exc:
        if killed_by_signal(exc):  # the stop's grace ran out during the push
            result.status, result.error = INTERRUPTED, f"the push to {remote} was ended by the stop"
            return
        result.status = FAILED
        result.error = f"push to {remote} failed: {push_error(exc)}"
        return
    result.status, result.pushed = status, True


def push_error(exc: git.GitCommandError) -> str:
    """Why a push failed, whole: the rejection (``[remote rejected] (pre-receive hook
    declined)``) and every line the remote printed (a hook's own message), or git's error."""
    out = exc.stdout if isinstance(exc.stdout, str) else ""
    text = exc.stderr if isinstance(exc.stderr, str) else str(exc.stderr or "")
    said = []
    for line in text.replace("stderr:", "").splitlines():
        line = line.strip().strip("'").strip()
        if line.startswith("remote:") and line.removeprefix("remote:").strip():
            said.append(line.removeprefix("remote:").strip())
    rejected = []
    for line in out.replace("stdout:", "").splitlines():
        fields = line.strip().strip("'").split("\t")
        if fields and fields[0] == "!" and len(fields) >= 3:
            rejected.append(fields[2].strip())
    parts = rejected + said
    return "; ".join(parts) if parts else git_error(exc)
