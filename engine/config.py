"""Configuration: finding the file, reading it, and checking every key and value.

Each file gets one configuration file, as in ruff: ``--config FILE`` when given, otherwise the
nearest one found walking up from the file's folder: in each folder a ``gomend.toml`` (keys at
the top level), else a ``pyproject.toml`` that has a ``[tool.gomend]`` table (``Configs``).
Files are never merged: the nearest one is the whole configuration, so the result for a file
never depends on which other paths a run was given. In ``--config FILE`` a file named
``pyproject.toml`` is read from ``[tool.gomend]``, any other file from its top level.

Keys: ``select`` and ``ignore`` (lists of codemod ids), ``unsafe-fixes``,
``include-generated`` and ``verify`` (booleans; ``verify`` is ``gomend fix --verify``), ``exclude`` (gitignore-style patterns relative to the
folder holding the file), and one table per codemod id holding that codemod's settings
(``[tool.gomend.low-max-threads] threshold = 1000``). A setting's value is checked against its
kind: ``int`` an integer, ``bool`` a boolean, ``str`` a string, ``bytes`` a non-negative
integer or a string in ``GOMEMLIMIT``'s syntax: digits followed by nothing, ``B``, ``KiB``,
``MiB``, ``GiB`` or ``TiB`` (``"256MiB"``; decimal units such as ``"512MB"`` are refused, as
Go refuses them). Anything else raises ``ConfigError`` with one line naming the file, the
key and what was expected.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gomend.engine.codemod import Codemod, Setting
from gomend.engine.go.files import read_regular

GOMEND_TOML = "gomend.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "unsafe-fixes", "exclude", "include-generated", "verify")
BYTES_RE = re.compile(r"^([0-9]+)(B|KiB|MiB|GiB|TiB)?$")
BYTE_UNITS = {None: 1, "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}
BYTES_EXPECTED = 'a non-negative integer or a string such as "256MiB" (units B, KiB, MiB, GiB, TiB)'


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Config:
    """What a configuration file says; ``None`` where it says nothing."""

    path: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    unsafe_fixes: bool | None = None
    include_generated: bool | None = None
    verify: bool | None = None  # gomend fix --verify
    exclude: tuple[str, ...] = ()
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def folder(self) -> str | None:
        """The folder ``exclude`` patterns are relative to."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path else None


def parse_bytes(value: object) -> int:
    """A byte count from an integer or a ``GOMEMLIMIT``-style string; ``ValueError`` if not."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(value)
        return value
    if isinstance(value, str):
        match = BYTES_RE.match(value)
        if match:
            return int(match.group(1)) * BYTE_UNITS[match.group(2)]
    raise ValueError(value)


def check_setting(setting: Setting, value: object) -> Any:
    """The value to hand the codemod (bytes become an int); ``ValueError`` naming what the
    kind expects when the value does not fit it."""
    kind = setting.kind
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "str" and isinstance(value, str):
        return value
    if kind == "bytes":
        try:
            return parse_bytes(value)
        except ValueError:
            raise ValueError(BYTES_EXPECTED) from None
    expected = {"int": "an integer", "bool": "true or false", "str": "a string"}
    raise ValueError(expected.get(kind, f"a value of kind {kind!r}"))


def find_config(start: str) -> str | None:
    """The configuration file for a run over ``start``: the nearest ``gomend.toml``, or
    ``pyproject.toml`` with a ``[tool.gomend]`` table, in its folder or any folder above."""
    folder = os.path.abspath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        found = config_in(folder)
        if found is not None:
            return found
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def config_in(folder: str) -> str | None:
    """The configuration file in ``folder`` itself: ``gomend.toml``, else a ``pyproject.toml``
    with a ``[tool.gomend]`` table, else ``None``."""
    candidate = os.path.join(folder, GOMEND_TOML)
    if os.path.isfile(candidate):
        return candidate
    candidate = os.path.join(folder, PYPROJECT)
    if os.path.isfile(candidate) and _has_gomend_table(candidate):
        return candidate
    return None


def load_explicit(path: str, codemods: Sequence[Codemod]) -> Config:
    """The configuration file named for the whole run (``--config``, or ``-config`` under
    ``go vet``), which must exist."""
    if not os.path.isfile(path):
        raise ConfigError(f"{path}: configuration file not found")
    return load_config(path, codemods)


class Configs:
    """The configuration of each file of a run: ``explicit`` (``--config FILE``) for every
    file, else the nearest configuration file above the file (an empty ``Config`` when there
    is none). Each folder is looked at once and each file read once, however many files ask."""

    def __init__(self, explicit: str | None, codemods: Sequence[Codemod]) -> None:
        self.codemods = codemods
        self.explicit: Config | None = None
        if explicit is not None:
            self.explicit = load_explicit(explicit, codemods)
        self._folders: dict[str, Config] = {}
        self._files: dict[str, Config] = {}

    def for_path(self, path: str) -> Config:
        """The configuration that applies to ``path`` (a file, or a folder and what is in it)."""
        if self.explicit is not None:
            return self.explicit
        folder = os.path.abspath(path)
        if not os.path.isdir(folder):
            folder = os.path.dirname(folder)
        return self.for_folder(folder)

    def for_folder(self, folder: str) -> Config:
        """The configuration of the files directly in ``folder`` (an absolute path)."""
        if self.explicit is not None:
            return self.explicit
        climbed: list[str] = []
        config = Config()
        while True:
            known = self._folders.get(folder)
            if known is not None:
                config = known
                break
            climbed.append(folder)
            found = config_in(folder)
            if found is not None:
                config = self._files.get(found) or load_config(found, self.codemods)
                self._files[found] = config
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        for seen in climbed:
            self._folders[seen] = config
        return config

    def exclusion(self, folder: str) -> tuple[tuple[str, ...], str | None]:
        """The ``exclude`` patterns in force for the entries of ``folder`` and the folder they
        are relative to (the walk asks this of each folder it enters)."""
        config = self.for_folder(os.path.abspath(folder))
        return config.exclude, config.folder


def _has_gomend_table(path: str) -> bool:
    try:
        raw = read_regular(path)
    except OSError:
        return False
    if b"gomend" not in raw:  # an unrelated pyproject.toml is never parsed
        return False
    import tomllib  # imported when a configuration file is read: most runs have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # ours, broken: load_config says how
    tool = data.get("tool")
    return isinstance(tool, dict) and "gomend" in tool


def resolve_config(
    paths: Sequence[str], explicit: str | None, codemods: Sequence[Codemod]
) -> Config:
    """The configuration for a run: ``explicit`` (``--config``), else the file found upward
    from the first path, else an empty ``Config``."""
    if explicit is not None:
        return load_explicit(explicit, codemods)
    found = find_config(paths[0] if paths else ".")
    return load_config(found, codemods) if found else Config()


def load_config(path: str, codemods: Sequence[Codemod]) -> Config:
    """Read and check one file; ``codemods`` are the ids and settings it may name."""
    import tomllib

    shown = _shown(path)
    try:
        data = tomllib.loads(read_regular(path).decode("utf-8"))
    except RecursionError:
        raise ConfigError(f"{shown}: not valid TOML: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: not valid TOML: not UTF-8") from None
    prefix = ""
    if os.path.basename(path) == PYPROJECT:
        table = data.get("tool", {}).get("gomend")
        if table is None:
            raise ConfigError(f"{shown}: no [tool.gomend] table")
        if not isinstance(table, dict):
            raise ConfigError(f"{shown}: tool.gomend: expected a table")
        prefix = "tool.gomend."
    else:
        table = data
    return _read_table(table, path, shown, prefix, codemods)


def _read_table(
    table: dict[str, Any], path: str, shown: str, prefix: str, codemods: Sequence[Codemod]
) -> Config:
    by_id = {c.id: c for c in codemods}

    def fail(key: str, expected: str) -> ConfigError:
        return ConfigError(f"{shown}: {prefix}{key}: {expected}")

    values: dict[str, Any] = {}
    settings: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        if key in ("select", "ignore"):
            ids = _string_list(value)
            if ids is None:
                raise fail(key, f"expected a list of codemod ids, got {_show(value)}")
            for cid in ids:
                if cid not in by_id:
                    raise fail(key, f"unknown codemod id {cid!r} (expected one of {_ids(by_id)})")
            values[key] = tuple(ids)
        elif key == "exclude":
            patterns = _string_list(value)
            if patterns is None:
                raise fail(key, f"expected a list of glob patterns, got {_show(value)}")
            values[key] = tuple(patterns)
        elif key in ("unsafe-fixes", "include-generated", "verify"):
            if not isinstance(value, bool):
                raise fail(key, f"expected true or false, got {_show(value)}")
            values[key] = value
        elif key in by_id:
            settings[key] = _read_settings(by_id[key], value, fail)
        elif key == "tool" and not prefix:
            raise fail(
                key,
                "unknown key (in gomend.toml the keys are at the top level, without [tool.gomend])",
            )
        elif isinstance(value, dict):
            raise fail(key, f"unknown codemod id (expected one of {_ids(by_id)})")
        else:
            raise fail(key, f"unknown key (expected {', '.join(KEYS)} or a codemod id's table)")
    return Config(
        path=path,
        select=values.get("select"),
        ignore=values.get("ignore"),
        unsafe_fixes=values.get("unsafe-fixes"),
        include_generated=values.get("include-generated"),
        verify=values.get("verify"),
        exclude=values.get("exclude", ()),
        settings=settings,
    )


def _read_settings(codemod: Codemod, value: object, fail: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(codemod.id, f"expected a table of settings, got {_show(value)}")
    declared = {s.name: s for s in codemod.settings}
    out: dict[str, Any] = {}
    for name, raw in value.items():
        key = f"{codemod.id}.{name}"
        setting = declared.get(name)
        if setting is None:
            known = ", ".join(declared) if declared else "none"
            raise fail(key, f"unknown setting (settings of {codemod.id}: {known})")
        try:
            out[name] = check_setting(setting, raw)
        except ValueError as exc:
            raise fail(key, f"expected {exc}, got {_show(raw)}") from None
    return out


def _string_list(value: object) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _ids(by_id: dict[str, Codemod]) -> str:
    return ", ".join(sorted(by_id))


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def _shown(path: str) -> str:
    rel = os.path.relpath(path)
    return (path if rel.startswith("..") else rel).replace(os.sep, "/")
