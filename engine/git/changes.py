"""The lines the working tree changed since a revision (``--new-from-rev REV``, or
``--new-from-merge-base BRANCH`` for REV = ``git merge-base BRANCH HEAD``), asked of git once
per repository the paths lie in, as the run layer's ``ChangedLines``
(``engine/run/newlines.py``):

- ``git diff -U0 REV``: the working tree (staged or not) against REV, the new side of each
  hunk; renames are followed, so a moved file is new only where it changed; a deleted line
  makes no line new;
- every untracked file that ``.gitignore`` does not hide counts as new throughout;
- a text that is not on disk (``--stdin-filename``) is compared with REV's blob of its path.

Git runs without hooks (``SAFE_GIT_OPTIONS``), external diff drivers, text conversion,
colour or a configured prefix, so that its output reads the same in every repository.
Outside a repository, or for a revision git does not know, ``ChangesError`` (exit 2).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

import git

from gomend.engine.git.command import SAFE_GIT_OPTIONS, git_error
from gomend.engine.run.newlines import ChangedLines, Lines, changed_between

_HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_C_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r"}


class ChangesError(Exception):
    """Not in a repository, or a revision git does not know: one line, exit 2."""


def _runner(top: str) -> git.Git:
    runner = git.Git(top)
    runner.set_persistent_git_options(c=[*SAFE_GIT_OPTIONS, "core.quotePath=false"])
    return runner


def _toplevel(path: str, option: str) -> str:
    """The real path of the working tree holding ``path``."""
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    try:
        repo = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ChangesError(f"{option} needs a git repository: {path} is not in one") from None
    if repo.working_tree_dir is None:
        raise ChangesError(f"{option} needs a working tree: {path} is in a bare repository")
    return os.path.realpath(repo.working_tree_dir)


def resolve_rev(top: str, rev: str | None, branch: str | None) -> str:
    """The commit REV names, or the merge base of BRANCH and HEAD, in the repository at
    ``top``."""
    runner = _runner(top)
    if branch is not None:
        for name in (branch, "HEAD"):
            _commit(runner, name, "--new-from-merge-base", "unknown branch or revision")
        try:
            return str(runner.merge_base(branch, "HEAD")).strip()
        except git.GitCommandError:
            raise ChangesError(
                f"--new-from-merge-base: {branch} and HEAD have no common ancestor"
            ) from None
    assert rev is not None
    return _commit(runner, rev, "--new-from-rev", "unknown revision")


def _commit(runner: git.Git, rev: str, option: str, what: str) -> str:
    if rev.startswith("-"):  # never an option to git
        raise ChangesError(f"{option}: {what}: {rev}")
    try:
        return str(runner.rev_parse("--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"))
    except git.GitCommandError:
        if rev == "HEAD":
            raise ChangesError(f"{option}: the repository has no commit yet") from None
        raise ChangesError(f"{option}: {what}: {rev}") from None


def changed_lines(
    paths: Sequence[str], rev: str | None = None, branch: str | None = None
) -> ChangedLines:
    """Each changed file's new lines since ``rev`` (or the merge base of ``branch`` and
    HEAD), in every repository that holds one of ``paths``."""
    option = "--new-from-rev" if branch is None else "--new-from-merge-base"
    files: dict[str, Lines] = {}
    shown = rev if branch is None else branch
    for top in dict.fromkeys(_toplevel(path, option) for path in paths):
        commit = resolve_rev(top, rev, branch)
        runner = _runner(top)
        try:
            out = runner.diff(*_DIFF_FLAGS, commit.strip(), "--", strip_newline_in_stdout=False)
            others = runner.ls_files("-z", "--others", "--exclude-standard")
        except git.GitCommandError as exc:
            raise ChangesError(f"{option}: git diff failed: {git_error(exc)}") from None
        for name, lines in parse_diff(out).items():
            files[os.path.join(top, *name.split("/"))] = lines
        for name in others.split("\0"):
            if name:  # git's names are "/"-separated on every system
                files[os.path.join(top, *name.split("/"))] = None
    return ChangedLines(str(shown), files)


_DIFF_FLAGS = (
    "-U0",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--find-renames",
    "--ignore-submodules",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


def stdin_lines(
    path: str, text: bytes, rev: str | None = None, branch: str | None = None
) -> ChangedLines:
    """The changed lines of ``text`` given as the file ``path``, against REV's version of
    that path (none there: all new)."""
    option = "--new-from-rev" if branch is None else "--new-from-merge-base"
    top = _toplevel(path, option)
    commit = resolve_rev(top, rev, branch).strip()
    folder, base = os.path.split(os.path.abspath(path))
    real = os.path.join(os.path.realpath(folder), base)
    name = os.path.relpath(real, top).replace(os.sep, "/")
    lines: Lines = None
    try:
        old = _runner(top).show(f"{commit}:{name}", stdout_as_string=False)
    except git.GitCommandError:
        old = None  # not in REV: a new file
    if isinstance(old, bytes):
        lines = changed_between(old, text)
    return ChangedLines(str(rev if branch is None else branch), {real: lines})


def parse_diff(out: str) -> dict[str, frozenset[int]]:
    """The new-side lines of each file of a ``git diff -U0`` (paths relative to the
    repository root); a file only deleted from, or only renamed, has none."""
    files: dict[str, set[int]] = {}
    current: set[int] | None = None
    left = 0  # the lines of the hunk under way still to pass over
    for line in out.split("\n"):  # not splitlines: a form feed is no line break
        if left > 0:
            if not line.startswith("\\"):  # "\ No newline at end of file" is no line
                left -= 1
            continue
        if line.startswith("+++ "):
            name = _unquoted(line[4:].removesuffix("\t"))  # git ends a name with a space so
            current = None if name == "/dev/null" else files.setdefault(name[2:], set())
            continue
        match = _HUNK.match(line)
        if match is None:
            continue
        old_count, start, count = (int(g) if g is not None else 1 for g in match.groups())
        left = old_count + count
        if current is not None:
            current.update(range(start, start + count))
    return {name: frozenset(lines) for name, lines in files.items()}


def _unquoted(name: str) -> str:
    """A path as git prints it in a diff header: as it is, or in quotes with C escapes."""
    if not (name.startswith('"') and name.endswith('"') and len(name) >= 2):
        return name
    out = bytearray()
    body = name[1:-1]
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\" or i + 1 == len(body):
            out += c.encode()
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in "01234567" and i + 4 <= len(body):
            out.append(int(body[i + 1 : i + 4], 8))
            i += 4
            continue
        out += _C_ESCAPES.get(nxt, nxt).encode()
        i += 2
    return out.decode("utf-8", "surrogateescape")
