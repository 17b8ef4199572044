"""Engine bugs the property, mutation, hostile-tree and standard-library runs found, pinned."""

from __future__ import annotations

from engine.imports import ensure_imports


def test_plain_import_goes_before_a_blank_import_of_the_same_path() -> None:
    source = b'package p\n\nimport (\n\t_ "context"\n\n\t"runtime"\n)\n'
    assert ensure_imports(source, ["context"]) == (
        b'package p\n\nimport (\n\t"context"\n\t_ "context"\n\n\t"runtime"\n)\n'
    )
