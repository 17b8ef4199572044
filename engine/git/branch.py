"""Fix branches: the codemods' fixes committed on a new git branch, built in a temporary worktree.

The branch starts at ``HEAD`` (or a given base) and is built in a detached ``git worktree``
outside the repository, so the user's working tree, index, stash and current branch are
never touched, even when they hold uncommitted changes. Each codemod that changes something
gets its own commit, whose message is the codemod's title, the first paragraph of its
"Why is this bad?" section, its safety tier and the files it changed. Repository hooks are
never run (a migrated repository may not be trusted). The branch ref is set only when every
commit is made, and the worktree is removed afterwards, also when the run fails or is
interrupted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import git
from gomend.engine import __version__
from gomend.engine.codemod import Codemod
from gomend.engine.config import Config, ConfigError, resolve_config
from gomend.engine.registry import all_codemods, get_codemod, select_codemods
from gomend.engine.run.options import RunOptions
from gomend.engine.run.runner import run_paths
from gomend.engine.run.walk import WalkOptions, walk_paths
from gomend.engine.run.writer import write_atomic

DEFAULT_BRANCH = "gomend/runtime-fixes"
# Every git command runs with these: no hook of the repository (nor of a template) runs,
# whatever its configuration says, and no file-system monitor command is started.
SAFE_GIT_OPTIONS = ("core.hooksPath=" + os.devnull, "core.fsmonitor=false")
AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>]*)>\s*$")


class BranchError(Exception):
    """The branch could not be built; ``exit_code`` 2 for an input error, 1 otherwise."""

    exit_code = 1


class InputError(BranchError):
    """Not a repository, an unknown base, an existing branch without ``--force``..."""

    exit_code = 2


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
    # Configuration: the repository's own (gomend.toml or [tool.gomend], as committed at the
    # base, found upward from the part's folder) unless ``config_file`` names one; options in
    # ``given`` were typed on the command line and override it.
    config_file: str | None = None
    given: frozenset[str] = frozenset()


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
    # "created", "replaced", "up to date", "exists" (differs, left alone), "nothing to fix"
    status: str = "nothing to fix"
    commits: list[CodemodCommit] = field(default_factory=list)
    findings: dict[str, dict[str, int]] = field(default_factory=dict)  # path -> codemod -> n
    files_changed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "path: skipped: why"
    sha: str = ""
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
        if self.status == "nothing to fix":
            text = f"nothing to fix{where}: no branch made; {found} finding(s) without a fix"
            if not found:
                text = f"nothing to fix{where}: no branch made"
        elif self.status == "up to date":
            text = f"branch {self.branch}{where} is up to date; left as it was"
        elif self.status == "exists":
            text = f"branch {self.branch}{where} exists with other content; left as it was"
        else:
            commits = len(self.commits)
            text = (
                f"branch {self.branch}{where} {self.status}: {commits} commit"
                f"{'s' if commits != 1 else ''}, {len(self.files_changed)} file"
                f"{'s' if len(self.files_changed) != 1 else ''} changed, {found} finding"
                f"{'s' if found != 1 else ''}"
            )
        if self.pushed:
            text += "; pushed"
        if self.error:
            text += f"; error: {self.error}"
        return text


def why_paragraph(codemod: Codemod) -> str:
    """The first paragraph of the codemod's "Why is this bad?" section."""
    _, _, rest = codemod.doc.partition("## Why is this bad?")
    paragraphs = [p.strip() for p in rest.split("\n## ", 1)[0].strip().split("\n\n")]
    return paragraphs[0] if paragraphs and paragraphs[0] else ""


def commit_message(codemod: Codemod, files: Sequence[str], fixes: int, unsafe: bool) -> str:
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
    return "\n".join(lines) + "\n"


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
    """A git runner for ``repo`` (or a worktree of it) that never runs hooks."""
    runner = git.Git(cwd or repo.working_tree_dir or repo.git_dir)
    runner.set_persistent_git_options(c=list(SAFE_GIT_OPTIONS))
    return runner


def parse_author(author: str) -> tuple[str, str]:
    match = AUTHOR_RE.match(author)
    if match is None or not match["name"]:
        raise InputError(f"--author must look like 'Name <email>': {author!r}")
    return match["name"], match["email"]


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
    author_env: dict[str, str] = {}
    if options.author:
        name, email = parse_author(options.author)
        author_env = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
        }
    results: list[BranchResult] = []
    with temporary_worktree(repo, base) as worktree:
        wt = git_command(repo, worktree)
        for number, part in enumerate(parts):
            if number:
                wt.reset("--hard", "--quiet", base)
            if progress:
                progress(f"fixing {part.folder}" if part.folder != "." else "fixing")
            result = _commit_fixes(wt, worktree, part, options, author_env)
            _settle_branch(runner, wt, base, result, options)
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


@contextlib.contextmanager
def temporary_worktree(repo: git.Repo, base: str) -> Any:
    """A detached worktree at ``base`` in a temporary folder, removed on the way out."""
    folder = tempfile.mkdtemp(prefix="gomend-worktree-")
    worktree = os.path.join(folder, "tree")
    runner = git_command(repo)
    try:
        try:
            runner.worktree("add", "--detach", "--quiet", worktree, base)
        except git.GitCommandError as exc:
            raise BranchError(f"cannot make a worktree: {git_error(exc)}") from None
        yield worktree
    finally:
        with contextlib.suppress(git.GitCommandError):
            runner.worktree("remove", "--force", worktree)
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(git.GitCommandError):
            runner.worktree("prune")


def _with_config(
    options: BranchOptions, root: str, worktree: str
) -> tuple[BranchOptions, tuple[str, ...], str | None]:
    """``options`` with the configuration filled in where the command line said nothing,
    and the configuration's ``exclude`` patterns with the folder they are relative to."""
    try:
        config = resolve_config([root], options.config_file, all_codemods())
    except ConfigError as exc:  # named as in the repository, not the temporary worktree
        raise InputError(str(exc).replace(worktree + os.sep, "")) from None
    found_above = config.path is not None and not os.path.abspath(config.path).startswith(
        os.path.abspath(worktree) + os.sep
    )
    if found_above and options.config_file is None:
        config = Config()  # found above the worktree: not the repository's
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
    return dataclasses.replace(options, **changes), config.exclude, config.folder


def _commit_fixes(
    wt: git.Git,
    worktree: str,
    part: Part,
    options: BranchOptions,
    author_env: dict[str, str],
) -> BranchResult:
    result = BranchResult(branch=part.branch, folder=part.folder)
    root = worktree if part.folder == "." else os.path.join(worktree, *part.folder.split("/"))
    if not os.path.isdir(root):
        return result
    prefix = "" if part.folder == "." else part.folder + "/"
    excluded = tuple(
        "/" + e[len(prefix) :].strip("/") + "/" for e in part.excluded if e.startswith(prefix)
    )
    options, config_exclude, config_base = _with_config(options, root, worktree)
    walked = walk_paths(
        [root],
        WalkOptions(
            include_vendor=options.include_vendor,
            exclude=excluded + config_exclude,
            exclude_base=config_base,
        ),
    )
    rel = {f: os.path.relpath(f, worktree).replace(os.sep, "/") for f in walked.files}
    result.problems.extend(
        f"{os.path.relpath(p, worktree).replace(os.sep, '/')}: skipped: {why}"
        for p, why in walked.skipped
    )
    changed: set[str] = set()
    for codemod_id in options.codemod_ids:
        codemod = get_codemod(codemod_id)
        run_options = RunOptions(
            codemod_ids=(codemod_id,),
            unsafe_fixes=options.unsafe_fixes,
            settings=options.settings,
            include_generated=options.include_generated,
        )
        files: list[str] = []
        fixes = 0
        for file_result in run_paths(walked.files, run_options, jobs=options.jobs):
            name = rel[file_result.path]
            if file_result.findings:
                per_file = result.findings.setdefault(name, {})
                per_file[codemod_id] = per_file.get(codemod_id, 0) + len(file_result.findings)
            if file_result.status in ("skipped", "failed"):
                result.problems.append(f"{name}: {file_result.status}: {file_result.reason}")
            if file_result.status == "changed" and file_result.after is not None:
                write_atomic(file_result.path, file_result.after)
                files.append(name)
                fixes += sum(file_result.fixed_by.values())
        if not files:
            continue
        try:
            wt.add("--", *files)
            message = commit_message(codemod, files, fixes, options.unsafe_fixes)
            wt.commit("--no-verify", "--quiet", "-m", message, env=author_env or None)
            sha = str(wt.rev_parse("HEAD")).strip()
        except git.GitCommandError as exc:
            raise BranchError(f"cannot commit the {codemod_id} fixes: {git_error(exc)}") from None
        result.commits.append(CodemodCommit(codemod_id, sha, files, fixes))
        changed.update(files)
    result.files_changed = sorted(changed)
    if result.commits:
        result.sha = result.commits[-1].sha
    return result


def _settle_branch(
    runner: git.Git, wt: git.Git, base: str, result: BranchResult, options: BranchOptions
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
