"""The go command's side of ``go vet -vettool`` and ``go fix -fixtool``: what it asks and
what it hands over (``cmd/go/internal/vet`` and ``cmd/go/internal/work`` in Go's source).

The go command runs the tool three ways: ``-flags`` (the tool's flags, as JSON, which
``go vet`` then accepts and passes through), ``-V=full`` (one line that names the tool's
build: the go command keys its cache on it) and, once per package, ``[flags] unit.cfg``: a
JSON file naming the package's files as this build sees them (build tags and
``GOOS``/``GOARCH`` applied), its Go version and where the outputs go.

This module imports nothing of gomend's engine: ``-flags``, ``-V=full`` and the calls for a
dependency's facts (``VetxOnly``) answer in the time Python takes to start.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

import gomend
from gomend.engine import __version__

if TYPE_CHECKING:
    from collections.abc import Callable


class UsageError(ValueError):
    """A command line or unit configuration the tool cannot run: one line, exit 2."""


class Unit:
    """One package as the go command describes it in ``vet.cfg``. (Plain classes here, not
    dataclasses: importing ``dataclasses`` would double what a call for facts costs.)"""

    def __init__(self, data: dict[str, object]) -> None:
        files = data.get("GoFiles")
        module = data.get("Module")
        self.id = str(data.get("ID") or data.get("ImportPath") or "")  # "m [m.test]"
        self.dir = str(data.get("Dir") or "")
        # absolute paths, build constraints applied
        self.go_files = tuple(str(f) for f in files) if isinstance(files, list) else ()
        self.go_version = str(data.get("GoVersion") or "")  # "go1.24", from go.mod
        self.module_dir = str(module.get("Dir") or "") if isinstance(module, dict) else ""
        # only the facts of a dependency are wanted: gomend has none
        self.vetx_only = bool(data.get("VetxOnly"))
        # must be written (empty) for the go command to cache the call
        self.vetx_output = str(data.get("VetxOutput") or "")
        self.stdout = str(data.get("Stdout") or "")  # where the tool's standard output goes
        self.fix_archive = str(data.get("FixArchive") or "")  # go fix: the fixed files


def read_unit(path: str) -> Unit:
    try:
        with open(path, "rb") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the unit configuration {path}: {exc}") from None
    unit = Unit(data) if isinstance(data, dict) else None
    if unit is None or not unit.go_files:
        raise UsageError(f"{path}: not a go vet unit configuration (no GoFiles)")
    return unit


# name, takes no value, usage: what -flags reports (the go command accepts these and passes
# them through); -json, -fix and -diff are set by go vet and go fix themselves
FLAGS = (
    ("json", True, "print diagnostics and fixes as JSON (set by go vet; go vet -json shows it)"),
    ("fix", True, "apply the fixes instead of reporting (set by go fix and go vet -fix)"),
    ("diff", True, "with -fix: print the fixes as a unified diff instead of applying them"),
    ("unsafe-fixes", True, "also apply the fixes marked unsafe (gomend list shows which)"),
    ("select", False, "comma-separated codemod ids to run (default: the configuration's)"),
    ("ignore", False, "comma-separated codemod ids not to run"),
    (
        "config",
        False,
        "the configuration file for every package, by absolute path (default: the nearest)",
    ),
)
_BOOL = {name for name, boolean, _ in FLAGS if boolean}
_VALUED = {name for name, boolean, _ in FLAGS if not boolean}


def flags_json() -> str:
    return json.dumps([{"Name": n, "Bool": b, "Usage": u} for n, b, u in FLAGS], indent="\t")


class Args:
    """A per-package call: its flags and ``unit.cfg``."""

    def __init__(self) -> None:
        self.unit = ""
        self.flags: dict[str, str | bool] = {}

    def on(self, name: str) -> bool:
        return bool(self.flags.get(name, False))

    def ids(self, name: str) -> list[str] | None:
        value = self.flags.get(name)
        if not isinstance(value, str) or not value.strip():
            return None
        return [part.strip() for part in value.split(",") if part.strip()]


def parse_args(argv: list[str]) -> Args:
    """Flags as Go's flag package reads them (``-name``, ``--name``, ``-name=value``,
    ``-name value``), then exactly one ``unit.cfg``."""
    args = Args()
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            break
        if not arg.startswith("-") or arg == "-":
            rest.insert(0, arg)
            break
        name, has_value, value = arg.lstrip("-").partition("=")
        if name in _BOOL:
            if has_value and value.lower() not in ("true", "false", "1", "0", "t", "f"):
                raise UsageError(f"invalid boolean value {value!r} for -{name}")
            args.flags[name] = not has_value or value.lower() in ("true", "1", "t")
        elif name in _VALUED:
            if not has_value:
                if not rest:
                    raise UsageError(f"flag needs an argument: -{name}")
                value = rest.pop(0)
            args.flags[name] = value
        else:
            raise UsageError(f"flag provided but not defined: -{name}")
    if args.on("diff") and not args.on("fix"):
        raise UsageError("-diff needs -fix (go fix -diff, or go vet -fix -diff)")
    config = args.flags.get("config")
    if isinstance(config, str) and not os.path.isabs(config):
        raise UsageError(
            f"-config needs an absolute path (the go command runs each package in its own "
            f"folder): -config=$PWD/{config}"
        )
    if len(rest) != 1 or not rest[0].endswith(".cfg"):
        raise UsageError("expected one unit configuration (unit.cfg) after the flags")
    args.unit = rest[0]
    return args


CONFIG_NAMES = ("gomend.toml", "pyproject.toml")


def tool_id(program: str, start: str = ".") -> str:
    """The ``-V=full`` line. Not "devel", so the go command keys its cache on the whole line:
    gomend's version and a hash of what decides its output besides the package's files,
    which the go command hashes itself: gomend's own code and the configuration files that
    can apply to packages at or under ``start`` (the go command's folder). A configuration
    changed elsewhere, or the file ``-config`` names, needs ``go vet -a``."""
    import contextlib
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for grammar in ("tree-sitter", "tree-sitter-go"):  # the parser decides findings too
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{grammar} {metadata.version(grammar)}".encode())
    package = os.path.dirname(os.path.abspath(gomend.__file__))  # links followed below
    for path in sorted(_files(package, lambda name: name.endswith((".py", ".json")), follow=True)):
        digest.update(path.encode())
        digest.update(_read(path))
    for path in _configs(os.path.abspath(start)):
        digest.update(path.encode())
        digest.update(_read(path))
    return f"{program} version gomend-{__version__}+{digest.hexdigest()[:16]}"


PASSED_OVER = {"__pycache__", "node_modules", "testdata", "vendor"}  # no package of ./... there


def _files(root: str, wanted: Callable[[str], bool], follow: bool = False) -> list[str]:
    found: list[str] = []
    for folder, subfolders, names in os.walk(root, followlinks=follow):
        subfolders[:] = [s for s in subfolders if s not in PASSED_OVER and not s.startswith(".")]
        found.extend(os.path.join(folder, n) for n in names if wanted(n))
    return found


def _configs(start: str) -> list[str]:
    """Every configuration file above ``start`` and under it (hidden folders left out)."""
    found: list[str] = []
    folder = start
    while True:
        found.extend(
            p for p in (os.path.join(folder, n) for n in CONFIG_NAMES) if os.path.isfile(p)
        )
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    found.extend(_files(start, lambda name: name in CONFIG_NAMES))
    return sorted(set(found))


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b""
