"""The result cache's pack file: its JSON layout, results to entries and back.

A pack is one JSON document, ``{"format": FORMAT, "entries": {key: entry, ...}}``, an entry
``{"key": key, "reads": [[kind, where, digest, signature], ...], "result": {...}}``. Never a
pickle: a cache folder may come from anywhere. A result is kept without the new bytes of a
changed file: the cache holds verdicts, never text to write (``fix`` computes it afresh
from the file itself), so whoever can write the cache folder cannot put code into the
files gomend fixes. A pack of another format, or one that does not
read back, holds no entries; what the entries mean, and when one may be used, is
``engine/run/cache.py``'s business.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from gomend.engine.codemod import Finding, Fix, Safety
from gomend.engine.go.edits import Edit
from gomend.engine.go.files import read_regular
from gomend.engine.go.parse import SyntaxProblem
from gomend.engine.run.result import FileResult, FileStatus

FORMAT = 4  # bump when the pack's layout changes

# An entry as the pack holds it, under its key: {"key": key, "reads": [[kind, where,
# digest, signature], ...], "result": {...}}
Entry = dict[str, Any]


def read_pack(path: str) -> dict[str, Entry]:
    """The entries of the pack at ``path``; none when it is missing, foreign or corrupt."""
    try:
        doc = json.loads(read_regular(path))
        if doc.get("format") != FORMAT or not isinstance(doc.get("entries"), dict):
            return {}
        entries: dict[str, Entry] = doc["entries"]
        return entries
    except (OSError, ValueError, AttributeError, RecursionError):
        return {}


def pack_text(entries: dict[str, Entry], texts: dict[str, str]) -> str:
    """The pack of ``entries``, as JSON; ``texts``: those already written as JSON."""
    parts = []
    for key, doc in entries.items():
        text = texts.get(key)
        if text is None:  # an old entry, read from JSON: it writes back
            text = to_json(doc)
        parts.append(f"{to_json(key)}:{text}")
    return f'{{"format":{FORMAT},"entries":{{{",".join(parts)}}}}}'


def to_json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


# --- results as JSON -------------------------------------------------------------------------


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def encode_result(result: FileResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "reason": result.reason,
        "findings": [_encode_finding(f) for f in result.findings],
        "syntax_error": None
        if result.syntax_error is None
        else dataclasses.asdict(result.syntax_error),
        "fixed_by": result.fixed_by,
        "go_version": result.go_version,
        "build": result.build,
        "warnings": result.warnings,
    }


def _encode_finding(f: Finding) -> dict[str, Any]:
    doc = {k.name: getattr(f, k.name) for k in dataclasses.fields(f) if k.name != "fix"}
    if f.fix is not None:
        fix = f.fix
        doc["fix"] = {
            "edits": [[e.start, e.end, _text(e.text)] for e in fix.edits],
            "safety": fix.safety.value,
            "add_imports": list(fix.add_imports),
            "drop_imports": list(fix.drop_imports),
            "new_names": list(fix.new_names),
            "scope": fix.scope,
        }
    return doc


def decode_result(doc: dict[str, Any], path: str) -> FileResult:
    """The result an entry holds, for the file at ``path``. Raises on a document that is
    not one."""
    problem = doc["syntax_error"]
    result = FileResult(
        path=path,
        status=FileStatus(doc["status"]),
        reason=str(doc["reason"]),
        findings=[_decode_finding(f) for f in doc["findings"]],
        syntax_error=None if problem is None else SyntaxProblem(**problem),
        fixed_by={str(k): int(v) for k, v in doc["fixed_by"].items()},
        go_version=None if doc["go_version"] is None else str(doc["go_version"]),
        build=None if doc["build"] is None else str(doc["build"]),
        warnings=[str(w) for w in doc["warnings"]],
    )
    return result


def _decode_finding(doc: dict[str, Any]) -> Finding:
    fix_doc = doc.pop("fix", None)
    fix = None
    if fix_doc is not None:
        fix = Fix(
            edits=tuple(Edit(int(s), int(e), _bytes(t)) for s, e, t in fix_doc["edits"]),
            safety=Safety(fix_doc["safety"]),
            add_imports=tuple(fix_doc["add_imports"]),
            drop_imports=tuple(fix_doc["drop_imports"]),
            new_names=tuple(fix_doc["new_names"]),
            scope=int(fix_doc["scope"]),
        )
    return Finding(**doc, fix=fix)
