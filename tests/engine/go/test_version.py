"""engine/go/version.py and Package.module_version: a file's Go version from its nearest
go.mod, narrowed by a //go:build line; and a fix that needs Go 1.24 follows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gomend.engine.go import version
from gomend.engine.go.package import build_notes, package_file
from gomend.engine.run.golden import run_codemod


@pytest.mark.parametrize(
    ("gomod", "expected"),
    [
        (b"module m\n\ngo 1.24\n", (1, 24)),
        (b"module m\n\ngo 1.22.3 // pinned\n", (1, 22)),
        (b"module m\ngo 1.25rc1\n", (1, 25)),
        (b"module m\n", None),
    ],
)
def test_the_go_line(gomod: bytes, expected: version.Version | None) -> None:
    assert version.go_mod_version(gomod) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"//go:build go1.24\n\npackage p\n", (1, 24)),
        (b"//go:build linux && go1.25\n\npackage p\n", (1, 25)),
        (b"//go:build go1.24 || windows\n\npackage p\n", None),  # not every build
        (b"//go:build !go1.24\n\npackage p\n", None),
        (b"package p\n\n//go:build go1.24\n", None),  # after the package clause: a comment
    ],
)
def test_the_build_constraint(head: bytes, expected: version.Version | None) -> None:
    assert version.build_minimum(head) == expected


def test_the_nearest_go_mod_wins_and_its_reads_are_recorded(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_bytes(b"module m\n\ngo 1.21\n")
    inner = tmp_path / "sub" / "pkg"
    inner.mkdir(parents=True)
    (tmp_path / "sub" / "go.mod").write_bytes(b"module m/sub\n\ngo 1.24\n")
    reads: list[tuple[str, str, bytes | None]] = []
    file = package_file(str(inner / "a.go"), b"package pkg\n", reads=reads)
    assert file.go_version == (1, 24)
    assert [(kind, Path(path).relative_to(tmp_path).as_posix()) for kind, path, _ in reads] == [
        ("file", "sub/pkg/go.mod"),
        ("file", "sub/go.mod"),
    ]
    narrowed = package_file(str(inner / "b.go"), b"//go:build go1.26\n\npackage pkg\n")
    assert narrowed.go_version == (1, 26)


TEST = b"""package p

import (
\t"context"
\t"testing"
)

func TestX(t *testing.T) {
\tctx, _ := context.WithCancel(context.Background())
\t_ = ctx
}
"""


@pytest.mark.parametrize(
    ("go_line", "rewritten"),
    [("go 1.24", b"ctx := t.Context()"), ("go 1.23", b"ctx, cancel := context.WithCancel")],
)
def test_t_context_needs_go_1_24(tmp_path: Path, go_line: str, rewritten: bytes) -> None:
    (tmp_path / "go.mod").write_text(f"module m\n\n{go_line}\n")
    path = tmp_path / "x_test.go"
    path.write_bytes(TEST)
    result = run_codemod("lost-cancel", str(path), TEST)
    assert rewritten in (result.after or b"")


@pytest.mark.parametrize(
    ("expr", "valid"),
    [
        ("linux", True),
        ("linux && amd64", True),
        ("(linux || darwin) && !cgo", True),
        ("go1.24 && !purego", True),
        ("linux &&", False),
        ("linux amd64", False),
        ("((linux)", False),
        ("linux || || darwin", False),
        ("linux,amd64", False),
    ],
)
def test_a_build_expression_parses_as_the_go_command_reads_it(expr: str, valid: bool) -> None:
    assert version.valid_build_expression(expr) is valid


def test_build_notes_name_version_constraint_and_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_bytes(b"module m\n\ngo 1.22\n")
    source = b"//go:build linux && amd64\n\npackage p\n"
    assert build_notes(str(tmp_path / "p.go"), source) == ("1.22", "linux && amd64", [])
    narrowed = b"//go:build go1.24\n\npackage p\n"
    assert build_notes(str(tmp_path / "p.go"), narrowed)[0] == "1.24"

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "go.mod").write_bytes(b"module m\n\ngo one.twenty\n")
    path = str(broken / "p.go")
    go_version, build, warnings = build_notes(path, b"//go:build linux &&\n\npackage p\n")
    assert (go_version, build) == (None, "linux &&")  # the newest Go
    assert warnings == [
        f"{broken / 'go.mod'}: no valid go line; the files below it are judged as the newest Go",
        f"{path}: //go:build line does not parse (linux &&); analysed all the same",
    ]
    assert build_notes(str(tmp_path / "none" / "p.go"), b"package p\n")[2] == []
