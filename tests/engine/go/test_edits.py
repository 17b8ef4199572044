"""Byte-range edits: validation, application against a reference splice, line helpers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gomend.engine.go.edits import (
    Edit,
    EditConflict,
    apply_edits,
    delete_statement,
    insert_line_after,
    validate_edits,
)
from gomend.engine.go.parse import parse
from gomend.engine.go.query import walk
from gomend.engine.go.source import SourceText


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[bytes, list[Edit]]:
    text = draw(st.binary(max_size=200))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    edits: list[Edit] = []
    pos = 0
    # walk left to right, so edits never overlap; zero-length edits never share a point
    for cut in cuts:
        if cut < pos:
            continue
        end = draw(st.integers(cut, min(len(text), cut + 10)))
        if end == cut and any(e.start == cut and e.end == cut for e in edits):
            continue
        if edits and edits[-1].end == cut and edits[-1].start == edits[-1].end and end == cut:
            continue
        edits.append(Edit(cut, end, draw(st.binary(max_size=8))))
        pos = end if end > cut else cut + 1
    return text, edits


def reference_splice(text: bytes, edits: list[Edit]) -> bytes:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


@given(text_and_edits(), st.randoms())
def test_random_non_overlapping_edits_match_a_reference_splice(case, rnd) -> None:
    text, edits = case
    shuffled = list(edits)
    rnd.shuffle(shuffled)  # the order edits are given in does not matter
    assert apply_edits(text, shuffled) == reference_splice(text, edits)


@given(text_and_edits())
def test_bytes_outside_edits_are_kept(case) -> None:
    text, edits = case
    out = apply_edits(text, edits)
    ordered = sorted(edits)
    if ordered:
        assert out.startswith(text[: ordered[0].start])
        assert out.endswith(text[ordered[-1].end :])


def test_overlapping_edits_are_a_conflict_not_a_merge() -> None:
    with pytest.raises(EditConflict, match="overlap"):
        validate_edits([Edit(0, 5, b"a"), Edit(3, 8, b"b")], 10)
    with pytest.raises(EditConflict, match="overlap"):
        validate_edits([Edit(4, 4, b"a"), Edit(4, 4, b"b")], 10)
    with pytest.raises(EditConflict, match="overlap"):
        validate_edits([Edit(2, 6, b""), Edit(4, 4, b"x")], 10)


def test_out_of_bounds_edit_is_rejected() -> None:
    with pytest.raises(EditConflict, match="outside"):
        validate_edits([Edit(3, 12, b"")], 10)


def test_adjacent_edits_both_apply() -> None:
    assert (
        apply_edits(b"abcdef", [Edit(0, 2, b"X"), Edit(2, 2, b"Y"), Edit(2, 4, b"Z")]) == b"XYZef"
    )


def test_crlf_files_get_crlf_in_inserted_text() -> None:
    assert apply_edits(b"a\r\nb\r\n", [Edit(3, 3, b"x\ny\n")], crlf=True) == b"a\r\nx\r\ny\r\nb\r\n"


def _stmt(src: bytes, text: bytes):
    tree = parse(src)
    return next(
        n
        for n in walk(tree.root_node, ("expression_statement",))
        if src[n.start_byte : n.end_byte] == text
    )


def test_delete_statement_takes_the_line_and_its_trailing_comment() -> None:
    src = b"package p\n\nfunc f() {\n\ta()\n\tb() // gone too\n\tc()\n}\n"
    edit = delete_statement(_stmt(src, b"b()"), src)
    assert edit is not None
    assert apply_edits(src, [edit]) == b"package p\n\nfunc f() {\n\ta()\n\tc()\n}\n"


def test_delete_statement_does_not_leave_two_blank_lines_or_a_blank_before_brace() -> None:
    src = b"package p\n\nfunc f() {\n\ta()\n\n\tb()\n\n\tc()\n}\n"
    edit = delete_statement(_stmt(src, b"b()"), src)
    assert apply_edits(src, [edit]) == b"package p\n\nfunc f() {\n\ta()\n\n\tc()\n}\n"
    src = b"package p\n\nfunc f() {\n\ta()\n\n\tb()\n}\n"
    edit = delete_statement(_stmt(src, b"b()"), src)
    assert apply_edits(src, [edit]) == b"package p\n\nfunc f() {\n\ta()\n}\n"


def test_delete_statement_refuses_a_shared_line() -> None:
    src = b"package p\n\nfunc f() {\n\tif x { b() }\n}\n"
    assert delete_statement(_stmt(src, b"b()"), src) is None


def test_delete_statement_in_a_crlf_file() -> None:
    src = b"package p\r\n\r\nfunc f() {\r\n\ta()\r\n\tb()\r\n}\r\n"
    edit = delete_statement(_stmt(src, b"b()"), src)
    assert apply_edits(src, [edit], crlf=True) == b"package p\r\n\r\nfunc f() {\r\n\ta()\r\n}\r\n"


def test_insert_line_after_uses_the_statement_indentation_and_skips_its_comment() -> None:
    src = b"package p\n\nfunc f() {\n\tif x {\n\t\ta() // note\n\t}\n}\n"
    edit = insert_line_after(_stmt(src, b"a()"), src, "defer b()")
    assert (
        apply_edits(src, [edit])
        == b"package p\n\nfunc f() {\n\tif x {\n\t\ta() // note\n\t\tdefer b()\n\t}\n}\n"
    )
    crlf = src.replace(b"\n", b"\r\n")
    edit = insert_line_after(_stmt(crlf, b"a()"), crlf, "defer b()")
    assert apply_edits(crlf, [edit], crlf=True) == apply_edits(
        src, [insert_line_after(_stmt(src, b"a()"), src, "defer b()")]
    ).replace(b"\n", b"\r\n")


@pytest.mark.parametrize(
    "raw",
    [b"\xef\xbb\xbfpackage p\n", b"package p", b"package p\r\n", b"package p\n\n"],
    ids=["bom", "no-final-newline", "crlf", "trailing-blank"],
)
def test_source_text_round_trips_bom_newlines_and_final_newline(raw: bytes) -> None:
    text = SourceText.from_bytes(raw)
    assert text.rebuild() == raw
    assert not text.body.startswith(b"\xef\xbb\xbf")


def test_an_edit_takes_the_line_ending_of_its_own_line() -> None:
    source = b"a\r\nb\nc\r\n"
    after_b = source.index(b"b") + 1
    after_a = source.index(b"a") + 1
    out = apply_edits(
        source, [Edit(after_b, after_b, b"\nx"), Edit(after_a, after_a, b"\ny")], crlf=True
    )
    assert out == b"a\r\ny\r\nb\nx\nc\r\n"
