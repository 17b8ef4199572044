"""One commit per codemod: a part of the worktree fixed codemod by codemod, each commit explained.

Each file's configuration is the repository's own (as committed at the base): the nearest
file above it, as ``gomend fix`` finds it, unless one is named, with the command line
overriding it. Each codemod runs over the part's files in turn;
the files it changes are written and committed, with a message made of the codemod's title,
the first paragraph of its "Why is this bad?" section, its safety tier and the files it
changed, ending with the ``Gomend-Campaign: <name>`` trailer by which a later run knows the
commit for its own (``campaign``). Commits never run hooks (``--no-verify``, and the runner's own options).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from typing import Any

import git

from gomend.engine import __version__
from gomend.engine.codemod import Codemod
from gomend.engine.config import Config, ConfigError, Configs
from gomend.engine.git.campaign import campaign_trailer
from gomend.engine.git.command import BranchError, InputError, git_error
from gomend.engine.git.records import (
    DEFAULT_BRANCH,
    BranchOptions,
    BranchResult,
    CodemodCommit,
    Part,
)
from gomend.engine.registry import all_codemods, get_codemod, select_codemods
from gomend.engine.run.options import RunOptions
from gomend.engine.run.runner import run_paths
from gomend.engine.run.verify import verify_fixes
from gomend.engine.run.walk import WalkOptions, excluded_file, walk_paths
from gomend.engine.run.writer import write_atomic

AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>\s*$")


def why_paragraph(codemod: Codemod) -> str:
    """The first paragraph of the codemod's "Why is this bad?" section."""
    _, _, rest = codemod.doc.partition("## Why is this bad?")
    paragraphs = [p.strip() for p in rest.split("\n## ", 1)[0].strip().split("\n\n")]
    return paragraphs[0] if paragraphs and paragraphs[0] else ""


def commit_message(
    codemod: Codemod,
    files: Sequence[str],
    fixes: int,
    unsafe: bool,
    verified: bool = False,
    campaign: str = DEFAULT_BRANCH,
) -> str:
    applied = "safe and unsafe fixes" if unsafe else "safe fixes only"
    lines = [
        codemod.title,
        "",
        why_paragraph(codemod),
        "",
        f"Fix safety: {codemod.safety.value} ({applied} applied; {fixes} fix"
        f"{'es' if fixes != 1 else ''})",
        f"Codemod: {codemod.id} (gomend {__version__}; 'gomend explain {codemod.id}')",
        "",
        "Files changed:",
        *(f"- {path}" for path in files),
    ]
    if verified:
        lines += ["", "Verified: go build and go vet find nothing new in the changed packages."]
    lines += ["", campaign_trailer(campaign)]
    return "\n".join(lines) + "\n"


def parse_author(author: str) -> tuple[str, str]:
    match = AUTHOR_RE.match(author)
    if match is None or not match["name"]:
        raise InputError(f"--author must look like 'Name <email>': {author!r}")
    return match["name"], match["email"]


DEFAULT_AUTHOR = "gomend <gomend@localhost>"  # a migration's, where git knows no one


def has_identity(runner: git.Git) -> bool:
    """Whether git can name an author and a committer here (its configuration or the
    environment), as a commit needs."""
    try:
        for ident in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
            runner.var(ident)
    except git.GitCommandError:
        return False
    return True


def author_environment(author: str | None) -> dict[str, str]:
    """The environment that makes ``author`` ("Name <email>") author and committer."""
    if not author:
        return {}
    name, email = parse_author(author)
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


NO_CONFIG = Config()  # for a file whose nearest configuration lies outside the worktree


class PartConfigs:
    """The configuration of each file of a part, as ``gomend fix`` gives it to each file:
    the nearest file above it in the worktree (never one above the worktree: that is not the
    repository's), or ``--config FILE`` for all; the command line overrides it."""

    def __init__(self, options: BranchOptions, worktree: str) -> None:
        self.options = options
        self.worktree = os.path.abspath(worktree)
        try:
            self.configs = Configs(options.config_file, all_codemods())
        except ConfigError as exc:
            raise InputError(str(exc)) from None
        self._merged: dict[int, BranchOptions] = {}

    def config(self, path: str) -> Config:
        try:
            config = self.configs.for_path(path)
        except ConfigError as exc:  # named as in the repository, not the temporary worktree
            raise InputError(str(exc).replace(self.worktree + os.sep, "")) from None
        inside = config.path is None or os.path.abspath(config.path).startswith(
            self.worktree + os.sep
        )
        return config if inside or self.options.config_file is not None else NO_CONFIG

    def exclusion(self, folder: str) -> tuple[tuple[str, ...], str | None]:
        config = self.config(os.path.join(folder, "."))
        return config.exclude, config.folder

    def options_for(self, path: str) -> BranchOptions:
        """The options for one file: its configuration filled in where the command line
        said nothing (one object per configuration, so files group by it)."""
        config = self.config(path)
        known = self._merged.get(id(config))
        if known is None:
            known = self._merged[id(config)] = _merged(self.options, config)
        return known


def _merged(options: BranchOptions, config: Config) -> BranchOptions:
    changes: dict[str, Any] = {"settings": {**config.settings, **options.settings}}
    if not options.given & {"select", "ignore"} and (config.select or config.ignore):
        # the ids were checked when the file was read
        chosen = select_codemods(
            list(config.select or ()) or None, list(config.ignore or ()) or None
        )
        changes["codemod_ids"] = tuple(c.id for c in chosen)
    if "unsafe_fixes" not in options.given and config.unsafe_fixes is not None:
        changes["unsafe_fixes"] = config.unsafe_fixes
    if "include_generated" not in options.given and config.include_generated is not None:
        changes["include_generated"] = config.include_generated
    return dataclasses.replace(options, **changes)


def commit_fixes(
    wt: git.Git,
    worktree: str,
    part: Part,
    options: BranchOptions,
    author_env: dict[str, str],
    candidates: set[str] | None = None,
) -> BranchResult:
    """The part's fixes committed in ``worktree``, one commit per codemod; the branch ref is
    not touched (the result's ``status`` is left for the caller). ``candidates``: the
    committed files some codemod could change (``analysis``), the only ones run; the others
    could have no finding."""
    result = BranchResult(branch=part.branch, folder=part.folder)
    root = worktree if part.folder == "." else os.path.join(worktree, *part.folder.split("/"))
    if not os.path.isdir(root):
        return result
    prefix = "" if part.folder == "." else part.folder + "/"
    excluded = tuple(
        "/" + e[len(prefix) :].strip("/") + "/" for e in part.excluded if e.startswith(prefix)
    )
    configs = PartConfigs(options, worktree)
    walked = walk_paths(
        [root], WalkOptions(include_vendor=options.include_vendor, exclude=excluded)
    )
    by_config = WalkOptions(exclusion=configs.exclusion)
    walked.files = [f for f in walked.files if not excluded_file(f, by_config)]
    rel = {f: os.path.relpath(f, worktree).replace(os.sep, "/") for f in walked.files}
    if candidates is not None:
        walked.files = [f for f in walked.files if rel[f] in candidates]
    file_options = {f: configs.options_for(f) for f in walked.files}
    codemod_ids = dict.fromkeys(c for o in file_options.values() for c in o.codemod_ids)
    result.problems.extend(
        f"{os.path.relpath(p, worktree).replace(os.sep, '/')}: skipped: {why}"
        for p, why in walked.skipped
    )
    changed: set[str] = set()
    for codemod_id in codemod_ids:
        codemod = get_codemod(codemod_id)
        files: list[str] = []
        fixes = 0
        unsafe = False
        pending: dict[str, tuple[bytes, bytes]] = {}  # with verify: written once Go has looked
        for group, group_files in _groups(walked.files, file_options, codemod_id):
            unsafe = unsafe or group.unsafe_fixes
            run_options = RunOptions(
                codemod_ids=(codemod_id,),
                unsafe_fixes=group.unsafe_fixes,
                settings=group.settings,
                include_generated=group.include_generated,
            )
            for file_result in run_paths(group_files, run_options, jobs=options.jobs):
                name = rel[file_result.path]
                if file_result.findings:
                    per_file = result.findings.setdefault(name, {})
                    per_file[codemod_id] = per_file.get(codemod_id, 0) + len(file_result.findings)
                if file_result.status in ("skipped", "failed"):
                    result.problems.append(f"{name}: {file_result.status}: {file_result.reason}")
                if file_result.status == "changed" and file_result.after is not None:
                    if options.verify:
                        with open(file_result.path, "rb") as fh:
                            pending[file_result.path] = (fh.read(), file_result.after)
                    else:
                        write_atomic(file_result.path, file_result.after)
                    files.append(name)
                    fixes += sum(file_result.fixed_by.values())
        for package in verify_fixes(pending, write_atomic) if pending else []:
            gone = {rel[f] for f in package.files}
            files = [f for f in files if f not in gone]
            folder = os.path.relpath(package.package, worktree).replace(os.sep, "/")
            result.problems.append(f"{folder}: {codemod_id} fix reverted: {package.error}")
        if not files:
            continue
        try:
            wt.add("--", *files)
            message = commit_message(
                codemod,
                sorted(files),
                fixes,
                unsafe,
                options.verify,
                options.campaign_name,
            )
            wt.commit("--no-verify", "--quiet", "-m", message, env=author_env or None)
            sha = str(wt.rev_parse("HEAD")).strip()
        except git.GitCommandError as exc:
            raise BranchError(f"cannot commit the {codemod_id} fixes: {git_error(exc)}") from None
        result.commits.append(CodemodCommit(codemod_id, sha, files, fixes))
        changed.update(files)
    result.files_changed = sorted(changed)
    if result.commits:
        result.sha = result.commits[-1].sha
        result.lines = line_counts(wt, f"{result.commits[0].sha}^", result.sha)
    return result


def line_counts(wt: git.Git, old: str, new: str) -> dict[str, tuple[int, int]]:
    """Per file, the lines added and removed between two commits (``git diff --numstat``)."""
    counts: dict[str, tuple[int, int]] = {}
    try:
        text = str(wt.diff("--numstat", "-z", "--no-renames", old, new))
    except git.GitCommandError:
        return counts
    for record in text.split("\0"):
        fields = record.split("\t", 2)
        if len(fields) == 3 and fields[0].isdigit() and fields[1].isdigit():
            counts[fields[2]] = (int(fields[0]), int(fields[1]))
    return counts


def _groups(
    files: list[str], file_options: dict[str, BranchOptions], codemod_id: str
) -> list[tuple[BranchOptions, list[str]]]:
    """The files ``codemod_id`` runs on, grouped by their options (in path order within)."""
    groups: dict[int, tuple[BranchOptions, list[str]]] = {}
    for path in files:
        chosen = file_options[path]
        if codemod_id in chosen.codemod_ids:
            groups.setdefault(id(chosen), (chosen, []))[1].append(path)
    return list(groups.values())
