"""The text of one Go file as gomend sees it: bytes without a BOM, newline style, final newline.

Everything that edits a file works on ``SourceText.body`` (no BOM) and puts the file back
together with ``SourceText.rebuild`` so that a BOM, CRLF newlines and a missing final
newline survive every rewrite. ``unquote`` gives the value of a Go string literal (an import
path may be written raw or with escapes); ``has_token`` tells whether an identifier may be a
whole token of the bytes (for the prefilter).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

BOM = b"\xef\xbb\xbf"


class NotGoText(ValueError):
    """The bytes cannot be Go source (not UTF-8, or NUL bytes); ``offset``: the first bad
    byte's, in the raw bytes."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def check_go_text(raw: bytes) -> None:
    """Raise ``NotGoText`` unless the bytes (a BOM allowed) can be Go source: Go's scanner
    rejects a NUL byte and bytes that are not UTF-8, so these are syntax errors."""
    skip = len(BOM) if raw.startswith(BOM) else 0
    nul = raw.find(b"\x00", skip)
    if nul >= 0:
        raise NotGoText("illegal character NUL", nul)
    if not raw.isascii():
        try:
            raw[skip:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotGoText("invalid UTF-8 encoding", skip + exc.start) from None


@dataclass(frozen=True)
class SourceText:
    body: bytes
    bom: bool
    crlf: bool

    @classmethod
    def from_bytes(cls, raw: bytes) -> SourceText:
        bom = raw.startswith(BOM)
        body = raw[len(BOM) :] if bom else raw
        check_go_text(body)
        return cls(body=body, bom=bom, crlf=b"\r\n" in body)

    @property
    def newline(self) -> bytes:
        return b"\r\n" if self.crlf else b"\n"

    def with_body(self, body: bytes) -> SourceText:
        return SourceText(body=body, bom=self.bom, crlf=self.crlf)

    def rebuild(self) -> bytes:
        return (BOM + self.body) if self.bom else self.body


_SIMPLE_ESCAPES = {
    ord("a"): b"\a",
    ord("b"): b"\b",
    ord("f"): b"\f",
    ord("n"): b"\n",
    ord("r"): b"\r",
    ord("t"): b"\t",
    ord("v"): b"\v",
    ord("\\"): b"\\",
    ord('"'): b'"',
}
_ESCAPE_RE = re.compile(
    rb"\\(?:([0-7]{3})|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))",
    re.S,
)


def unquote(literal: bytes) -> str | None:
    """The value of a Go string literal (interpreted or raw), or None when it is not one."""
    if len(literal) >= 2 and literal[:1] == literal[-1:] == b"`":
        value = literal[1:-1].replace(b"\r", b"")
    elif len(literal) >= 2 and literal[:1] == literal[-1:] == b'"':
        body = literal[1:-1]
        if b"\\" in body:
            bad = False

            def one(m: re.Match[bytes]) -> bytes:
                nonlocal bad
                octal, hex2, u4, u8, simple = m.groups()
                if octal or hex2:
                    number = int(octal, 8) if octal else int(hex2, 16)
                    if number > 255:
                        bad = True
                    return bytes([number & 255])
                if u4 or u8:
                    try:
                        return chr(int(u4 or u8, 16)).encode("utf-8")
                    except (ValueError, UnicodeEncodeError):
                        bad = True
                        return b""
                escaped = _SIMPLE_ESCAPES.get(simple[0]) if simple else None
                if escaped is None:
                    bad = True
                    return b""
                return escaped

            body = _ESCAPE_RE.sub(one, body)
            if bad:
                return None
        value = body
    else:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


# ASCII letters no token but an identifier ends with (a number may end with a digit, a hex
# digit or the imaginary "i"; every other token with punctuation or a quote)
_ONLY_IDENTIFIERS_END = frozenset(b"ghjklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ_")
_CONTINUES_IDENTIFIER = frozenset(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)


def has_token(raw: bytes, word: bytes, start: int = 0) -> bool:
    """Whether the identifier (or keyword) ``word`` may be a whole token of the file from
    ``start`` on: an occurrence that the byte after would not extend (the lexer takes the
    longest identifier) and that the byte before could end another token (or the file
    starts there). Non-ASCII bytes count as possible token ends, whatever they are."""
    end = len(raw)
    i = raw.find(word, start)
    while i != -1:
        after = i + len(word)
        if (i == 0 or raw[i - 1] not in _ONLY_IDENTIFIERS_END) and (
            after == end or raw[after] not in _CONTINUES_IDENTIFIER
        ):
            return True
        i = raw.find(word, i + 1)
    return False


# Go's white space and comments between two tokens, for byte patterns that must not miss a
# match written with a comment or a line break where a space usually is.
GO_SPACE = rb"(?:\s|//[^\n]*+\n|/\*[^*]*+\*++(?:[^/*][^*]*+\*++)*+/)*+"
# what follows the function of a call: its arguments, type arguments, or the end of the
# parentheses around it (``(context.WithCancel)(ctx)``)
_CALL_OPEN = GO_SPACE + rb"[(\[)]"


_WORD_BYTES = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")


def has_call(raw: bytes, spellings: Sequence[tuple[str, str]]) -> bool:
    """``call_pattern(spellings).search(raw) is not None``, found faster: a pattern that
    starts with ``\\b`` is tried at every byte, while a plain search for the package's name
    skips ahead, and the pattern is then matched only where the name starts a word."""
    for local, name in spellings:
        if local == "_":
            continue
        head = (name if local == "." else local).encode()
        if not head:
            continue
        rest = _call_rest(local, name)
        word = head[0] in _WORD_BYTES  # \b before it: the byte before is the other kind
        at = raw.find(head)
        while at != -1:
            before = at > 0 and raw[at - 1] in _WORD_BYTES
            if before != word and rest.match(raw, at):
                return True
            at = raw.find(head, at + 1)
    return False


def selected_names(raw: bytes, local: str) -> Iterator[str]:
    """Each ``Name`` of a call ``local.Name(`` in the bytes: ``has_call(raw, ((local,
    Name),))`` holds exactly for these (``local`` an identifier)."""
    head = local.encode()
    if not head:
        return
    rest = _selector_rest(local)
    word = head[0] in _WORD_BYTES
    at = raw.find(head)
    while at != -1:
        before = at > 0 and raw[at - 1] in _WORD_BYTES
        if before != word:
            m = rest.match(raw, at)
            if m is not None:
                yield m.group(1).decode("ascii")
        at = raw.find(head, at + 1)


def compile_call_patterns(local: str, name: str) -> None:
    """Compile the patterns ``has_call`` and ``selected_names`` use for ``local.Name`` (in a
    parent process, so that its workers do not each compile them)."""
    _call_rest(local, name)
    _selector_rest(local)


@lru_cache(maxsize=256)
def _selector_rest(local: str) -> re.Pattern[bytes]:
    # the Name as call_pattern's "\bName\b" sees it: ASCII word bytes, ending where the
    # next byte is not one (a non-ASCII byte ends it too)
    return re.compile(
        re.escape(local.encode())
        + GO_SPACE
        + rb"\."
        + GO_SPACE
        + rb"([0-9A-Za-z_]+)(?="
        + _CALL_OPEN
        + rb")"
    )


@lru_cache(maxsize=1024)
def _call_rest(local: str, name: str) -> re.Pattern[bytes]:
    """``call_pattern``'s pattern for one spelling, without its leading ``\\b``."""
    word = re.escape(name.encode()) + rb"\b" + _CALL_OPEN
    if local == ".":
        return re.compile(word)
    return re.compile(re.escape(local.encode()) + GO_SPACE + rb"\." + GO_SPACE + word)


@lru_cache(maxsize=1024)
def call_pattern(spellings: tuple[tuple[str, str], ...]) -> re.Pattern[bytes] | None:
    """A pattern for calls spelled ``local.Name(`` (or ``Name(`` when ``local`` is ``.``;
    ``[`` for type arguments, ``)`` when the function is parenthesised), with Go white space
    and comments allowed around the dot and before the bracket; None when nothing can
    match."""
    parts = []
    for local, name in spellings:
        if local == "_":
            continue
        word = re.escape(name.encode()) + rb"\b" + _CALL_OPEN
        if local == ".":
            parts.append(rb"\b" + word)
        else:
            parts.append(rb"\b" + re.escape(local.encode()) + GO_SPACE + rb"\." + GO_SPACE + word)
    return re.compile(b"|".join(parts)) if parts else None
