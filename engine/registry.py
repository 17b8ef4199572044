"""The registry: finds every codemod in the ``codemods`` package and checks its record.

Each module ``codemods/<name>.py`` exports ``CODEMOD``; its id is the module name with ``_``
spelled ``-``. A module that fails to import, lacks the record, repeats an id or names the
wrong id stops the program with a message that says which.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from gomend.engine.codemod import Codemod

DOC_SECTIONS = (
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## Fix safety",
)


class RegistryError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def all_codemods() -> tuple[Codemod, ...]:
    return load_codemods("gomend.codemods")


def load_codemods(package_name: str) -> tuple[Codemod, ...]:
    """Every codemod record in the package, checked; raises ``RegistryError``."""
    package = importlib.import_module(package_name)
    found: dict[str, Codemod] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{package_name}.{info.name}")
        except Exception as exc:
            raise RegistryError(f"codemods/{info.name}.py failed to import: {exc}") from exc
        record = getattr(module, "CODEMOD", None)
        if not isinstance(record, Codemod):
            raise RegistryError(f"codemods/{info.name}.py has no CODEMOD record")
        expected = info.name.replace("_", "-")
        if record.id != expected:
            raise RegistryError(
                f"codemods/{info.name}.py declares id {record.id!r}; expected {expected!r}"
            )
        if record.id in found:
            raise RegistryError(f"duplicate codemod id {record.id!r}")
        missing = [s for s in DOC_SECTIONS if s not in record.doc]
        if missing:
            raise RegistryError(f"codemod {record.id!r}: documentation lacks {', '.join(missing)}")
        found[record.id] = record
    return tuple(found.values())


def codemod_ids() -> list[str]:
    return [c.id for c in all_codemods()]


def get_codemod(codemod_id: str) -> Codemod:
    for c in all_codemods():
        if c.id == codemod_id:
            return c
    raise KeyError(codemod_id)


def select_codemods(select: list[str] | None, ignore: list[str] | None) -> list[Codemod]:
    """The codemods to run; raises ``KeyError`` naming an unknown id."""
    known = set(codemod_ids())
    for cid in (select or []) + (ignore or []):
        if cid not in known:
            raise KeyError(cid)
    chosen = [c for c in all_codemods() if not select or c.id in select]
    return [c for c in chosen if c.id not in (ignore or [])]
