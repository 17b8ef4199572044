"""Trailing-comment alignment: what gofmt would do to the comments beside an edited line.

gofmt lines up the ``//`` comments that end consecutive lines of the same indentation. An
edit that changes the length of such a line, or adds or removes one inside such a run, moves
that column; this module redoes it for the runs an edit touched, and nowhere else, so bytes
far from an edit are never changed.
"""

from __future__ import annotations

from gomend.engine.go.parse import Tree, parse
from gomend.engine.go.query import walk


def _trailing_comments(body: bytes, tree: Tree | None) -> dict[int, tuple[int, int]]:
    """row -> (end of the code before the comment, start of the comment), in bytes."""
    tree = parse(body) if tree is None else tree
    found: dict[int, tuple[int, int]] = {}
    for comment in walk(tree.root_node, ("comment",)):
        text = body[comment.start_byte : comment.end_byte]
        if not text.startswith(b"//"):
            continue
        row = comment.start_point[0]
        line_start = comment.start_byte - comment.start_point[1]
        before = body[line_start : comment.start_byte]
        code = before.rstrip(b" \t")
        if code.strip():
            found[row] = (line_start + len(code), comment.start_byte)
    return found


def _indent(line: bytes) -> bytes:
    return line[: len(line) - len(line.lstrip(b"\t"))]


def realign_trailing_comments(
    body: bytes, touched_rows: set[int], tree: Tree | None = None
) -> bytes:
    """Realign the runs of trailing comments that include or border ``touched_rows``.
    ``tree``, when given, is the parse of ``body``; it is parsed otherwise."""
    if not touched_rows or b"//" not in body:
        return body
    comments = _trailing_comments(body, tree)
    if not comments:
        return body
    lines = body.split(b"\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    rows = sorted(comments)
    runs: list[list[int]] = []
    for row in rows:
        if runs and runs[-1][-1] == row - 1 and _indent(lines[row]) == _indent(lines[row - 1]):
            runs[-1].append(row)
        else:
            runs.append([row])
    replacements: list[tuple[int, int, bytes]] = []
    for run in runs:
        near = set(range(run[0] - 1, run[-1] + 2))
        if not near & touched_rows:
            continue
        widths = {r: len(body[offsets[r] : comments[r][0]].decode("utf-8", "replace")) for r in run}
        if len(run) == 1:
            target = {run[0]: 1}
        else:
            column = max(widths.values()) + 1
            target = {r: column - widths[r] for r in run}
        for r in run:
            code_end, comment_start = comments[r]
            pad = b" " * target[r]
            if body[code_end:comment_start] != pad:
                replacements.append((code_end, comment_start, pad))
    if not replacements:
        return body
    out = []
    last = 0
    for start, end, text in sorted(replacements):
        out.append(body[last:start])
        out.append(text)
        last = end
    out.append(body[last:])
    return b"".join(out)
