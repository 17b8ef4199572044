"""The exported names of every importable Go standard-library package, as data.

Dropping a dot import (``import . "runtime"``) that a fix left unused needs to know which
names the package exports. The engine knows no codemod, so the answer covers the whole
standard library: ``stdlib_exports.json`` beside this module, generated from the Go
toolchain by ``python -m gomend.engine.go.stdlib_generate`` (a small Go program, run with
``go run``, reads each package's files as the default build sees them) and checked by a test
that generates it again. Packages under ``internal``, ``vendor`` and ``cmd`` are left out:
no other module can import them.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stdlib_exports.json")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with open(DATA, encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


@lru_cache(maxsize=512)
def exported_names(path: str) -> frozenset[str] | None:
    """The names the standard-library package ``path`` exports; None for any other path."""
    names = _data()["packages"].get(path)
    return None if names is None else frozenset(names)
