"""The fix branch's records: what is asked (``BranchOptions``, ``Part``) and what came of it.

A ``BranchResult`` holds one branch's commits (a ``CodemodCommit`` per codemod that changed
something), its findings per file and codemod, the files changed, the files passed over,
its base and new commit, its status and whether it was pushed; ``summary`` says it in one
line. The statuses are named here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_BRANCH = "gomend/runtime-fixes"

CREATED = "created"  # a new branch (here, or on the remote when pushing)
UPDATED = "updated"  # gomend's own earlier branch replaced with the new commits
UP_TO_DATE = "up to date"  # the branch already holds the same files: left as it was
NOTHING_TO_FIX = "nothing to fix"  # no codemod changed anything: no branch
EDITED = "edited by someone else"  # holds a commit gomend did not make: left alone
FAILED = "failed"  # the error says why
INTERRUPTED = "interrupted"  # the run was stopped before this finished
WOULD_CREATE = "would create"  # --dry-run
WOULD_UPDATE = "would update"  # --dry-run


@dataclass(frozen=True)
class BranchOptions:
    codemod_ids: tuple[str, ...]
    name: str = DEFAULT_BRANCH
    base: str | None = None  # None: HEAD
    unsafe_fixes: bool = False
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    include_generated: bool = False
    include_vendor: bool = False
    author: str | None = None  # "Name <email>": author and committer
    force: bool = False  # replace an existing branch of the same name
    keep_current: bool = False  # an existing branch with the same result is left alone
    push: str | None = None  # a remote to push the branch to
    jobs: int = 1
    verify: bool = False  # Go builds and vets each commit's packages; failing ones are left out
    # Configuration: the repository's own (gomend.toml or [tool.gomend], as committed at the
    # base, found upward from the part's folder) unless ``config_file`` names one; options in
    # ``given`` were typed on the command line and override it.
    config_file: str | None = None
    given: frozenset[str] = frozenset()
    campaign: str | None = None  # the Gomend-Campaign trailer's value (default: ``name``)
    dry_run: bool = False  # analyse and commit in the worktree only: no branch, no push

    @property
    def campaign_name(self) -> str:
        return self.campaign or self.name


@dataclass(frozen=True)
class Part:
    """What one branch covers: the files under ``folder`` (relative to the repository root,
    ``/``-separated, ``.`` for all) except those under the ``excluded`` folders."""

    branch: str
    folder: str = "."
    excluded: tuple[str, ...] = ()


@dataclass
class CodemodCommit:
    codemod: str
    sha: str
    files: list[str]
    fixes: int


@dataclass
class BranchResult:
    branch: str
    folder: str = "."
    status: str = NOTHING_TO_FIX  # one of the statuses above
    commits: list[CodemodCommit] = field(default_factory=list)
    findings: dict[str, dict[str, int]] = field(default_factory=dict)  # path -> codemod -> n
    files_changed: list[str] = field(default_factory=list)
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> added, removed
    problems: list[str] = field(default_factory=list)  # "path: skipped: why"
    sha: str = ""  # the branch's commit: the new one, or the one kept when up to date
    base: str = ""  # the commit the branch starts from
    pushed: bool = False
    error: str = ""

    def findings_by_codemod(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for per_file in self.findings.values():
            for codemod, n in per_file.items():
                totals[codemod] = totals.get(codemod, 0) + n
        return dict(sorted(totals.items()))

    def summary(self) -> str:
        found = sum(self.findings_by_codemod().values())
        where = "" if self.folder == "." else f" ({self.folder})"
        if self.status == NOTHING_TO_FIX:
            text = (
                f"nothing to fix{where}: no branch made; {plural(found, 'finding')} without a fix"
            )
            if not found:
                text = f"nothing to fix{where}: no branch made"
        elif self.status == UP_TO_DATE:
            text = f"branch {self.branch}{where} is up to date; left as it was"
        elif self.status == EDITED:
            text = (
                f"branch {self.branch}{where} was edited by someone else; left as it was "
                "(--force replaces it)"
            )
        else:
            text = (
                f"branch {self.branch}{where} {self.status}: "
                f"{plural(len(self.commits), 'commit')}, "
                f"{plural(len(self.files_changed), 'file')} changed, {plural(found, 'finding')}"
            )
        if self.pushed:
            text += "; pushed"
        if self.error:
            text += f"; error: {self.error}"
        return text


def plural(n: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
