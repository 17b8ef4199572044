"""Unified diffs in git's format, from difflib, that ``git apply`` and ``patch -p1`` accept.

Lines are compared with their own line endings, so CRLF files diff as CRLF, and a last line
without a newline gets git's ``\\ No newline at end of file`` marker. A path git would quote
(one holding a tab, a newline, a quote or a backslash) is quoted as git quotes it.

difflib's matcher slows down with the square of the changes when a file holds thousands of
them among lines that repeat (``}``, ``return err``): 20,000 fixes in one file took minutes.
So the lines are first aligned on anchors, lines that occur exactly once in each text (the
idea of patience diff), kept where they come in the same order; difflib then matches only
the short stretches between two anchors, and the hunks are grouped and printed from the
joined matches, as ``difflib.unified_diff`` prints them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Sequence

NO_NEWLINE = "\\ No newline at end of file\n"
Opcode = tuple[str, int, int, int, int]


def _lines(data: bytes) -> list[str]:
    # surrogateescape keeps any byte, so the diff reproduces the file exactly
    return data.decode("utf-8", "surrogateescape").splitlines(keepends=True)


_GIT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def git_quoted(path: str) -> str:
    """The path as git prints it in a diff header: as it is, or in double quotes with C
    escapes when it holds a control character, a quote or a backslash."""
    if not any(c in _GIT_ESCAPES or ord(c) < 0x20 or ord(c) == 0x7F for c in path):
        return path
    inner = "".join(
        _GIT_ESCAPES.get(c) or (f"\\{ord(c):03o}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
        for c in path
    )
    return f'"{inner}"'


def unified_diff(path: str, before: bytes, after: bytes, context: int = 3) -> str:
    """A git-style diff of one file (``path`` relative, with ``/`` separators)."""
    if before == after:
        return ""
    a, b = _lines(before), _lines(after)
    old, new = git_quoted(f"a/{path}"), git_quoted(f"b/{path}")
    out = [f"diff --git {old} {new}\n", f"--- {old}\n", f"+++ {new}\n"]
    for group in _grouped(opcodes(a, b), context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_marked(" ", a[i1:i2]))
                continue
            out.extend(_marked("-", a[i1:i2]))
            out.extend(_marked("+", b[j1:j2]))
    return "".join(out)


def _marked(mark: str, lines: Sequence[str]) -> Iterator[str]:
    for line in lines:
        yield mark + line if line.endswith("\n") else mark + line + "\n" + NO_NEWLINE


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it: 1-based start, and the length unless 1."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib's opcodes for turning ``a`` into ``b``, matched between unique anchors."""
    ops: list[Opcode] = []

    def equal(i: int, j: int, n: int) -> None:
        if n == 0:
            return
        if ops and ops[-1][0] == "equal" and ops[-1][2] == i and ops[-1][4] == j:
            ops[-1] = ("equal", ops[-1][1], i + n, ops[-1][3], j + n)
        else:
            ops.append(("equal", i, i + n, j, j + n))

    i = j = 0
    for ai, bj in [*_anchors(a, b), (len(a), len(b))]:
        for tag, i1, i2, j1, j2 in _gap_opcodes(a[i:ai], b[j:bj]):
            if tag == "equal":
                equal(i + i1, j + j1, i2 - i1)
            else:
                ops.append((tag, i + i1, i + i2, j + j1, j + j2))
        equal(ai, bj, 1 if ai < len(a) else 0)
        i, j = ai + 1, bj + 1
    return ops


def _gap_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """The opcodes of a stretch between anchors; a plain insertion, deletion or one-line
    change needs no matcher (most stretches, in a file of many small fixes)."""
    if not a and not b:
        return []
    if not a:
        return [("insert", 0, 0, 0, len(b))]
    if not b:
        return [("delete", 0, len(a), 0, 0)]
    if len(a) == 1 and len(b) == 1:
        return [("equal" if a == b else "replace", 0, 1, 0, 1)]
    import difflib  # only a diff with a stretch to match needs it

    return list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines unique in both texts, ``a[i] == b[j]``, the longest run of them
    that keeps its order in both (patience diff's anchors)."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if count_b[line] == 1}
    pairs = [
        (i, where_b[line]) for i, line in enumerate(a) if count_a[line] == 1 and line in where_b
    ]
    # the longest increasing run of j: patience sorting, O(n log n)
    tails: list[int] = []  # tails[k]: the j ending the best run of length k + 1
    tail_at: list[int] = []  # its index in pairs
    back = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(index)
        else:
            tails[k] = j
            tail_at[k] = index
        back[index] = tail_at[k - 1] if k else -1
    run: list[tuple[int, int]] = []
    at = tail_at[-1] if tail_at else -1
    while at >= 0:
        run.append(pairs[at])
        at = back[at]
    return run[::-1]


def _grouped(ops: list[Opcode], context: int) -> Iterator[list[Opcode]]:
    """The opcodes in hunks with ``context`` lines around each change, as difflib groups
    them."""
    if not ops:
        ops = [("equal", 0, 1, 0, 1)]
    if ops[0][0] == "equal":
        tag, i1, i2, j1, j2 = ops[0]
        ops[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if ops[-1][0] == "equal":
        tag, i1, i2, j1, j2 = ops[-1]
        ops[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    span = context + context
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" and i2 - i1 > span:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group
