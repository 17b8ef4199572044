"""gomend.engine.go.package: sibling files read once per folder and reused only while
unchanged, with every read reported to the file's reads each time."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from gomend.engine.go import package as model
from gomend.engine.go.package import Read, package_file


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """A package of three files, and the paths gomend.engine.go.package reads a sibling's bytes from."""
    (tmp_path / "a.go").write_text("package p\n\nvar a = Limit\n")
    (tmp_path / "b.go").write_text("package p\n\nvar b = Limit\n")
    (tmp_path / "consts.go").write_text("package p\n\nconst Limit = 8\n")
    opened: list[str] = []
    read_regular = model.read_regular

    def counting_read(path: str, limit: int | None = None) -> bytes:
        opened.append(path)
        return read_regular(path, limit)

    monkeypatch.setattr(model, "read_regular", counting_read)
    monkeypatch.setattr(model, "_read_folders", type(model._read_folders)())
    return tmp_path, opened


def limit_of(path: Path, reads: list[Read]) -> int | None:
    file = package_file(str(path), path.read_bytes(), reads=reads)
    found = file.package_const("Limit")
    return found[1].const_value(found[0]) if found is not None else None


def test_settled_siblings_are_read_once_and_reported_each_time(
    package: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, opened = package
    monkeypatch.setattr(model, "SETTLED_NS", 0)  # files written just now count as settled
    first: list[Read] = []
    second: list[Read] = []
    assert limit_of(folder / "a.go", first) == 8
    assert limit_of(folder / "b.go", second) == 8
    # consts.go read once; a.go, its own file the first time, read for the second
    assert sorted(opened) == [str(folder / n) for n in ("a.go", "b.go", "consts.go")]
    consts = ("file", str(folder / "consts.go"), b"package p\n\nconst Limit = 8\n")
    assert consts in first and consts in second
    assert ("file", str(folder / "a.go"), (folder / "a.go").read_bytes()) in second
    assert [kind for kind, _, _ in second] == ["listing", "file", "file"]


def test_an_external_test_package_reads_no_sibling(package: tuple[Path, list[str]]) -> None:
    """Files of package p_test are _test.go files; the non-test siblings are package p."""
    folder, opened = package
    (folder / "x_test.go").write_text("package p_test\n\nvar x = Limit\n")
    reads: list[Read] = []
    assert limit_of(folder / "x_test.go", reads) is None
    assert opened == [] and reads == []


def test_a_changed_sibling_is_read_again(
    package: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = package
    monkeypatch.setattr(model, "SETTLED_NS", 0)
    assert limit_of(folder / "a.go", []) == 8
    (folder / "consts.go").write_text("package p\n\nconst Limit = 16\n")
    reads: list[Read] = []
    assert limit_of(folder / "b.go", reads) == 16
    assert ("file", str(folder / "consts.go"), b"package p\n\nconst Limit = 16\n") in reads


def test_a_recently_changed_sibling_is_never_reused(package: tuple[Path, list[str]]) -> None:
    folder, opened = package
    assert limit_of(folder / "a.go", []) == 8
    assert limit_of(folder / "a.go", []) == 8
    assert opened.count(str(folder / "consts.go")) == 2


def test_sibling_memos_hold_under_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads looking up constants across packages at once, with memos small enough to be
    trimmed all the time, each get the right answer (a migration runs repositories in
    threads)."""
    monkeypatch.setattr(model, "SETTLED_NS", 0)
    monkeypatch.setattr(model, "READ_MEMO_BYTES", 200)
    monkeypatch.setattr(model, "SIBLING_MEMO_BYTES", 200)
    monkeypatch.setattr(model, "_read_folders", type(model._read_folders)())
    monkeypatch.setattr(model, "_parsed_siblings", type(model._parsed_siblings)())
    uses = []
    for n in range(6):
        folder = tmp_path / f"p{n}"
        folder.mkdir()
        (folder / "consts.go").write_text(f"package p{n}\n\nconst Limit = {n + 10}\n")
        for k in range(4):
            (folder / f"use{k}.go").write_text(f"package p{n}\n\nvar v{k} = Limit\n")
            uses.append((folder / f"use{k}.go", n + 10))
    failures: list[str] = []

    def look(start: int) -> None:
        for path, expected in uses[start:] + uses[:start]:
            try:
                file = package_file(str(path), path.read_bytes())
                found = file.package_const("Limit")
                got = found[1].const_value(found[0]) if found is not None else None
            except Exception as exc:  # a thread's error would otherwise only be printed
                failures.append(f"{path}: {exc!r}")
                continue
            if got != expected:
                failures.append(f"{path}: {got} != {expected}")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch every few bytecodes: races show
    try:
        threads = [threading.Thread(target=look, args=(i * 3,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []


def test_a_fifo_among_the_siblings_is_passed_over_not_waited_on(
    package: tuple[Path, list[str]],
) -> None:
    folder, _ = package
    os.mkfifo(folder / "c.go")  # no writer: opening it for reading would block forever
    signal.alarm(20)  # a hang fails the test instead of the run
    try:
        assert limit_of(folder / "a.go", []) == 8
    finally:
        signal.alarm(0)
