"""Token shapes: a run of Go tokens that a codemod's every finding spells, declared as tokens
and compiled here into a byte pattern that allows Go's white space and comments between them.

A codemod states a shape (``Codemod.shape``) when its query names too common a word for the
prefilter to drop files on: ``lost-cancel`` looks for ``, _ :=`` before a ``WithCancel``
call. The engine enforces the shape in ``Codemod.run``, so the prefilter may drop a file
that lacks it, and no codemod writes a regular expression by hand.

    shape(",", "_", ":=|=", Token("(", times="*"), Token("IDENT .", times="?"), "WithCancel")

Each token is a string of alternatives separated by ``|``; an alternative is one or more
tokens separated by spaces (``IDENT .`` is an identifier, then a dot). ``IDENT`` stands for
any Go identifier; every other word is literal text, matched as a prefix of the source's
token (``WithCancel`` also matches ``WithCancelCause``). ``Token(..., times="?")`` may be
absent, ``times="*"`` may repeat. ``Not("0 )")`` after a token: what follows is not that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gomend.engine.go.source import GO_SPACE

IDENT = rb"[A-Za-z_\x80-\xff][0-9A-Za-z_\x80-\xff]*"


@dataclass(frozen=True)
class Token:
    """One place in a shape: alternatives (``"[|("``), each a run of tokens, and how often."""

    alternatives: str
    times: str = ""  # "" once, "?" at most once, "*" any number of times

    def __post_init__(self) -> None:
        if self.times not in ("", "?", "*"):
            raise ValueError(f"times must be '', '?' or '*', not {self.times!r}")
        if not self.alternatives.strip():
            raise ValueError("a token needs at least one alternative")


@dataclass(frozen=True)
class Not:
    """What must not follow at this place: one run of tokens."""

    tokens: str


def _phrase(text: str) -> bytes:
    words = text.split()
    if not words:
        raise ValueError("an empty alternative")
    return GO_SPACE.join(IDENT if w == "IDENT" else re.escape(w.encode()) for w in words)


def _token(token: Token) -> bytes:
    group = rb"(?:" + rb"|".join(_phrase(a) for a in token.alternatives.split("|")) + rb")"
    if not token.times:
        return group
    return rb"(?:" + group + GO_SPACE + rb")" + token.times.encode()


def shape(*places: Token | Not | str) -> re.Pattern[bytes]:
    """The compiled pattern of a run of tokens (a plain string is ``Token(string)``)."""
    parts: list[bytes] = []
    for place in places:
        if isinstance(place, Not):
            parts.append(rb"(?!" + GO_SPACE + _phrase(place.tokens) + rb")")
            continue
        token = Token(place) if isinstance(place, str) else place
        if parts and not parts[-1].endswith(rb")*") and not parts[-1].endswith(rb")?"):
            parts.append(GO_SPACE)
        parts.append(_token(token))
    if not parts:
        raise ValueError("a shape needs at least one token")
    return re.compile(b"".join(parts))
