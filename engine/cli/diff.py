"""Unified diffs in git's format, from difflib, that ``git apply`` and ``patch -p1`` accept.

Lines are compared with their own line endings, so CRLF files diff as CRLF, and a last line
without a newline gets git's ``\\ No newline at end of file`` marker.
"""

from __future__ import annotations

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(data: bytes) -> list[str]:
    # surrogateescape keeps any byte, so the diff reproduces the file exactly
    return data.decode("utf-8", "surrogateescape").splitlines(keepends=True)


def unified_diff(path: str, before: bytes, after: bytes, context: int = 3) -> str:
    """A git-style diff of one file (``path`` relative, with ``/`` separators)."""
    if before == after:
        return ""
    a, b = _lines(before), _lines(after)
    out = [f"diff --git a/{path} b/{path}\n"]
    import difflib  # only a diff needs it

    body = list(difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", n=context))
    for line in body:
        if line.startswith(("---", "+++")) and not line.endswith("\n"):
            line += "\n"
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n" + NO_NEWLINE)
    return "".join(out)
