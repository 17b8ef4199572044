"""What a migration runs over: the targets file, clones of URLs, and each repository's Go modules.

A target is a local repository (its root, not a folder inside one) or a clone URL; clones
live in the work folder and are fetched, not cloned again, on the next run. In a repository
every committed ``go.mod`` is found; with ``--split module`` each module is a part with its
own branch (the root module keeps the plain name, others add their folder:
``gomend/runtime-fixes-services-api``), otherwise the repository is one part. A folder's
name part keeps only letters, digits, ``.``, ``_`` and ``-`` (no ``..``, no ``.lock`` or dot
at the end), so that the branch is a valid ref for any path; two folders that come out the
same (``svc/api`` and ``svc-api``) each get a short hash of their path. Without a root
module, the files outside every module are a part of their own, on the plain name.

Clones are partial (``--filter=blob:none``: a blob is fetched when it is read) unless a full
one is asked for; a fetch brings, in the same round trip, the commit the remote's ``HEAD``
names now (``REMOTE_HEAD``), so that a clone's base is the remote's current default branch
(``remote_base``), followed when it is renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

import git

from gomend.engine.git.command import (
    SAFE_GIT_OPTIONS,
    BranchError,
    git_command,
    git_error,
    killed_by_signal,
    open_repository,
)
from gomend.engine.git.gitlog import LoggedGit
from gomend.engine.git.records import Part
from gomend.engine.git.workdir import partial_clone
from gomend.engine.run.walk import SKIPPED_DIRS

SCP_LIKE_RE = re.compile(r"^[\w.+-]+@[\w.-]+:(?!//)")
BRANCHES = "+refs/heads/*:refs/remotes/origin/*"  # a clone's own fetch refspec
REMOTE_HEAD = "refs/gomend/origin-head"  # the remote's HEAD commit as of the last fetch
MODULE_RE = re.compile(r"^\s*module\s+(\"[^\"]*\"|\S+)", re.MULTILINE)


class MigrateError(Exception):
    """A problem with the migration as a whole (exit 2): bad targets file, no scheduler."""


@dataclass(frozen=True)
class Module:
    folder: str  # relative to the repository root, "/"-separated; "." for the root
    path: str  # the module path its go.mod declares


def read_targets(path: str) -> list[str]:
    """A targets file: one repository a line; blank lines and ``#`` comments ignored."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        raise MigrateError(f"cannot read {path}: {exc.strerror or exc}") from None
    targets = []
    for line in lines:
        text = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if text:
            targets.append(text)
    return targets


def is_url(target: str) -> bool:
    return "://" in target or bool(SCP_LIKE_RE.match(target))


def repository_name(target: str) -> str:
    """A short name for a target: the last part of its path, without ``.git``."""
    tail = re.split(r"[/:\\]", target.rstrip("/\\"))[-1]
    return tail.removesuffix(".git") or target


def clone_folder(workdir: str, url: str) -> str:
    digest = hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()[:10]
    return os.path.join(workdir, f"{repository_name(url)}-{digest}")


def fetch_or_clone(url: str, workdir: str, full: bool = False) -> str:
    """The clone of ``url`` in ``workdir``: fetched when it is already there (with the
    remote's ``HEAD`` commit, ``REMOTE_HEAD``), else cloned, partially unless ``full``; a
    folder in the way that is not that clone is removed first."""
    dest = clone_folder(workdir, url)
    runner = LoggedGit()
    runner.set_persistent_git_options(c=list(SAFE_GIT_OPTIONS))
    if os.path.isdir(os.path.join(dest, ".git")):
        try:
            repo = git.Repo(dest)
            same = any(r.name == "origin" and r.url == url for r in repo.remotes)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            same = False
        if same:
            _fetch(repo, url)
            return dest
    if os.path.lexists(dest):  # a broken or foreign clone, or a folder: start again
        try:
            if os.path.isdir(dest) and not os.path.islink(dest):
                shutil.rmtree(dest)
            else:
                os.remove(dest)
        except OSError as exc:
            raise BranchError(f"cannot remove {dest}: {exc.strerror or exc}") from None
    os.makedirs(workdir, exist_ok=True)
    with partial_clone(dest) as partial:  # a killed clone is removed by the next run
        try:
            cheap = () if full else ("--filter=blob:none",)
            runner.clone("--no-checkout", "--quiet", *cheap, "--", url, partial)
            os.replace(partial, dest)
        except git.GitCommandError as exc:
            raise BranchError(f"cannot clone {url}: {git_error(exc)}") from None
    return dest


def _fetch(repo: git.Repo, url: str) -> None:
    """The remote's branches, and the commit its ``HEAD`` names now (``REMOTE_HEAD``), in
    one fetch; a remote whose ``HEAD`` cannot be fetched is fetched again without it, and
    ``origin/HEAD`` is asked of it instead."""
    runner = git_command(repo)
    try:
        runner.fetch("--prune", "--quiet", "origin", BRANCHES, f"+HEAD:{REMOTE_HEAD}")
        return
    except git.GitCommandError as exc:
        if killed_by_signal(exc) or "remote ref HEAD" not in str(exc.stderr):
            raise BranchError(f"cannot fetch {url}: {git_error(exc)}") from None
    try:
        runner.fetch("--prune", "--quiet", "origin")
    except git.GitCommandError as exc:
        raise BranchError(f"cannot fetch {url}: {git_error(exc)}") from None
    with contextlib.suppress(git.GitCommandError):
        runner.update_ref("-d", REMOTE_HEAD)
    with contextlib.suppress(git.GitCommandError):  # a remote without a HEAD
        runner.remote("set-head", "origin", "--auto")


def repository_root(path: str) -> git.Repo:
    """The repository whose root is ``path``: a folder inside another repository is not one."""
    repo = open_repository(path)
    root = repo.working_tree_dir
    if root is None or os.path.realpath(root) != os.path.realpath(path):
        raise BranchError(f"not a git repository: {path}")
    return repo


def remote_base(repo: git.Repo, base: str | None) -> str | None:
    """Where a clone's branch starts: the remote's default branch, or ``origin/<base>``
    when the remote has that branch (else ``base`` as given: a tag or a commit)."""
    if base is None:
        for ref in (REMOTE_HEAD, "refs/remotes/origin/HEAD"):
            if has_ref(repo, ref):
                return ref
        return None
    if has_ref(repo, f"refs/remotes/origin/{base}"):
        return f"refs/remotes/origin/{base}"
    return base


def target_key(target: str) -> str:
    """What tells two targets apart: a folder however written (its real path, also as a
    ``file://`` URL), a URL without its user, a trailing ``/`` or ``.git``, with its scheme and
    host in lower case (``git@host:o/r`` is ``ssh://host/o/r``)."""
    if not is_url(target):
        return "file:" + os.path.realpath(os.path.expanduser(target))
    if "://" not in target:  # scp-like: user@host:path
        host, _, path = target.partition(":")
        scheme, netloc = "ssh", host
    else:
        parts = urllib.parse.urlsplit(target)
        scheme, netloc, path = parts.scheme.lower(), parts.netloc, parts.path
        if scheme == "file":
            return "file:" + os.path.realpath(urllib.parse.unquote(path))
    netloc = netloc.rpartition("@")[2].lower()
    path = "/" + path.strip("/").removesuffix(".git").strip("/")
    return f"{scheme}://{netloc}{path}"


def unique_targets(targets: Sequence[str]) -> tuple[list[str], list[str]]:
    """The targets without repeats (``target_key``: the same URL, or the same folder however
    written), and the repeats left out."""
    seen: set[str] = set()
    kept: list[str] = []
    repeats: list[str] = []
    for target in targets:
        key = target_key(target)
        if key in seen:
            repeats.append(target)
        else:
            seen.add(key)
            kept.append(target)
    return kept, repeats


def has_ref(repo: git.Repo, ref: str) -> bool:
    try:
        git_command(repo).rev_parse("--verify", "--quiet", ref)
    except git.GitCommandError:
        return False
    return True


def find_modules(repo: git.Repo, rev: str) -> list[Module]:
    """Every Go module committed at ``rev``, root first (vendor/, testdata/ and hidden or
    ``_`` folders are passed over, as the walk does)."""
    runner = git_command(repo)
    listing = str(runner.ls_tree("-r", "--name-only", "-z", rev))
    modules: list[Module] = []
    for name in listing.split("\0"):
        if name != "go.mod" and not name.endswith("/go.mod"):
            continue
        parts = name.split("/")[:-1]
        if any(p in SKIPPED_DIRS or p.startswith((".", "_")) for p in parts):
            continue
        try:
            text = str(runner.cat_file("blob", f"{rev}:{name}"))
        except git.GitCommandError:
            text = ""
        match = MODULE_RE.search(text)
        declared = match.group(1).strip('"') if match else ""
        modules.append(Module("/".join(parts) or ".", declared))
    modules.sort(key=lambda m: (m.folder != ".", m.folder))
    return modules


def folder_slug(folder: str) -> str:
    """A folder as a piece of a branch name that git accepts whatever the folder is called."""
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", folder.replace("/", "-"))
    text = re.sub(r"\.{2,}", "-", text).strip(".-")
    if text.endswith(".lock"):
        text = text.removesuffix(".lock") + "-lock"
    return text


def module_branches(name: str, folders: Sequence[str]) -> dict[str, str]:
    """Each module folder's branch: the plain name for the root, ``name-<slug>`` for the
    others, with a short hash of the folder where two slugs would be the same."""
    slugs = {f: folder_slug(f) for f in folders if f != "."}
    count: dict[str, int] = {}
    for slug in slugs.values():
        count[slug] = count.get(slug, 0) + 1
    branches = {".": name} if "." in folders else {}
    for folder, slug in slugs.items():
        if count[slug] > 1 or not slug:
            digest = hashlib.sha1(folder.encode(), usedforsecurity=False).hexdigest()[:7]
            slug = f"{slug}-{digest}" if slug else digest
        branches[folder] = f"{name}-{slug}"
    return branches


def parts_for(modules: Sequence[Module], name: str, split: bool) -> list[Part]:
    """The parts with a branch each: the repository, or each module (and, without a root
    module, the files outside every module, on the plain name)."""
    if not split or not modules:
        return [Part(name)]
    folders = [m.folder for m in modules]
    branches = module_branches(name, folders)
    parts = []
    for module in modules:
        inner = tuple(
            m.folder
            for m in modules
            if m.folder != module.folder
            and (module.folder == "." or m.folder.startswith(module.folder + "/"))
        )
        parts.append(Part(branches[module.folder], module.folder, inner))
    if "." not in folders:
        outermost = tuple(f for f in folders if not any(f.startswith(o + "/") for o in folders))
        parts.append(Part(name, ".", outermost))
    return parts
