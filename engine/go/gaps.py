"""Newer Go than the grammar: the syntax tree-sitter-go 0.25 rejects though Go accepts it.

tree-sitter-go 0.25 (the newest grammar) knows neither Go 1.26's ``new(expr)`` (``new("k")``,
``new(x + 1)``) nor Go 1.27's generic methods (``func (l *List[T]) Map[U any](...)``), and
one such line can swallow hundreds of lines around it into an error node. ``lower`` rewrites
each gap into text of the same length that the grammar parses and the codemods read alike:

- a method's type parameter list becomes spaces (``Map[U any](`` -> ``Map       (``);
- ``new(`` before a value becomes a call of a same-length name (``_nw(``), and so does
  ``make(`` where ``make`` is a local function called with values (``_mke(``).

Every byte keeps its offset, so findings on the lowered text point at the original.
``Lowered.restore`` undoes it after the fixes: each stand-in name becomes ``new`` or ``make``
again wherever a fix put it (no original holds one), and each blanked method line must come
through untouched, to be put back whole; when a fix changed, dropped or copied one, it
answers None (the runner then leaves the file as it was). Lowering is never a guess about validity: the runner lowers only a file
that does not parse as it is, and trusts the result only when it parses cleanly. A call
stays the builtin's when its argument reads as a type (``new([]int)``, ``make(map[K]V)``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from gomend.engine.go.parse import Tree, parse

_METHOD_HEAD = re.compile(rb"^func[ \t]*\(", re.M)
_NAME = re.compile(rb"[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\[")
_BUILTIN_CALL = re.compile(rb"\b(?:new|make)\(")
STAND_INS = {b"new(": b"_nw(", b"make(": b"_mke("}
_CLOSERS = {ord("("): ord(")"), ord("["): ord("]"), ord("{"): ord("}")}


@dataclass(frozen=True)
class Lowered:
    """The lowered text, its tree, and the original of each line blanking changed."""

    body: bytes
    tree: Tree
    lines: dict[bytes, bytes]  # blanked line (without its ending) -> original line
    counts: Counter[bytes]  # how many times each blanked line occurs

    def restore(self, body: bytes) -> bytes | None:
        """``body`` (the lowered text after fixes) as Go again; None when a fix changed,
        removed or repeated a blanked method line."""
        for builtin, stand_in in STAND_INS.items():
            body = body.replace(stand_in, builtin)
        out: list[bytes] = []
        seen: Counter[bytes] = Counter()
        for line in body.splitlines(keepends=True):
            content = line.rstrip(b"\r\n")
            original = self.lines.get(content)
            if original is not None:
                seen[content] += 1
                line = original + line[len(content) :]
            out.append(line)
        return b"".join(out) if seen == self.counts else None


def lower(source: bytes) -> Lowered | None:
    """The source with its known gaps lowered, when that leaves it without a syntax error;
    None when there is nothing to lower, lowering does not make it parse, or a lowered line
    could be mistaken for another."""
    if any(stand_in in source for stand_in in STAND_INS.values()):
        return None  # a stand-in must be recognisable as ours
    body = bytearray(source)
    blanked = _blank_method_type_params(body)
    if not _lower_builtin_calls(body) and not blanked:
        return None
    tree = parse(bytes(body))
    if tree.root_node.has_error:
        return None
    return _with_lines(source, bytes(body), tree, blanked)


def _blank_method_type_params(body: bytearray) -> set[int]:
    """Blank each method declaration's type parameter list; the starts of the lines changed."""
    changed: set[int] = set()
    text = bytes(body)
    for head in _METHOD_HEAD.finditer(text):
        receiver_end = _matching(text, head.end() - 1)
        if receiver_end is None:
            continue
        name = _NAME.match(text, receiver_end + 1)
        if name is None:
            continue
        open_at = name.end() - 1
        close_at = _matching(text, open_at)
        if close_at is None or text[close_at + 1 : close_at + 2] not in (b"(", b" ", b"\t"):
            continue
        for i in range(open_at, close_at + 1):
            if body[i] not in b"\r\n":
                body[i] = ord(" ")
        changed |= _line_starts(text, open_at, close_at)
    return changed


def _lower_builtin_calls(body: bytearray) -> bool:
    """Lower each ``new(`` and ``make(`` whose (first) argument is not a type: Go 1.26's
    ``new(expr)``, and a local function named ``make``. Whether any was."""
    text = bytes(body)
    lowered = False
    for found in _BUILTIN_CALL.finditer(text):
        argument = _first_argument(text, found.end())
        if argument is None or _is_type(argument):
            continue
        body[found.start() : found.end()] = STAND_INS[found.group()]
        lowered = True
    return lowered


def _first_argument(text: bytes, start: int) -> bytes | None:
    """The first argument of the call whose ``(`` ends just before ``start``: up to its
    comma or closing bracket at depth zero, skipping strings, runes and comments."""
    depth, i, end = 0, start, min(len(text), start + 4096)
    while i < end:
        c = text[i]
        if c in b"\"'`":
            close = text.find(b"`", i + 1) if c == ord("`") else _quote_end(text, i)
            if close < 0:
                return None
            i = close + 1
            continue
        if text.startswith(b"//", i) or text.startswith(b"/*", i):
            return None  # a comment inside the argument: too rare to be worth reading
        if c in b"([{":
            depth += 1
        elif c in b")]}":
            if depth == 0:
                return text[start:i]
            depth -= 1
        elif c == ord(",") and depth == 0:
            return text[start:i]
        i += 1
    return None


def _quote_end(text: bytes, start: int) -> int:
    """The offset of the quote that ends the string or rune starting at ``start``."""
    quote, i = text[start], start + 1
    while i < len(text) and text[i] != ord("\n"):
        if text[i] == ord("\\"):
            i += 2
            continue
        if text[i] == quote:
            return i
        i += 1
    return -1


def _is_type(argument: bytes) -> bool:
    """Whether the text reads as a Go type (``[]bool``, ``map[K]V``, ``T``): then the call
    is the builtin's own, which the grammar knows."""
    return not parse(b"package p\nvar _ " + argument.strip() + b"\n").root_node.has_error


def _matching(text: bytes, open_at: int) -> int | None:
    """The offset of the bracket closing the one at ``open_at`` (no strings in between: a
    receiver or a type parameter list holds none)."""
    want = _CLOSERS.get(text[open_at])
    if want is None:
        return None
    depth = 0
    for i in range(open_at, min(len(text), open_at + 4096)):
        c = text[i]
        if c in _CLOSERS:
            depth += 1
        elif c in b")]}":
            depth -= 1
            if depth == 0:
                return i if c == want else None
    return None


def _line_starts(text: bytes, start: int, end: int) -> set[int]:
    first = text.rfind(b"\n", 0, start) + 1
    starts = {first}
    at = text.find(b"\n", start, end)
    while at >= 0:
        starts.add(at + 1)
        at = text.find(b"\n", at + 1, end)
    return starts


def _with_lines(source: bytes, body: bytes, tree: Tree, blanked: set[int]) -> Lowered | None:
    lines: dict[bytes, bytes] = {}
    counts: Counter[bytes] = Counter()
    for start in sorted(blanked):
        stop = source.find(b"\n", start)
        stop = len(source) if stop < 0 else stop
        original = source[start:stop].rstrip(b"\r")
        low = body[start:stop].rstrip(b"\r")
        for builtin, stand_in in STAND_INS.items():
            low = low.replace(stand_in, builtin)  # restore() puts these back first
        if lines.setdefault(low, original) != original:
            return None  # two originals lowered alike: which is which after a fix?
        counts[low] += 1
    others = set(source.splitlines()) - set(lines.values())
    if any(low in others for low in lines):
        return None  # a lowered line reads like a line that was not lowered
    return Lowered(body, tree, lines, counts)
