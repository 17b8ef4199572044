"""Whose a branch is: the trailer gomend writes in every commit, and the tests built on it.

Every commit gomend makes ends with a ``Gomend-Campaign: <name>`` trailer (the campaign is
the branch name unless one is given). A branch whose commits since the base all carry this
campaign's trailer is gomend's own and may be replaced by a rerun; a branch holding any
other commit was edited by someone else. Two commits hold the same result when their trees
are the same.
"""

from __future__ import annotations

import git

TRAILER = "Gomend-Campaign"


def campaign_trailer(campaign: str) -> str:
    return f"{TRAILER}: {campaign}"


def same_tree(runner: git.Git, one: str, other: str) -> bool:
    """Whether the two commits hold the same files (``False`` when either is unknown)."""
    try:
        trees = [str(runner.rev_parse(f"{rev}^{{tree}}")).strip() for rev in (one, other)]
    except git.GitCommandError:
        return False
    return trees[0] == trees[1]


def only_campaign_commits(runner: git.Git, tip: str, base: str, campaign: str) -> bool:
    """Whether every commit reachable from ``tip`` but not from ``base`` carries this
    campaign's trailer (a branch with no such commit is not one gomend made)."""
    try:
        listing = str(
            runner.log(
                f"--format=%(trailers:key={TRAILER},valueonly,separator=%x2C)%x00",
                tip,
                "--not",
                base,
            )
        )
    except git.GitCommandError:
        return False
    values = [entry.strip() for entry in listing.split("\0")[:-1]]
    return bool(values) and all(campaign in [p.strip() for p in v.split(",")] for v in values)
