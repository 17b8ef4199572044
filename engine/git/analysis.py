"""Whether a repository can change at all, judged on its committed files without a worktree.

The ``.go`` files committed at the base are read from git's object store (the missing blobs
of a partial clone fetched in one go, and only those) and put to the prefilter, which never
drops a file a codemod could change. The folders holding a file that some codemod could
match are the ones worth a worktree; a part without one has nothing to fix. The judgement
is kept on the safe side: every codemod of the registry is asked unless the command line
chose them, and a ``.go`` symbolic link counts as a match.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence

import git

from gomend.engine.git.command import SAFE_GIT_OPTIONS
from gomend.engine.git.records import BranchOptions, Part
from gomend.engine.registry import all_codemods, get_codemod
from gomend.engine.run.prefilter import Prefilter


def candidate_files(repo: git.Repo, runner: git.Git, base: str, options: BranchOptions) -> set[str]:
    """The committed ``.go`` files at ``base`` that some codemod could change."""
    blobs: dict[str, str] = {}
    found: set[str] = set()
    for entry in str(runner.ls_tree("-r", "-z", base)).split("\0"):
        meta, _, path = entry.partition("\t")
        fields = meta.split()
        if len(fields) != 3 or not path.endswith(".go"):
            continue
        if fields[0] == "120000":
            found.add(path)  # a link: what it points at is not judged here
        elif fields[1] == "blob":
            blobs[path] = fields[2]
    _prefetch(repo, runner, base, sorted(set(blobs.values())))
    chosen = options.given & {"select", "ignore"}
    codemods = [get_codemod(i) for i in options.codemod_ids] if chosen else all_codemods()
    prefilter = Prefilter(codemods)
    try:
        for path, sha in blobs.items():
            raw = runner.get_object_data(sha)[3]
            if prefilter.codemods_for(path, raw):
                found.add(path)
    finally:
        runner.clear_cache()  # ends the cat-file process
    return found


def may_change(part: Part, candidates: set[str]) -> bool:
    """Whether a candidate file lies in the part (under its folder, outside its exclusions)."""
    prefix = "" if part.folder == "." else part.folder + "/"
    excluded = tuple(e + "/" for e in part.excluded)
    return any(p.startswith(prefix) and not p.startswith(excluded) for p in candidates)


def _prefetch(repo: git.Repo, runner: git.Git, base: str, shas: Sequence[str]) -> None:
    """In a partial clone, fetch the blobs that are not here yet, in one request."""
    reader = repo.config_reader()
    if not shas or not reader.get_value('remote "origin"', "promisor", default=False):
        return
    # rev-list with --missing never fetches: it says which objects are not here
    listing = str(runner.rev_list("--objects", "--missing=print", "--no-walk", base))
    absent = {line[1:].split()[0] for line in listing.splitlines() if line.startswith("?")}
    missing = [s for s in shas if s in absent]
    if not missing:
        return
    safe = [arg for option in SAFE_GIT_OPTIONS for arg in ("-c", option)]
    with tempfile.TemporaryFile() as wanted:
        wanted.write("".join(s + "\n" for s in missing).encode())
        wanted.seek(0)
        runner.execute(
            [
                "git",
                *safe,
                "-c",
                "fetch.negotiationAlgorithm=noop",
                "fetch",
                "origin",
                "--no-tags",
                "--no-write-fetch-head",
                "--recurse-submodules=no",
                "--filter=blob:none",
                "--stdin",
            ],
            istream=wanted,
        )
