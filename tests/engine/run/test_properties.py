"""Property tests: on generated Go files, no codemod ever corrupts code.

For files from the grammar in ``tests/gogen.py`` (every import layout, misuses in loops,
func literals and handlers, comments, CRLF, BOM, no final newline), each codemod alone and
all of them together (unsafe fixes on):

- never fail on valid input, and the output parses with no error;
- change nothing but their declared edits: each pass of the runner is replayed, and the
  pass's output must equal the declared edits applied to the pass's input, up to the two
  things the runner does after the edits on purpose: the import declarations (added and
  dropped) and the spacing before trailing comments (realigned as gofmt would);
- are idempotent (a second run changes nothing);
- keep gofmt-clean input gofmt-clean (LF-normalised);
- give a diff that ``git apply`` applies back to the original, reproducing the output.

Import addition and removal commute with edits elsewhere in the file and with each other.

``GOMEND_PROPERTY_EXAMPLES=N`` runs N random examples per test instead of the small,
derandomised CI sample.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gomend.engine.cli.diff import unified_diff
from gomend.engine.go.edits import Edit, apply_edits
from gomend.engine.go.file import GoFile
from gomend.engine.go.import_edits import drop_unused_imports, ensure_imports
from gomend.engine.go.parse import parse
from gomend.engine.go.source import SourceText
from gomend.engine.registry import codemod_ids
from gomend.engine.run.fixpoint import (
    MAX_PASSES,
    apply_fixes,
    choose_fixes,
    process_source,
    run_codemods,
)
from gomend.engine.run.options import RunOptions
from tests.gogen import PACKAGES, Dress, GoSource, dresses, go_files
from tests.gotools import gofmt

EXAMPLES = int(os.environ.get("GOMEND_PROPERTY_EXAMPLES", "0"))


def _settings(ci_examples: int) -> settings:
    return settings(
        max_examples=EXAMPLES or ci_examples,
        deadline=None,
        derandomize=not EXAMPLES,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


# --- the model of a pass ------------------------------------------------------------------

TRAILING_SPACE = re.compile(rb"[ \t]+//")


def _outside_imports(body: bytes) -> bytes:
    """The text with its import declarations cut out, and the blank lines of the header
    (package clause to first other declaration) squeezed, since adding or dropping an
    import declaration adds or removes the blank line that separates it."""
    tree = parse(body)
    top = tree.root_node.named_children
    cut = next(
        (
            n.start_byte
            for n in top
            if n.type not in ("package_clause", "import_declaration", "comment")
        ),
        len(body),
    )
    head = bytearray()
    pos = 0
    for node in top:
        if node.type == "import_declaration" and node.start_byte < cut:
            head += body[pos : node.start_byte]
            pos = node.end_byte
    head += body[pos:cut]
    lines = [line for line in bytes(head).split(b"\n") if line.strip()]
    return b"\n".join(lines) + b"\n" + body[cut:]


def normalised(body: bytes) -> bytes:
    """What a pass must keep: everything but imports and the spacing before ``//``."""
    return TRAILING_SPACE.sub(b" //", _outside_imports(body.replace(b"\r\n", b"\n")))


def replay(raw: bytes, options: RunOptions) -> bytes:
    """Replay the runner's passes; check each pass against its declared edits; return the
    final file."""
    text = SourceText.from_bytes(raw)
    body = text.body
    codemods = options.codemods()
    for _ in range(MAX_PASSES):
        file = GoFile(path="main.go", source=body, tree=parse(body))
        chosen = choose_fixes(run_codemods(file, codemods), options)
        if not chosen:
            break
        edits = [e for f in chosen if f.fix for e in f.fix.edits]
        declared = apply_edits(body, edits, crlf=text.crlf)
        new = apply_fixes(body, chosen, text.crlf)
        rules = sorted({f.rule for f in chosen})
        assert normalised(new) == normalised(declared), (
            f"{rules}: bytes outside the declared edits changed (beyond imports and comment "
            f"alignment)\n--- declared edits applied:\n{declared.decode()}\n--- runner:\n{new.decode()}"
        )
        assert not parse(new).root_node.has_error, f"{rules} produced a syntax error"
        if new == body:
            break
        body = new
    return text.with_body(body).rebuild()


# --- properties of every codemod ------------------------------------------------------------

CODEMOD_SETS = [(cid,) for cid in codemod_ids()] + [tuple(codemod_ids())]


def _check(source: GoSource, dress: Dress, formatted: bool, ids: tuple[str, ...]) -> None:
    text = source.text.encode()
    if formatted:
        clean = gofmt(text)
        assert clean is not None, f"the generator made a file gofmt rejects:\n{source.text}"
        text = clean
    raw = dress.apply(text)
    assert not parse(SourceText.from_bytes(raw).body).root_node.has_error, source.text
    options = RunOptions(codemod_ids=ids, unsafe_fixes=True)
    result = process_source("main.go", raw, options)
    assert result.status in ("changed", "unchanged"), f"{result.status}: {result.reason}"
    output = result.after if result.after is not None else raw
    assert replay(raw, options) == output, "the runner and its replay disagree"
    body = SourceText.from_bytes(output)
    assert not parse(body.body).root_node.has_error
    # the file's dress survives
    assert body.bom == dress.bom
    assert output.endswith(b"\n") == raw.endswith(b"\n")
    if dress.crlf:
        assert b"\n" not in output.replace(b"\r\n", b"")
    # idempotent
    again = process_source("main.go", output, options)
    assert again.status == "unchanged", (
        f"second run: {again.status} {again.reason}\n{output.decode()}"
    )
    if formatted and result.status == "changed":
        lf = dress.undo(output)
        assert gofmt(lf) == lf, f"output not gofmt-clean:\n{lf.decode()}"


@pytest.mark.parametrize("ids", CODEMOD_SETS, ids=lambda ids: "all" if len(ids) > 1 else ids[0])
def test_codemod_output_is_sound(ids: tuple[str, ...]) -> None:
    examples = 200 if len(ids) > 1 else 40

    @_settings(examples)
    @given(source=go_files(), dress=dresses, formatted=st.booleans())
    def check(source: GoSource, dress: Dress, formatted: bool) -> None:
        _check(source, dress, formatted, ids)

    check()


# --- imports commute ------------------------------------------------------------------------


def _neutral_edits(body: bytes, picks: list[int]) -> list[Edit]:
    """``_ = 0`` lines inserted after some statements inside function bodies: edits that use
    no import and lie below every import declaration."""
    tree = parse(body)
    ends = sorted(
        {
            n.end_byte
            for n in _statements(tree.root_node)
            if body.find(b"\n", n.end_byte) >= 0
            and body[n.end_byte : body.find(b"\n", n.end_byte)].strip(b" \r") == b""
        }
    )
    if not ends:
        return []
    chosen = sorted({ends[i % len(ends)] for i in picks})
    return [Edit(e, e, b"\n_ = 0") for e in chosen]


def _statements(root):  # type: ignore[no-untyped-def]
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in ("expression_statement", "short_var_declaration", "assignment_statement"):
            if node.parent is not None and node.parent.type == "statement_list":
                yield node
        stack.extend(node.children)


def _shift(edits: list[Edit], before: bytes, after: bytes) -> list[Edit]:
    """The edits moved onto ``after``, a text that differs from ``before`` only above them."""
    delta = len(after) - len(before)
    first = min(e.start for e in edits)
    assert after[first + delta :] == before[first:], "the import change reached the edits"
    return [Edit(e.start + delta, e.end + delta, e.text) for e in edits]


paths = st.lists(st.sampled_from(sorted(PACKAGES)), unique=True, max_size=3)


@_settings(60)
@given(
    source=go_files(),
    crlf=st.booleans(),
    picks=st.lists(st.integers(0, 50), min_size=1, max_size=4),
    adds=paths,
    drops=paths,
)
def test_imports_commute_with_edits(
    source: GoSource, crlf: bool, picks: list[int], adds: list[str], drops: list[str]
) -> None:
    body = source.text.encode()
    if crlf:
        body = body.replace(b"\n", b"\r\n")
    edits = _neutral_edits(body, picks)
    if not edits:
        return
    edited = apply_edits(body, edits, crlf=crlf)
    # adding imports, before or after the edits
    added = ensure_imports(body, adds, crlf=crlf)
    assert ensure_imports(edited, adds, crlf=crlf) == apply_edits(
        added, _shift(edits, body, added), crlf=crlf
    )
    # dropping unused imports, before or after edits that do not use them
    dropped = drop_unused_imports(body, drops, crlf=crlf)
    assert drop_unused_imports(edited, drops, crlf=crlf) == apply_edits(
        dropped, _shift(edits, body, dropped), crlf=crlf
    )
    # adding and dropping distinct paths, in either order
    drops = [p for p in drops if p not in adds]
    one = drop_unused_imports(ensure_imports(edited, adds, crlf=crlf), drops, crlf=crlf)
    two = ensure_imports(drop_unused_imports(edited, drops, crlf=crlf), adds, crlf=crlf)
    assert one == two
    for out in (added, dropped, one):
        assert not parse(out).root_node.has_error
        if crlf:
            assert b"\n" not in out.replace(b"\r\n", b"")


# --- diffs apply back -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def git_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("apply")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_diff_applies_back_with_git(git_repo: Path) -> None:
    ids = tuple(codemod_ids())
    options = RunOptions(codemod_ids=ids, unsafe_fixes=True)
    applied = []

    @_settings(25)
    @given(source=go_files(), dress=dresses)
    def check(source: GoSource, dress: Dress) -> None:
        raw = dress.apply(source.text.encode())
        result = process_source("main.go", raw, options)
        if result.after is None:
            return
        target = git_repo / "pkg" / "main.go"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(raw)
        patch = unified_diff("pkg/main.go", raw, result.after)
        done = subprocess.run(
            ["git", "apply", "--whitespace=nowarn", "-"],
            cwd=git_repo,
            input=patch.encode("utf-8", "surrogateescape"),
            capture_output=True,
        )
        assert done.returncode == 0, f"git apply: {done.stderr.decode()}\n{patch}"
        assert target.read_bytes() == result.after
        applied.append(1)

    check()
    assert applied, "no generated file was changed: the grammar no longer reaches any codemod"
