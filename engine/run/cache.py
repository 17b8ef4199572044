"""The result cache: a repeated run on an unchanged tree parses nothing it parsed before.

One entry per file that had to be parsed or has something to report (a file the prefilter
settles with nothing to report needs none), under a key that hashes everything the result
depends on:

- the file's path and content, and with ``--new-from-rev`` its changed lines (such a run
  has a fingerprint of its own: its results, which leave out old findings and their fixes,
  never serve a run that reports everything, nor the other way round);
- the run's fingerprint: gomend's version, the source of the engine and of every selected
  codemod (editing a codemod invalidates its entries), the codemod selection, the
  unsafe-fixes flag, the settings and the other options that change results;
- what a codemod read besides the file (a sibling file's constants, a folder listing):
  recorded with the entry and checked again on every hit, by its ``stat`` signature when
  that was settled before the run (the rule of ``engine/run/index.py``), else by reading it.

A changed file, setting, codemod or version therefore misses; nothing stale is served. An
entry holds a verdict (no finding, or these findings), never the bytes a fix writes: a file
with fixes to apply is processed afresh by ``diff`` and ``fix`` (files with fixes are few),
so a poisoned entry can at most misreport, never put its text into a file.

The entries of one run live in one file, a pack per run configuration and walk (the roots
and walk options, as for the stat index): creating a file per entry cost a cold run of the
Go standard library a fifth of its time. A run reads its pack when it starts (worker
processes inherit it), collects the entries of the files it saw, old and new, and writes
the pack again when it ends, if that changed anything. Packs are JSON, never pickles
(``engine/run/pack.py``), written to a temporary file and renamed into place, so concurrent
runs never see half of one (the last to finish wins); a pack or an entry that does not read
back is a miss. In front of the entries, the stat index
(``engine/run/index.py``) gives the entry key of each file a run on the same roots saw
unchanged, so that a warm run reads no file twice.

Where: ``--cache-dir``, else ``$GOMEND_CACHE_DIR``, else the user's cache folder
(``$XDG_CACHE_HOME/gomend``, else ``~/.cache/gomend``), never inside the scanned tree by
default: a cache folder that came with a tree (committed, unpacked) could hide findings or
bring fixes, since its keys can be computed by anyone. Keys hold absolute paths, so trees do
not share entries. A folder gomend makes holds a ``.gitignore`` of ``*`` and a
``CACHEDIR.TAG``, so that one put inside a repository with ``--cache-dir`` ignores itself.
Run configurations, packs and stat indexes unused for 30 days are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence

from gomend.engine import __version__
from gomend.engine.codemod import Codemod
from gomend.engine.go.files import read_regular
from gomend.engine.go.package import SIBLING_READ_LIMIT
from gomend.engine.run.index import RACY_SECONDS, Signature, signature, walk_scope
from gomend.engine.run.newlines import ChangedLines
from gomend.engine.run.options import RunOptions
from gomend.engine.run.pack import (
    FORMAT,
    Entry,
    decode_result,
    encode_result,
    pack_text,
    read_pack,
    to_json,
)
from gomend.engine.run.result import FileResult, FileStatus
from gomend.engine.run.writer import replace_whole

UNUSED_DAYS = 30


def default_cache_dir() -> str:
    """``$GOMEND_CACHE_DIR``, else the user's cache folder."""
    env = os.environ.get("GOMEND_CACHE_DIR")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "gomend")


def _digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def source_digest(codemods: Sequence[Codemod]) -> str:
    """A hash of the whole engine's source (every layer) and of the modules of the given
    codemods (with every module beside them: shared helpers count too)."""
    engine = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = [
        os.path.join(folder, name)
        for folder, _, names in os.walk(engine)
        for name in names
        if name.endswith(".py")
    ]
    for c in codemods:
        module = sys.modules.get(getattr(c.rewrite, "__module__", "") or "")
        file = getattr(module, "__file__", None)
        if file:
            folder = os.path.dirname(os.path.abspath(file))
            files += [os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".py")]
    parts: list[bytes] = []
    for path in sorted(set(files)):
        with open(path, "rb") as fh:
            parts += [path.encode(), fh.read()]
    return _digest(*parts)


def run_fingerprint(
    options: RunOptions, codemods: Sequence[Codemod], new_lines_only: bool = False
) -> str:
    described = {
        "new_lines_only": new_lines_only,
        "format": FORMAT,
        "version": __version__,
        "source": source_digest(codemods),
        "codemods": list(options.codemod_ids),
        "unsafe_fixes": options.unsafe_fixes,
        "settings": options.settings,
        "include_generated": options.include_generated,
        "report_unused_suppressions": options.report_unused_suppressions,
        "settle": options.settle,
        "check_syntax": options.check_syntax,
    }
    text = json.dumps(described, sort_keys=True, default=repr)
    return _digest(text.encode())


class ResultCache:
    """The pack under ``folder/<fingerprint>/``; the run's options (and whether it keeps only
    new findings, ``changed``) fix the fingerprint, the walk's roots and options (``scope``)
    the pack."""

    def __init__(
        self,
        folder: str,
        options: RunOptions,
        codemods: Sequence[Codemod],
        scope: tuple[list[str], str] = ([], ""),
        changed: ChangedLines | None = None,
    ) -> None:
        self.folder = folder
        self.changed = changed  # --new-from-rev: each file's changed lines join its key
        self.fingerprint = run_fingerprint(options, codemods, changed is not None)
        self.root = os.path.join(folder, self.fingerprint[:24])
        self.path = os.path.join(self.root, f"entries-{walk_scope(*scope)}.json")
        self.started_ns = time.time_ns()
        self._checked: dict[tuple[str, str], str] = {}  # other reads verified in this process
        self._signed: dict[str, Signature | None] = {}  # their signatures, in this process
        self._digests: dict[str, tuple[bytes, str]] = {}  # read bytes hashed, in this process
        self._last_key: tuple[str, bytes, str] | None = None
        self._entries = read_pack(self.path)
        self._saved = dict(self._entries)  # the pack as it is on disk
        self._kept: dict[str, Entry] = {}  # this run's entries: the next pack
        self._texts: dict[str, str] = {}  # the new ones among them, as JSON
        self._prune()

    def _prune(self) -> None:
        """Mark this configuration used; remove configurations, and packs and stat indexes
        (``engine/run/index.py``) of walks, unused for long."""
        old = time.time() - UNUSED_DAYS * 86400
        for folder, keep, remove in (
            (self.folder, self.root, lambda p: shutil.rmtree(p, ignore_errors=True)),
            (self.root, self.path, os.unlink),
        ):
            try:
                os.utime(keep)
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                path = os.path.join(folder, name)
                ours = (
                    len(name) == 24
                    if folder == self.folder
                    else name.startswith(("entries-", "index-"))
                )
                if ours and path != keep:
                    with contextlib.suppress(OSError):
                        if os.stat(path).st_mtime < old:
                            remove(path)

    def key(self, path: str, raw: bytes) -> str:
        last = self._last_key
        if last is not None and last[0] == path and last[1] is raw:
            return last[2]  # a miss, then its entry: one hash of the file
        parts = [self.fingerprint.encode(), os.path.abspath(path).encode(), raw]
        if self.changed is not None:
            parts.append(self.changed.key(path))
        key = _digest(*parts)
        self._last_key = (path, raw, key)
        return key

    def load(self, path: str, raw: bytes) -> FileResult | None:
        """The stored result for this content, or None (never stored, changed, corrupt)."""
        return self._load(self.key(path, raw), path)

    def load_key(self, path: str, key: str) -> FileResult | None:
        """The stored result of a file the stat index (``engine/run/index.py``) knows as unchanged
        since it was stored under ``key``. A result with changes to make is checked against
        the file's bytes, which must still have that key."""
        found = self._load(key, path)
        if found is None or found.status != FileStatus.CHANGED:
            return found
        try:
            raw = read_regular(path)
        except OSError:
            return None
        if self.key(path, raw) != key:
            return None
        return found

    def _load(self, key: str, path: str) -> FileResult | None:
        doc = self._entries.get(key)
        if doc is None:
            return None
        try:
            if doc["key"] != key:  # an entry moved under another key
                return None
            for kind, where, digest, sig in doc["reads"]:
                if sig is not None and self._signature(where) == tuple(sig):
                    continue  # unchanged since it was read (see engine/run/index.py)
                if self._read_digest(kind, where) != digest:
                    return None
            return decode_result(doc["result"], path)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            return None

    def entry(
        self,
        path: str,
        raw: bytes,
        result: FileResult,
        reads: Sequence[tuple[str, str, bytes | None]] = (),
    ) -> tuple[str, Entry] | None:
        """The key and the entry that keep ``result`` (``reads``: what the codemods read
        besides the file), for ``keep`` in the process that writes the pack; None for a
        result the format cannot hold."""
        seen = {(kind, os.path.abspath(where)): data for kind, where, data in reads}
        try:
            key = self.key(path, raw)
            doc = {
                "key": key,
                "reads": sorted(
                    (
                        (kind, where, self._payload_digest(where, data), self._settled(where))
                        for (kind, where), data in seen.items()
                    ),
                    key=lambda read: read[:3],
                ),
                "result": encode_result(result),
            }
        except (TypeError, ValueError):
            return None
        return key, doc

    def keep(self, key: str, doc: Entry | None = None) -> None:
        """Keep an entry in the next pack: a new one, or (``doc`` None) the old one a hit used.
        A new one is written as JSON at once, while the workers are still busy, so that the
        save at the end only joins texts; one the format cannot hold is not kept."""
        if doc is None:
            doc = self._entries.get(key)
            if doc is not None:
                self._kept[key] = doc
            return
        try:
            self._texts[key] = to_json(doc)
        except (TypeError, ValueError):
            return
        self._kept[key] = doc

    def store(
        self,
        path: str,
        raw: bytes,
        result: FileResult,
        reads: Sequence[tuple[str, str, bytes | None]] = (),
    ) -> None:
        """``entry`` and ``keep`` in one process."""
        made = self.entry(path, raw, result, reads)
        if made is not None:
            self.keep(*made)
            self._entries[made[0]] = made[1]

    def save(self) -> None:
        """Write the pack of this run's entries, when it differs from the one read; failures
        are ignored (the cache is an optimisation)."""
        if self._kept == self._saved:
            with contextlib.suppress(OSError):
                os.utime(self.path)  # in use: not to be pruned
            return
        text = pack_text(self._kept, self._texts)
        try:
            self._prepare()
        except OSError:
            return
        if not replace_whole(self.path, text):
            return
        self._saved = dict(self._kept)

    def _prepare(self) -> None:
        fresh = not os.path.isdir(self.folder)
        os.makedirs(self.root, exist_ok=True)
        if fresh:
            for name, text in (
                (".gitignore", "# made by gomend: the cache ignores itself\n*\n"),
                ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"),
            ):
                try:
                    with open(os.path.join(self.folder, name), "x") as fh:
                        fh.write(text)
                except OSError:
                    pass

    def _payload_digest(self, where: str, data: bytes | None) -> str:
        """The digest of what was read at ``where``; the same bytes are hashed once."""
        if data is None:
            return "missing"
        known = self._digests.get(where)
        if known is not None and (known[0] is data or known[0] == data):
            return known[1]
        digest = _digest(data)
        self._digests[where] = (data, digest)
        return digest

    def _signature(self, where: str) -> Signature | None:
        if where not in self._signed:
            try:
                self._signed[where] = signature(os.stat(where))
            except OSError:
                self._signed[where] = None
        return self._signed[where]

    def _settled(self, where: str) -> Signature | None:
        """The signature of a file or folder a codemod read, taken after the read: kept when
        it last changed well before this run started, so that it stands for what was read
        (the stat index's rule), else None and the entry's next use reads it again."""
        sig = self._signature(where)
        if sig is None or sig[4] >= self.started_ns - RACY_SECONDS * 1_000_000_000:
            return None
        return sig

    def _read_digest(self, kind: str, where: str) -> str:
        known = self._checked.get((kind, where))
        if known is None:
            data = _read_again(kind, where)
            known = "missing" if data is None else _digest(data)
            self._checked[(kind, where)] = known
        return known


def _read_again(kind: str, where: str) -> bytes | None:
    """What ``gomend.engine.go.package`` would read now for a recorded read."""
    try:
        if kind == "listing":
            return "\0".join(sorted(os.listdir(where))).encode("utf-8", "replace")
        if kind == "file":
            return read_regular(where, SIBLING_READ_LIMIT)
    except OSError:
        return None
    raise ValueError(f"unknown read kind {kind!r}")
