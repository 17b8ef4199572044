"""finalizer-for-cleanup beyond the golden cases: finalizers and close methods declared in
sibling files, and siblings read only when the file itself does not decide."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomend.engine.go import package
from gomend.engine.run.golden import run_codemod

OPEN = b"""package store

import (
	"os"
	"runtime"
)

type handle struct{ f *os.File }

func open(name string) *handle {
	f, _ := os.Open(name)
	h := &handle{f: f}
	runtime.SetFinalizer(h, (*handle).finalize)
	return h
}
"""


def findings_in(folder: Path, source: bytes = OPEN) -> list[int]:
    path = folder / "open.go"
    path.write_bytes(source)
    return [f.line for f in run_codemod("finalizer-for-cleanup", str(path), source).findings]


def test_a_finalizer_declared_in_a_sibling_file(tmp_path: Path) -> None:
    assert findings_in(tmp_path) == []  # no finalize method anywhere: nothing closes
    (tmp_path / "finalize.go").write_bytes(
        b"package store\n\nfunc (h *handle) finalize() { h.f.Close() }\n"
    )
    assert findings_in(tmp_path) == [13]
    (tmp_path / "close.go").write_bytes(
        b"package store\n\nfunc (h *handle) Close() error { return h.f.Close() }\n"
    )
    assert findings_in(tmp_path) == []  # an explicit Close: the finalizer is a safety net


def test_a_sibling_declaring_the_method_on_another_type_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "other.go").write_bytes(
        b"package store\n\ntype other struct{ f *os.File }\n\n"
        b"func (o *other) finalize() { o.f.Close() }\n"
    )
    assert findings_in(tmp_path) == []


def test_a_receiver_the_shape_misses_next_to_one_it_matches(tmp_path: Path) -> None:
    (tmp_path / "finalize.go").write_bytes(
        b"package store\n\ntype other struct{}\n\nfunc (o *other) finalize() {}\n\n"
        b"func (h *handle /* (sic) */) finalize() { h.f.Close() }\n"
    )
    assert findings_in(tmp_path) == [13]


def test_siblings_are_not_read_when_the_file_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "finalize.go").write_bytes(
        b"package store\n\nfunc (h *handle) finalize() { h.f.Close() }\n"
    )
    own = OPEN + b"\nfunc (h *handle) finalize() { h.f.Close() }\n\nfunc (h *handle) Close() {}\n"
    read: list[str] = []
    monkeypatch.setattr(package, "_read_siblings", lambda path, reads: read.append(path) or [])
    assert findings_in(tmp_path, own) == []
    assert read == []
