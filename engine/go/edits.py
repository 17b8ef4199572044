"""Byte-range edits on the original text: validation, application and line-aware helpers.

An ``Edit`` replaces ``source[start:end]`` with ``text``. Every byte outside the edits is
kept. Edit text is written with ``\\n`` newlines; ``apply_edits`` turns them into the file's
own newline style, so a CRLF file stays CRLF.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gomend.engine.go.parse import Node


@dataclass(frozen=True, order=True, init=False)
class Edit:
    """Replace ``source[start:end]`` with ``text`` (bytes, or str written as UTF-8)."""

    start: int
    end: int
    text: bytes

    def __init__(self, start: int, end: int, text: bytes | str = b"") -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text.encode("utf-8") if isinstance(text, str) else text)


class EditConflict(ValueError):
    """Two edits touch the same bytes, or an edit lies outside the text."""


def _clash(a: Edit, b: Edit) -> bool:
    """Whether two edits (a.start <= b.start) cannot both apply with a defined result."""
    if a.start == b.start and a.start == a.end and b.start == b.end:
        return True  # two insertions at one point: their order would be a guess
    if a.start == a.end or b.start == b.end:
        return a.start < b.start < a.end  # an insertion strictly inside a replacement
    return b.start < a.end


def validate_edits(edits: Iterable[Edit], length: int) -> list[Edit]:
    """Sort the edits and check they are in bounds and do not overlap; raise ``EditConflict``."""
    ordered = sorted(edits)
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= length:
            raise EditConflict(f"edit {edit.start}..{edit.end} is outside the text (0..{length})")
    for a, b in itertools.pairwise(ordered):
        if _clash(a, b):
            raise EditConflict(f"edits {a.start}..{a.end} and {b.start}..{b.end} overlap")
    return ordered


def fits_with(candidate: Sequence[Edit], accepted: Sequence[Edit]) -> bool:
    """Whether every edit of ``candidate`` can join ``accepted`` without a clash."""
    for new in candidate:
        for old in accepted:
            a, b = (new, old) if (new.start, new.end) <= (old.start, old.end) else (old, new)
            if _clash(a, b):
                return False
    return True


class EditIndex:
    """Edits that do not clash with one another, sorted, for ``fits_with`` checks in
    logarithmic time: a file with thousands of fixes must not cost a quadratic pass."""

    def __init__(self) -> None:
        self._edits: list[Edit] = []
        self._starts: list[int] = []

    def fits(self, candidate: Sequence[Edit]) -> bool:
        """Whether every edit of ``candidate`` can join these without a clash (as
        ``fits_with``). Accepted edits never clash, so sorted by start their ends never
        decrease: only the ones from the last starting at or before ``new.end`` back to the
        first ending at or after ``new.start`` can touch ``new``."""
        for new in candidate:
            k = bisect.bisect_right(self._starts, new.end) - 1
            while k >= 0 and self._edits[k].end >= new.start:
                old = self._edits[k]
                a, b = (new, old) if (new.start, new.end) <= (old.start, old.end) else (old, new)
                if _clash(a, b):
                    return False
                k -= 1
        return True

    def extend(self, edits: Iterable[Edit]) -> None:
        for edit in edits:
            k = bisect.bisect_right(self._edits, edit)
            self._edits.insert(k, edit)
            self._starts.insert(k, edit.start)


def apply_edits(source: bytes, edits: Iterable[Edit], crlf: bool = False) -> bytes:
    return apply_edits_with_spans(source, edits, crlf)[0]


def apply_edits_with_spans(
    source: bytes, edits: Iterable[Edit], crlf: bool = False
) -> tuple[bytes, list[tuple[int, int]]]:
    """The new text, and where each edit's text landed in it (start, end)."""
    ordered = validate_edits(edits, len(source))
    out: list[bytes] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    size = 0
    for edit in ordered:
        out.append(source[pos : edit.start])
        size += edit.start - pos
        text = edit.text
        if crlf:  # each edit takes the ending of its own line: a mixed file stays as mixed
            text = text.replace(b"\r\n", b"\n")
            if _crlf_line(source, edit.start):
                text = text.replace(b"\n", b"\r\n")
        out.append(text)
        spans.append((size, size + len(text)))
        size += len(text)
        pos = edit.end
    out.append(source[pos:])
    return b"".join(out), spans


def _crlf_line(source: bytes, pos: int) -> bool:
    """Whether the line holding ``pos`` ends with CRLF (the last line: the one before it)."""
    nl = source.find(b"\n", pos)
    if nl < 0:
        nl = source.rfind(b"\n", 0, pos)
    return nl > 0 and source[nl - 1 : nl] == b"\r"


# --- line-aware helpers ------------------------------------------------------------------


def line_start(source: bytes, pos: int) -> int:
    return source.rfind(b"\n", 0, pos) + 1


def line_end(source: bytes, pos: int) -> int:
    """Offset of the newline (``\\n`` or ``\\r\\n``) ending the line that holds ``pos``."""
    nl = source.find(b"\n", pos)
    if nl < 0:
        return len(source)
    return nl - 1 if nl > 0 and source[nl - 1 : nl] == b"\r" else nl


def next_line_start(source: bytes, pos: int) -> int:
    """Offset just past the newline that ends the line holding ``pos``."""
    nl = source.find(b"\n", pos)
    return len(source) if nl < 0 else nl + 1


def indentation_at(source: bytes, pos: int) -> bytes:
    start = line_start(source, pos)
    end = start
    while end < len(source) and source[end : end + 1] in (b" ", b"\t"):
        end += 1
    return source[start:end]


def _is_blank(line: bytes) -> bool:
    return not line.strip()


def _trailing_comment_end(node: Node, source: bytes) -> int | None:
    """End of the statement's line when only a ``//`` comment follows the node, else None."""
    end = line_end(source, node.end_byte)
    rest = source[node.end_byte : end].strip()
    if rest == b"" or rest.startswith(b"//"):
        return end
    nxt = node.next_sibling
    if nxt is not None and nxt.type == "comment" and nxt.start_byte < end:
        after = source[nxt.end_byte : end].strip()
        if after == b"":
            return end
    return None


def statement_alone_on_line(node: Node, source: bytes) -> bool:
    before = source[line_start(source, node.start_byte) : node.start_byte]
    return _is_blank(before) and _trailing_comment_end(node, source) is not None


def comment_lines_start(node: Node, source: bytes) -> int | None:
    """Start of the ``//`` comment lines right above ``node``'s line, or None."""
    start = line_start(source, node.start_byte)
    first = None
    while start > 0:
        above = line_start(source, start - 1)
        if not source[above:start].strip().startswith(b"//"):
            break
        first = start = above
    return first


def comment_paragraph_start(node: Node, source: bytes) -> int | None:
    """Start of the ``//`` comment lines right above a statement when the comments and the
    statement make a paragraph of their own (a blank line or the block's ``{`` above the
    comments, a blank line or the closing ``}`` below the statement), else None."""
    first = comment_lines_start(node, source)
    if first is None:
        return None
    prev_line = source[line_start(source, first - 1) : first].strip() if first > 0 else b""
    end = next_line_start(source, node.end_byte)
    next_line = source[end : line_end(source, end)].strip() if end < len(source) else b"}"
    if (prev_line == b"" or prev_line.endswith(b"{")) and (
        next_line == b"" or next_line.startswith(b"}")
    ):
        return first
    return None


def delete_statement(node: Node, source: bytes, with_comment_above: bool = False) -> Edit | None:
    """Delete a statement with its whole line and trailing comment.

    Returns None when the statement shares its line with other code (the caller reports
    instead of editing). When the deletion would leave two blank lines together, one of them
    goes too, as gofmt would. With ``with_comment_above``, the comment lines right above go
    too when they and the statement stand as a paragraph of their own.
    (``engine.go.deletion`` deletes a statement as a Go engineer would, on top of this.)
    """
    if not statement_alone_on_line(node, source):
        return None
    start = line_start(source, node.start_byte)
    if with_comment_above:
        start = comment_paragraph_start(node, source) or start
    return delete_lines(start, node, source)


def delete_lines(start: int, node: Node, source: bytes) -> Edit:
    """Delete from ``start`` (a line's start) to the end of ``node``'s last line, keeping
    blank lines as gofmt would."""
    end = next_line_start(source, node.end_byte)
    prev_line = source[line_start(source, start - 1) : start].strip() if start > 0 else b"{"
    next_line = source[end : line_end(source, end)].strip() if end < len(source) else b"}"
    if next_line == b"" and (prev_line == b"" or prev_line.endswith(b"{")):
        end = next_line_start(source, end)  # no blank line pair, none right after "{"
    elif prev_line == b"" and next_line.startswith(b"}"):
        start = line_start(source, start - 1)  # no blank line right before "}"
    return Edit(start, end, b"")


def insert_line_after(node: Node, source: bytes, text: str, indent: bytes | None = None) -> Edit:
    """Insert ``text`` (may hold several lines) after the line of ``node``, at its indentation."""
    end = _trailing_comment_end(node, source)
    if end is None:
        end = node.end_byte
    ind = indentation_at(source, node.start_byte) if indent is None else indent
    lines = text.split("\n")
    body = "".join("\n" + (ind.decode() + line if line else "") for line in lines)
    return Edit(end, end, body.encode("utf-8"))


def delete_declaration(decl: Node, source: bytes) -> Edit:
    """Delete a top-level declaration with its doc comment, keeping one blank line between
    what comes before and after it (and none at the end of the file), as gofmt would."""
    start = _doc_start(decl, source)
    end = next_line_start(source, decl.end_byte)
    prev_blank = start > 0 and not source[line_start(source, start - 1) : start].strip()
    next_blank = end < len(source) and not source[end : line_end(source, end)].strip()
    if next_blank and (prev_blank or start == 0):
        end = next_line_start(source, end)
    elif prev_blank and end >= len(source):
        start = line_start(source, start - 1)
    return Edit(start, end, b"")


def _doc_start(decl: Node, source: bytes) -> int:
    """Start of the ``//`` comment lines right above a declaration (its doc comment)."""
    start = line_start(source, decl.start_byte)
    while start > 0:
        above = line_start(source, start - 1)
        if not source[above:start].strip().startswith(b"//"):
            break
        start = above
    return start
