"""The walk: files stream in sorted path order while the walk goes on, each once (a
symbolic link to a file inside the root and the file itself are one), loops and links out of
the root are passed over with a note, and several roots still come out sorted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gomend.engine.run.walk import Walker, WalkOptions, walk_paths

# names whose plain sort differs from a folder-first or files-first walk: "a.go" sorts before
# "a/..." ('.' < '/'), "a-b/..." before "a/..." ('-' < '/'), "a0.go" after it ('0' > '/')
LAYOUT = [
    "a.go",
    "a/b.go",
    "a/z/c.go",
    "a-b/d.go",
    "a0.go",
    "a_/e.go",
    "B.go",
    "vendor/v.go",
    "testdata/t.go",
    "_skip/s.go",
    ".hidden/h.go",
    "notgo.txt",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in LAYOUT:
        path = tmp_path / "root" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("package p\n")
    return tmp_path / "root"


def test_files_stream_sorted_by_path(tree: Path) -> None:
    files = list(Walker([str(tree)]))
    assert files == sorted(files)
    rel = [os.path.relpath(f, tree) for f in files]
    assert rel == ["B.go", "a-b/d.go", "a.go", "a/b.go", "a/z/c.go", "a0.go", "a_/e.go"]
    with_vendor = list(Walker([str(tree)], WalkOptions(include_vendor=True)))
    assert with_vendor == sorted(with_vendor) and len(with_vendor) == len(files) + 2


def test_walker_yields_before_the_walk_ends(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folders: list[str] = []
    real = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        folders.append(path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    walk = iter(Walker([str(tree)]))
    assert os.path.basename(next(walk)) == "B.go"
    assert len(folders) < 3  # the root, perhaps one folder: not all of them


def test_a_file_linked_inside_the_root_comes_once(tree: Path) -> None:
    (tree / "zlink.go").symlink_to(tree / "a.go")
    files = walk_paths([str(tree)]).files
    assert [f for f in files if f.endswith(("a.go", "zlink.go"))] == [str(tree / "a.go")]


def test_loops_and_links_out_are_noted(tree: Path, tmp_path: Path) -> None:
    (tree / "a" / "loop").symlink_to(tree)
    (tmp_path / "outside.go").write_text("package q\n")
    (tree / "out.go").symlink_to(tmp_path / "outside.go")
    walker = Walker([str(tree)])
    files = list(walker)
    assert files == sorted(files) and str(tree / "out.go") not in files
    assert (str(tree / "a" / "loop"), "symbolic link loop") in walker.skipped
    assert (str(tree / "out.go"), "symbolic link out of the root") in walker.skipped


def test_several_roots_come_out_sorted_and_once(tree: Path) -> None:
    files = list(Walker([str(tree / "a"), str(tree), str(tree / "a0.go")]))
    assert files == sorted(files) and len(files) == len(set(files)) == 7


def test_gitignore_files_are_honoured_where_they_are(tree: Path) -> None:
    (tree / ".gitignore").write_text("a0.go\n")
    (tree / "a" / ".gitignore").write_text("z/\n")
    rel = [os.path.relpath(f, tree) for f in Walker([str(tree)])]
    assert rel == ["B.go", "a-b/d.go", "a.go", "a/b.go", "a_/e.go"]


def test_a_link_to_itself_is_skipped_alone_and_its_folder_walked(tree: Path) -> None:
    (tree / "x.go").symlink_to("x.go")  # committed at the root, it hid the whole tree
    (tree / "gone.go").symlink_to("nowhere.go")
    walker = Walker([str(tree)])
    files = list(walker)
    assert str(tree / "a.go") in files and str(tree / "a" / "z" / "c.go") in files
    assert (str(tree / "x.go"), "symbolic link loop") in walker.skipped
    assert (str(tree / "gone.go"), "dangling symbolic link") in walker.skipped
    assert str(tree / "x.go") not in files and str(tree / "gone.go") not in files


def test_a_link_that_sorts_first_still_gives_the_file_itself(tree: Path) -> None:
    (tree / "0link.go").symlink_to("a.go")  # the link sorts before its target
    files = walk_paths([str(tree)]).files
    assert [f for f in files if f.endswith(("a.go", "0link.go"))] == [str(tree / "a.go")]


def test_a_fifo_named_like_go_is_never_opened(tree: Path) -> None:
    os.mkfifo(tree / "c.go")
    files = walk_paths([str(tree)]).files
    assert str(tree / "c.go") not in files


def test_gomends_temporary_files_are_listed_not_walked(tree: Path) -> None:
    (tree / "a" / ".gomend-abcd1234.tmp").write_bytes(b"left by a killed run")
    walker = Walker([str(tree)])
    assert not [f for f in walker if ".gomend-" in f]
    assert walker.temps == [str(tree / "a" / ".gomend-abcd1234.tmp")]
