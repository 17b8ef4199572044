"""Positions and edits in LSP's terms: a byte offset of a document's UTF-8 text as a line and
a column counted in the position encoding agreed at ``initialize`` (UTF-16 code units unless
the client offered UTF-8 or UTF-32), and the few ``TextEdit``s that turn one text into another.

Lines end as LSP ends them: at ``\\r\\n``, ``\\r`` or ``\\n``.
"""

from __future__ import annotations

import bisect
import difflib
import re

from lsprotocol.types import Position, Range, TextEdit

_LINE_END = re.compile(rb"\r\n|\r|\n")


def _units(text: bytes, encoding: str) -> int:
    """The length of ``text`` (UTF-8 bytes) in the encoding's code units."""
    if encoding == "utf-8":
        return len(text)
    decoded = text.decode("utf-8", "replace")
    if encoding == "utf-32":
        return len(decoded)
    return len(decoded.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """One text's line starts, to turn its byte offsets into positions."""

    def __init__(self, text: bytes, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return Position(line=line, character=_units(self.text[start:offset], self.encoding))

    def line(self, number: int) -> bytes:
        """The line's text, with its line end."""
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number] : end]

    def range(self, start: int, end: int) -> Range:
        return Range(start=self.position(start), end=self.position(end))


def text_edits(old: bytes, new: bytes, encoding: str = "utf-16") -> list[TextEdit]:
    """Edits turning ``old`` into ``new``: whole lines replaced where they differ, found by
    difflib between the common first and last lines."""
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    lines = Lines(old, encoding)
    matcher = difflib.SequenceMatcher(
        None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False
    )
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        text = b"".join(b[head + j1 : head + j2]).decode("utf-8", "replace")
        edits.append(
            TextEdit(range=lines.range(starts[head + i1], starts[head + i2]), new_text=text)
        )
    return edits
